#include "pipeline/check/narrative_scope.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "pipeline/check/body_text.h"
#include "pipeline/core/files.h"

namespace sohoa {

struct ScopeRules::Rule {
  bool period = true;
  std::string kind;
  std::unique_ptr<re2::RE2> re;
};

ScopeRules::ScopeRules() = default;
ScopeRules::~ScopeRules() = default;
ScopeRules::ScopeRules(ScopeRules&&) noexcept = default;
ScopeRules& ScopeRules::operator=(ScopeRules&&) noexcept = default;

namespace {

const char* const kPeriodKinds[] = {"month", "quarter", "half", "nine_months", "year",
                                    "year_to_date", "last_year", "previous", "report",
                                    "until", "range"};
const char* const kSubjectKinds[] = {"whole", "province", "level_tinh", "level_huyen", "level_xa",
                                     "online", "body", "group"};

std::unique_ptr<re2::RE2> Compile(const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  return std::make_unique<RE2>(pattern, options);
}

int Number(const std::string& s) {
  if (s == "i") return 1;
  if (s == "ii") return 2;
  if (s == "iii") return 3;
  if (s == "iv") return 4;
  return s.empty() ? 0 : std::atoi(s.c_str());
}

std::string Year(int y) { return y > 0 ? "/" + std::to_string(y) : ""; }

// The report's own period written as the markers write theirs.
std::string ReportPeriod(const ReportMeta& meta) {
  if (!meta.period_determined) return "report";
  const std::string y = Year(meta.period_year);
  const std::string i = std::to_string(meta.period_index);
  if (meta.period_kind == "month") return "month " + i + y;
  if (meta.period_kind == "quarter") return "quarter " + i + y;
  if (meta.period_kind == "half_year") return "half " + i + y;
  if (meta.period_kind == "nine_months") return "nine_months" + y;
  if (meta.period_kind == "year") return "year" + y;
  return "report";
}

// ISO "2020-05-16" as the markers write a date, "16/5/2020".
std::string DayMonthYear(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return "";
  return std::to_string(d) + "/" + std::to_string(m) + "/" + std::to_string(y);
}

// Whether the report's period runs from the first of a month to the end of
// one (a month "từ ngày 16/2 đến ngày 15/3" does not: its year to date is
// not the quarter, nor the quarter its own period).
bool CalendarAligned(const ReportMeta& meta) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(meta.period_from.c_str(), "%d-%d-%d", &y, &m, &d) == 3 && d != 1) return false;
  if (std::sscanf(meta.period_to.c_str(), "%d-%d-%d", &y, &m, &d) == 3 && d < 28) return false;
  return true;
}

// Whether the report's period starts on 1 January, so that "lũy kế từ đầu
// năm" is the report's own period.
bool StartsTheYear(const ReportMeta& meta) {
  if (!meta.period_determined || !CalendarAligned(meta)) return false;
  const std::string& k = meta.period_kind;
  return k == "year" || k == "nine_months" || (k == "half_year" && meta.period_index == 1) ||
         (k == "quarter" && meta.period_index == 1) || (k == "month" && meta.period_index == 1);
}

// "Lũy kế từ đầu năm" written as the period it spans when the report's
// period ends where a named one does (a September or third-quarter report:
// the nine months; a June report: the first half), else "year_to_date".
std::string YearToDate(const ReportMeta& meta, bool aligned_only = true) {
  if (!meta.period_determined || (aligned_only && !CalendarAligned(meta))) return "year_to_date";
  const std::string y = Year(meta.period_year);
  int last_month = 0;
  const std::string& k = meta.period_kind;
  if (k == "month") last_month = meta.period_index;
  if (k == "quarter") last_month = 3 * meta.period_index;
  if (k == "half_year") last_month = 6 * meta.period_index;
  if (k == "nine_months") last_month = 9;
  if (k == "year") last_month = 12;
  switch (last_month) {
    case 1: return "month 1" + y;
    case 3: return "quarter 1" + y;
    case 6: return "half 1" + y;
    case 9: return "nine_months" + y;
    case 12: return "year" + y;
    default: return "year_to_date";
  }
}

