#include "pipeline/core/text_util.h"
#include "pipeline/tables/tables.h"

#include <algorithm>
#include <set>
#include <cctype>
#include <map>
#include <mutex>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/tables/internal.h"

namespace sohoa {

using namespace tables_internal;

namespace {

enum class Shape { kTab, kPipe, kFlat };

// A header longer than this (blank lines included) is not a table header.
constexpr size_t kMaxHeaderLines = 400;
// A cell OCR read with less confidence than this is reported (`parse`
// finding with its box).
constexpr float kMinCellConfidence = 0.5f;

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> SplitWhitespace(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// A UTF-8 sequence cut short by a tab: some exports strip the high bit of
// the last byte ("ỉ" = E1 BB 89 written E1 BB 09). Puts the byte back.
bool EndsWithCutSequence(const std::string& s) {
  size_t i = s.size();
  size_t cont = 0;
  while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80 && cont < 3) --i, ++cont;
  if (i == 0) return false;
  unsigned char lead = static_cast<unsigned char>(s[i - 1]);
  size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  return need > 0 && cont + 1 == need;
}

std::vector<std::string> SplitFields(const std::string& text, Shape shape) {
  std::vector<std::string> fields;
  if (shape == Shape::kTab) {
    std::string cur;
    for (char c : text) {
      if (c == '\t') {
        if (EndsWithCutSequence(cur)) {
          cur.push_back(static_cast<char>(0x89));
          continue;
        }
        fields.push_back(Trim(cur));
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    fields.push_back(Trim(cur));
  } else {
    std::string t = Trim(text);
    if (!t.empty() && t.front() == '|') t.erase(0, 1);
    if (!t.empty() && t.back() == '|') t.pop_back();
    std::string cur;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '|') {
        cur.push_back('|');
        ++i;
      } else if (t[i] == '|') {
        fields.push_back(Trim(cur));
        cur.clear();
      } else {
        cur.push_back(t[i]);
      }
    }
    fields.push_back(Trim(cur));
  }
  return fields;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsRoman(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return !s.empty() && s.size() <= 5 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
}

// "1", "18", "1." as row numbers.
bool IsRowNumber(std::string s) {
  if (!s.empty() && s.back() == '.') s.pop_back();
  return IsDigits(s) && s.size() <= 4;
}

bool IsUpperText(std::string_view s) {
  bool letters = false;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = DecodeUtf8(s, &pos);
    char32_t base;
    Tone tone;
    bool upper;
    if (SplitLetter(cp, &base, &tone, &upper)) {
      letters = true;
      if (!upper) return false;
    }
  }
  return letters;
}

// Dates "16/5/2020" in order of appearance, as ISO strings.
std::vector<std::string> FindDates(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i])) || (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))))
      continue;
    int parts[3] = {0, 0, 0};
    int lens[3] = {0, 0, 0};
    size_t j = i;
    int k = 0;
    for (; k < 3; ++k) {
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) && lens[k] < 4)
        parts[k] = parts[k] * 10 + (s[j++] - '0'), ++lens[k];
      if (lens[k] == 0) break;
      if (k < 2) {
        if (j < s.size() && (s[j] == '/' || s[j] == '-' || s[j] == '.')) ++j;
        else break;
      }
    }
    if (k == 3 && lens[0] <= 2 && lens[1] <= 2 && lens[2] == 4 && parts[0] >= 1 && parts[0] <= 31 &&
        parts[1] >= 1 && parts[1] <= 12) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", parts[2], parts[1], parts[0]);
      out.push_back(buf);
      i = j;
    }
  }
  return out;
}

// "(TỪ NGÀY 16/5/2020 ĐẾN 15/6/2020)", "từ ngày 01/01/2023 đến ngày 30/9/2023".
bool FindPeriod(std::string_view text, std::string* from, std::string* to) {
  std::string norm = " " + NormalizeLabel(text) + " ";
  if (norm.find(" tu ") == std::string::npos || norm.find(" den ") == std::string::npos) return false;
  std::vector<std::string> dates = FindDates(text);
  if (dates.size() < 2) return false;
  *from = dates[0];
  *to = dates[1];
  return true;
}

// "Sở Y tế" yes, "(nộp trực tiếp" no: a unit name starts with a capital.
bool StartsUpper(std::string_view s) {
  size_t pos = 0;
  if (s.empty()) return false;
  char32_t cp = DecodeUtf8(s, &pos);
  char32_t base;
  Tone tone;
  bool upper;
  return SplitLetter(cp, &base, &tone, &upper) && upper;
}

// Page furniture: "Trang 1", "Trang 1/4", "- 2 -", "2/4".
bool IsPageNumber(std::string_view text) {
  std::vector<std::string> words = SplitWhitespace(text);
  if (words.empty() || words.size() > 4) return false;
  size_t k = NormalizeLabel(words[0]) == "trang" ? 1 : 0;
  bool digits = false;
  for (; k < words.size(); ++k)
    for (char c : words[k]) {
      if (c >= '0' && c <= '9') digits = true;
      else if (c != '-' && c != '/') return false;
    }
  return digits;
}

struct RawRow {
  std::string stt;
  std::string label;
  std::vector<std::string> cells;
  // For a grid row: the grid cell under each of `cells` (null where none).
  std::vector<const GridCell*> cell_src;
  const Page* source = nullptr;
  int page = 0, line = 0;
};

// The cell of `grid` covering slot (row, col), or null.
const GridCell* CellAt(const Grid& grid, int row, int col) {
  for (const GridCell& c : grid.cells)
    if (row >= c.row && row < c.row + c.row_span && col >= c.col && col < c.col + c.col_span) return &c;
  return nullptr;
}

