#include "pipeline/check/comparison.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "pipeline/check/body_text.h"
#include "pipeline/check/schema.h"
#include "pipeline/core/files.h"
#include "pipeline/core/numbers.h"

namespace sohoa {

struct ComparisonRules::Rule {
  std::string key;     // compare: quantity; ref: offset
  std::string source;  // the pattern as written (ref: to build {REF})
  std::unique_ptr<RE2> re;
};

namespace {

const char kDir[] = "(?P<dir>[a-z]+)";
const char kAmount[] = "(?P<x>\\d{1,3}(?:,\\d+)?)";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

std::string PeriodName(const ReportMeta& m, const std::string& path) {
  std::string p;
  if (m.period_kind == "month")
    p = "tháng " + std::to_string(m.period_index) + "/" + std::to_string(m.period_year);
  else if (m.period_kind == "quarter")
    p = "quý " + std::to_string(m.period_index) + "/" + std::to_string(m.period_year);
  else if (m.period_year > 0)
    p = m.period_kind + " " + std::to_string(m.period_year);
  else
    p = "the earlier period";
  return path.empty() ? p : p + " (" + path + ")";
}

struct Figures {
  std::optional<double> count, parent;
  std::string parent_key;
  std::optional<double> Share() const {
    if (!count || !parent || *parent == 0) return std::nullopt;
    return 100.0 * *count / *parent;
  }
};

// The totals row's figure for `key` and for its percent parent.
Figures FiguresOf(const std::vector<Table>& tables, const std::string& key, const CheckSchemas& schemas) {
  Figures f;
  for (const Table& t : tables) {
    int c = t.ColumnIndex(key);
    if (c < 0 || !t.total || c >= static_cast<int>(t.total->cells.size()) || !t.total->cells[c].value)
      continue;
    f.count = t.total->cells[c].value;
    const CheckSchema* schema = schemas.Find(t.schema);
    if (!schema) {
      std::vector<std::string> keys;
      for (const Column& col : t.columns) keys.push_back(col.key);
      schema = schemas.Match(keys);
    }
    std::string parent = schema ? schema->PercentParent(key) : "";
    int p = parent.empty() || parent == key ? -1 : t.ColumnIndex(parent);
    if (p >= 0 && p < static_cast<int>(t.total->cells.size()) && t.total->cells[p].value) {
      f.parent = t.total->cells[p].value;
      f.parent_key = parent;
    }
    return f;
  }
  return f;
}

std::string Percent(double v, int decimals) { return FormatVietnameseNumber(v, decimals); }

}  // namespace

ComparisonRules::ComparisonRules() = default;
ComparisonRules::~ComparisonRules() = default;
ComparisonRules::ComparisonRules(ComparisonRules&&) noexcept = default;
ComparisonRules& ComparisonRules::operator=(ComparisonRules&&) noexcept = default;

Status ComparisonRules::Parse(const std::string& text, const std::string& origin,
                              ComparisonRules* out) {
  *out = ComparisonRules();
  std::istringstream in(text);
  std::string line;
  int number = 0;
  struct Pending {
    std::string key, pattern;
    int number;
  };
  std::vector<Pending> compares;
  RE2::Options options;
  options.set_log_errors(false);
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
    if (f.size() != 3) return error("expected 'KIND<TAB>KEY<TAB>PATTERN'");
    if (f[0] == "word") {
      if (f[1] != "up" && f[1] != "down") return error("word direction must be up or down");
      out->words_.push_back({f[2], f[1] == "up" ? 1 : -1});
    } else if (f[0] == "ref") {
      const std::string& o = f[1];
      bool offset = o.size() >= 2 && o[0] == '-' &&
                    std::all_of(o.begin() + 1, o.end(), [](char c) { return isdigit(static_cast<unsigned char>(c)); });
      if (!offset && o != "year" && o != "month") return error("ref offset must be -N, year or month");
      auto rule = std::make_unique<Rule>();
      rule->key = o;
      rule->source = f[2];
      rule->re = std::make_unique<RE2>("^(?:" + f[2] + ")$", options);
      if (!rule->re->ok()) return error("bad pattern: " + rule->re->error());
      if (o == "month" && !rule->re->NamedCapturingGroups().count("m"))
        return error("a month ref needs (?P<m>...)");
      out->refs_.push_back(std::move(rule));
    } else if (f[0] == "compare") {
      if (f[2].find("{DIR}") == std::string::npos || f[2].find("{REF}") == std::string::npos)
        return error("a compare pattern needs {DIR} and {REF}");
      compares.push_back({f[1], f[2], number});
    } else {
      return error("unknown rule '" + f[0] + "'");
    }
  }
  // {REF}: any ref phrase (their own groups made anonymous).
  std::string any;
  for (const auto& r : out->refs_) {
    std::string p = Replace(r->source, "(?P<m>", "(");
    any += (any.empty() ? "" : "|") + ("(?:" + p + ")");
  }
  for (const Pending& p : compares) {
    auto rule = std::make_unique<Rule>();
    rule->key = p.key;
    std::string pattern = Replace(Replace(Replace(p.pattern, "{DIR}", kDir), "{X}", kAmount),
                                  "{REF}", "(?P<ref>" + any + ")");
    rule->re = std::make_unique<RE2>(pattern, options);
    if (!rule->re->ok())
      return Status::Corrupt(origin + ":" + std::to_string(p.number) + ": bad pattern: " +
                             rule->re->error());
    out->compares_.push_back(std::move(rule));
  }
  return Status::Ok();
}

