#include "pipeline/meta/meta.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/text_util.h"
#include "pipeline/core/utf8.h"
#include "pipeline/meta/issuer.h"

namespace sohoa {

namespace {

// ---- text helpers ----------------------------------------------------------

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
    --e;
  // Non-breaking spaces (U+00A0) at either end.
  std::string out(s.substr(b, e - b));
  while (out.size() >= 2 && out.compare(0, 2, "\xC2\xA0") == 0) out.erase(0, 2);
  while (out.size() >= 2 && out.compare(out.size() - 2, 2, "\xC2\xA0") == 0)
    out.erase(out.size() - 2);
  return out;
}

// Removes markdown emphasis, escapes and simple HTML tags; keeps the words.
std::string StripMarkup(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '*' || c == '\\' || c == '#') continue;
    if (c == '<') {
      size_t close = s.find('>', i);
      if (close != std::string_view::npos && close - i <= 4) {  // <b>, </i>, <br>
        i = close;
        continue;
      }
    }
    if (c == '\t') c = ' ';
    out.push_back(c);
  }
  // Collapse runs of spaces.
  std::string collapsed;
  for (char c : out) {
    if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed.push_back(c);
  }
  return Trim(collapsed);
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) words.push_back(cur), cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(cur);
  return words;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

// "SÓC TRĂNG" -> "Sóc Trăng".
std::string TitleCase(std::string_view s) {
  std::string out;
  bool start = true;
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = DecodeUtf8(s, &i), base;
    Tone t;
    bool up;
    if (SplitLetter(c, &base, &t, &up)) {
      char32_t r = ComposeLetter(base, t, start);
      if (r != 0) c = r;
      start = false;
    } else {
      start = (c == ' ' || c == '-');
    }
    AppendUtf8(c, &out);
  }
  return out;
}

// True when the line has at least three letters and (almost) none in lower
// case: one stray lower-case letter in ten (a legacy font's toned capital
// converted to its small letter, "PHỤC Vụ") does not make it prose.
bool IsUpperCaseLine(std::string_view s) {
  int letters = 0, lower = 0;
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = DecodeUtf8(s, &i), base;
    Tone t;
    bool up;
    if (SplitLetter(c, &base, &t, &up)) {
      if (!up) ++lower;
      ++letters;
    }
  }
  return letters >= 3 && lower * 10 <= letters && (lower == 0 || letters >= 10);
}

// The first match of `re` in `text` at or after `from`: offset of the whole
// match, groups filled. -1 when none.
int FindFirst(const RE2& re, std::string_view text, size_t from, std::vector<std::string>* groups) {
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> sub(n);
  if (from > text.size() ||
      !re.Match(re2::StringPiece(text.data(), text.size()), from, text.size(), RE2::UNANCHORED,
                sub.data(), n))
    return -1;
  groups->clear();
  for (int k = 0; k < n; ++k) groups->push_back(sub[k].data() ? std::string(sub[k]) : "");
  return static_cast<int>(sub[0].data() - text.data());
}

int ToInt(const std::string& s) { return s.empty() ? 0 : std::atoi(s.c_str()); }

std::string IsoDate(int y, int m, int d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string IsoMonth(int y, int m) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[(m - 1) % 12];
}