RawRow SplitRow(const TextLine& l, Shape shape) {
  RawRow r;
  r.page = l.page;
  r.line = l.line;
  if (shape == Shape::kFlat && l.text.find('\t') == std::string::npos) {
    std::vector<std::string> t = SplitWhitespace(l.text);
    size_t b = 0, e = t.size();
    if (b < e && IsRowNumber(StripMarkup(t[0])) && e > 1) r.stt = StripMarkup(t[b++]);
    while (e > b && IsCellToken(t[e - 1])) --e;
    if (e == b && !r.stt.empty() && e < t.size()) {
      // "1 12 4 8": everything numeric; the first is the row number.
    }
    for (size_t i = b; i < e; ++i) r.label += (i > b ? " " : "") + t[i];
    for (size_t i = e; i < t.size(); ++i) r.cells.push_back(t[i]);
  } else {
    std::vector<std::string> f = SplitFields(l.text, shape == Shape::kFlat ? Shape::kTab : shape);
    r.stt = StripMarkup(f[0]);
    r.label = f.size() > 1 ? f[1] : "";
    for (size_t i = 2; i < f.size(); ++i) r.cells.push_back(f[i]);
    if (l.grid != nullptr) {
      r.source = l.source;
      for (size_t i = 2; i < f.size(); ++i) r.cell_src.push_back(CellAt(*l.grid, l.grid_row, static_cast<int>(i)));
    }
    if (!r.stt.empty() && !IsRowNumber(r.stt) && !IsRoman(r.stt) && StripMarkup(r.label).empty()) {
      r.label = f[0];
      r.stt.clear();
    }
  }
  r.label = CollapseSpaces(StripMarkup(r.label));
  return r;
}