Status ComparisonRules::Load(const std::string& dictionaries_dir, ComparisonRules* out) {
  std::string dir = dictionaries_dir.empty() ? DictionariesDir() : dictionaries_dir;
  std::string path = dir + "/check/comparisons.txt";
  std::string text;
  if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
  return Parse(text, path, out);
}

std::vector<Comparison> ComparisonRules::Find(const Document& doc) const {
  const BodyText body = ReadBody(doc);
  const std::string& text = body.text;
  std::vector<Comparison> out;
  std::set<size_t> used;  // positions of direction words already taken
  for (const auto& rule : compares_) {
    const auto& names = rule->re->NamedCapturingGroups();
    int groups = rule->re->NumberOfCapturingGroups() + 1;
    int gi_dir = names.at("dir"), gi_ref = names.at("ref");
    int gi_x = names.count("x") ? names.at("x") : 0;
    size_t from = 0;
    std::vector<re2::StringPiece> g(groups);
    while (from < text.size() &&
           rule->re->Match(text, from, text.size(), RE2::UNANCHORED, g.data(), groups)) {
      size_t end = g[0].data() - text.data() + g[0].size();
      from = std::max(end, static_cast<size_t>(g[0].data() - text.data()) + 1);
      size_t dir_at = g[gi_dir].data() - text.data();
      std::string word(g[gi_dir]);
      int direction = 0;
      for (const auto& [w, d] : words_)
        if (w == word) direction = d;
      if (!direction || used.count(dir_at)) continue;
      Comparison c;
      c.key = rule->key;
      c.direction = direction;
      if (gi_x && g[gi_x].data()) {
        std::string x(g[gi_x]);
        c.amount = ParseVietnameseNumber(x);
        c.amount_decimals = DecimalsOf(x);
      }
      c.ref_text = std::string(g[gi_ref]);
      for (const auto& r : refs_) {
        std::string m;
        bool ok = r->key == "month" ? RE2::FullMatch(c.ref_text, *r->re, &m)
                                    : RE2::FullMatch(c.ref_text, *r->re);
        if (!ok) continue;
        c.ref_offset = r->key;
        if (!m.empty()) c.ref_month = std::atoi(m.c_str());
        break;
      }
      if (const BodyText::Mark* at = body.LineAt(dir_at)) {
        c.page = at->page, c.line = at->line;
        c.text = CollapseSpaces(at->original);  // whole: comparisons quote without a cut
      }
      used.insert(dir_at);
      out.push_back(c);
    }
  }
  return out;
}

int PeriodsBack(const Comparison& c, const ReportMeta& meta) {
  if (!meta.period_determined || meta.period_year <= 0) return 0;
  if (c.ref_offset == "month") {
    if (meta.period_kind != "month" || c.ref_month < 1 || c.ref_month > 12) return 0;
    int cur = meta.period_index;
    return c.ref_month < cur ? cur - c.ref_month : c.ref_month > cur ? cur + 12 - c.ref_month : 0;
  }
  if (c.ref_offset == "year") {
    if (meta.period_kind == "month") return 12;
    if (meta.period_kind == "quarter") return 4;
    if (meta.period_kind == "half_year") return 2;
    if (meta.period_kind == "year") return 1;
    return 0;
  }
  if (!c.ref_offset.empty() && c.ref_offset[0] == '-') return std::atoi(c.ref_offset.c_str() + 1);
  return 0;
}