bool ValidDate(int y, int m, int d) {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

// ---- dictionaries ---------------------------------------------------------

struct KindEntry {
  std::string title;   // folded title word(s): "bao cao"
  std::string symbol;  // number symbol prefix: "BC"
  std::string kind;    // "bao_cao"
};

struct MetaDictionaries {
  std::vector<PeriodConvention> conventions;
  std::vector<KindEntry> kinds;
  meta_internal::IssuerNames issuers;
  Status status;
};

Status LoadKinds(const std::string& dir, std::vector<KindEntry>* out) {
  return ForEachTsvRow(dir + "/meta/document_kinds.tsv", [&](const std::vector<std::string>& f) {
    if (f.size() < 3) return std::string("expected 3 tab-separated fields");
    out->push_back({FoldForMatching(f[0]), f[1], f[2]});
    return std::string();
  });
}

const MetaDictionaries& DefaultDictionaries() {
  static const MetaDictionaries* dicts = [] {
    auto* d = new MetaDictionaries;
    d->status = LoadPeriodConventions(DictionariesDir(), &d->conventions);
    if (d->status.ok()) d->status = LoadKinds(DictionariesDir(), &d->kinds);
    if (d->status.ok()) d->status = d->issuers.Load(DictionariesDir());
    return d;
  }();
  return *dicts;
}

// ---- the reader -----------------------------------------------------------

struct LogicalLine {
  std::string text;    // markup stripped, trimmed
  std::string folded;  // FoldForMatching(text)
  // The cells of a two-column heading: each raw line split at tabs and at
  // runs of 3+ spaces, markup stripped; "Số:" stays with what follows it.
  std::vector<std::string> cells;
};

// "UBND TỈNH X\tCỘNG HÒA ..." -> {"UBND TỈNH X", "CỘNG HÒA ..."}.
std::vector<std::string> HeadingCells(const std::string& raw) {
  std::vector<std::string> pieces;
  std::string cur;
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    size_t run = 0;
    while (i + run < raw.size() && raw[i + run] == ' ') ++run;
    if (c == '\t' || run >= 3 || raw.compare(i, 2, "| ") == 0 || raw.compare(i, 2, " |") == 0) {
      pieces.push_back(cur);
      cur.clear();
      if (run >= 3) i += run - 1;
      else if (c != '\t') i += 1;
      continue;
    }
    cur.push_back(c);
  }
  pieces.push_back(cur);
  // "TRUNG TÂM ...  Số: 106/BC-TTHC": the number starts a cell of its own.
  static const RE2 kNumberStart(R"((\s)(?:S ?[ốỐoO]|số)\s*:)");
  for (size_t k = 0; k < pieces.size(); ++k) {
    re2::StringPiece m;
    if (RE2::PartialMatch(pieces[k], kNumberStart, &m)) {
      size_t at = m.data() - pieces[k].data() + 1;
      pieces.insert(pieces.begin() + k + 1, pieces[k].substr(at));
      pieces[k].resize(at);
    }
  }
  std::vector<std::string> out;
  for (const std::string& p : pieces) {
    std::string t = StripMarkup(p);
    if (t.empty() || t == "|") continue;
    if (!out.empty() && !out.back().empty() && out.back().back() == ':') out.back() += " " + t;
    else out.push_back(t);
  }
  return out;
}

// Lines of the document; a markdown bold span broken over several lines
// ("**ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG**") becomes one line.
std::vector<LogicalLine> LogicalLines(const Document& doc) {
  std::vector<std::string> raw;
  for (const Page& p : doc.pages)
    for (const Line& l : p.lines) raw.push_back(l.Text());
  std::vector<LogicalLine> out;
  for (size_t i = 0; i < raw.size(); ++i) {
    const size_t first = i;
    std::string joined = raw[i];
    auto stars = [](const std::string& s) {
      int n = 0;
      for (size_t k = s.find("**"); k != std::string::npos; k = s.find("**", k + 2)) ++n;
      return n;
    };
    std::string t = Trim(joined);
    if (t.rfind("**", 0) == 0 && stars(t) % 2 == 1) {
      size_t j = i + 1;
      while (j < raw.size() && j < i + 4) {
        joined += " " + raw[j];
        if (stars(raw[j]) % 2 == 1) break;
        ++j;
      }
      if (j < raw.size() && j < i + 4) i = j;
      else joined = raw[i];
    }
    LogicalLine ll;
    ll.text = StripMarkup(joined);
    ll.folded = FoldForMatching(ll.text);
    for (size_t k = first; k <= i; ++k)
      for (std::string& c : HeadingCells(raw[k])) ll.cells.push_back(std::move(c));
    out.push_back(std::move(ll));
  }
  return out;
}