// The month the report's period ends in (0 = unknown).
int LastMonth(const ReportMeta& meta) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(meta.period_to.c_str(), "%d-%d-%d", &y, &m, &d) == 3) return m;
  if (!meta.period_determined) return 0;
  const std::string& k = meta.period_kind;
  if (k == "month") return meta.period_index;
  if (k == "quarter") return 3 * meta.period_index;
  if (k == "half_year") return 6 * meta.period_index;
  if (k == "nine_months") return 9;
  if (k == "year") return 12;
  return 0;
}

// Periods that a text names to compare with ("cùng kỳ năm trước", "tháng
// trước"): they scope their own paragraph, never the items after it.
bool IsComparisonPeriod(const std::string& p) { return p == "last_year" || p == "previous"; }

std::string PeriodWords(const std::string& p) {
  std::istringstream in(p);
  std::string kind, rest;
  in >> kind;
  std::getline(in, rest);
  if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
  if (kind == "month") return "tháng " + rest;
  if (kind == "quarter") return "quý " + rest;
  if (kind == "half") return rest.rfind("1", 0) == 0 ? "6 tháng đầu năm" + rest.substr(1)
                                                    : "6 tháng cuối năm" + rest.substr(1);
  if (kind == "nine_months") return "9 tháng" + rest;
  if (kind == "year") return "năm" + rest;
  if (kind == "year_to_date") return "lũy kế từ đầu năm";
  if (kind == "last_year") return "cùng kỳ năm trước";
  if (kind == "previous") return "kỳ trước";
  if (kind == "until") return "tính đến " + rest;
  if (kind == "range") return "từ " + rest;
  return "kỳ báo cáo";
}

std::string SubjectWords(const std::string& s) {
  if (s.empty()) return "toàn đơn vị báo cáo";
  if (s == "province") return "toàn tỉnh";
  if (s == "level_tinh") return "cấp tỉnh";
  if (s == "level_huyen") return "cấp huyện";
  if (s == "level_xa") return "cấp xã";
  if (s == "online") return "hồ sơ trực tuyến";
  return s;  // body:<name>, group:<name>
}

}  // namespace

std::string FigureScope::Describe() const {
  std::string out = PeriodWords(period);
  if (report_period && period != "report") out += " (kỳ báo cáo)";
  out += ", " + SubjectWords(subject);
  if (!clear) out += " (unclear: " + why + ")";
  return out;
}

Status ScopeRules::Parse(const std::string& text, const std::string& origin, ScopeRules* out) {
  *out = ScopeRules();
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
    if (f[0] == "ignore" || f[0] == "compare") {
      if (f.size() != 2) return error("expected '" + f[0] + "<TAB>REGEX'");
      auto re = Compile(f[1]);
      if (!re->ok()) return error("bad pattern: " + re->error());
      if (f[0] == "ignore") {
        out->ignores_.push_back(std::move(re));
      } else {
        out->compare_ = std::move(re);
      }
      continue;
    }
    if (f[0] != "period" && f[0] != "subject") return error("unknown rule '" + f[0] + "'");
    if (f.size() != 3) return error("expected '" + f[0] + "<TAB>KIND<TAB>REGEX'");
    auto rule = std::make_unique<Rule>();
    rule->period = f[0] == "period";
    rule->kind = f[1];
    bool known = false;
    if (rule->period) {
      for (const char* k : kPeriodKinds) known = known || rule->kind == k;
    } else {
      for (const char* k : kSubjectKinds) known = known || rule->kind == k;
    }
    if (!known) return error("unknown " + f[0] + " kind '" + f[1] + "'");
    rule->re = Compile(f[2]);
    if (!rule->re->ok()) return error("bad pattern: " + rule->re->error());
    out->rules_.push_back(std::move(rule));
  }
  return Status::Ok();
}

Status ScopeRules::Load(const std::string& dictionaries_dir, ScopeRules* out) {
  std::string dir = dictionaries_dir.empty() ? DictionariesDir() : dictionaries_dir;
  std::string path = dir + "/check/scopes.txt";
  std::string text;
  if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
  return Parse(text, path, out);
}

