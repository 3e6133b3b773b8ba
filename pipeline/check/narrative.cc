#include "pipeline/check/narrative.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <tuple>
#include <sstream>

#include "pipeline/check/appendix_scope.h"
#include "pipeline/check/body_text.h"
#include "pipeline/core/files.h"
#include "pipeline/core/numbers.h"
#include "pipeline/core/syllable.h"

namespace sohoa {

struct NarrativeRules::Rule {
  std::string key;          // count: quantity; share: numerator
  std::string denominator;  // share only
  std::unique_ptr<RE2> re;
  int n = 0, p = 0, d = 0;  // capture group indices (0 = absent)
};

struct NarrativeRules::Part {
  std::string parent;  // the enumerated count's key, "*" = any
  std::string key;     // the item's key, "=" = the parent's (a level of it)
  std::unique_ptr<RE2> re;  // anchored: label then {N}
  std::unique_ptr<RE2> number_first;  // anchored: {N} hồ sơ then label
  int n = 0, n_first = 0;
};

namespace {

// A count; "6,175" (a decimal comma where the thousands dot belongs) is read
// too, to be reported: a number of files is whole.
const char kCount[] = "(?P<n>\\d{1,3}(?:[.,]\\d{3})+|\\d+)";
// A rate: "79,79", and "99.6" / "94.76" (a decimal point; a percentage
// has no thousands).
const char kPercent[] = "(?P<p>\\d{1,3}(?:,\\d+|\\.\\d{1,2})?)";
const char kDenominator[] = "(?P<d>\\d{1,3}(?:\\.\\d{3})+|\\d+)";

std::string Expand(std::string pattern) {
  for (auto [from, to] : {std::pair{"{N}", kCount}, {"{P}", kPercent}, {"{D}", kDenominator}}) {
    size_t at;
    while ((at = pattern.find(from)) != std::string::npos) pattern.replace(at, 3, to);
  }
  return pattern;
}

struct Match {
  size_t begin = 0, end = 0;
  std::string n, p, d;
  size_t n_at = std::string::npos, p_at = std::string::npos, d_at = std::string::npos;
};

// Matches `rule` in text[from..]; anchored rules start with '^'.
bool Find(const NarrativeRules::Rule& rule, const std::string& text, size_t from, Match* m) {
  if (from > text.size()) return false;
  re2::StringPiece sub(text.data() + from, text.size() - from);
  int groups = rule.re->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> g(groups);
  if (!rule.re->Match(sub, 0, sub.size(), RE2::UNANCHORED, g.data(), groups)) return false;
  m->begin = g[0].data() - text.data();
  m->end = m->begin + g[0].size();
  auto take = [&](int i, std::string* out, size_t* at) {
    if (i <= 0 || !g[i].data()) return;
    *out = std::string(g[i]);
    if (at) *at = g[i].data() - text.data();
  };
  take(rule.n, &m->n, &m->n_at);
  take(rule.p, &m->p, &m->p_at);
  std::replace(m->p.begin(), m->p.end(), '.', ',');
  take(rule.d, &m->d, &m->d_at);
  return true;
}

}  // namespace

std::string FoldForClaims(const std::string& text) {
  std::string s = ToLowerVietnamese(StripDiacritics(text));
  std::string out;
  bool in_tag = false, space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '<' && i + 1 < s.size() && (isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/')) {
      in_tag = true;
      continue;
    }
    if (in_tag) {
      if (c == '>') in_tag = false;
      continue;
    }
    if (c == '*' || c == '_' || c == '#') c = ' ';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

NarrativeRules::NarrativeRules() = default;
NarrativeRules::~NarrativeRules() = default;
NarrativeRules::NarrativeRules(NarrativeRules&&) noexcept = default;
NarrativeRules& NarrativeRules::operator=(NarrativeRules&&) noexcept = default;

Status NarrativeRules::Parse(const std::string& text, const std::string& origin,
                             NarrativeRules* out) {
  *out = NarrativeRules();
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::istringstream ls(line);
    for (std::string field; std::getline(ls, field, '\t');) f.push_back(field);
    auto error = [&](const std::string& what) {
      return Status::Corrupt(origin + ":" + std::to_string(number) + ": " + what);
    };
    const std::string& kind = f[0];
    if (kind == "label") {
      if (f.size() != 3) return error("expected 'label<TAB>KEY<TAB>TEXT'");
      out->labels_[f[1]] = f[2];
      continue;
    }
    if (kind == "sum" || kind == "percent") {
      std::istringstream ws(f.size() > 1 ? f[1] : "");
      std::vector<std::string> w;
      for (std::string x; ws >> x;) w.push_back(x);
      if (kind == "percent") {
        if (w.size() != 3 || w[1] != "/") return error("expected 'percent KEY / PARENT'");
        out->percent_parent_[w[0]] = w[2];
        continue;
      }
      if (w.size() < 3 || w[1] != "=") return error("expected 'sum TOTAL = A + B'");
      SumIdentity id{w[0], {}};
      for (size_t i = 2; i < w.size(); i += 2) id.parts.push_back(w[i]);
      out->sums_.push_back(id);
      continue;
    }
    if (kind == "part") {
      if (f.size() != 4) return error("expected 'part<TAB>PARENT<TAB>KEY<TAB>LABEL'");
      auto part = std::make_unique<Part>();
      part->parent = f[1];
      part->key = f[2];
      RE2::Options options;
      options.set_log_errors(false);
      part->re = std::make_unique<RE2>(
          Expand("^ ?(?:[-+*•–] )?(?:" + f[3] + ")(?: la|:)? ?{N}(?: ho so)?(?: tthc)?"), options);
      if (!part->re->ok()) return error("bad pattern: " + part->re->error());
      part->n = part->re->NamedCapturingGroups().at("n");
      // "(60.610 hồ sơ trả kết quả trước hạn; 12.379 hồ sơ đúng hạn; ...)",
      // "(1.910 trước hạn, 1.091 đúng hạn, 57 quá hạn)".
      part->number_first = std::make_unique<RE2>(
          Expand("^ ?(?:[-+*•–] )?{N}(?: ho so)?(?: tthc)? (?:(?:duoc |da )?(?:tra ket qua|giai quyet) )?(?:" +
                 f[3] + ")(?:[^a-z0-9]|$)"),
          options);
      if (!part->number_first->ok()) return error("bad pattern: " + part->number_first->error());
      part->n_first = part->number_first->NamedCapturingGroups().at("n");
      out->parts_.push_back(std::move(part));
      continue;
    }
    auto rule = std::make_unique<Rule>();
    std::string pattern;
    if (kind == "follow") {
      if (f.size() != 2) return error("expected 'follow<TAB>REGEX'");
      pattern = f[1];
    } else if (kind == "count" || kind == "share" || kind == "denominator") {
      if (f.size() != 3) return error("expected '" + kind + "<TAB>KEY<TAB>REGEX'");
      rule->key = f[1];
      if (kind == "count" && f[1].find('/') != std::string::npos) {
        // "count KEY/DEN": the {D} of "{N}/{D} hồ sơ" is a count of DEN.
        rule->key = f[1].substr(0, f[1].find('/'));
        rule->denominator = f[1].substr(f[1].find('/') + 1);
      }
      if (kind == "share") {
        size_t slash = f[1].find('/');
        if (slash == std::string::npos) return error("share needs KEY/DENOMINATOR");
        rule->key = f[1].substr(0, slash);
        rule->denominator = f[1].substr(slash + 1);
      }
      pattern = f[2];
    } else {
      return error("unknown rule '" + kind + "'");
    }
    RE2::Options options;
    options.set_log_errors(false);
    rule->re = std::make_unique<RE2>(Expand(pattern), options);
    if (!rule->re->ok()) return error("bad pattern: " + rule->re->error());
    const auto& names = rule->re->NamedCapturingGroups();
    auto index = [&](const char* name) {
      auto it = names.find(name);
      return it == names.end() ? 0 : it->second;
    };
    rule->n = index("n");
    rule->p = index("p");
    rule->d = index("d");
    if (kind == "count" && !rule->n) return error("count pattern without {N}");
    if ((kind == "share" || kind == "follow") && !rule->p) return error(kind + " pattern without {P}");
    auto& list = kind == "count" ? out->counts_ : kind == "share" ? out->shares_
               : kind == "follow" ? out->follows_ : out->denominators_;
    list.push_back(std::move(rule));
  }
  return Status::Ok();
}

Status NarrativeRules::Load(const std::string& dictionaries_dir, NarrativeRules* out) {
  std::string dir = dictionaries_dir.empty() ? DictionariesDir() : dictionaries_dir;
  std::string path = dir + "/check/claims.txt";
  std::string text;
  if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
  if (Status s = Parse(text, path, out); !s.ok()) return s;
  return ScopeRules::Load(dir, &out->scopes_);
}

void NarrativeRules::ReadEnumeration(const std::string& text, const std::string& parent,
                                     size_t after,
                                     std::vector<EnumerationItem>* items) const {
  // "N hồ sơ TTHC thuộc các lĩnh vực, trong đó:", "N hồ sơ (chiếm x%); trong
  // đó,", "N hồ sơ, đạt tỷ lệ 88,92 %; trong đó", "N hồ sơ (trước hạn: A; ...)".
  static const RE2 intro(
      "^(?: ho so)?(?: tthc)?(?: \\([^()]*\\))?(?:,? (?:dat|chiem)(?: ty le)? \\d{1,3}(?:[,.]\\d{1,2})? ?%)?"
      "[^0-9;.()]{0,60}?[,;:]? ?trong do[,:]? ?");
  static const RE2 paren("^(?: ho so)?(?: tthc)?(?: truc tuyen)?:? ?\\((?:(?:trong do|bao gom|gom)[,:]? ?)?");
  // "đã giải quyết 6.089 hồ sơ, gồm:" or "...: 7.239 hồ sơ." then one item a
  // line ("• Trước hạn: 4.693 hồ sơ", "+ Từ kỳ trước chuyển sang: 1.053").
  static const RE2 list_intro("^(?: ho so)?(?: tthc)?(?:,? (?:bao )?gom:|[.:])? ?");
  static const RE2 bullet("^ ?[.;,]? ?(?:[-+*•–] )");
  static const RE2 before_bullet("^ ?[.;,]? ?");
  static const RE2 separator("^ ?[,;] ?(?:va )?|^ va ");
  static const RE2 aside("^ ?\\([^()]*\\)");
  re2::StringPiece whole;
  // '^' of the patterns: the piece starts at `pos`.
  auto at = [&](const RE2& re, size_t pos) {
    if (pos > text.size()) return false;
    re2::StringPiece in(text.data() + pos, text.size() - pos);
    return re.Match(in, 0, in.size(), RE2::ANCHOR_START, &whole, 1);
  };
  size_t pos = after;
  bool in_paren = false, bulleted = false;
  if (at(intro, pos)) {
    pos += whole.size();
  } else if (at(paren, pos)) {
    pos += whole.size();
    in_paren = true;
  } else if (at(list_intro, pos)) {
    size_t end = pos + whole.size();
    if (!at(bullet, end)) return;
    at(before_bullet, end);
    pos = end + whole.size();
    bulleted = true;
  } else {
    return;
  }
  bool early = false;
  std::vector<EnumerationItem> found;
  for (;;) {
    bool matched = false;
    for (const auto& part : parts_) {
      if (part->parent != "*" && part->parent != parent) continue;
      re2::StringPiece in(text.data() + pos, text.size() - pos);
      int n = part->re->NumberOfCapturingGroups() + 1;
      std::vector<re2::StringPiece> g(n);
      int ni = part->n;
      bool trailing_context = false;
      if (!part->re->Match(in, 0, in.size(), RE2::ANCHOR_START, g.data(), n)) {
        n = part->number_first->NumberOfCapturingGroups() + 1;
        g.assign(n, re2::StringPiece());
        if (!part->number_first->Match(in, 0, in.size(), RE2::ANCHOR_START, g.data(), n)) continue;
        ni = part->n_first;
        trailing_context = true;
      }
      std::string key = part->key == "=" ? parent : part->key;
      early = early || key == "resolved_early";
      pos = g[0].data() - text.data() + g[0].size();
      // The number-first form ends on one character after the label.
      if (trailing_context && pos > 0 && !isalnum(static_cast<unsigned char>(text[pos - 1]))) --pos;
      found.push_back({key, static_cast<size_t>(g[ni].data() - text.data()), pos});
      matched = true;
      break;
    }
    if (!matched) break;
    if (at(aside, pos)) pos += whole.size();
    if (at(separator, pos)) {
      pos += whole.size();
    } else if (bulleted && at(bullet, pos)) {
      at(before_bullet, pos);  // the item's pattern reads its bullet
      pos += whole.size();
    } else {
      break;
    }
    (void)in_paren;
  }
  // "đúng hạn" beside "trước hạn" is on time only; alone it is in time
  // (trước hạn và đúng hạn), as Hà Nam writes "Trả đúng thời hạn 2.108".
  for (EnumerationItem& item : found)
    if (item.key == "resolved_ontime" && !early) item.key = "resolved_in_time";
  items->insert(items->end(), found.begin(), found.end());
}

std::string NarrativeRules::SubjectOfLabel(const std::string& label) const {
  BodyText body;
  body.text = FoldForClaims(label) + " ";
  body.marks.push_back({0, 0, 0, label});
  BodyText::Paragraph p;
  p.end = body.text.size();
  p.marker = "plain";
  body.paragraphs.push_back(p);
  const ScopeReader reader(body, ReportMeta(), scopes_);
  std::string subject;
  for (const ScopeReader::Hit& h : reader.hits()) {
    if (h.period || h.value.empty()) continue;
    if (!subject.empty() && subject != h.value) return "";
    subject = h.value;
  }
  return subject;
}

std::vector<Claim> NarrativeRules::FindClaims(const Document& doc, const ReportMeta& meta) const {
  const BodyText body = ReadBody(doc);
  const std::string& text = body.text;
  const ScopeReader scopes(body, meta, scopes_);
  auto where = [&](size_t offset, Claim* c) {
    c->offset = offset;
    c->scope = scopes.At(offset);
    const BodyText::Mark* at = body.LineAt(offset);
    if (!at) return;
    c->page = at->page, c->line = at->line;
    // Quote the line as written, whitespace collapsed, at most ~160 bytes
    // (cut at a space so UTF-8 stays whole).
    std::string q = CollapseSpaces(at->original);
    if (q.size() > 160) {
      size_t cut = q.rfind(' ', 160);
      q = q.substr(0, cut == std::string::npos ? 160 : cut) + " …";
    }
    c->text = q;
  };
  std::vector<Claim> claims;
  std::set<size_t> used_numbers, used_percents;
  // Percentages (and their denominators) that follow a position.
  auto chain = [&](Claim base, size_t pos, bool have_percent) {
    const std::string default_denominator = base.denominator_key;
    auto denominators = [&](Claim* c, size_t* at) {
      for (const auto& d : denominators_) {
        Match m;
        if (Find(*d, text, *at, &m)) {
          c->denominator_key = d->key;
          *at = m.end;
          return;
        }
      }
    };
    if (have_percent) {
      denominators(&base, &pos);
      claims.push_back(base);
    } else {
      claims.push_back(base);  // the count alone
    }
    for (int k = 0; k < 3; ++k) {
      bool found = false;
      for (const auto& f : follows_) {
        Match m;
        if (!Find(*f, text, pos, &m) || used_percents.count(m.p_at)) continue;
        Claim c = base;
        c.percent = ParseVietnameseNumber(m.p);
        c.percent_decimals = DecimalsOf(m.p);
        c.denominator_count = m.d.empty() ? std::nullopt : ParseVietnameseNumber(m.d);
        c.denominator_key = default_denominator;
        used_percents.insert(m.p_at);
        pos = m.end;
        denominators(&c, &pos);
        claims.push_back(c);
        found = true;
        break;
      }
      if (!found) break;
    }
  };
  // "hơn 50", "khoảng 1.000", "từ 5 đến 7", "5-7 hồ sơ": not a figure to check.
  auto approximate = [&](size_t n_at, size_t n_len) {
    static const RE2 before("(?:^|[^a-z])(?:hon|tren|gan|khoang|xap xi|toi|tu|den|it nhat|toi thieu|toi da|duoi) $");
    static const RE2 after("^ ?(?:-|–|den) ?\\d");
    size_t w = n_at >= 16 ? n_at - 16 : 0;
    re2::StringPiece b(text.data() + w, n_at - w), a(text.data() + n_at + n_len,
                                                     std::min<size_t>(8, text.size() - n_at - n_len));
    return RE2::PartialMatch(b, before) || RE2::PartialMatch(a, after);
  };
  std::map<size_t, std::string> rekey;  // number offset -> the key its items show
  // Enumerations first: their items take their numbers before any pattern
  // that would read an item alone ("trả đúng hạn B" is not "trước hạn và
  // đúng hạn" when "trả trước hạn A" stands before it).
  for (const auto& rule : counts_) {
    bool is_parent = false;
    for (const auto& part : parts_) is_parent = is_parent || part->parent == rule->key || part->parent == "*";
    if (!is_parent) continue;
    size_t from = 0;
    Match m;
    while (Find(*rule, text, from, &m)) {
      from = std::max(m.end, m.begin + 1);
      std::vector<EnumerationItem> items;
      ReadEnumeration(text, rule->key, m.n_at + m.n.size(), &items);
      // "tiếp nhận N hồ sơ (kỳ trước chuyển sang A, tiếp nhận mới B)": N is
      // the total received.
      if (rule->key == "received_stated")
        for (const EnumerationItem& item : items)
          if (item.key == "received_carryover") rekey[m.n_at] = "received_total";
      for (const auto& [key, n_at, item_end] : items) {
        if (used_numbers.count(n_at)) continue;
        size_t len = text.find_first_not_of("0123456789.", n_at) - n_at;
        if (approximate(n_at, len)) continue;
        used_numbers.insert(n_at);
        Claim c;
        c.key = key;
        c.count = ParseVietnameseNumber(text.substr(n_at, len));
        if (!c.count) continue;
        where(n_at, &c);
        chain(c, item_end, false);
      }
    }
  }
  for (const auto& rule : counts_) {
    size_t from = 0;
    Match m;
    while (Find(*rule, text, from, &m)) {
      from = std::max(m.end, m.begin + 1);
      if (used_numbers.count(m.n_at)) continue;
      used_numbers.insert(m.n_at);
      if (approximate(m.n_at, m.n.size())) continue;
      Claim c;
      c.key = rekey.count(m.n_at) ? rekey[m.n_at] : rule->key;
      c.denominator_key = rule->denominator;
      c.count = ParseVietnameseNumber(m.n);
      if (!c.count) continue;
      where(m.n_at, &c);
      bool have_percent = !m.p.empty();
      if (have_percent) {
        c.percent = ParseVietnameseNumber(m.p);
        c.percent_decimals = DecimalsOf(m.p);
        used_percents.insert(m.p_at);
        if (!m.d.empty()) c.denominator_count = ParseVietnameseNumber(m.d);
      }
      chain(c, m.end, have_percent);
      // "{N}/{D} hồ sơ" of "count KEY/DEN": D is a figure of DEN too.
      if (!rule->denominator.empty() && !m.d.empty() && !used_numbers.count(m.d_at)) {
        used_numbers.insert(m.d_at);
        Claim d;
        d.key = rule->denominator;
        d.count = ParseVietnameseNumber(m.d);
        if (d.count) {
          where(m.d_at, &d);
          claims.push_back(d);
        }
      }
    }
  }
  for (const auto& rule : shares_) {
    size_t from = 0;
    Match m;
    while (Find(*rule, text, from, &m)) {
      from = std::max(m.end, m.begin + 1);
      if (used_percents.count(m.p_at)) continue;
      used_percents.insert(m.p_at);
      Claim c;
      c.key = rule->key;
      c.percent = ParseVietnameseNumber(m.p);
      c.percent_decimals = DecimalsOf(m.p);
      c.denominator_key = rule->denominator;
      where(m.p_at, &c);
      chain(c, m.end, true);
    }
  }
  std::stable_sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
    return a.page != b.page ? a.page < b.page : a.line < b.line;
  });
  return claims;
}