// Removes the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập
// - Tự do - Hạnh phúc") from a header line: two columns of the heading are
// often flattened into one line.
std::string RemoveMotto(const std::string& text) {
  static const std::vector<std::vector<std::string>> kPhrases = {
      {"cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"},
      {"doc", "lap", "tu", "do", "hanh", "phuc"}};
  std::vector<std::string> words = SplitWords(text);
  std::vector<std::string> folded;
  for (const std::string& w : words) {
    std::string f = FoldForMatching(w);
    f.erase(std::remove_if(f.begin(), f.end(), [](char c) { return c == ',' || c == '.'; }),
            f.end());
    folded.push_back(f);
  }
  auto is_punct = [](const std::string& f) {
    return f.empty() || f == "-" || f == "\xE2\x80\x93" || f == "\xE2\x80\x94";
  };
  for (const auto& phrase : kPhrases) {
    for (size_t i = 0; i < words.size(); ++i) {
      if (folded[i] != phrase[0]) continue;
      size_t j = i, k = 0;
      while (j < words.size() && k < phrase.size()) {
        if (is_punct(folded[j])) { ++j; continue; }
        if (folded[j] != phrase[k]) break;
        ++j, ++k;
      }
      if (k == phrase.size()) {
        words.erase(words.begin() + i, words.begin() + j);
        folded.erase(folded.begin() + i, folded.begin() + j);
        break;
      }
    }
  }
  return JoinWords(words);
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The national name wrapped over two lines of the heading's right column
// ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM", a LibreOffice PDF's narrow
// cell): a cell that ends with the name's first words (four or more) loses
// them and returns the folded words still to come, which
// DropMottoRest then removes from the start of a later cell. Without it
// both halves read as parts of the body's name and its province is lost.
std::vector<std::string> CutMottoHead(std::string* text) {
  static const std::vector<std::string> kName = {"cong", "hoa", "xa",   "hoi",
                                                 "chu",  "nghia", "viet", "nam"};
  std::vector<std::string> words = SplitWords(*text);
  for (size_t i = 0; i < words.size(); ++i) {
    const size_t n = words.size() - i;
    if (n < 4 || n >= kName.size()) continue;
    bool match = true;
    for (size_t k = 0; k < n && match; ++k) match = FoldForMatching(words[i + k]) == kName[k];
    if (!match) continue;
    *text = JoinWords({words.begin(), words.begin() + i});
    return {kName.begin() + n, kName.end()};
  }
  return {};
}

// Removes `rest` (folded words) from the start of `text` when it is there;
// clears `rest` when it was.
void DropMottoRest(std::string* text, std::vector<std::string>* rest) {
  std::vector<std::string> words = SplitWords(*text);
  if (rest->empty() || words.size() < rest->size()) return;
  for (size_t k = 0; k < rest->size(); ++k)
    if (FoldForMatching(words[k]) != (*rest)[k]) return;
  *text = JoinWords({words.begin() + rest->size(), words.end()});
  rest->clear();
}

struct Period {
  std::string kind;
  int year = 0;
  int index = 0;
  std::string where;  // "the title", ...
  std::string detail; // extra note
};

// The first period named in `text` (folded). A month without a year takes
// the year of the next month named ("tháng 12 và ... tháng 01 năm 2021" ->
// 12/2020).
std::optional<Period> FindPeriod(const std::string& text, bool allow_year) {
  static const RE2 kMonth(R"(\bthang (\d{1,2})\b(?:\s*(?:nam|/)\s*(\d{4}))?)");
  static const RE2 kMonthWithYear(R"(\bthang (\d{1,2})\s*(?:nam|/)\s*(\d{4}))");
  static const RE2 kYearAfter(R"(\bnam (\d{4}))");
  static const RE2 kHalf(R"(\b(?:6|06|sau) thang (?:(d\S{0,2}u|cuoi) )?n\S{0,2}m (\d{4}))");
  static const RE2 kNine(R"(\b(?:9|09|chin) thang (?:d\S{0,2}u )?n\S{0,2}m (\d{4}))");
  static const RE2 kQuarter(R"(\bquy (iv|iii|ii|i|[1-4])\b\s*(?:nam|/)\s*(\d{4}))");
  static const RE2 kYear(R"(\bnam (\d{4})\b)");
  std::optional<Period> best;
  int best_pos = -1;
  auto consider = [&](int pos, Period p) {
    if (pos >= 0 && (best_pos < 0 || pos < best_pos)) best_pos = pos, best = p;
  };
  std::vector<std::string> g;
  for (size_t from = 0;;) {
    int pos = FindFirst(kMonth, text, from, &g);
    if (pos < 0) break;
    int month = ToInt(g[1]);
    if (month >= 1 && month <= 12) {
      int year = ToInt(g[2]);
      if (year == 0) {
        std::vector<std::string> g2;
        size_t after = pos + g[0].size();
        if (FindFirst(kMonthWithYear, text, after, &g2) >= 0) {
          year = ToInt(g2[2]);
          if (ToInt(g2[1]) < month) --year;
        } else if (FindFirst(kYearAfter, text, after, &g2) >= 0) {
          year = ToInt(g2[1]);
        }
      }
      if (year >= 1900 && year <= 2100) {
        consider(pos, {"month", year, month, "", ""});
        break;
      }
    }
    from = pos + g[0].size();
  }
  if (int pos = FindFirst(kHalf, text, 0, &g); pos >= 0) {
    Period p{"half_year", ToInt(g[2]), 0, "", ""};
    if (g[1].empty()) p.detail = "which half of the year is not stated";
    else p.index = StartsWith(g[1], "cuoi") ? 2 : 1;
    consider(pos, p);
  }
  if (int pos = FindFirst(kNine, text, 0, &g); pos >= 0)
    consider(pos, {"nine_months", ToInt(g[1]), 1, "", ""});
  if (int pos = FindFirst(kQuarter, text, 0, &g); pos >= 0) {
    static const std::map<std::string, int> kRoman = {
        {"i", 1}, {"ii", 2}, {"iii", 3}, {"iv", 4}, {"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}};
    consider(pos, {"quarter", ToInt(g[2]), kRoman.at(g[1]), "", ""});
  }
  if (!best && allow_year) {
    if (int pos = FindFirst(kYear, text, 0, &g); pos >= 0)
      consider(pos, {"year", ToInt(g[1]), 1, "", ""});
  }
  return best;
}

struct Range {
  int y0, m0, d0, y1, m1, d1;
};

std::vector<Range> FindRanges(const std::string& text) {
  static const RE2 kRange(
      R"(\btu (?:ngay )?(\d{1,2})/(\d{1,2})/(\d{4}) (?:den|toi) (?:het )?(?:ngay )?(\d{1,2})/(\d{1,2})/(\d{4}))");
  std::vector<Range> out;
  std::vector<std::string> g;
  for (size_t from = 0;;) {
    int pos = FindFirst(kRange, text, from, &g);
    if (pos < 0) break;
    Range r{ToInt(g[3]), ToInt(g[2]), ToInt(g[1]), ToInt(g[6]), ToInt(g[5]), ToInt(g[4])};
    if (ValidDate(r.y0, r.m0, r.d0) && ValidDate(r.y1, r.m1, r.d1) &&
        IsoDate(r.y0, r.m0, r.d0) < IsoDate(r.y1, r.m1, r.d1))
      out.push_back(r);
    from = pos + g[0].size();
  }
  return out;
}

// Last month of a period and its length in months.
void PeriodMonths(const Period& p, int* last_month, int* months) {
  if (p.kind == "month") *last_month = p.index, *months = 1;
  else if (p.kind == "quarter") *last_month = 3 * p.index, *months = 3;
  else if (p.kind == "half_year") *last_month = 6 * std::max(p.index, 1), *months = 6;
  else if (p.kind == "nine_months") *last_month = 9, *months = 9;
  else *last_month = 12, *months = 12;
}

// A stated range belongs to the period when it ends in the period's last
// month and is not longer than the period (Sóc Trăng's June runs 16/5-15/6).
bool RangeFits(const Range& r, const Period& p) {
  int last = 0, months = 0;
  PeriodMonths(p, &last, &months);
  if (p.kind == "half_year" && p.index == 0) return false;
  if (r.y1 != p.year || r.m1 != last) return false;
  int span = (r.y1 * 12 + r.m1) - (r.y0 * 12 + r.m0);
  return span <= months;
}

// A period named only by its stated range ("từ ngày 01/01/2023 đến ngày
// 30/9/2023" -> first nine months of 2023).
std::optional<Period> PeriodFromRange(const Range& r) {
  int span = (r.y1 * 12 + r.m1) - (r.y0 * 12 + r.m0) + 1;
  bool calendar = r.d0 == 1 && r.d1 == DaysInMonth(r.y1, r.m1) && r.y0 == r.y1;
  if (calendar) {
    if (span == 1) return Period{"month", r.y1, r.m1, "", ""};
    if (span == 3 && r.m0 % 3 == 1) return Period{"quarter", r.y1, (r.m1) / 3, "", ""};
    if (span == 6 && (r.m0 == 1 || r.m0 == 7)) return Period{"half_year", r.y1, r.m1 / 6, "", ""};
    if (span == 9 && r.m0 == 1) return Period{"nine_months", r.y1, 1, "", ""};
    if (span == 12 && r.m0 == 1) return Period{"year", r.y1, 1, "", ""};
  }
  return std::nullopt;
}

class Reader {
 public:
  Reader(const Document& doc, const MetaDictionaries& dicts)
      : lines_(LogicalLines(doc)), dicts_(dicts) {}

  void Read(ReportMeta* meta) {
    FindHeader();
    ReadBody(meta);
    ReadNumberAndDate(meta);
    ReadKind(meta);
    ReadPeriod(meta);
  }

 private:
  // Where the heading ends: the title line ("BÁO CÁO"), "V/v" or "Kính gửi".
  void FindHeader() {
    header_end_ = std::min<size_t>(lines_.size(), 40);
    for (size_t i = 0; i < header_end_; ++i) {
      const std::string& f = lines_[i].folded;
      if (TitleKind(f) != nullptr) {
        title_ = i;
        header_end_ = i;
        break;
      }
      if (StartsWith(f, "v/v") || StartsWith(f, "kinh gui")) {
        header_end_ = i;
        if (StartsWith(f, "v/v")) subject_line_ = true;
        break;
      }
    }
    for (size_t i = 0; i < header_end_; ++i) {
      static const RE2 kNumber(R"(^s ?o\s*:)");
      static const RE2 kDate(R"(,\s*ngay\b.*\bthang\b.*\bnam\s*\d{4})");
      // The number may share its line with the body ("TRUNG TÂM ...  Số: 106/BC").
      for (const std::string& cell : lines_[i].cells)
        if (number_line_ < 0 && RE2::PartialMatch(FoldForMatching(cell), kNumber)) {
          number_line_ = i;
          number_text_ = cell;
        }
      if (date_line_ < 0 && RE2::PartialMatch(lines_[i].folded, kDate)) date_line_ = i;
    }
    // Continuation lines of a letter's subject ("V/v ...") sit before the date.
    if (header_end_ < lines_.size() && subject_line_) {
      for (size_t i = header_end_; i < std::min(lines_.size(), header_end_ + 8); ++i) {
        static const RE2 kDate(R"(,\s*ngay\b.*\bthang\b.*\bnam\s*\d{4})");
        if (date_line_ < 0 && RE2::PartialMatch(lines_[i].folded, kDate)) date_line_ = i;
      }
    }
  }

  const KindEntry* TitleKind(const std::string& folded) const {
    std::string f = folded;
    while (!f.empty() && (f.back() == ':' || f.back() == '.')) f.pop_back();
    for (const KindEntry& k : dicts_.kinds)
      if (!k.title.empty() && f == k.title) return &k;
    return nullptr;
  }

  // First words of a body's name: a heading cell that starts with one
  // begins a new name, any other upper-case cell continues the name above
  // ("TRUNG TÂM PHỤC VỤ" / "HÀNH CHÍNH CÔNG").
  static bool StartsBodyName(const std::string& folded) {
    static const char* kStarts[] = {"uy ban", "ubnd", "van phong", "trung tam", "so ", "ban ",
                                    "bo phan", "phong ", "chi cuc", "cuc ", "hoi dong", "hdnd",
                                    "bo ", "tong cuc", "dang ", "thanh tra", "vp ", "tt "};
    for (const char* p : kStarts)
      if (StartsWith(folded, p)) return true;
    return false;
  }

  // Splits a name that holds two heading lines run together ("VĂN PHÒNG
  // UBND TỈNH PHÚ YÊN TRUNG TÂM PHỤC VỤ ...": a markdown line break lost)
  // after its province, when a body's first words follow.
  std::vector<std::string> SplitAfterProvince(const std::string& name) const {
    std::vector<std::string> words = SplitWords(name);
    size_t first = 0, end = 0;
    if (dicts_.issuers.ProvinceIn(words, /*anywhere=*/true, &first, &end) && end < words.size()) {
      std::vector<std::string> head(words.begin(), words.begin() + end),
          tail(words.begin() + end, words.end());
      if (StartsBodyName(FoldForMatching(JoinWords(tail))))
        return {JoinWords(head), JoinWords(tail)};
    }
    return {name};
  }

  void ReadBody(ReportMeta* meta) {
    size_t stop = header_end_;
    if (number_line_ >= 0) stop = std::min<size_t>(stop, number_line_ + 1);
    else if (date_line_ >= 0) stop = std::min<size_t>(stop, date_line_ + 1);
    std::vector<std::string> names;
    std::string place;  // of the date: "Phú Yên, ngày ..."
    bool closed = false;  // the number or the date was seen: no more names
    std::vector<std::string> motto_rest;  // of a national name wrapped over two lines
    for (size_t i = 0; i < header_end_; ++i) {
      for (const std::string& cell : lines_[i].cells) {
        std::string t = RemoveMotto(cell);
        DropMottoRest(&t, &motto_rest);
        if (motto_rest.empty()) motto_rest = CutMottoHead(&t);
        std::string f = FoldForMatching(t);
        static const RE2 kNumber(R"(^s ?o\s*:)");
        static const RE2 kDate(R"(,\s*ngay\b.*\bthang\b.*\bnam\s*\d{4})");
        if (RE2::PartialMatch(f, kDate)) {
          if (place.empty()) place = Trim(t.substr(0, t.find(',')));
          // "Số: 12/BC-TTHC Phú Yên, ngày ..." in one cell: the place is
          // after the number's symbol.
          if (RE2::PartialMatch(FoldForMatching(place), kNumber)) {
            std::vector<std::string> w = SplitWords(place);
            size_t k = 0;
            while (k < w.size() && w[k].find('/') == std::string::npos) ++k;
            place = k + 1 < w.size() ? JoinWords({w.begin() + k + 1, w.end()}) : "";
          }
          closed = true;
          continue;
        }
        if (RE2::PartialMatch(f, kNumber)) {
          closed = true;
          continue;
        }
        if (closed || i >= stop || t.empty() || !IsUpperCaseLine(t)) continue;
        if (names.empty() || StartsBodyName(f)) names.push_back(t);
        else names.back() += " " + t;
      }
    }
    std::vector<std::string> split;
    for (const std::string& n : names)
      for (std::string& part : SplitAfterProvince(n)) split.push_back(std::move(part));
    names = std::move(split);
    if (!names.empty()) {
      meta->body = names.back();
      if (names.size() >= 2) meta->parent_body = names[names.size() - 2];
    } else {
      // "(Kèm theo Báo cáo số .../BC-TTHC ngày ... của Trung tâm Phục vụ hành chính công)"
      static const RE2 kAttached(
          R"((?i)kèm theo\s+(?:báo cáo|công văn|kế hoạch|tờ trình)\s+số[^)]*?\s+của\s+([^)]+)\))");
      for (const LogicalLine& l : lines_) {
        std::string body;
        if (RE2::PartialMatch(l.text, kAttached, &body)) {
          meta->body = ToUpperVietnamese(Trim(body));
          break;
        }
      }
    }
    // Province: "TỈNH X" in the body or its parent (the date's place is
    // often the provincial town, "Tuy Hòa"), else the date's place.
    const meta_internal::Province* province = nullptr;
    for (const std::string* name : {&meta->body, &meta->parent_body}) {
      size_t first = 0, end = 0;
      std::vector<std::string> w = SplitWords(*name);
      if (!province) province = dicts_.issuers.ProvinceIn(w, /*anywhere=*/true, &first, &end);
    }
    if (!province && !place.empty()) province = dicts_.issuers.FindProvince(place);
    if (province) {
      meta->province = province->name;
    } else if (!place.empty() && SplitWords(place).size() <= 4) {
      meta->province = place;
    } else {
      static const RE2 kProvince(R"((?:TỈNH|THÀNH PHỐ)\s+(.+)$)");
      for (const std::string* name : {&meta->body, &meta->parent_body}) {
        std::string p;
        if (RE2::PartialMatch(*name, kProvince, &p)) {
          meta->province = TitleCase(ToLowerVietnamese(Trim(p)));
          break;
        }
      }
    }
    meta->issuer = Issuer(*meta, province);
  }

  // "Trung tâm Phục vụ hành chính công tỉnh Phú Yên": the body's canonical
  // name without its own province words, then the province.
  std::string Issuer(const ReportMeta& meta, const meta_internal::Province* province) const {
    if (meta.body.empty()) return "";
    std::vector<std::string> words = SplitWords(meta.body);
    size_t first = 0, end = 0;
    if (dicts_.issuers.ProvinceIn(words, /*anywhere=*/false, &first, &end) && first > 0)
      words.resize(first);
    std::string body = dicts_.issuers.CanonicalBody(JoinWords(words));
    if (province) return body + " " + province->level + " " + province->name;
    if (!meta.province.empty()) return body + " " + meta.province;
    return body;
  }

  void ReadNumberAndDate(ReportMeta* meta) {
    if (number_line_ >= 0) {
      // "Số: 2707 /UBND-TTHC", "Số:       /BC-TTHC" (number left blank).
      static const RE2 kNumber(R"(^\S+(?: \S)?\s*:\s*(\d*)\s*/\s*([^\s,;]+))");
      std::string num, symbol;
      if (RE2::PartialMatch(number_text_, kNumber, &num, &symbol))
        meta->number = num + "/" + symbol;
    }
    if (date_line_ >= 0) {
      static const RE2 kDate(R"(ngay\s*(\d{1,2})?\s*thang\s*(\d{1,2})\s*nam\s*(\d{4}))");
      std::string d, m, y;
      if (RE2::PartialMatch(lines_[date_line_].folded, kDate, &d, &m, &y)) {
        int dd = ToInt(d), mm = ToInt(m), yy = ToInt(y);
        if (dd > 0 && ValidDate(yy, mm, dd)) meta->date = IsoDate(yy, mm, dd);
        else if (ValidDate(yy, mm, 1)) meta->date = IsoMonth(yy, mm);
      }
    }
  }

  void ReadKind(ReportMeta* meta) {
    if (title_ >= 0) {
      meta->kind = TitleKind(lines_[title_].folded)->kind;
      return;
    }
    // The symbol after the number: "/BC-TTHC" is a báo cáo; a symbol with
    // only the issuer's code ("/UBND-TTHC") is a công văn.
    if (!meta->number.empty()) {
      std::string symbol = meta->number.substr(meta->number.find('/') + 1);
      std::string prefix = symbol.substr(0, symbol.find('-'));
      for (const KindEntry& k : dicts_.kinds)
        if (!k.symbol.empty() && k.symbol == prefix) {
          meta->kind = k.kind;
          return;
        }
      if (subject_line_) {
        meta->kind = "cong_van";
        return;
      }
    }
    if (subject_line_) {
      meta->kind = "cong_van";
      return;
    }
    // No heading: "Trên đây là báo cáo ...", "Kèm theo Báo cáo số ...".
    static const RE2 kReport(R"(^(?:tren day la (?:bao cao|ket qua)|\(?(?:ban hanh )?kem theo bao cao so))");
    for (const LogicalLine& l : lines_)
      if (RE2::PartialMatch(l.folded, kReport)) {
        meta->kind = "bao_cao";
        return;
      }
  }

  std::string Block(size_t begin, size_t count) const {
    std::string out;
    for (size_t i = begin; i < lines_.size() && i < begin + count; ++i) {
      if (lines_[i].folded.empty()) {
        ++count;
        if (count > 12) break;
        continue;
      }
      if (!out.empty()) out.push_back(' ');
      out += lines_[i].folded;
    }
    return out;
  }

  void ReadPeriod(ReportMeta* meta) {
    std::optional<Period> period;
    // 1. The title under "BÁO CÁO".
    if (title_ >= 0) {
      std::string title;
      size_t taken = 0;
      for (size_t i = title_ + 1; i < lines_.size() && taken < 4; ++i) {
        const std::string& f = lines_[i].folded;
        if (f.empty()) continue;
        if (StartsWith(f, "thuc hien") || StartsWith(f, "can cu") || StartsWith(f, "kinh gui"))
          break;
        title += (title.empty() ? "" : " ") + f;
        ++taken;
      }
      period = FindPeriod(title, /*allow_year=*/true);
      if (period) period->where = "the title";
    }
    // 2. The closing sentence "Trên đây là (báo cáo) kết quả ... tháng 6 ...".
    if (!period) {
      for (size_t i = 0; i < lines_.size(); ++i) {
        if (!StartsWith(lines_[i].folded, "tren day la")) continue;
        period = FindPeriod(Block(i, 3), false);
        if (period) {
          period->where = "the closing sentence";
          break;
        }
      }
    }
    // 3. An appendix heading ("PHỤ LỤC I ... THÁNG 12 NĂM 2020").
    if (!period) {
      for (size_t i = 0; i < lines_.size(); ++i) {
        if (!StartsWith(lines_[i].folded, "phu luc")) continue;
        period = FindPeriod(Block(i, 4), false);
        if (period) {
          period->where = "an appendix heading";
          break;
        }
      }
    }
    std::string all;
    for (const LogicalLine& l : lines_) {
      if (l.folded.empty()) continue;
      all += l.folded;
      all.push_back(' ');
    }
    std::vector<Range> ranges = FindRanges(all);
    std::optional<Range> range;
    if (period) {
      for (const Range& r : ranges)
        if (RangeFits(r, *period)) {
          range = r;
          break;
        }
    } else if (ranges.size() == 1 || (!ranges.empty() && meta->kind == "cong_van")) {
      // Only a range of its own: the period is what that range covers.
      period = PeriodFromRange(ranges.front());
      if (period) {
        period->where = "the only stated date range";
        range = ranges.front();
      }
    }
    if (!period) {
      meta->period_determined = false;
      meta->period_note =
          lines_.empty() ? "no text" : "no period found in the title, closing sentence, appendix "
                                       "headings or a stated date range";
      return;
    }
    meta->period_kind = period->kind;
    meta->period_year = period->year;
    meta->period_index = period->index;
    meta->period_determined = period->index > 0;
    std::string what = period->kind + " " + std::to_string(period->year) +
                       (period->index > 0 ? "/" + std::to_string(period->index) : "");
    meta->period_note = what + " from " + period->where;
    if (!period->detail.empty()) meta->period_note += "; " + period->detail;
    if (range) {
      meta->period_from = IsoDate(range->y0, range->m0, range->d0);
      meta->period_to = IsoDate(range->y1, range->m1, range->d1);
      meta->period_note += "; dates stated in the document";
      return;
    }
    if (period->kind == "month" && !meta->province.empty()) {
      for (const PeriodConvention& c : dicts_.conventions) {
        if (c.province != meta->province || period->year < c.first_year ||
            period->year > c.last_year)
          continue;
        int y = period->year, m = period->index;
        if (c.start_day <= 1) {
          meta->period_from = IsoDate(y, m, 1);
          meta->period_to = IsoDate(y, m, DaysInMonth(y, m));
        } else {
          int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
          meta->period_from = IsoDate(py, pm, c.start_day);
          meta->period_to = IsoDate(y, m, c.start_day - 1);
        }
        meta->period_note += "; dates by the " + c.province +
                             " convention (dictionaries/meta/period_conventions.tsv)";
        return;
      }
    }
    meta->period_note += "; exact dates not stated";
  }

  std::vector<LogicalLine> lines_;
  const MetaDictionaries& dicts_;
  size_t header_end_ = 0;
  int title_ = -1;
  int number_line_ = -1;
  std::string number_text_;  // the heading cell "Số: 12/BC-TTHC"
  int date_line_ = -1;
  bool subject_line_ = false;
};

}  // namespace

std::string FoldForMatching(std::string_view text) {
  std::string stripped = StripDiacritics(ToLowerVietnamese(StripMarkup(text)));
  std::string out;
  for (char c : stripped) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Status LoadPeriodConventions(const std::string& dictionaries_dir,
                             std::vector<PeriodConvention>* out) {
  out->clear();
  return ForEachTsvRow(dictionaries_dir + "/meta/period_conventions.tsv",
                       [&](const std::vector<std::string>& f) {
    PeriodConvention c;
    if (f.size() < 4 || (c.start_day = ToInt(f[1])) < 1 || c.start_day > 28 ||
        (c.first_year = ToInt(f[2])) < 1900 || (c.last_year = ToInt(f[3])) < c.first_year)
      return std::string("expected province, start day (1-28), first year, last year");
    c.province = f[0];
    out->push_back(c);
    return std::string();
  });
}

Status ReadReportMeta(const Document& doc, const std::vector<PeriodConvention>& conventions,
                      ReportMeta* meta) {
  MetaDictionaries dicts = DefaultDictionaries();
  if (!dicts.status.ok()) return dicts.status;
  dicts.conventions = conventions;
  *meta = ReportMeta();
  Reader(doc, dicts).Read(meta);
  return Status::Ok();
}

Status ReadReportMeta(const Document& doc, ReportMeta* meta) {
  const MetaDictionaries& dicts = DefaultDictionaries();
  if (!dicts.status.ok()) return dicts.status;
  *meta = ReportMeta();
  Reader(doc, dicts).Read(meta);
  return Status::Ok();
}

}  // namespace sohoa