// The row under a header that numbers its columns: "(1)", "(2)", ...
// (OCR may leave "q)" or "(4"): no header level.
bool IsColumnNumberRow(const std::vector<std::string>& fields) {
  int filled = 0, parens = 0;
  for (const std::string& f : fields) {
    if (f.empty()) continue;
    ++filled;
    if (f.size() > 5) return false;
    const bool paren = f.find('(') != std::string::npos || f.find(')') != std::string::npos;
    parens += paren;
    if (!paren && !std::all_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  }
  return filled >= 2 && 2 * parens >= filled;
}

// The first row of a stated grid that is no data row (no row number first):
// a header, whatever OCR made of its "STT".
bool IsGridTop(const TextLine& l) {
  if (l.grid == nullptr || l.grid_row != 0 || l.grid->rows < 2) return false;
  // A data row has numbers in most of its cells right of the unit (its
  // first field may be a garbled "STT" that reads as a number).
  std::vector<std::string> f = SplitFields(l.text, Shape::kTab);
  int filled = 0, numbers = 0;
  for (size_t i = 2; i < f.size(); ++i) {
    if (f[i].empty()) continue;
    ++filled;
    numbers += IsCellToken(StripMarkup(f[i]));
  }
  if (filled == 0 || 2 * numbers >= filled) return false;
  // A grid with no figures (a Word heading block laid out as a table, a
  // signature block) is no appendix table.
  int figures = 0;
  for (const GridCell& c : l.grid->cells) {
    std::string t = Trim(StripMarkup(c.text));
    if (!t.empty() && IsCellToken(t) && std::any_of(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      ++figures;
  }
  return figures >= 3;
}

// The first row of a stated grid that is a data row (a row number, a name,
// numbers): a grid whose header the page image did not give (faint or
// broken rules above it).
bool IsHeaderlessGridTop(const TextLine& l) {
  if (l.grid == nullptr || l.grid_row != 0 || l.grid->rows < 3) return false;
  std::vector<std::string> f = SplitFields(l.text, Shape::kTab);
  if (f.size() < 4 || !IsRowNumber(Trim(f[0])) || Trim(f[1]).empty()) return false;
  int numbers = 0, filled = 0;
  for (size_t i = 2; i < f.size(); ++i) {
    if (Trim(f[i]).empty()) continue;
    ++filled;
    numbers += IsCellToken(StripMarkup(f[i]));
  }
  return numbers >= 2 && 2 * numbers >= filled;
}

bool HasCell(const RawRow& r) {
  for (const std::string& c : r.cells)
    if (IsCellToken(c)) return true;
  return false;
}

}  // namespace

struct TableParser::Impl {
  Dictionaries dict;

  std::vector<TextLine> CollectLines(const Document& doc) const;
  bool IsHeading(const std::string& text, std::string* id) const;
  bool IsHeaderStart(const std::string& text, Shape* shape) const;
  // `headerless`: lines[h] is the first data row of a grid whose header
  // was not found (columns then come from the rows and their sums).
  size_t ParseTableAt(const std::vector<TextLine>& lines, size_t h, Shape shape, Table* table,
                      std::vector<Finding>* findings, bool headerless = false) const;

  void Parse(const Document& doc, std::vector<Table>* tables, std::vector<Finding>* findings) const;
};

std::vector<TextLine> TableParser::Impl::CollectLines(const Document& doc) const {
  std::vector<TextLine> out;
  LayoutCarry carry;
  for (const Page& p : doc.pages) {
    // The page's grids by their first line; rows must be among the lines.
    std::vector<const Grid*> grids;
    for (const Grid& g : p.grids)
      if (g.first_line >= 0 && g.rows > 0 && g.first_line + g.rows <= static_cast<int>(p.lines.size()))
        grids.push_back(&g);
    std::sort(grids.begin(), grids.end(), [](const Grid* a, const Grid* b) { return a->first_line < b->first_line; });
    auto plain = [&](size_t i, const Grid* g, int row) {
      TextLine t;
      t.page = p.number;
      t.line = static_cast<int>(i + 1);
      t.text = p.lines[i].Text();
      while (!t.text.empty() && (t.text.back() == ' ' || t.text.back() == '\r' || t.text.back() == '\n'))
        t.text.pop_back();
      t.source = &p;
      t.grid = g;
      t.grid_row = row;
      out.push_back(std::move(t));
    };
    // Lines between grids: laid out from their boxes, or taken as they are.
    auto other = [&](size_t from, size_t to) {
      if (from >= to) return;
      if (p.unit == BoxUnit::kNone) {
        for (size_t i = from; i < to; ++i) plain(i, nullptr, -1);
        return;
      }
      if (from == 0 && to == p.lines.size()) {
        for (TextLine& t : LayoutBoxedPage(p, dict, &carry)) out.push_back(std::move(t));
        return;
      }
      Page part;
      part.number = p.number;
      part.width = p.width;
      part.height = p.height;
      part.unit = p.unit;
      part.dpi = p.dpi;
      part.source = p.source;
      part.lines.assign(p.lines.begin() + static_cast<std::ptrdiff_t>(from), p.lines.begin() + static_cast<std::ptrdiff_t>(to));
      for (TextLine& t : LayoutBoxedPage(part, dict, &carry)) out.push_back(std::move(t));
    };
    size_t cur = 0;
    for (const Grid* g : grids) {
      const size_t first = static_cast<size_t>(g->first_line);
      if (first < cur) continue;  // overlapping grids: the first one wins
      other(cur, first);
      for (int r = 0; r < g->rows; ++r) plain(first + r, g, r);
      cur = first + static_cast<size_t>(g->rows);
    }
    other(cur, p.lines.size());
  }
  return out;
}

bool TableParser::Impl::IsHeading(const std::string& text, std::string* id) const {
  std::string stripped = StripMarkup(text);
  if (stripped.size() > 40) return false;
  std::vector<std::string> words = Words(NormalizeLabel(stripped));
  for (const std::string& h : dict.vocabulary.heading) {
    std::vector<std::string> hw = Words(h);
    if (words.size() < hw.size() || words.size() > hw.size() + 1) continue;
    if (!std::equal(hw.begin(), hw.end(), words.begin())) continue;
    if (words.size() == hw.size()) {
      *id = "PL";
      return true;
    }
    std::string n = words.back();
    for (char& c : n) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (IsRoman(n) || IsDigits(n) || (n.size() == 1 && std::isalpha(static_cast<unsigned char>(n[0])))) {
      *id = "PL-" + n;
      return true;
    }
  }
  return false;
}

bool TableParser::Impl::IsHeaderStart(const std::string& text, Shape* shape) const {
  std::string t = Trim(text);
  if (t.empty()) return false;
  std::string first;
  if (t.find('\t') != std::string::npos) {
    *shape = Shape::kTab;
    first = SplitFields(text, Shape::kTab)[0];
  } else if (t.front() == '|') {
    *shape = Shape::kPipe;
    first = SplitFields(text, Shape::kPipe)[0];
  } else {
    *shape = Shape::kFlat;
    first = SplitWhitespace(t)[0];
  }
  return LabelIn(NormalizeLabel(StripMarkup(first)), dict.vocabulary.stt);
}

namespace {

Finding ParseFinding(const std::string& table, int page, int line, std::string message) {
  Finding f;
  f.kind = FindingKind::kParse;
  f.severity = Severity::kWarning;
  f.table = table;
  f.page = page;
  f.line = line;
  f.message = std::move(message);
  return f;
}

bool IsPipeSeparator(const std::string& text) {
  std::string t = Trim(text);
  if (t.empty() || t.front() != '|') return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return c == '|' || c == '-' || c == ':' || c == ' '; });
}

// A header cell spanning two slots whose rows fill only one of them (a
// converter splits "Đúng hạn" over two grid columns and writes the number in
// the second, the first left blank on every row): the two leaf paths are the
// same, one column is blank throughout. The blank one goes, from the paths
// and every row.
void DropSpanShadows(std::vector<std::vector<std::string>>* paths, std::vector<RawRow>* rows,
                     std::optional<RawRow>* total, std::optional<RawRow>* percent) {
  std::vector<RawRow*> all;
  for (RawRow& r : *rows) all.push_back(&r);
  if (*total) all.push_back(&**total);
  if (*percent) all.push_back(&**percent);
  if (rows->empty()) return;
  auto blank = [&](size_t k) {
    for (const RawRow* r : all)
      if (k < r->cells.size() && !Trim(r->cells[k]).empty()) return false;
    return true;
  };
  for (size_t k = 0; k + 1 < paths->size();) {
    if ((*paths)[k].empty() || (*paths)[k] != (*paths)[k + 1] || blank(k) == blank(k + 1)) {
      ++k;
      continue;
    }
    const size_t drop = blank(k) ? k : k + 1;
    paths->erase(paths->begin() + static_cast<long>(drop));
    for (RawRow* r : all) {
      if (drop < r->cells.size()) r->cells.erase(r->cells.begin() + static_cast<long>(drop));
      if (drop < r->cell_src.size()) r->cell_src.erase(r->cell_src.begin() + static_cast<long>(drop));
    }
  }
}

// Keys the columns by the row identities (KeysFromSums) when the header
// left columns unmapped or named no schema, or when the identities hold
// clearly better under other keys than under the header's: the header's
// problems about those columns go, one problem says what was done.
void KeyBySums(const Dictionaries& dict, const std::vector<RawRow>& rows, const std::optional<RawRow>& total, Shape shape,
               size_t leaves, int* schema, Table* table, std::vector<std::string>* problems) {
  if (leaves == 0 || table->columns.size() != leaves) return;
  std::vector<std::vector<std::optional<double>>> values;
  auto add = [&](const RawRow& r) {
    std::vector<std::string> cells = r.cells;
    while (cells.size() > leaves && Trim(cells.back()).empty()) cells.pop_back();
    if (shape == Shape::kFlat && cells.size() > leaves) cells.erase(cells.begin(), cells.end() - leaves);
    else if (shape == Shape::kFlat && cells.size() < leaves) cells.insert(cells.begin(), leaves - cells.size(), "");
    cells.resize(leaves);
    std::vector<std::optional<double>> v;
    for (const std::string& c : cells) v.push_back(LenientCount(Trim(StripMarkup(c))));
    values.push_back(std::move(v));
  };
  for (const RawRow& r : rows) add(r);
  if (total) add(*total);
  std::vector<std::string> hint, current;
  bool unmapped = *schema < 0;
  for (const Column& c : table->columns) {
    hint.push_back(c.mapped ? c.key : "");
    current.push_back(c.key);
    unmapped = unmapped || !c.mapped;
  }
  int cur_holds = 0, cur_fails = 0;
  if (*schema >= 0) CountIdentities(dict.schemas[*schema], current, values, &cur_holds, &cur_fails);
  const SumKeys best = KeysFromSums(dict, values, leaves, hint);
  if (best.schema < 0 || best.rivals > 0 || best.keys == current) return;
  // Evidence enough: several checks hold, few fail.
  if (best.holds < 3 || 2 * best.fails > best.holds) return;
  const long best_score = best.holds - 3L * best.fails, cur_score = cur_holds - 3L * cur_fails;
  if (!(unmapped ? best_score >= cur_score : best_score >= cur_score + 3)) return;
  const Schema& s = dict.schemas[best.schema];
  // A column no identity pins keeps the header's key, or its own header
  // text when that matched nothing ("Số hồ sơ xin rút" is no schema
  // column); only a column without header text takes the schema's order.
  // Its header text misread may still be near a wording of a leaf of the
  // schema the sums chose that no other column takes ("Hồ sơ bị trả lai").
  // A header that matched no schema at all is unreadable as a whole: there
  // the schema's order (the sums' choice) keys the columns nothing else does.
  const bool header_unread = *schema < 0;
  std::vector<std::string> keys = best.keys;
  std::set<std::string> taken;
  for (size_t k = 0; k < leaves; ++k)
    if (best.pinned[k]) taken.insert(best.keys[k]);
  for (size_t k = 0; k < leaves; ++k) {
    const Column& c = table->columns[k];
    const bool no_header = c.header.empty() || c.key.rfind("column_", 0) == 0;
    if (best.pinned[k] || no_header) continue;
    const std::string by_order = keys[k];
    keys[k] = c.key;
    if (c.mapped) continue;
    const std::vector<std::string> words = Words(NormalizeLabel(c.header.back()));
    const Schema& schema = dict.schemas[best.schema];
    double nearest = 0.3;
    for (size_t j = 0; j < schema.columns.size(); ++j) {
      const SchemaColumn& sc = schema.columns[j];
      if (!sc.leaf || taken.count(sc.key)) continue;
      for (const std::vector<std::string>& syn : dict.synonym_words[best.schema][j]) {
        const double d = LabelDistance(words, syn);
        if (d < nearest) nearest = d, keys[k] = sc.key;
      }
    }
    if (keys[k] == c.key && header_unread && !taken.count(by_order)) keys[k] = by_order;
    taken.insert(keys[k]);
  }
  std::set<std::string> distinct(keys.begin(), keys.end());
  if (distinct.size() != keys.size()) return;
  std::string changed;
  std::vector<std::string> old_keys;
  for (size_t k = 0; k < leaves; ++k) {
    Column& c = table->columns[k];
    if (c.key == keys[k]) continue;
    old_keys.push_back(c.key);
    changed += (changed.empty() ? "" : ", ") + (c.key.empty() ? "column " + std::to_string(k + 1) : c.key) + " -> " + best.keys[k];
    c.key = keys[k];
    c.mapped = true;
    if (c.header.empty()) {
      const SchemaColumn* sc = s.Find(c.key);
      if (sc != nullptr && !sc->synonyms.empty()) c.header = {sc->synonyms.front()};
    }
  }
  if (changed.empty()) return;
  problems->erase(std::remove_if(problems->begin(), problems->end(),
                                 [&](const std::string& p) {
                                   if (p.rfind("header words match no schema", 0) == 0 || p.rfind("header matches no schema", 0) == 0)
                                     return true;
                                   for (const std::string& k : old_keys)
                                     if (p.rfind("unmapped column", 0) == 0 && p.size() >= k.size() + 1 &&
                                         p.compare(p.size() - k.size() - 1, std::string::npos, " " + k) == 0)
                                       return true;
                                   return false;
                                 }),
                  problems->end());
  problems->push_back("columns keyed by the row sums of schema " + s.name + " (" + std::to_string(best.holds) + " of " +
                      std::to_string(best.holds + best.fails) + " identity checks hold; the header's keys: " +
                      std::to_string(cur_holds) + " of " + std::to_string(cur_holds + cur_fails) + "): " + changed);
  *schema = best.schema;
}

}  // namespace