namespace {

struct Known {
  double value = 0;
  std::string source;  // "table PL-I", "text", "derived"
  const Claim* claim = nullptr;
};

std::string Quote(const Claim& c) { return "(\"" + c.text + "\")"; }

Finding NarrativeFinding(const Claim& c, Severity severity) {
  Finding f;
  f.kind = FindingKind::kNarrative;
  f.severity = severity;
  f.column = c.key;
  f.row_label = "text";
  f.page = c.page;
  f.line = c.line;
  return f;
}

}  // namespace

namespace {

FigureScopeNote ScopeNoteOf(const std::string& role, const FigureScope& s) {
  return {role, s.period, s.subject, s.Describe()};
}

// The sum of a column over the body rows, when every row has a value.
std::optional<double> RowSum(const Table& t, size_t column) {
  double sum = 0;
  if (t.rows.empty()) return std::nullopt;
  for (const Row& r : t.rows) {
    if (column >= r.cells.size() || !r.cells[column].value) return std::nullopt;
    sum += *r.cells[column].value;
  }
  return sum;
}

// The claims of one scope against each other, and (the report's own period
// and the whole issuer) against the tables' totals in `known`.
// `elsewhere`: every count stated or tabled for a quantity, in any scope (a
// rate whose denominator the text names only in words may be over the
// figure of another scope: "chiếm 23,23 % hồ sơ đã giải quyết" under the
// province's heading, of the centre's files). Stated figures that a table
// cell or a sum that holds confirms go to `vouched_claims`.
void CheckScope(const std::vector<const Claim*>& claims, const FigureScope& scope,
                std::map<std::string, Known> known, std::map<std::string, std::string> parents,
                const std::function<std::string(const std::string&)>& name,
                const NarrativeRules& rules,
                const std::map<std::string, std::vector<double>>& elsewhere,
                std::set<const Claim*>* vouched_claims, std::vector<Finding>* findings) {
  // Counts against the tables and against each other (a count stated with
  // two percentages is one claim).
  std::set<std::tuple<std::string, double, int, int>> seen;
  for (const Claim* cp : claims) {
    const Claim& c = *cp;
    if (!c.count || !seen.insert({c.key, *c.count, c.page, c.line}).second) continue;
    auto it = known.find(c.key);
    if (it == known.end()) {
      known[c.key] = {*c.count, "text", &c};
      continue;
    }
    if (std::fabs(it->second.value - *c.count) < 1e-6) {
      // Confirmed by a table cell, or stated again on another line.
      if (it->second.source != "text") {
        vouched_claims->insert(&c);
      } else if (it->second.claim && it->second.claim != &c &&
                 (it->second.claim->page != c.page || it->second.claim->line != c.line)) {
        vouched_claims->insert(&c);
        vouched_claims->insert(it->second.claim);
      }
      continue;
    }
    if (it->second.claim == &c) continue;
    // The same quantity again under another numbered heading ("2. Kết quả
    // năm 2019") whose period no marker names: the heading's period may be
    // one the markers do not know, so the two are not surely one scope.
    const Claim* earlier = it->second.source == "text" ? it->second.claim : nullptr;
    if (earlier && earlier->scope.section != c.scope.section && !c.scope.period_stated) {
      Finding f = NarrativeFinding(c, Severity::kInfo);
      f.stated = c.count;
      f.message = "not checked: " + FormatVietnameseNumber(*c.count) + " for '" + name(c.key) + "' " +
                  Quote(c) + " differs from " + FormatVietnameseNumber(it->second.value) +
                  " stated earlier, but it stands under another heading whose period the text does "
                  "not name, so the two may not be of one period";
      f.scopes = {ScopeNoteOf("stated", c.scope), ScopeNoteOf("earlier", earlier->scope)};
      findings->push_back(f);
      continue;
    }
    bool from_table = it->second.source != "text";
    // The text's two figures are the table's two totals the other way round
    // (resolved 9.618, pending 2.486 against a total row read 2.486 / 9.618):
    // the table's columns are more likely keyed wrongly than the text.
    std::string swapped_with;
    for (const Claim* d : claims) {
      if (!from_table || !d->count || d->key == c.key) continue;
      auto other = known.find(d->key);
      if (other == known.end() || other->second.source == "text") continue;
      if (std::fabs(other->second.value - *c.count) < 1e-6 && std::fabs(*d->count - it->second.value) < 1e-6)
        swapped_with = d->key;
    }
    Finding f = NarrativeFinding(c, swapped_with.empty() ? Severity::kError : Severity::kWarning);
    f.stated = c.count;
    f.expected = it->second.value;
    f.table = from_table ? it->second.source.substr(6) : "";
    f.message = "the text says " + FormatVietnameseNumber(*c.count) + " for '" + name(c.key) + "' " +
                Quote(c) + " but " +
                (from_table ? "the total row of " + it->second.source + " gives "
                            : "the text said earlier ") +
                FormatVietnameseNumber(it->second.value);
    f.suspect = SuspectCell{-1, c.key, c.count, from_table ? std::optional(it->second.value)
                                                           : std::nullopt, {}};
    f.scopes = {ScopeNoteOf("stated", c.scope),
                ScopeNoteOf(from_table ? "table" : "earlier",
                     it->second.claim ? it->second.claim->scope : scope)};
    f.message += " [" + c.scope.Describe() + "]";
    if (!swapped_with.empty())
      f.message += "; the text's '" + name(swapped_with) + "' is this column's value and the other way round: "
                   "the table's two columns may be keyed wrongly";
    // The stated figure under another column of the same total row: the
    // appendix's columns may have been read under other keys (a header
    // misread), so the text is not blamed.
    if (from_table && swapped_with.empty())
      for (const auto& [other, k] : known)
        if (other != c.key && k.source == it->second.source && std::fabs(k.value - *c.count) < 1e-6) {
          f.severity = Severity::kWarning;
          f.message += "; the total row gives " + FormatVietnameseNumber(k.value) + " under '" + name(other) +
                       "': the appendix's columns may have been read under other keys";
          break;
        }
    findings->push_back(f);
  }
  // Figures that follow from the stated ones through the sums; each derived
  // figure remembers the stated ones it came from.
  std::map<std::string, std::set<std::string>> sources;
  std::map<std::string, const SumIdentity*> derived_by;
  auto origins = [&](const std::string& key) {
    auto it = sources.find(key);
    return it != sources.end() ? it->second : std::set<std::string>{key};
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (const SumIdentity& s : rules.sums()) {
      bool have_total = known.count(s.total);
      int missing = 0;
      std::string missing_key;
      double sum = 0;
      std::set<std::string> from;
      for (const std::string& p : s.parts) {
        auto it = known.find(p);
        if (it == known.end()) {
          ++missing, missing_key = p;
        } else {
          sum += it->second.value;
          for (const std::string& o : origins(p)) from.insert(o);
        }
      }
      if (!have_total && missing == 0) {
        known[s.total] = {sum, "derived", nullptr};
        sources[s.total] = from;
        derived_by[s.total] = &s;
        changed = true;
      } else if (have_total && missing == 1 && known[s.total].value - sum >= 0) {
        known[missing_key] = {known[s.total].value - sum, "derived", nullptr};
        for (const std::string& o : origins(s.total)) from.insert(o);
        sources[missing_key] = from;
        derived_by[missing_key] = &s;
        changed = true;
      }
    }
  }
  // The sums between stated figures. A sum of figures none of them derived
  // that holds vouches for its stated figures; in a broken sum, the one
  // stated figure nothing vouches for is the suspect.
  struct SumState {
    const SumIdentity* sum;
    bool checkable, holds;
  };
  std::vector<SumState> states;
  std::set<std::string> vouched;
  for (const SumIdentity& s : rules.sums()) {
    std::vector<std::string> members{s.total};
    members.insert(members.end(), s.parts.begin(), s.parts.end());
    bool all = true, any_text = false, derived = false;
    double sum = 0;
    for (const std::string& m : members) {
      auto it = known.find(m);
      if (it == known.end()) {
        all = false;
        break;
      }
      any_text = any_text || it->second.source == "text";
      // Holding because a member was derived from this very sum proves nothing.
      derived = derived || (derived_by.count(m) && derived_by[m] == &s);
      if (m != s.total) sum += it->second.value;
    }
    if (!all || !any_text) continue;
    bool holds = std::fabs(sum - known[s.total].value) < 1e-6;
    states.push_back({&s, true, holds});
    if (holds && !derived)
      for (const std::string& m : members)
        for (const std::string& o : origins(m)) vouched.insert(o);
  }
  for (const std::string& k : vouched)
    if (known.count(k) && known[k].source == "text" && known[k].claim)
      vouched_claims->insert(known[k].claim);
  // Two sums of one total where one's parts extend the other's (received =
  // resolved + pending, and + returned when the text counts the files
  // returned apart): the text means one of them; when one holds, the other
  // is not the text's.
  auto extends = [](const SumIdentity& a, const SumIdentity& b) {
    if (a.total != b.total) return false;
    for (const std::string& p : b.parts)
      if (std::find(a.parts.begin(), a.parts.end(), p) == a.parts.end()) return false;
    return true;
  };
  auto holds_in_known = [&](const SumIdentity& s) {
    if (!known.count(s.total)) return false;
    double sum = 0;
    for (const std::string& p : s.parts) {
      if (!known.count(p)) return false;
      sum += known[p].value;
    }
    return std::fabs(sum - known[s.total].value) < 1e-6;
  };
  for (const SumState& st : states) {
    if (st.holds) continue;
    bool alternative_holds = false;
    for (const SumIdentity& other : rules.sums())
      alternative_holds = alternative_holds ||
                          (&other != st.sum && (extends(other, *st.sum) || extends(*st.sum, other)) &&
                           holds_in_known(other));
    if (alternative_holds) continue;
    const SumIdentity& s = *st.sum;
    double sum = 0;
    std::string parts;
    for (const std::string& p : s.parts) {
      sum += known[p].value;
      parts += (parts.empty() ? "" : " + ") + name(p) + " " + FormatVietnameseNumber(known[p].value);
    }
    const Known& total = known[s.total];
    std::set<std::string> suspects;
    std::vector<std::string> members{s.total};
    members.insert(members.end(), s.parts.begin(), s.parts.end());
    for (const std::string& m : members)
      for (const std::string& o : origins(m))
        if (known.count(o) && known[o].source == "text" && !vouched.count(o)) suspects.insert(o);
    const Claim* anchor = total.claim;
    for (const std::string& p : s.parts)
      if (!anchor && known[p].claim) anchor = known[p].claim;
    if (suspects.size() == 1 && known[*suspects.begin()].claim) anchor = known[*suspects.begin()].claim;
    Claim dummy;
    Finding f = NarrativeFinding(anchor ? *anchor : dummy, Severity::kError);
    f.column = s.total;
    f.stated = total.value;
    f.expected = sum;
    // A total the text does not state follows from stated figures; the
    // finding states one of those (the largest: the total they come from).
    std::string derived_note;
    if (total.source == "derived") {
      const Known* from = nullptr;
      std::string from_key;
      for (const std::string& o : origins(s.total))
        if (known.count(o) && known[o].source == "text" && (!from || known[o].value > from->value))
          from = &known[o], from_key = o;
      if (from) {
        f.column = from_key;
        f.stated = from->value;
        f.expected = std::nullopt;
        if (from->claim) anchor = from->claim;
      }
      derived_note = " (not stated: it follows from the stated figures)";
    }
    if (anchor) f.page = anchor->page, f.line = anchor->line;
    f.message = "the stated figures do not add up: " + name(s.total) + " " +
                FormatVietnameseNumber(total.value) + derived_note + " but " + parts + " = " +
                FormatVietnameseNumber(sum) + (anchor ? " " + Quote(*anchor) : "") + " [" +
                scope.Describe() + "]";
    f.scopes.push_back(ScopeNoteOf("total", total.claim ? total.claim->scope : scope));
    for (const std::string& p : s.parts)
      f.scopes.push_back(ScopeNoteOf("part", known[p].claim ? known[p].claim->scope : scope));
    // One unvouched stated member directly in the sum: it is the suspect and
    // the sum gives its value.
    if (suspects.size() == 1) {
      const std::string& key = *suspects.begin();
      std::optional<double> fixed;
      if (key == s.total) {
        fixed = sum;
      } else if (std::find(s.parts.begin(), s.parts.end(), key) != s.parts.end()) {
        fixed = total.value - (sum - known[key].value);
      }
      f.column = key;
      f.stated = known[key].value;
      f.expected = fixed;
      f.suspect = SuspectCell{-1, key, known[key].value, fixed, {}};
      f.message += "; suspect: the stated '" + name(key) + "' " +
                   FormatVietnameseNumber(known[key].value) +
                   (fixed ? ", the sum gives " + FormatVietnameseNumber(*fixed) : "");
    } else if (suspects.size() > 1) {
      std::string list;
      for (const std::string& k : suspects) list += (list.empty() ? "'" : "', '") + name(k);
      list += "'";
      f.message += "; any of " + list + " could be the wrong one";
    }
    findings->push_back(f);
  }
  // Percentages against their own figures.
  for (const Claim* cp : claims) {
    const Claim& c = *cp;
    if (!c.percent) continue;
    std::optional<double> num = c.count;
    if (!num && known.count(c.key)) num = known[c.key].value;
    if (!num) continue;
    double tolerance = 0.5 * std::pow(10.0, -c.percent_decimals) + 1e-9;
    auto fits = [&](double den) {
      return den > 0 && std::fabs(*c.percent - 100.0 * *num / den) <= tolerance;
    };
    std::optional<double> den;
    std::string den_name;
    if (c.denominator_count) {
      den = c.denominator_count;
      den_name = "tổng số " + FormatVietnameseNumber(*den);
      // The stated denominator should be the figure it names.
      std::string key = c.denominator_key.empty() ? "received_total" : c.denominator_key;
      if (known.count(key) && std::fabs(known[key].value - *den) > 1e-6) {
        bool any = false;
        for (const auto& [k, v] : known) any = any || std::fabs(v.value - *den) < 1e-6;
        if (!any) {
          Finding f = NarrativeFinding(c, Severity::kError);
          f.column = key;
          f.stated = den;
          f.expected = known[key].value;
          f.message = "the text gives " + FormatVietnameseNumber(*den) + "  as the total ('" + name(key) +
                      "') " + Quote(c) + " but " + known[key].source + " gives " +
                      FormatVietnameseNumber(known[key].value);
          f.suspect = SuspectCell{-1, key, den, known[key].value, {}};
          f.scopes = {ScopeNoteOf("stated", c.scope),
                      ScopeNoteOf(known[key].claim ? "earlier" : "table",
                           known[key].claim ? known[key].claim->scope : scope)};
          findings->push_back(f);
        }
      }
    } else {
      std::string key = !c.denominator_key.empty() ? c.denominator_key
                        : parents.count(c.key)    ? parents[c.key]
                                                  : "received_total";
      if (known.count(key)) {
        den = known[key].value;
        den_name = "'" + name(key) + "' " + FormatVietnameseNumber(*den);
      }
    }
    if (!den || fits(*den)) continue;
    // The report may compute over another total than the usual one.
    bool explained = false;
    if (!c.denominator_count && c.denominator_key.empty())
      for (const auto& [k, v] : known) explained = explained || fits(v.value);
    if (!explained && !c.denominator_count) {
      std::string key = !c.denominator_key.empty() ? c.denominator_key
                        : parents.count(c.key)    ? parents[c.key]
                                                  : "received_total";
      auto e = elsewhere.find(key);
      if (e != elsewhere.end())
        for (double v : e->second) explained = explained || fits(v);
    }
    if (explained) continue;
    // A rate over a total named only in words ("chiếm 11,78% hồ sơ đã giải
    // quyết"), in a paragraph that does not name its subject, may be over
    // the issuer's own total under a heading about the province: only noted.
    if (!c.denominator_count && !c.denominator_key.empty() && c.scope.subject_from_above) {
      Finding f = NarrativeFinding(c, Severity::kInfo);
      f.stated = c.percent;
      f.message = "not checked: " + FormatVietnameseNumber(*c.percent, c.percent_decimals) + "% for '" +
                  name(c.key) + "' " + Quote(c) + " is not " + FormatVietnameseNumber(*num) + " / " +
                  den_name + ", but its paragraph does not say whose total it is over (" +
                  c.scope.Describe() + " comes from the heading above)";
      f.scopes = {ScopeNoteOf("stated", c.scope)};
      findings->push_back(f);
      continue;
    }
    double computed = 100.0 * *num / *den;
    Finding f = NarrativeFinding(c, Severity::kError);
    f.stated = c.percent;
    f.expected = computed;
    f.message = "the text says " + FormatVietnameseNumber(*c.percent, c.percent_decimals) +
                "% for '" + name(c.key) + "' " + Quote(c) + " but " + FormatVietnameseNumber(*num) +
                " / " + den_name + " = " + FormatVietnameseNumber(computed, 2) + "%";
    double scale = std::pow(10.0, std::max(c.percent_decimals, 1));
    f.suspect = SuspectCell{-1, c.key, c.percent, std::round(computed * scale) / scale, {}};
    f.scopes = {ScopeNoteOf("stated", c.scope)};
    f.message += " [" + c.scope.Describe() + "]";
    findings->push_back(f);
  }
}

// cấp tỉnh + cấp huyện + cấp xã = toàn tỉnh, per period and quantity, when
// the text states all four (the issuer's own figures, a centre's, are not
// the province's).
// A stated figure that a table cell or a sum that holds confirms is not the
// suspect: when all members but one are confirmed, that one is named with
// the value that makes the levels add up.
void CheckLevels(const std::map<std::string, std::vector<const Claim*>>& by_scope,
                 const std::map<std::string, FigureScope>& scope_of,
                 const std::function<std::string(const std::string&)>& name,
                 const std::set<const Claim*>& vouched, std::vector<Finding>* findings) {
  static const char* const kLevels[] = {"level_tinh", "level_huyen", "level_xa"};
  // period -> subject -> key -> the first count stated
  std::map<std::string, std::map<std::string, std::map<std::string, const Claim*>>> stated;
  for (const auto& [key, list] : by_scope) {
    const FigureScope& s = scope_of.at(key);
    for (const Claim* c : list)
      if (c->count) stated[s.period][s.subject].emplace(c->key, c);
  }
  for (auto& [period, subjects] : stated) {
    auto whole = subjects.find("province");
    if (whole == subjects.end()) continue;
    // The files received, in whatever words each figure uses ("toàn tỉnh
    // tiếp nhận N", "- Cấp tỉnh: tổng số hồ sơ tiếp nhận A"): "tiếp nhận"
    // alone may or may not count the files carried over, so a sum across
    // the two wordings is only a warning.
    const std::string kReceived = "received_total|received_stated";
    auto pick = [&](const std::map<std::string, const Claim*>& of, const std::string& key) -> const Claim* {
      if (key != kReceived) return of.count(key) ? of.at(key) : nullptr;
      if (of.count("received_total")) return of.at("received_total");
      return of.count("received_stated") ? of.at("received_stated") : nullptr;
    };
    std::vector<std::string> keys;
    for (const auto& [key, c] : whole->second) keys.push_back(key);
    keys.push_back(kReceived);
    for (const std::string& key : keys) {
      const Claim* total = pick(whole->second, key);
      if (!total) continue;
      std::vector<const Claim*> parts;
      for (const char* level : kLevels) {
        auto s = subjects.find(level);
        const Claim* c = s == subjects.end() ? nullptr : pick(s->second, key);
        if (!c) break;
        parts.push_back(c);
      }
      if (parts.size() != 3) continue;
      bool mixed = false;
      for (const Claim* p : parts) mixed = mixed || p->key != total->key;
      if (key == kReceived && !mixed) continue;  // the same words: checked above
      double sum = 0;
      std::string words;
      for (size_t i = 0; i < parts.size(); ++i) {
        sum += *parts[i]->count;
        words += std::string(i ? " + " : "") + (i == 0 ? "cấp tỉnh " : i == 1 ? "cấp huyện " : "cấp xã ") +
                 FormatVietnameseNumber(*parts[i]->count);
      }
      if (std::fabs(sum - *total->count) < 1e-6) continue;
      std::vector<const Claim*> suspects;
      if (!vouched.count(total)) suspects.push_back(total);
      for (const Claim* p : parts)
        if (!vouched.count(p)) suspects.push_back(p);
      const Claim* blamed = suspects.size() == 1 ? suspects[0] : total;
      Finding f = NarrativeFinding(*blamed, mixed ? Severity::kWarning : Severity::kError);
      f.stated = total->count;
      f.expected = sum;
      if (suspects.size() == 1 && blamed != total) {
        f.stated = blamed->count;
        f.expected = *blamed->count + (*total->count - sum);
      }
      std::string what = name(total->key);
      if (mixed) what = "hồ sơ tiếp nhận";
      f.column = total->key;
      f.message = "the levels do not add up to the whole for '" + what + "': " + words + " = " +
                  FormatVietnameseNumber(sum) + " but the text gives " +
                  FormatVietnameseNumber(*total->count) + " for the whole " + Quote(*total) + " [" +
                  total->scope.Describe() + "]";
      if (suspects.size() == 1) {
        f.suspect = SuspectCell{-1, blamed->key, blamed->count, f.expected, {}};
        f.message += "; the other figures are confirmed (by the appendix or a sum that holds): the "
                     "suspect is " + FormatVietnameseNumber(*blamed->count) + " " + Quote(*blamed) +
                     ", " + FormatVietnameseNumber(*f.expected) + " would make them add up";
      } else if (vouched.count(total)) {
        f.message += "; the whole is confirmed (by the appendix or a sum that holds), so one of the "
                     "levels is wrong and the text does not say which";
      }
      if (mixed)
        f.message += " (the figures are worded differently, 'tiếp nhận' and 'tổng số hồ sơ tiếp "
                     "nhận': whether both count the files carried over is not said)";
      f.scopes.push_back(ScopeNoteOf("total", total->scope));
      for (const Claim* p : parts) f.scopes.push_back(ScopeNoteOf("part", p->scope));
      findings->push_back(f);
    }
  }
}

}  // namespace

