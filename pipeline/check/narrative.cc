#include "pipeline/check/narrative.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <tuple>
#include <sstream>

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
  int n = 0;
};

namespace {

// A count; "6,175" (a decimal comma where the thousands dot belongs) is read
// too, to be reported: a number of files is whole.
const char kCount[] = "(?P<n>\\d{1,3}(?:[.,]\\d{3})+|\\d+)";
const char kPercent[] = "(?P<p>\\d{1,3}(?:,\\d+)?)";
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
  size_t n_at = std::string::npos, p_at = std::string::npos;
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
  take(rule.d, &m->d, nullptr);
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
          Expand("^ ?(?:[-+*] )?(?:" + f[3] + ")(?: la|:)? ?{N}(?: ho so)?(?: tthc)?"), options);
      if (!part->re->ok()) return error("bad pattern: " + part->re->error());
      part->n = part->re->NamedCapturingGroups().at("n");
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
      "^(?: ho so)?(?: tthc)?(?: \\([^()]*\\))?(?:,? (?:dat|chiem)(?: ty le)? \\d{1,3}(?:,\\d{1,2})? ?%)?"
      "[^0-9;.()]{0,60}?[,;:]? ?trong do[,:]? ?");
  static const RE2 paren("^(?: ho so)?(?: tthc)?:? ?\\(");
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
  bool in_paren = false;
  if (at(intro, pos)) {
    pos += whole.size();
  } else if (at(paren, pos)) {
    pos += whole.size();
    in_paren = true;
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
      if (!part->re->Match(in, 0, in.size(), RE2::ANCHOR_START, g.data(), n)) continue;
      std::string key = part->key == "=" ? parent : part->key;
      early = early || key == "resolved_early";
      pos = g[0].data() - text.data() + g[0].size();
      found.push_back({key, static_cast<size_t>(g[part->n].data() - text.data()), pos});
      matched = true;
      break;
    }
    if (!matched) break;
    if (at(aside, pos)) pos += whole.size();
    if (!at(separator, pos)) break;
    pos += whole.size();
    (void)in_paren;
  }
  // "đúng hạn" beside "trước hạn" is on time only; alone it is in time
  // (trước hạn và đúng hạn), as Hà Nam writes "Trả đúng thời hạn 2.108".
  for (EnumerationItem& item : found)
    if (item.key == "resolved_ontime" && !early) item.key = "resolved_in_time";
  items->insert(items->end(), found.begin(), found.end());
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
void CheckScope(const std::vector<const Claim*>& claims, const FigureScope& scope,
                std::map<std::string, Known> known, std::map<std::string, std::string> parents,
                const std::function<std::string(const std::string&)>& name,
                const NarrativeRules& rules, std::vector<Finding>* findings) {
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
    if (std::fabs(it->second.value - *c.count) < 1e-6) continue;
    if (it->second.claim == &c) continue;
    Finding f = NarrativeFinding(c, Severity::kError);
    f.stated = c.count;
    f.expected = it->second.value;
    bool from_table = it->second.source != "text";
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
  for (const SumState& st : states) {
    if (st.holds) continue;
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
    f.message = "the stated figures do not add up: " + name(s.total) + " " +
                FormatVietnameseNumber(total.value) + " but " + parts + " = " +
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
    if (explained) continue;
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
void CheckLevels(const std::map<std::string, std::vector<const Claim*>>& by_scope,
                 const std::map<std::string, FigureScope>& scope_of,
                 const std::function<std::string(const std::string&)>& name,
                 std::vector<Finding>* findings) {
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
    for (const auto& [key, total] : whole->second) {
      std::vector<const Claim*> parts;
      for (const char* level : kLevels) {
        auto s = subjects.find(level);
        if (s == subjects.end() || !s->second.count(key)) break;
        parts.push_back(s->second.at(key));
      }
      if (parts.size() != 3) continue;
      double sum = 0;
      std::string words;
      for (size_t i = 0; i < parts.size(); ++i) {
        sum += *parts[i]->count;
        words += std::string(i ? " + " : "") + (i == 0 ? "cấp tỉnh " : i == 1 ? "cấp huyện " : "cấp xã ") +
                 FormatVietnameseNumber(*parts[i]->count);
      }
      if (std::fabs(sum - *total->count) < 1e-6) continue;
      Finding f = NarrativeFinding(*total, Severity::kError);
      f.stated = total->count;
      f.expected = sum;
      f.message = "the levels do not add up to the whole for '" + name(key) + "': " + words + " = " +
                  FormatVietnameseNumber(sum) + " but the text gives " +
                  FormatVietnameseNumber(*total->count) + " for the whole " + Quote(*total) + " [" +
                  total->scope.Describe() + "]";
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
  // finding; the text is not measured against it.
  for (const Table& t : tables) {
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
    for (size_t i = 0; i < t.columns.size() && i < t.total->cells.size(); ++i) {
      const Cell& cell = t.total->cells[i];
      if (!cell.value || table_known.count(t.columns[i].key)) continue;
      std::optional<double> rows = RowSum(t, i);
      if (rows && std::fabs(*rows - *cell.value) > 1e-6) continue;
      table_known[t.columns[i].key] = {*cell.value, "table " + t.id, nullptr};
    }
  }
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
  for (const auto& [key, list] : by_scope) {
    const FigureScope& scope = scope_of[key];
    bool own = scope.report_period && scope.subject.empty();
    CheckScope(list, scope, own ? table_known : std::map<std::string, Known>(), parents, name,
               rules, findings);
  }
  CheckLevels(by_scope, scope_of, name, findings);
}

}  // namespace sohoa