size_t TableParser::Impl::ParseTableAt(const std::vector<TextLine>& lines, size_t h, Shape shape,
                                       Table* table, std::vector<Finding>* findings, bool headerless) const {
  const TableVocabulary& vocab = dict.vocabulary;
  auto is_total = [&](const RawRow& r) { return LabelIn(NormalizeLabel(r.label), vocab.total); };
  auto is_percent = [&](const RawRow& r) { return LabelIn(NormalizeLabel(r.label), vocab.percent); };
  auto is_data = [&](const RawRow& r) {
    return HasCell(r) && ((IsRowNumber(r.stt) && !r.label.empty()) || is_total(r) || is_percent(r));
  };

  // Header lines: from the STT line to the first data row.
  size_t i = h;
  std::vector<size_t> header_lines;
  while (!headerless && i < lines.size() && i < h + kMaxHeaderLines) {
    if (Trim(lines[i].text).empty() || (shape == Shape::kPipe && IsPipeSeparator(lines[i].text))) {
      ++i;
      continue;
    }
    if (i > h) {
      RawRow r = SplitRow(lines[i], shape);
      // The first row, even when its name wraps before its cells.
      if (is_data(r) || (IsRowNumber(r.stt) && StartsUpper(r.label))) break;
    }
    header_lines.push_back(i);
    ++i;
  }
  if (i >= lines.size() || i >= h + kMaxHeaderLines) return h + 1;  // no rows: not a table

  // Rows.
  std::vector<RawRow> rows;
  std::optional<RawRow> total, percent;
  bool pending = false;  // last row has a number and name but no cells yet
  size_t end = i;
  // A table continued over a page break: after its last row, at most a few
  // footer lines end the page; the next page starts with at most a few
  // running-head lines, maybe the same header row again, then rows with as
  // many cells as this table's rows. No heading, no title, no other header
  // in between. Returns the index of the continuation's first row, or 0.
  // `wrapped` gets the rest of the last row's unit name when its cell was
  // cut by the page break: the continuation grid's first row then holds
  // only that text in the unit column ("Sở Giáo dục và Đào" / "tạo").
  auto continuation = [&](size_t from, std::string* wrapped) -> size_t {
    wrapped->clear();
    if (percent || (rows.empty() && !total) || from == 0 || from >= lines.size()) return 0;
    const int page = lines[from - 1].page;
    auto other_text = [&](const TextLine& l) {
      std::string id;
      Shape s2;
      if (IsHeading(l.text, &id) || IsHeaderStart(l.text, &s2)) return false;
      std::string t = CollapseSpaces(StripMarkup(l.text));
      if (SplitWhitespace(t).size() > 12) return false;
      return !(IsUpperText(t) && SplitWhitespace(t).size() >= 4);  // a title
    };
    size_t k = from;
    int seen = 0;
    for (; k < lines.size() && lines[k].page == page; ++k) {
      if (Trim(lines[k].text).empty()) continue;
      if (++seen > 3 || !other_text(lines[k])) return 0;
    }
    if (k >= lines.size() || lines[k].page != page + 1) return 0;
    const int next_page = lines[k].page;
    seen = 0;
    for (; k < lines.size() && lines[k].page == next_page; ++k) {
      if (Trim(lines[k].text).empty() || (shape == Shape::kPipe && IsPipeSeparator(lines[k].text))) continue;
      Shape s2;
      if (IsHeaderStart(lines[k].text, &s2)) break;
      RawRow r = SplitRow(lines[k], shape);
      if (is_data(r)) break;
      if (++seen > 3 || !other_text(lines[k])) return 0;
      const bool cut_cell = lines[k].grid != nullptr && lines[k].grid_row == 0 && r.stt.empty() &&
                            !r.label.empty() && !HasCell(r) && !rows.empty() && !total;
      *wrapped = cut_cell ? r.label : "";
    }
    if (k >= lines.size() || lines[k].page != next_page) return 0;
    Shape s2;
    if (IsHeaderStart(lines[k].text, &s2)) {
      wrapped->clear();
      // The header row repeated: the same words as this table's header.
      std::string want, got;
      for (size_t hl : header_lines) want += " " + StripMarkup(lines[hl].text);
      size_t hs = k;
      for (got = " " + StripMarkup(lines[k++].text); k < lines.size() && k < hs + kMaxHeaderLines; ++k) {
        if (Trim(lines[k].text).empty() || (shape == Shape::kPipe && IsPipeSeparator(lines[k].text))) continue;
        RawRow r = SplitRow(lines[k], shape);
        if (is_data(r) || (IsRowNumber(r.stt) && StartsUpper(r.label))) break;
        got += " " + StripMarkup(lines[k].text);
      }
      if (k >= lines.size() || lines[k].page != next_page) return 0;
      if (LabelDistance(Words(NormalizeLabel(want)), Words(NormalizeLabel(got))) > 0.15) return 0;
    }
    RawRow first = SplitRow(lines[k], shape);
    if (!is_data(first) || (total && !is_percent(first))) return 0;
    // As many cells as the rows so far (most of them).
    std::map<size_t, int> counts;
    for (const RawRow& r : rows) ++counts[r.cells.size()];
    if (total) ++counts[total->cells.size()];
    size_t mode = 0;
    int best = 0;
    for (auto [n, c] : counts)
      if (c > best) best = c, mode = n;
    return first.cells.size() == mode ? k : 0;
  };
  for (;;) {
    for (; i < lines.size(); ++i) {
      const TextLine& l = lines[i];
      if (Trim(l.text).empty() || (shape == Shape::kPipe && IsPipeSeparator(l.text))) continue;
      std::string id;
      Shape s2;
      if (IsHeading(l.text, &id) || IsHeaderStart(l.text, &s2) || (IsGridTop(l) && l.grid != lines[h].grid)) break;
      RawRow r = SplitRow(l, shape);
      if (percent) break;
      if (is_percent(r) && HasCell(r)) {
        percent = r;
        end = i + 1;
        continue;
      }
      if (total) break;
      if (is_total(r) && HasCell(r)) {
        total = r;
        end = i + 1;
        continue;
      }
      // A unit name wrapped at a hyphen ("Sở Lao" / "động -" / "Thương binh
      // và Xã hội"): the hyphen is no dash cell of a row of its own.
      bool lone_dash = false;
      if (r.cells.size() == 1) {
        bool ok;
        lone_dash = ParseCell(r.cells[0], &ok).dash;
      }
      if (shape == Shape::kFlat && lone_dash && r.stt.empty() && !r.label.empty() && !rows.empty() && !pending &&
          rows.back().cells.size() >= 3 && l.page == rows.back().page) {
        rows.back().label += " " + r.label + " " + StripMarkup(r.cells[0]);
        end = i + 1;
        continue;
      }
      bool cells = HasCell(r);
      if (cells && (IsRowNumber(r.stt) || !r.label.empty())) {
        if (pending && r.stt.empty()) {
          // "19 Ban Quản lý các Khu" then "công nghiệp 16 1".
          RawRow& p = rows.back();
          if (!r.label.empty()) p.label += " " + r.label;
          p.cells = r.cells;
          p.cell_src = r.cell_src;
        } else {
          rows.push_back(r);
        }
        pending = false;
        end = i + 1;
        continue;
      }
      if (cells && r.label.empty() && pending) {
        rows.back().cells = r.cells;
        rows.back().cell_src = r.cell_src;
        pending = false;
        end = i + 1;
        continue;
      }
      if (!cells && IsRowNumber(r.stt) && !r.label.empty()) {
        rows.push_back(r);
        pending = true;
        end = i + 1;
        continue;
      }
      if (!cells && r.stt.empty() && !r.label.empty() && !rows.empty()) {
        // A wrapped unit name, unless it reads like prose after the table.
        std::string n = NormalizeLabel(r.label);
        // Nor a page number ("Trang 1", "- 2 -") or a line of another page.
        bool prose = SplitWhitespace(r.label).size() > 10 || r.label.front() == '(' ||
                     IsPageNumber(r.label) || l.page != rows.back().page ||
                     n.rfind("ghi chu", 0) == 0 || n.rfind("nguon", 0) == 0 || r.label.back() == '.' ||
                     r.label.back() == ':';
        if (prose) break;
        rows.back().label += " " + r.label;
        end = i + 1;
        continue;
      }
      if (!cells && IsRoman(r.stt)) {  // a section row ("I Cấp tỉnh")
        end = i + 1;
        continue;
      }
      break;
    }
    std::string wrapped;
    size_t next = continuation(end, &wrapped);
    if (next == 0) break;
    // Only when the first data row follows it directly.
    size_t after = next;
    while (after > end && Trim(lines[after - 1].text).empty()) --after;
    if (!wrapped.empty() && after > 0 && SplitRow(lines[after - 1], shape).label == wrapped)
      rows.back().label += " " + wrapped;
    i = next;
  }

  // Columns.
  std::vector<std::string> problems;
  int schema = -1;
  size_t leaves = 0;
  if (shape == Shape::kFlat) {
    std::map<size_t, int> counts;
    for (const RawRow& r : rows) ++counts[r.cells.size()];
    if (total) ++counts[total->cells.size()];
    if (percent) ++counts[percent->cells.size()];
    size_t mode = 0;
    int best = 0;
    for (auto [n, c] : counts)
      if (c > best) best = c, mode = n;
    if (rows.empty() && total) mode = total->cells.size();
    std::vector<std::string> words;
    for (size_t hl : header_lines)
      for (std::string& w : SplitWhitespace(lines[hl].text)) words.push_back(std::move(w));
    // Drop "STT" and the unit column's label.
    if (!words.empty()) words.erase(words.begin());
    for (size_t n = std::min<size_t>(words.size(), 6); n > 0; --n) {
      std::string cand;
      for (size_t k = 0; k < n; ++k) cand += (k ? " " : "") + words[k];
      if (LabelIn(NormalizeLabel(StripMarkup(cand)), vocab.unit)) {
        words.erase(words.begin(), words.begin() + n);
        break;
      }
    }
    // Cells laid out from word boxes (OCR): read approximately when the
    // words are no exact labels.
    std::vector<std::string> cells;
    for (size_t hl : header_lines)
      if (lines[hl].header_cell) cells.push_back(lines[hl].text);
    std::vector<HeaderNote> notes;
    // A text layer's flattened header may name fewer leaves than the rows
    // have cells (cells then assigned from the right). Laid out from boxes,
    // the rows' cells are the numeric columns themselves: a header tree with
    // another number of leaves would shift every cell, so the columns are
    // numbered instead.
    bool read;
    if (cells.empty()) {
      read = ParseFlatHeader(dict, words, static_cast<int>(mode), &table->columns, &schema) ||
             ParseFlatHeader(dict, words, 0, &table->columns, &schema);
    } else {
      read = ParseFlatHeader(dict, words, static_cast<int>(mode), &table->columns, &schema) ||
             ParseHeaderCells(dict, cells, static_cast<int>(mode), &table->columns, &schema, &notes) ||
             (mode == 0 && (ParseFlatHeader(dict, words, 0, &table->columns, &schema) ||
                            ParseHeaderCells(dict, cells, 0, &table->columns, &schema, &notes)));
    }
    if (!read && cells.empty()) {
      // A header laid out in character columns, its labels wrapped in place.
      std::vector<std::string> texts;
      for (size_t hl : header_lines) texts.push_back(lines[hl].text);
      // The data rows' lines (their numbers give the columns' positions).
      std::vector<std::string> data;
      for (size_t k = header_lines.back() + 1; k < lines.size() && data.size() < 40; ++k)
        for (const RawRow& r : rows)
          if (r.page == lines[k].page && r.line == lines[k].line) data.push_back(lines[k].text);
      // Group labels may stand above the STT line, a few blank lines up.
      std::vector<std::string> above;
      for (size_t k = h, blank = 0; k > 0 && blank <= 3; --k) {
        const TextLine& l = lines[k - 1];
        if (l.page != lines[h].page || l.grid != nullptr) break;
        if (Trim(l.text).empty()) {
          ++blank;
          continue;
        }
        above.push_back(l.text);
        break;
      }
      read = ParseAlignedHeader(dict, table->title, above, texts, data, mode, &table->columns, &schema,
                                &problems);
    }
    if (!read) {
      table->columns.clear();
      for (size_t k = 0; k < mode; ++k)
        table->columns.push_back({{}, "column_" + std::to_string(k + 1), /*mapped=*/false});
      problems.push_back("header words match no schema in dictionaries/schemas; columns numbered");
    }
    for (const HeaderNote& note : notes) {
      Finding f = ParseFinding(table->id, lines[h].page, lines[h].line, note.message);
      f.severity = Severity::kInfo;
      f.column = note.key;
      findings->push_back(std::move(f));
    }
    leaves = table->columns.size();
  } else {
    std::vector<std::vector<std::string>> grid;
    size_t width = 0;
    for (size_t hl : header_lines) {
      std::vector<std::string> f = SplitFields(lines[hl].text, shape);
      for (std::string& x : f) x = CollapseSpaces(StripMarkup(x));
      if (IsColumnNumberRow(f)) continue;
      width = std::max(width, f.size());
      grid.push_back(std::move(f));
    }
    // Drop trailing columns nothing in the header or rows names.
    size_t data_width = 0;
    for (const RawRow& r : rows) {
      size_t w = r.cells.size();
      while (w > 0 && Trim(r.cells[w - 1]).empty()) --w;
      data_width = std::max(data_width, w + 2);
    }
    while (width > data_width) {
      bool named = false;
      for (const auto& row : grid)
        if (width - 1 < row.size() && !row[width - 1].empty()) named = true;
      if (named) break;
      --width;
    }
    // Columns the header does not name come only from a header that names none.
    if (width <= 2) width = std::max(width, data_width);
    std::vector<std::vector<std::string>> paths = GridLeafPaths(grid, 2, width);
    DropSpanShadows(&paths, &rows, &total, &percent);
    schema = MapColumns(dict, table->title, paths, &table->columns, &problems);
    leaves = table->columns.size();
  }
  KeyBySums(dict, rows, total, shape, leaves, &schema, table, &problems);
  if (schema >= 0) table->schema = dict.schemas[schema].name;
  const int hp = lines[h].page, hl = lines[h].line;
  for (std::string& p : problems) findings->push_back(ParseFinding(table->id, hp, hl, p));

  auto build = [&](const RawRow& raw, int index) {
    Row row;
    row.stt = raw.stt;
    row.unit = raw.label;
    row.page = raw.page;
    row.line = raw.line;
    if (index >= 0) row.unit_canonical = dict.units.Canonical(row.unit);
    std::vector<std::string> cells = raw.cells;
    while (cells.size() > leaves && Trim(cells.back()).empty()) cells.pop_back();
    if (cells.size() != leaves) {
      Finding f = ParseFinding(table->id, raw.page, raw.line,
                               "row '" + row.unit + "' has " + std::to_string(cells.size()) +
                                   " cells for " + std::to_string(leaves) + " columns");
      f.row = index;
      f.row_label = row.unit;
      if (shape == Shape::kFlat) {
        f.message += cells.size() < leaves ? "; cells assigned from the right, leftmost columns left blank"
                                           : "; the rightmost cells kept";
        if (cells.size() > leaves) cells.erase(cells.begin(), cells.end() - leaves);
        else cells.insert(cells.begin(), leaves - cells.size(), "");
      } else {
        f.message += cells.size() < leaves ? "; missing cells left blank" : "; extra cells dropped";
        cells.resize(leaves);
      }
      findings->push_back(std::move(f));
    }
    for (size_t k = 0; k < leaves; ++k) {
      bool ok;
      Cell c = ParseCell(cells[k], &ok);
      c.page = raw.page;
      c.line = raw.line;
      const GridCell* src = k < raw.cell_src.size() ? raw.cell_src[k] : nullptr;
      if (src != nullptr) {
        c.box = src->box;
        c.confidence = src->confidence;
        if (raw.source != nullptr && table->box_unit == BoxUnit::kNone) {
          table->box_unit = raw.source->unit;
          table->box_dpi = raw.source->dpi;
        }
        // An OCR reading the engine is unsure of is shown, not trusted.
        if (ok && !c.text.empty() && c.confidence < kMinCellConfidence) {
          char conf[16];
          std::snprintf(conf, sizeof conf, "%.2f", c.confidence);
          Finding f = ParseFinding(table->id, raw.page, raw.line,
                                   "cell '" + c.text + "' in column " + table->columns[k].key +
                                       " read with low confidence (" + conf + "): check it on the page");
          f.row = index;
          f.row_label = row.unit;
          f.column = table->columns[k].key;
          f.box = c.box;
          f.box_unit = table->box_unit;
          f.box_dpi = table->box_dpi;
          findings->push_back(std::move(f));
        }
      }
      if (!ok) {
        Finding f = ParseFinding(table->id, raw.page, raw.line,
                                 "cannot read number '" + c.text + "' in column " + table->columns[k].key);
        f.row = index;
        f.row_label = row.unit;
        f.column = table->columns[k].key;
        findings->push_back(std::move(f));
      }
      row.cells.push_back(std::move(c));
    }
    return row;
  };
  for (size_t r = 0; r < rows.size(); ++r) table->rows.push_back(build(rows[r], static_cast<int>(r)));
  if (total) table->total = build(*total, -2);
  if (percent) table->percent = build(*percent, -3);
  // OCR'd counts the sums decide (not a text layer's: its digits are as typed).
  if (schema >= 0 && table->box_unit == BoxUnit::kPixels)
    for (const SumRepair& rep : RepairBySums(dict.schemas[schema], table)) {
      const Row& row = rep.row < 0 ? *table->total : table->rows[static_cast<size_t>(rep.row)];
      Finding f = ParseFinding(table->id, row.page, row.line,
                               "cell '" + rep.from + "' in column " + rep.column + " of row '" + row.unit +
                                   "' corrected to '" + rep.to + "': only that reading makes " + rep.why + " hold");
      f.severity = Severity::kInfo;
      f.row = rep.row;
      f.row_label = row.unit;
      f.column = rep.column;
      f.box = rep.box;
      f.box_unit = table->box_unit;
      f.box_dpi = table->box_dpi;
      // The cell's earlier "cannot read" finding is answered by this one.
      findings->erase(std::remove_if(findings->begin(), findings->end(),
                                     [&](const Finding& o) {
                                       return o.table == table->id && o.row == rep.row && o.column == rep.column &&
                                              o.message.rfind("cannot read number", 0) == 0;
                                     }),
                      findings->end());
      findings->push_back(std::move(f));
    }
  return std::max(end, h + 1);
}