ScopeReader::ScopeReader(const BodyText& body, const ReportMeta& meta, const ScopeRules& rules)
    : body_(body), report_period_(ReportPeriod(meta)) {
  // A report from the 16th to the 15th: "lũy kế từ đầu năm" and "6 tháng
  // đầu năm" in a June report may be one span or two; an item naming the
  // span under a "lũy kế" heading is not in conflict with it.
  if (!CalendarAligned(meta)) {
    ytd_span_ = YearToDate(meta, false);
    if (ytd_span_ == "year_to_date") ytd_span_.clear();
  }
  const std::string& text = body.text;
  // Markers are matched on a copy where the look-alikes are blanked out.
  std::string masked = text;
  for (const auto& re : rules.ignores()) {
    re2::StringPiece in(masked), m;
    size_t from = 0;
    while (from <= masked.size() &&
           re->Match(in, from, masked.size(), RE2::UNANCHORED, &m, 1)) {
      size_t b = m.data() - masked.data();
      std::fill(masked.begin() + b, masked.begin() + b + m.size(), ' ');
      from = b + std::max<size_t>(m.size(), 1);
    }
  }
  std::vector<Hit> found;
  for (const auto& rule : rules.rules()) {
    const RE2& re = *rule->re;
    int n = re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> g(n);
    const auto& names = re.NamedCapturingGroups();
    auto group = [&](const char* name) -> std::string {
      auto it = names.find(name);
      if (it == names.end() || !g[it->second].data()) return "";
      return std::string(g[it->second]);
    };
    re2::StringPiece in(masked);
    size_t from = 0;
    while (from <= masked.size() && re.Match(in, from, masked.size(), RE2::UNANCHORED, g.data(), n)) {
      Hit h;
      h.begin = g[0].data() - masked.data();
      h.end = h.begin + g[0].size();
      from = std::max(h.end, h.begin + 1);
      // Trim the context characters the patterns match around a marker.
      while (h.begin < h.end && !isalnum(static_cast<unsigned char>(masked[h.begin]))) ++h.begin;
      while (h.end > h.begin && !isalnum(static_cast<unsigned char>(masked[h.end - 1]))) --h.end;
      if (h.begin >= h.end) continue;
      h.period = rule->period;
      const std::string& k = rule->kind;
      int y = Number(group("y"));
      if (y == 0 && meta.period_determined) y = meta.period_year;
      if (k == "month") {
        h.value = "month " + std::to_string(Number(group("m"))) + Year(y);
      } else if (k == "quarter") {
        h.value = "quarter " + std::to_string(Number(group("q"))) + Year(y);
      } else if (k == "half") {
        h.value = std::string("half ") + (group("w") == "cuoi" ? "2" : "1") + Year(y);
      } else if (k == "nine_months") {
        h.value = "nine_months" + Year(y);
      } else if (k == "year") {
        h.value = "year" + Year(y);
      } else if (k == "year_to_date") {
        h.value = StartsTheYear(meta) ? report_period_ : YearToDate(meta);
      } else if (k == "report") {
        h.value = "report";
      } else if (k == "until") {
        h.value = "until " + std::to_string(Number(group("d"))) + "/" +
                  std::to_string(Number(group("m"))) + Year(y);
      } else if (k == "range") {
        int y2 = Number(group("y2")), y1 = Number(group("y1"));
        std::string from_day = std::to_string(Number(group("d1"))) + "/" +
                               std::to_string(Number(group("m1"))) + "/" + std::to_string(y1 ? y1 : y2);
        std::string to_day = std::to_string(Number(group("d2"))) + "/" +
                             std::to_string(Number(group("m2"))) + "/" + std::to_string(y2);
        bool own = meta.period_determined && DayMonthYear(meta.period_from) == from_day &&
                   DayMonthYear(meta.period_to) == to_day;
        // "Tính từ ngày 01/01/2023 đến ngày 31/10/2023" in an October report
        // is the year to date.
        int y1_or_2 = y1 ? y1 : y2;
        bool to_date = Number(group("d1")) == 1 && Number(group("m1")) == 1 &&
                       meta.period_determined && y1_or_2 == meta.period_year && y2 == meta.period_year &&
                       Number(group("m2")) == LastMonth(meta) && !own;
        h.value = own ? "report"
                  : to_date ? (StartsTheYear(meta) ? report_period_ : YearToDate(meta))
                            : "range " + from_day + "-" + to_day;
      } else if (k == "last_year" || k == "previous") {
        h.value = k;
      } else if (k == "whole") {
        h.value = "";
      } else if (k == "body" || k == "group") {
        h.value = k + ":" + group("b");
      } else {
        h.value = k;
      }
      if (rule->period && rules.compare()) {
        size_t w = h.begin >= 24 ? h.begin - 24 : 0;
        re2::StringPiece before(masked.data() + w, h.begin - w);
        h.comparison = RE2::PartialMatch(before, *rules.compare());
      }
      found.push_back(h);
    }
  }
  // Of two overlapping markers of one dimension the longer wins.
  std::stable_sort(found.begin(), found.end(), [](const Hit& a, const Hit& b) {
    return (a.end - a.begin) > (b.end - b.begin);
  });
  for (const Hit& h : found) {
    bool overlaps = false;
    for (const Hit& k : hits_)
      overlaps = overlaps || (k.period == h.period && h.begin < k.end && k.begin < h.end);
    if (!overlaps) hits_.push_back(h);
  }
  std::sort(hits_.begin(), hits_.end(), [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
  // Quantities: a number followed by what it counts.
  figure_at_.assign(text.size() + 1, false);
  static const RE2 quantity("(\\d[\\d.,]*) ?(?:%|ho so|y kien|luot|truong hop|thu tuc|tthc)");
  {
    re2::StringPiece in(text), m;
    size_t from = 0;
    while (from < text.size() && quantity.Match(in, from, text.size(), RE2::UNANCHORED, &m, 1)) {
      size_t b = m.data() - text.data();
      from = b + m.size();
      if (b > 0 && (isdigit(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '/')) continue;
      bool in_marker = false;
      for (const Hit& h : hits_) in_marker = in_marker || (h.begin <= b && b < h.end);
      if (!in_marker) figure_at_[b] = true;
    }
  }
  // Without a period in the heading, the first period named before any
  // figure (the title's "tháng 6 năm 2020") is the report's.
  if (report_period_ == "report") {
    size_t first_figure = std::find(figure_at_.begin(), figure_at_.end(), true) - figure_at_.begin();
    for (const Hit& h : hits_) {
      if (!h.period || h.comparison || h.begin >= first_figure) continue;
      if (h.value != "report" && h.value != "last_year" && h.value != "previous" &&
          h.value != "year_to_date")
        report_period_ = h.value;
      break;
    }
  }
  // The title's subject: a report "trên địa bàn tỉnh" (the province's, all
  // three levels) has the province as its whole; a centre's stays "".
  {
    size_t first_figure = std::find(figure_at_.begin(), figure_at_.end(), true) - figure_at_.begin();
    for (const Hit& h : hits_) {
      // The issuer's own name in the header ("UBND TỈNH X / Số: ...") is no
      // scope of the figures.
      if (h.period || h.begin >= first_figure || h.value.rfind("body:", 0) == 0) continue;
      if (h.value == "province") report_subject_ = h.value;
      break;
    }
  }
  for (Hit& h : hits_)
    if (h.period && h.value == "report") h.value = report_period_;
  depth_.assign(text.size() + 1, 0);
  for (const BodyText::Paragraph& p : body.paragraphs) {
    int d = 0;
    for (size_t i = p.begin; i < p.end && i < text.size(); ++i) {
      if (text[i] == ')') d = std::max(0, d - 1);
      depth_[i] = d;
      if (text[i] == '(') ++d;
    }
  }
  // What each paragraph leaves in force for the items under it and after it.
  for (int dim = 0; dim < 2; ++dim) {
    std::vector<Value>& end = dim == 0 ? end_period_ : end_subject_;
    std::vector<Value>& inherited = dim == 0 ? inherited_period_ : inherited_subject_;
    end.resize(body.paragraphs.size());
    inherited.resize(body.paragraphs.size());
    for (size_t i = 0; i < body.paragraphs.size(); ++i) {
      inherited[i] = Inherit(static_cast<int>(i), dim == 0);
      // A marker scopes the paragraphs below and after only from a heading
      // (a short line) or from a paragraph that states figures in it; "chấm
      // điểm ... quý IV năm 2020" among the activities does not.
      const BodyText::Paragraph& p = body.paragraphs[i];
      Value own = LastPersistent(p.begin, p.end, dim == 0);
      bool figures = std::find(figure_at_.begin() + p.begin, figure_at_.begin() + p.end, true) !=
                     figure_at_.begin() + p.end;
      size_t words = std::count(text.begin() + p.begin, text.begin() + p.end, ' ');
      end[i] = own.found && (figures || words <= 12) ? own : inherited[i];
    }
  }
}

ScopeReader::Value ScopeReader::Default(bool period) const {
  Value v;
  v.value = period ? report_period_ : report_subject_;
  return v;
}

ScopeReader::Value ScopeReader::Inherit(int paragraph, bool period) const {
  const BodyText::Paragraph& p = body_.paragraphs[paragraph];
  const std::vector<Value>& end = period ? end_period_ : end_subject_;
  Value from_parent = p.parent >= 0 ? end[p.parent] : Default(period);
  if (p.previous < 0 || !from_parent.clear) return from_parent;
  const Value& before = end[p.previous];
  // A comparison ("Cùng kỳ năm trước: ...") is over with its item.
  if (period && IsComparisonPeriod(before.value)) return from_parent;
  // A lead-in about the whole province ("Trong tháng, toàn tỉnh tiếp nhận
  // ...") goes on for the items after it when the heading above names no
  // subject; a level or a body named before ("Riêng Sở Tư pháp ...") is a
  // part and leaves the next item open.
  if (!period && before.clear && before.value == "province" && !from_parent.found &&
      from_parent.value.empty())
    return before;
  if (!before.clear) {
    Value v = from_parent;
    v.clear = false;
    v.why = before.why;
    return v;
  }
  if (period && !ytd_span_.empty() && from_parent.value == "year_to_date" && before.value == ytd_span_)
    return before;
  if (before.value != from_parent.value) {
    Value v = from_parent;
    v.clear = false;
    v.why = std::string("the item before is about ") +
            (period ? PeriodWords(before.value) : SubjectWords(before.value)) +
            ", the heading above about " +
            (period ? PeriodWords(from_parent.value) : SubjectWords(from_parent.value));
    return v;
  }
  return from_parent;
}

bool ScopeReader::IsSentenceEnd(size_t i) const {
  const std::string& t = body_.text;
  if (i >= t.size()) return true;
  char c = t[i];
  return (c == '.' || c == '!' || c == '?') && (i + 1 >= t.size() || t[i + 1] == ' ');
}

bool ScopeReader::IsClauseBreak(size_t i) const {
  const std::string& t = body_.text;
  if (i >= t.size()) return true;
  char c = t[i];
  if (c == ';' || c == '(' || c == ')') return true;
  if (c == ',')
    return !(i > 0 && i + 1 < t.size() && isdigit(static_cast<unsigned char>(t[i - 1])) &&
             isdigit(static_cast<unsigned char>(t[i + 1])));
  return IsSentenceEnd(i);
}

size_t ScopeReader::SentenceStart(size_t offset, size_t floor) const {
  size_t s = offset;
  while (s > floor && !IsSentenceEnd(s - 1)) --s;
  return s;
}

bool ScopeReader::Persistent(const Hit& h, size_t floor) const {
  if (h.comparison || depth_[h.begin] != 0) return false;
  size_t s = SentenceStart(h.begin, floor);
  for (size_t i = s; i < h.begin; ++i)
    if (figure_at_[i]) return false;
  if (h.period) return true;
  // A heading ("2. Tình hình giải quyết TTHC trên địa bàn tỉnh") names what
  // follows wherever the words stand in it.
  size_t e = h.end;
  while (e < body_.text.size() && !IsSentenceEnd(e)) ++e;
  if (std::find(figure_at_.begin() + s, figure_at_.begin() + e, true) == figure_at_.begin() + e &&
      std::count(body_.text.begin() + s, body_.text.begin() + e, ' ') <= 12)
    return true;
  // A body or level named deep in a sentence ("phối hợp với Sở Tư pháp và
  // ...") is what the sentence is about only at its lead ("Tại Sở Tư pháp,",
  // "- Cấp huyện:", "Với cấp xã,").
  static const RE2 lead(
      "^(?:[+*•·–-] )?[ ,:]*(?:(?:tinh chung|rieng|cung|tai|doi voi|voi|o|cua|ve|trong do|ket qua|so lieu|tren dia ban|"
      "trong|va|nhin chung|cac|co quan|don vi|ubnd|uy ban nhan dan)[ ,:]*)*$");
  // Other markers before it ("Trong tháng 9 toàn tỉnh ...") do not count.
  std::string prefix = body_.text.substr(s, h.begin - s);
  for (const Hit& k : hits_)
    if (k.begin >= s && k.end <= h.begin)
      std::fill(prefix.begin() + (k.begin - s), prefix.begin() + (k.end - s), ' ');
  return RE2::FullMatch(prefix, lead);
}

ScopeReader::Value ScopeReader::LastPersistent(size_t from, size_t until, bool period) const {
  Value v;
  for (const Hit& h : hits_) {
    if (h.period != period || h.begin < from || h.begin >= until) continue;
    if (!Persistent(h, from)) continue;
    v.value = h.value;
    v.found = true;
  }
  return v;
}

ScopeReader::Value ScopeReader::Read(size_t x, bool period) const {
  int pi = body_.ParagraphAt(x);
  if (pi < 0) return Default(period);
  const BodyText::Paragraph& p = body_.paragraphs[pi];
  size_t floor = std::min(p.begin, x);
  size_t s0 = SentenceStart(x, floor);
  size_t c0 = x, c1 = x;
  // A comma inside a marker ("các xã, phường, thị trấn") does not end a clause.
  auto in_marker = [&](size_t i) {
    for (const Hit& h : hits_)
      if (h.begin <= i && i < h.end) return true;
    return false;
  };
  while (c0 > s0 && (!IsClauseBreak(c0 - 1) || in_marker(c0 - 1))) --c0;
  while (c1 < p.end && (!IsClauseBreak(c1) || in_marker(c1))) ++c1;
  const Hit* before = nullptr;
  const Hit* after = nullptr;
  for (const Hit& h : hits_) {
    if (h.period != period) continue;
    if (h.end > c0 && h.end <= x) before = &h;  // ends in the clause ("các sở, ban, ngành cấp tỉnh 9.555")
    if (!after && h.begin > x && h.begin < c1 && !h.comparison) after = &h;
  }
  Value v;
  if (before || after) {
    v.value = (before ? before : after)->value;
    v.found = true;
    return v;
  }
  // A parenthesis right after a marker is about what the marker names
  // ("So với cùng kỳ năm trước (tiếp nhận 14.733 hồ sơ, ...)").
  size_t open = std::string::npos;
  if (depth_[x] > 0) {
    int level = 0;
    for (size_t i = x; i-- > p.begin;) {
      if (body_.text[i] == ')') ++level;
      if (body_.text[i] == '(' && level-- == 0) {
        open = i;
        break;
      }
    }
  }
  if (open != std::string::npos) {
    for (const Hit& h : hits_) {
      if (h.period != period || h.end > open || h.end + 2 < open) continue;
      v.value = h.value;
      v.found = true;
      return v;
    }
  }
  v = LastPersistent(floor, x, period);
  if (!v.found) {
    v = pi < static_cast<int>(inherited_period_.size())
            ? (period ? inherited_period_ : inherited_subject_)[pi]
            : Default(period);
    v.from_above = v.found;
  }
  // A marker earlier in the sentence that scopes only its clause ("tiếp
  // nhận 3.000 hồ sơ trong quý III, đã giải quyết ...") leaves the figures
  // after it open, unless a ';' closes that part of the sentence.
  for (const Hit& h : hits_) {
    if (h.period != period || h.begin < s0 || h.end > c0 || h.comparison) continue;
    if (Persistent(h, floor) || h.value == v.value) continue;
    if (body_.text.find(';', h.end) < c0) continue;
    if (depth_[h.begin] > depth_[x]) continue;
    v.clear = false;
    v.why = std::string("the sentence also names ") +
            (period ? PeriodWords(h.value) : SubjectWords(h.value)) + " before it";
  }
  return v;
}

FigureScope ScopeReader::At(size_t offset) const {
  FigureScope s;
  Value p = Read(offset, true), q = Read(offset, false);
  s.period = p.value;
  s.subject = q.value;
  s.report_period = p.value == report_period_;
  s.subject_from_above = q.from_above;
  s.period_stated = p.found;
  for (int pi = body_.ParagraphAt(offset); pi >= 0; pi = body_.paragraphs[pi].parent) {
    const std::string& m = body_.paragraphs[pi].marker;
    if (m == "roman" || m == "#" || m == "1") {
      s.section = pi;
      break;
    }
  }
  s.report_subject = q.value.empty() || q.value == report_subject_;
  s.clear = p.clear && q.clear;
  s.why = !p.clear ? "period: " + p.why : !q.clear ? "subject: " + q.why : "";
  return s;
}

}  // namespace sohoa