void CheckNarrative(const Document& doc, const ReportMeta& meta, const std::vector<Table>& tables,
                    const CheckSchemas& schemas, const NarrativeRules& rules,
                    std::vector<Finding>* findings) {
  std::vector<Claim> claims = rules.FindClaims(doc, meta);
  if (claims.empty()) return;
  const size_t first_finding = findings->size();
  std::map<std::string, Known> table_known;
  std::map<std::string, std::string> parents = rules.percent_parent();
  // A person's name for a quantity: claims.txt's labels, else the schemas'.
  std::function<std::string(const std::string&)> name = [&](const std::string& key) {
    auto it = rules.labels().find(key);
    if (it != rules.labels().end()) return it->second;
    for (const CheckSchema& sc : schemas.all()) {
      auto l = sc.labels.find(key);
      if (l != sc.labels.end()) return l->second;
    }
    return key;
  };
  // A total row that disagrees with its own rows is the table check's
  // finding; the text is not measured against it. Only the tables about the
  // issuer as a whole give its figures: a district appendix beside the
  // departments' (appendix_scope.h) gives the district level's.
  const std::vector<std::string> table_subject = AppendixSubjects(
      tables, [&rules](const std::string& label) { return rules.SubjectOfLabel(label); });
  std::map<std::string, std::map<std::string, Known>> level_known;
  std::set<std::string> ambiguous;  // two whole tables disagree: compare with neither
  for (size_t ti = 0; ti < tables.size(); ++ti) {
    const Table& t = tables[ti];
    const CheckSchema* schema = schemas.Find(t.schema);
    if (!schema) {
      std::vector<std::string> keys;
      for (const Column& c : t.columns) keys.push_back(c.key);
      schema = schemas.Match(keys);
    }
    if (schema) {
      for (const Column& c : t.columns) {
        std::string p = schema->PercentParent(c.key);
        if (!p.empty() && p != c.key) parents.emplace(c.key, p);
      }
    }
    if (!t.total) continue;
    std::map<std::string, Known>& into = table_subject[ti].empty() ? table_known : level_known[table_subject[ti]];
    for (size_t i = 0; i < t.columns.size() && i < t.total->cells.size(); ++i) {
      const Cell& cell = t.total->cells[i];
      if (!cell.value) continue;
      std::optional<double> rows = RowSum(t, i);
      if (rows && std::fabs(*rows - *cell.value) > 1e-6) continue;
      const std::string& key = t.columns[i].key;
      auto have = into.find(key);
      if (have != into.end()) {
        if (&into == &table_known && std::fabs(have->second.value - *cell.value) > 1e-6) ambiguous.insert(key);
        continue;
      }
      into[key] = {*cell.value, "table " + t.id, nullptr};
    }
  }
  for (const std::string& key : ambiguous) table_known.erase(key);
  // Rows of a table whose unit names one level or one body give that
  // subject's figures for the report's period; a table whose rows are the
  // three levels totals the province.
  std::map<std::string, std::map<std::string, Known>> row_known;
  for (const Table& t : tables) {
    if (t.rows.empty()) continue;
    std::map<std::string, int> seen;
    std::map<std::string, const Row*> by_subject;
    bool all_levels = true;
    for (const Row& r : t.rows) {
      std::string subject = rules.SubjectOfLabel(r.unit);
      if (subject.empty() && !r.unit_canonical.empty()) subject = rules.SubjectOfLabel(r.unit_canonical);
      all_levels = all_levels && subject.rfind("level_", 0) == 0;
      if (subject.empty()) continue;
      if (++seen[subject] == 1) by_subject[subject] = &r;
    }
    for (const auto& [subject, row] : by_subject) {
      if (seen[subject] != 1 || row_known.count(subject)) continue;
      std::map<std::string, Known>& k = row_known[subject];
      for (size_t i = 0; i < t.columns.size() && i < row->cells.size(); ++i)
        if (row->cells[i].value && !k.count(t.columns[i].key))
          k[t.columns[i].key] = {*row->cells[i].value, "table " + t.id + " (" + CollapseSpaces(row->unit) + ")",
                                 nullptr};
    }
    if (all_levels && by_subject.size() == 3 && !row_known.count("province") && !table_known.empty())
      row_known["province"] = table_known;
  }
  // A level's own table totals it, unless a row of another table named it.
  for (const auto& [level, k] : level_known)
    if (!row_known.count(level)) row_known[level] = k;
  // Claims by scope; the unclear ones are only noted.
  std::map<std::string, std::vector<const Claim*>> by_scope;
  std::map<std::string, FigureScope> scope_of;
  std::set<std::tuple<std::string, double, int, int>> noted;
  for (const Claim& c : claims) {
    if (c.count && std::fabs(*c.count - std::round(*c.count)) > 1e-9) {
      if (!noted.insert({c.key, *c.count, c.page, c.line}).second) continue;
      Finding f = NarrativeFinding(c, Severity::kError);
      double whole = std::round(*c.count * 1000);
      f.stated = c.count;
      f.expected = whole;
      f.message = "the text gives " + FormatVietnameseNumber(*c.count, 3) + " for '" + name(c.key) +
                  "' " + Quote(c) + ", a count with a decimal comma: " +
                  FormatVietnameseNumber(whole) + " read wrongly?";
      f.suspect = SuspectCell{-1, c.key, c.count, whole, {}};
      f.scopes = {ScopeNoteOf("stated", c.scope)};
      findings->push_back(f);
      continue;
    }
    if (!c.scope.clear) {
      if (!noted.insert({c.key, c.count.value_or(-1), c.page, c.line}).second) continue;
      Finding f = NarrativeFinding(c, Severity::kInfo);
      f.stated = c.count ? c.count : c.percent;
      f.message = "not checked: the scope of " +
                  (c.count ? FormatVietnameseNumber(*c.count)
                           : FormatVietnameseNumber(*c.percent, c.percent_decimals) + "%") +
                  " for '" + name(c.key) + "' " + Quote(c) + " cannot be read (" + c.scope.why + ")";
      f.scopes = {ScopeNoteOf("stated", c.scope)};
      findings->push_back(f);
      continue;
    }
    by_scope[c.scope.Key()].push_back(&c);
    scope_of[c.scope.Key()] = c.scope;
  }
  std::map<std::string, std::vector<double>> elsewhere;
  for (const auto& [key, list] : by_scope)
    for (const Claim* c : list)
      if (c->count) elsewhere[c->key].push_back(*c->count);
  for (const auto& [k, v] : table_known) elsewhere[k].push_back(v.value);
  std::set<const Claim*> vouched;
  for (const auto& [key, list] : by_scope) {
    const FigureScope& scope = scope_of[key];
    std::map<std::string, Known> known;
    if (scope.report_period && scope.report_subject) {
      known = table_known;
    } else if (scope.report_period && row_known.count(scope.subject)) {
      known = row_known[scope.subject];
    }
    CheckScope(list, scope, known, parents, name, rules, elsewhere, &vouched, findings);
  }
  CheckLevels(by_scope, scope_of, name, vouched, findings);
  // Figures read by OCR, in the text or in an appendix it is measured
  // against, may be misread as likely as misstated: no error.
  std::set<int> ocr_pages;
  for (const Page& p : doc.pages)
    if (p.source == WordSource::kOcr) ocr_pages.insert(p.number);
  bool ocr_table = false;
  for (const Table& t : tables)
    ocr_table = ocr_table || t.box_unit == BoxUnit::kPixels || ocr_pages.count(t.page);
  for (size_t i = first_finding; i < findings->size(); ++i) {
    Finding& f = (*findings)[i];
    if (f.kind != FindingKind::kNarrative || f.severity != Severity::kError) continue;
    const bool text_ocr = ocr_pages.count(f.page) > 0;
    if (!text_ocr && !ocr_table) continue;
    f.severity = Severity::kWarning;
    f.message = std::string("low-confidence reading (") +
                (text_ocr ? "the text was read by OCR from a page image"
                          : "the appendix was read by OCR from a page image") +
                "; a misreading is as likely as a wrong figure, check it on the page): " + f.message;
  }
}

}  // namespace sohoa