Status CheckComparisons(const Document& doc, const ReportMeta& meta,
                        const std::vector<Table>& tables, Archive* archive,
                        const CheckSchemas& schemas, const ComparisonRules& rules,
                        std::vector<Finding>* findings) {
  if (!archive) return Status::Ok();
  for (const Comparison& c : rules.Find(doc)) {
    int back = PeriodsBack(c, meta);
    if (back <= 0) continue;
    std::optional<StoredReport> earlier;
    ReportMeta at = meta;
    for (int i = 0; i < back; ++i) {
      if (Status s = archive->FindAdjacentReport(at, -1, &earlier); !s.ok()) return s;
      if (!earlier) break;
      at = earlier->meta;
    }
    if (!earlier) continue;  // the period referred to is not available: say nothing
    Figures now = FiguresOf(tables, c.key, schemas), then = FiguresOf(earlier->tables, c.key, schemas);
    if (!now.count || !then.count) continue;
    // The readings of the claim: relative change of the count, change of the
    // share in percentage points, relative change of the share.
    struct Reading {
      std::string what;
      double change;
    };
    std::vector<Reading> readings;
    if (*then.count != 0)
      readings.push_back({"the count", 100.0 * (*now.count - *then.count) / *then.count});
    std::optional<double> s_now = now.Share(), s_then = then.Share();
    if (s_now && s_then && now.parent_key == then.parent_key) {
      readings.push_back({"the share (points)", *s_now - *s_then});
      if (*s_then != 0) readings.push_back({"the share", 100.0 * (*s_now - *s_then) / *s_then});
    }
    if (readings.empty()) continue;
    const double tolerance = 0.5 * std::pow(10.0, -c.amount_decimals) + 0.011;
    bool fits = false;
    const Reading* closest = nullptr;
    for (const Reading& r : readings) {
      bool sign = c.direction > 0 ? r.change > 0 : r.change < 0;
      if (!c.amount) {
        fits = fits || sign;
        continue;
      }
      double off = std::fabs(std::fabs(r.change) - *c.amount);
      if (sign && off <= tolerance) fits = true;
      if (!closest || off < std::fabs(std::fabs(closest->change) - *c.amount)) closest = &r;
    }
    if (fits) continue;
    Finding f;
    f.kind = FindingKind::kNarrative;
    f.severity = Severity::kError;
    f.column = c.key;
    f.row_label = "text";
    f.page = c.page;
    f.line = c.line;
    f.stated = c.amount ? std::optional<double>(c.direction * *c.amount) : std::nullopt;
    if (closest) f.expected = closest->change;
    std::string label = c.key;
    for (const CheckSchema& sc : schemas.all())
      if (auto l = sc.labels.find(c.key); l != sc.labels.end()) label = l->second;
    auto describe = [&](const Figures& x) {
      std::string s = FormatVietnameseNumber(*x.count);
      if (x.Share()) s += " of " + FormatVietnameseNumber(*x.parent) + " (" + Percent(*x.Share(), 2) + "%)";
      return s;
    };
    std::string claimed = std::string(c.direction > 0 ? "tăng" : "giảm") +
                          (c.amount ? " " + FormatVietnameseNumber(*c.amount, c.amount_decimals) + "%" : "") +
                          " so với " + PeriodName(earlier->meta, "");
    f.message = "the text says '" + label + "' " + claimed + " (\"" + c.text + "\") but " +
                PeriodName(earlier->meta, earlier->path) + " gives " + describe(then) +
                " and this period " + describe(now) + ":";
    for (size_t i = 0; i < readings.size(); ++i) {
      const Reading& r = readings[i];
      bool points = r.what == "the share (points)";
      f.message += std::string(i ? "," : "") + " " + (points ? "the share" : r.what) + " " +
                   (r.change >= 0 ? "rose " : "fell ") + Percent(std::fabs(r.change), 2) +
                   (points ? " points" : "%");
    }
    findings->push_back(f);
  }
  return Status::Ok();
}

}  // namespace sohoa
