#include "pipeline/check/narrative.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
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

namespace {

const char kCount[] = "(?P<n>\\d{1,3}(?:\\.\\d{3})+|\\d+)";
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
  return Parse(text, path, out);
}

std::vector<Claim> NarrativeRules::FindClaims(const Document& doc) const {
  const BodyText body = ReadBody(doc);
  const std::string& text = body.text;
  auto where = [&](size_t offset, Claim* c) {
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
  for (const auto& rule : counts_) {
    size_t from = 0;
    Match m;
    while (Find(*rule, text, from, &m)) {
      from = std::max(m.end, m.begin + 1);
      if (used_numbers.count(m.n_at)) continue;
      used_numbers.insert(m.n_at);
      Claim c;
      c.key = rule->key;
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

void CheckNarrative(const Document& doc, const std::vector<Table>& tables,
                    const CheckSchemas& schemas, const NarrativeRules& rules,
                    std::vector<Finding>* findings) {
  std::vector<Claim> claims = rules.FindClaims(doc);
  if (claims.empty()) return;
  std::map<std::string, Known> known;
  std::map<std::string, std::string> parents = rules.percent_parent();
  // A person's name for a quantity: claims.txt's labels, else the schemas'.
  auto name = [&](const std::string& key) {
    auto it = rules.labels().find(key);
    if (it != rules.labels().end()) return it->second;
    for (const CheckSchema& sc : schemas.all()) {
      auto l = sc.labels.find(key);
      if (l != sc.labels.end()) return l->second;
    }
    return key;
  };
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
      if (cell.value && !known.count(t.columns[i].key))
        known[t.columns[i].key] = {*cell.value, "table " + t.id, nullptr};
    }
  }
  // Counts against the tables and against each other (a count stated with
  // two percentages is one claim).
  std::set<std::tuple<std::string, double, int, int>> seen;
  for (const Claim& c : claims) {
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
                FormatVietnameseNumber(sum) + (anchor ? " " + Quote(*anchor) : "");
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
  for (const Claim& c : claims) {
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
    findings->push_back(f);
  }
}

}  // namespace sohoa