void TableParser::Impl::Parse(const Document& doc, std::vector<Table>* tables,
                              std::vector<Finding>* findings) const {
  tables->clear();
  std::vector<TextLine> lines = CollectLines(doc);
  int unnamed = 0;
  size_t last_end = 0;
  size_t heading = std::string::npos;  // index of the last heading not yet used
  std::string heading_id;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string id;
    if (IsHeading(lines[i].text, &id)) {
      heading = i;
      heading_id = id;
      continue;
    }
    Shape shape;
    // The first row of a grid the page states starts a table even when OCR
    // garbled its "STT" (IsGridTop); a grid without data rows is dropped below.
    const bool grid_top = IsGridTop(lines[i]);
    const bool headerless = !grid_top && IsHeaderlessGridTop(lines[i]);
    if (grid_top || headerless) shape = Shape::kTab;
    if (!grid_top && !headerless && !IsHeaderStart(lines[i].text, &shape)) continue;
    Table t;
    size_t start = i;
    if (heading != std::string::npos && heading >= last_end && i - heading <= 25) {
      t.id = heading_id;
      start = heading;
      // Title: the upper-case lines under the heading; period: "(TỪ ... ĐẾN ...)".
      bool in_title = true;
      for (size_t k = heading + 1; k < i; ++k) {
        std::string s = CollapseSpaces(StripMarkup(lines[k].text));
        if (s.empty()) continue;
        std::string from, to;
        if (t.period_from.empty() && FindPeriod(s, &from, &to)) t.period_from = from, t.period_to = to;
        if (in_title && IsUpperText(s) && s.front() != '(') {
          // Keep the words before a parenthesised period in the title.
          size_t paren = s.find('(');
          std::string part = Trim(s.substr(0, paren));
          if (!part.empty()) t.title += (t.title.empty() ? "" : " ") + part;
        } else if (!t.title.empty()) {
          in_title = false;
        }
      }
    } else {
      t.id = "T" + std::to_string(++unnamed);
      // A period stated just above an unnamed table.
      for (size_t k = i > 5 ? i - 5 : 0; k < i && k >= last_end; ++k) {
        std::string from, to;
        if (t.period_from.empty() && FindPeriod(lines[k].text, &from, &to)) t.period_from = from, t.period_to = to;
      }
    }
    heading = std::string::npos;
    t.page = lines[start].page;
    t.line = lines[start].line;
    size_t before = findings->size();
    t.structure = lines[i].grid != nullptr ? lines[i].grid->structure : "aligned";
    size_t end = ParseTableAt(lines, i, shape, &t, findings, headerless);
    if (t.rows.empty() && !t.total) {
      findings->resize(before);
      if (t.id[0] == 'T') --unnamed;
      continue;
    }
    // A period given in a note under the table ("(*, **): Số liệu từ ngày ...").
    for (size_t k = end, seen = 0; t.period_from.empty() && k < lines.size() && seen < 4; ++k) {
      if (Trim(lines[k].text).empty()) continue;
      ++seen;
      std::string from, to, id;
      Shape s2;
      if (IsHeading(lines[k].text, &id) || IsHeaderStart(lines[k].text, &s2)) break;
      if (FindPeriod(lines[k].text, &from, &to)) t.period_from = from, t.period_to = to;
    }
    tables->push_back(std::move(t));
    last_end = end;
    i = end - 1;
  }
  // An unmapped column is reported once per document, not once per table.
  std::set<std::string> unmapped;
  findings->erase(std::remove_if(findings->begin(), findings->end(),
                                 [&](const Finding& f) {
                                   return f.message.rfind("unmapped column", 0) == 0 &&
                                          !unmapped.insert(f.message).second;
                                 }),
                  findings->end());
}

TableParser::TableParser() : impl_(std::make_unique<Impl>()) {}
TableParser::~TableParser() = default;

Status TableParser::Open(const TableOptions& options, std::unique_ptr<TableParser>* parser) {
  std::unique_ptr<TableParser> p(new TableParser());
  std::string dir = options.dictionaries_dir.empty() ? DictionariesDir() : options.dictionaries_dir;
  Dictionaries& d = p->impl_->dict;
  if (Status s = LoadSchemas(dir + "/schemas", &d.schemas); !s.ok()) return s;
  if (Status s = LoadTableVocabulary(dir + "/schemas/common.txt", &d.vocabulary); !s.ok()) return s;
  if (Status s = d.units.Load(dir + "/units"); !s.ok()) return s;
  d.Prepare();
  *parser = std::move(p);
  return Status::Ok();
}

void TableParser::Parse(const Document& doc, std::vector<Table>* tables,
                        std::vector<Finding>* findings) const {
  impl_->Parse(doc, tables, findings);
}

const std::vector<Schema>& TableParser::schemas() const { return impl_->dict.schemas; }
const UnitAliases& TableParser::units() const { return impl_->dict.units; }

Status ParseTables(const Document& doc, const TableOptions& options, std::vector<Table>* tables,
                   std::vector<Finding>* findings) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const TableParser>> cache;
  std::shared_ptr<const TableParser> parser;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(options.dictionaries_dir);
    if (it == cache.end()) {
      std::unique_ptr<TableParser> p;
      if (Status s = TableParser::Open(options, &p); !s.ok()) {
        tables->clear();
        return s;
      }
      it = cache.emplace(options.dictionaries_dir, std::move(p)).first;
    }
    parser = it->second;
  }
  parser->Parse(doc, tables, findings);
  return Status::Ok();
}

}  // namespace sohoa
