#include "pipeline/ingest/cell_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include <leptonica/allheaders.h>

#include "pipeline/core/utf8.h"

namespace sohoa {

namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

constexpr char kNumberChars[] = "0123456789.,%-()*";

struct Rect {
  int x0, y0, x1, y1;
  int w() const { return x1 - x0; }
  int h() const { return y1 - y0; }
};

// Letters OCR reads for digits in a number cell ("l" for 1, "O" for 0).
bool DigitLookalike(char c) { return std::string_view("OoQDlI|iSsBZzgGqTt").find(c) != std::string_view::npos; }

// A first reading that may be a number misread: digits, separators and a
// few digit-shaped letters only, at least one digit unless very short.
bool LooksNumeric(const std::string& text) {
  int digits = 0, other = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') ++digits;
    else if (std::string_view(".,%-()* ").find(c) != std::string_view::npos) continue;
    else if (DigitLookalike(c)) ++other;
    else return false;
  }
  return digits > 0 ? digits >= other : (other > 0 && other <= 2);
}

// Digits with Vietnamese separators, maybe a percent sign or footnote.
bool IsCleanNumber(const std::string& text) {
  if (text == "-") return true;
  int digits = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') ++digits;
    else if (std::string_view(".,%()*").find(c) == std::string_view::npos) return false;
  }
  return digits > 0 && text.front() >= '0' && text.front() <= '9';
}

std::string JoinWords(const std::vector<OcrWord>& words) {
  std::string out;
  for (const OcrWord& w : words) {
    if (w.text.empty()) continue;
    out += (out.empty() ? "" : " ") + w.text;
  }
  return out;
}

float MinConfidence(const std::vector<OcrWord>& words) {
  float c = 1.0f;
  for (const OcrWord& w : words) c = std::min(c, w.confidence);
  return words.empty() ? 0.0f : c;
}

// Marks the rules leave at a cell's edges ("|", "_") are not text.
void TrimRuleMarks(std::vector<OcrWord>* words) {
  for (OcrWord& w : *words) {
    size_t b = w.text.find_first_not_of("|_[]");
    size_t e = w.text.find_last_not_of("|_[]");
    w.text = b == std::string::npos ? "" : w.text.substr(b, e - b + 1);
  }
  words->erase(std::remove_if(words->begin(), words->end(), [](const OcrWord& w) { return w.text.empty(); }),
               words->end());
}

// The ink of a cell: components inside `inner`, without the slivers of a
// rule left along its edges. Returns the components' boxes (page pixels).
std::vector<Rect> CellInk(Pix* ink, const Rect& inner, double thick) {
  std::vector<Rect> out;
  if (inner.w() <= 2 || inner.h() <= 2) return out;
  ::Box* b = boxCreate(inner.x0, inner.y0, inner.w(), inner.h());
  PixPtr crop(pixClipRectangle(ink, b, nullptr));
  boxDestroy(&b);
  if (!crop) return out;
  Boxa* comps = pixConnCompBB(crop.get(), 8);
  if (comps == nullptr) return out;
  const int n = boxaGetCount(comps);
  for (int i = 0; i < n; ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(comps, i, &x, &y, &w, &h) != 0) continue;
    const bool touches = x <= 0 || y <= 0 || x + w >= inner.w() || y + h >= inner.h();
    // A sliver of a rule along an edge: thin and long, touching the edge.
    if (touches && ((h <= thick + 2 && w >= 0.3 * inner.w()) || (w <= thick + 2 && h >= 0.3 * inner.h())))
      continue;
    out.push_back({inner.x0 + x, inner.y0 + y, inner.x0 + x + w, inner.y0 + y + h});
  }
  boxaDestroy(&comps);
  // Specks (toner, salt noise) away from the text: marks much smaller than
  // the tallest glyph that are neither beside a glyph (a separator, a dot)
  // nor just above or below one (a Vietnamese accent).
  int tallest = 0;
  for (const Rect& r : out) tallest = std::max(tallest, r.h());
  if (tallest < 6) return out;
  std::vector<Rect> glyphs, kept;
  for (const Rect& r : out)
    if (std::max(r.w(), r.h()) >= 0.35 * tallest) glyphs.push_back(r);
  const double reach = 0.6 * tallest;
  for (const Rect& r : out) {
    bool keep = std::max(r.w(), r.h()) >= 0.35 * tallest;
    for (const Rect& g : glyphs) {
      if (keep) break;
      keep = r.x1 >= g.x0 - reach && r.x0 <= g.x1 + reach && r.y1 >= g.y0 - reach && r.y0 <= g.y1 + reach;
    }
    if (keep) kept.push_back(r);
  }
  return kept;
}

// Text lines in a cell's ink: bands of rows holding ink, small bands (the
// marks above Vietnamese capitals, stray dots) joined to their neighbour.
int CountLines(const std::vector<Rect>& comps, const Rect& bbox) {
  std::vector<int> rows(bbox.h(), 0);
  for (const Rect& c : comps)
    for (int y = c.y0; y < c.y1; ++y) rows[y - bbox.y0] = 1;
  std::vector<int> bands;
  for (int y = 0; y < bbox.h();) {
    if (!rows[y]) {
      ++y;
      continue;
    }
    int start = y;
    while (y < bbox.h() && rows[y]) ++y;
    bands.push_back(y - start);
  }
  if (bands.empty()) return 0;
  const int tallest = *std::max_element(bands.begin(), bands.end());
  int lines = 0;
  for (int b : bands) lines += b >= 0.5 * tallest;
  return std::max(lines, 1);
}

Rect Union(const std::vector<Rect>& rs) {
  Rect u = rs.front();
  for (const Rect& r : rs) u = {std::min(u.x0, r.x0), std::min(u.y0, r.y0), std::max(u.x1, r.x1), std::max(u.y1, r.y1)};
  return u;
}

// A white grey image the size of `bbox` with `pad` pixels around it.
Image WhiteCell(const Rect& bbox, int pad, int dpi) {
  Image img;
  img.width = bbox.w() + 2 * pad;
  img.height = bbox.h() + 2 * pad;
  img.channels = 1;
  img.stride = img.width;
  img.dpi = dpi;
  img.pixels.assign(static_cast<size_t>(img.width) * img.height, 255);
  return img;
}

// The cell's ink as an 8-bit image with a white margin, only the kept
// components drawn (slivers of rules left out).
// The cell's text in grey, as the page shows it: the ink's box with a
// margin, clipped to the cell's inside (no rule), white around.
Image GreyCellImage(Pix* grey, const Rect& inner, const Rect& bbox, const std::vector<Rect>& comps, int pad, int dpi) {
  Image img = WhiteCell(bbox, pad, dpi);
  const int x0 = std::max(inner.x0, bbox.x0 - pad), x1 = std::min(inner.x1, bbox.x1 + pad);
  const int y0 = std::max(inner.y0, bbox.y0 - pad), y1 = std::min(inner.y1, bbox.y1 + pad);
  l_uint32* data = pixGetData(grey);
  const int wpl = pixGetWpl(grey);
  // Only around the text's own components: specks elsewhere stay white.
  const int m = std::max(2, dpi / 100);
  for (const Rect& c : comps)
    for (int y = std::max(y0, c.y0 - m); y < std::min(y1, c.y1 + m); ++y) {
      l_uint32* line = data + static_cast<size_t>(y) * wpl;
      uint8_t* out = &img.pixels[static_cast<size_t>(y - bbox.y0 + pad) * img.width];
      for (int x = std::max(x0, c.x0 - m); x < std::min(x1, c.x1 + m); ++x)
        out[x - bbox.x0 + pad] = static_cast<uint8_t>(GET_DATA_BYTE(line, x));
    }
  return img;
}

Image CellImage(Pix* ink, const std::vector<Rect>& comps, const Rect& bbox, int pad, int dpi) {
  Image img = WhiteCell(bbox, pad, dpi);
  l_uint32* data = pixGetData(ink);
  const int wpl = pixGetWpl(ink);
  for (const Rect& c : comps)
    for (int y = c.y0; y < c.y1; ++y) {
      l_uint32* line = data + static_cast<size_t>(y) * wpl;
      uint8_t* out = &img.pixels[static_cast<size_t>(y - bbox.y0 + pad) * img.width];
      for (int x = c.x0; x < c.x1; ++x)
        if (GET_DATA_BIT(line, x)) out[x - bbox.x0 + pad] = 0;
    }
  return img;
}

// The glyphs of a number cell: digits (components nearly as tall as the
// tallest) and separators (small marks at the foot of the digits: "." or,
// reaching below the digits' foot, ","), left to right.
struct NumberGlyphs {
  int digits = 0;
  std::vector<std::pair<double, char>> seps;  // x centre, '.' or ','
  std::vector<double> digit_x;                // x centres
};

NumberGlyphs MeasureGlyphs(const std::vector<Rect>& comps) {
  NumberGlyphs g;
  int tallest = 0;
  for (const Rect& c : comps) tallest = std::max(tallest, c.h());
  std::vector<int> feet;
  for (const Rect& c : comps)
    if (c.h() >= 0.7 * tallest) {
      ++g.digits;
      g.digit_x.push_back((c.x0 + c.x1) / 2.0);
      feet.push_back(c.y1);
    }
  if (feet.empty()) return g;
  std::nth_element(feet.begin(), feet.begin() + feet.size() / 2, feet.end());
  const int foot = feet[feet.size() / 2];
  for (const Rect& c : comps) {
    if (c.h() >= 0.45 * tallest || c.w() >= 0.5 * tallest) continue;
    if (c.y0 < foot - 0.4 * tallest) continue;  // not at the foot: an accent, a speck above
    g.seps.push_back({(c.x0 + c.x1) / 2.0, c.y1 > foot + 0.12 * tallest ? ',' : '.'});
  }
  std::sort(g.digit_x.begin(), g.digit_x.end());
  std::sort(g.seps.begin(), g.seps.end());
  return g;
}

// One reading of a number cell, joined into one word.
struct NumberReading {
  std::vector<OcrWord> words;
  std::string text;
  float confidence = 0;
  bool clean = false;       // digits and separators only
  bool consistent = false;  // as many digits and separators as glyphs

  bool Settled() const { return clean && consistent && confidence >= 0.85f; }
  bool Better(const NumberReading& o) const {
    if (clean != o.clean) return clean;
    if (consistent != o.consistent) return consistent;
    return confidence > o.confidence + 0.02f;
  }
};

NumberReading AsNumber(std::vector<OcrWord> words, const NumberGlyphs& g) {
  NumberReading r;
  for (const OcrWord& w : words)
    for (char c : w.text)
      if (c != ' ') r.text += c;
  r.confidence = MinConfidence(words);
  r.clean = IsCleanNumber(r.text);
  std::string digits;
  int seps = 0;
  bool other = false;
  for (char c : r.text) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c == '.' || c == ',') ++seps;
    else other = true;
  }
  const int n = static_cast<int>(digits.size());
  if (other) {
    // "%", "(*)": glyphs the count does not model; digits alone.
    r.consistent = n >= g.digits && n <= g.digits + 2;
  } else if (n == g.digits && r.clean && seps != static_cast<int>(g.seps.size())) {
    // Every digit read, a separator lost or made up: the marks at the foot
    // of the digits say where each one is and which.
    std::string rebuilt;
    size_t k = 0;
    for (int d = 0; d < n; ++d) {
      while (k < g.seps.size() && g.seps[k].first < g.digit_x[d]) {
        if (d > 0) rebuilt += g.seps[k].second;
        ++k;
      }
      rebuilt += digits[d];
    }
    r.text = rebuilt;
    r.clean = IsCleanNumber(r.text);
    r.consistent = r.clean;
  } else {
    r.consistent = n == g.digits;
  }
  if (!words.empty()) {
    OcrWord one = words.front();
    for (const OcrWord& w : words) {
      one.box = {std::min(one.box.x0, w.box.x0), std::min(one.box.y0, w.box.y0), std::max(one.box.x1, w.box.x1),
                 std::max(one.box.y1, w.box.y1)};
      one.confidence = std::min(one.confidence, w.confidence);
    }
    one.text = r.text;
    words.assign(1, one);
  }
  r.words = std::move(words);
  return r;
}

}  // namespace

std::vector<Line> GridRowLines(const Grid& grid, const std::vector<std::vector<Word>>& words) {
  std::vector<Line> lines(grid.rows);
  // The fields of each row: the words of the cell starting in each slot.
  std::vector<std::vector<const GridCell*>> starts(grid.rows, std::vector<const GridCell*>(grid.cols, nullptr));
  std::vector<int> index_of(grid.cells.size());
  for (size_t i = 0; i < grid.cells.size(); ++i) {
    const GridCell& c = grid.cells[i];
    if (c.row >= 0 && c.row < grid.rows && c.col >= 0 && c.col < grid.cols) starts[c.row][c.col] = &c;
    index_of[i] = static_cast<int>(i);
  }
  for (int r = 0; r < grid.rows; ++r) {
    Line& line = lines[r];
    std::string pending;  // separators owed before the next word
    bool have_box = false;
    for (int c = 0; c < grid.cols; ++c) {
      if (c > 0) pending += "\t";
      const GridCell* cell = starts[r][c];
      if (cell == nullptr) continue;
      if (!cell->box.empty()) {
        line.box = have_box ? Box{std::min(line.box.x0, cell->box.x0), std::min(line.box.y0, cell->box.y0),
                                  std::max(line.box.x1, cell->box.x1), std::max(line.box.y1, cell->box.y1)}
                            : cell->box;
        have_box = true;
      }
      std::vector<Word> ws;
      const size_t ci = static_cast<size_t>(cell - grid.cells.data());
      if (ci < words.size() && !words[ci].empty()) {
        ws = words[ci];
      } else {
        size_t pos = 0;
        const std::string& t = cell->text;
        while (pos < t.size()) {
          size_t end = t.find(' ', pos);
          if (end == std::string::npos) end = t.size();
          if (end > pos) {
            Word w;
            w.text = t.substr(pos, end - pos);
            w.box = cell->box;
            w.confidence = cell->confidence;
            w.source = WordSource::kOcr;
            ws.push_back(std::move(w));
          }
          pos = end + 1;
        }
      }
      for (Word& w : ws) {
        if (line.words.empty()) line.leading = pending;
        else line.words.back().trailing = pending.empty() ? " " : pending;
        pending.clear();
        w.trailing.clear();
        line.words.push_back(std::move(w));
      }
    }
    // Empty fields at the end of the row are kept as tabs.
    if (!pending.empty()) {
      if (line.words.empty()) line.leading = pending;
      else line.words.back().trailing = pending;
    }
  }
  return lines;
}

Status ReadRuledGrid(const RuledGrid& ruled, Pix* ink, Pix* grey, int dpi, OcrEngine* engine,
                     const OcrOptions& options, Grid* grid, std::vector<Line>* rows,
                     CellReadStats* stats) {
  CellReadStats local;
  CellReadStats& st = stats != nullptr ? *stats : local;
  *grid = Grid();
  grid->structure = "ruled";
  grid->box = ruled.frame;
  grid->rows = ruled.rows();
  grid->cols = ruled.cols();
  const int W = pixGetWidth(ink), H = pixGetHeight(ink);
  const double thick = ruled.rule_thickness;
  // Inset from the rules' centres: half a rule and a small margin.
  const int inset = static_cast<int>(std::ceil(thick / 2 + std::max(2.0, dpi / 100.0)));
  const int pad = std::max(6, dpi / 25);
  // Pass 1: every cell's ink, and a free reading of each cell with text.
  struct Pending {
    Rect inner{0, 0, 0, 0}, bbox{0, 0, 0, 0};
    std::vector<Rect> comps;
    int lines = 0;
    Image image;
    std::vector<OcrWord> words;
    std::string text;
    float confidence = 1.0f;
    bool dash = false;
    bool wrapped_number = false;  // lines joined into one number
  };
  std::vector<Pending> cells(ruled.cells.size());
  for (size_t i = 0; i < ruled.cells.size(); ++i) {
    const RuledCell& rc = ruled.cells[i];
    Pending& c = cells[i];
    ++st.cells;
    c.inner = {std::clamp(static_cast<int>(rc.box.x0) + inset, 0, W), std::clamp(static_cast<int>(rc.box.y0) + inset, 0, H),
               std::clamp(static_cast<int>(rc.box.x1) - inset, 0, W), std::clamp(static_cast<int>(rc.box.y1) - inset, 0, H)};
    c.comps = CellInk(ink, c.inner, thick);
    if (c.comps.empty()) {
      ++st.blank;
      continue;
    }
    c.bbox = Union(c.comps);
    const Rect& b = c.bbox;
    // A lone short bar: a dash ("-" for nothing to report).
    if (c.comps.size() == 1 && b.w() >= 2 * b.h() && b.h() <= std::max(3, dpi / 30) && b.w() <= dpi / 5) {
      c.dash = true;
      c.text = "-";
      c.confidence = 0.9f;
      OcrWord w;
      w.text = "-";
      w.box = {double(pad), double(pad), double(pad + b.w()), double(pad + b.h())};
      w.confidence = c.confidence;
      c.words.push_back(w);
      continue;
    }
    c.lines = CountLines(c.comps, b);
    c.image = grey != nullptr ? GreyCellImage(grey, c.inner, b, c.comps, pad, dpi) : CellImage(ink, c.comps, b, pad, dpi);
    OcrOptions o = options;
    o.layout = c.lines <= 1 ? OcrLayout::kLine : OcrLayout::kBlock;
    o.whitelist.clear();
    ++st.recognised;
    if (Status s = engine->Recognize(c.image, o, &c.words); !s.ok()) return s;
    TrimRuleMarks(&c.words);
    c.text = JoinWords(c.words);
    c.confidence = MinConfidence(c.words);
  }
  // A number wrapped in a narrow cell ("1.11" over "0"): its lines are one
  // number, joined without the space the block reading puts between them.
  for (Pending& c : cells) {
    if (c.lines <= 1 || c.words.size() < 2) continue;
    bool digits_only = true;
    for (const OcrWord& w : c.words)
      digits_only = digits_only && w.text.find_first_not_of("0123456789.,") == std::string::npos;
    std::string joined;
    for (const OcrWord& w : c.words) joined += w.text;
    if (!digits_only || !IsCleanNumber(joined)) continue;
    OcrWord one = c.words.front();
    for (const OcrWord& w : c.words) {
      one.box = {std::min(one.box.x0, w.box.x0), std::min(one.box.y0, w.box.y0), std::max(one.box.x1, w.box.x1),
                 std::max(one.box.y1, w.box.y1)};
      one.confidence = std::min(one.confidence, w.confidence);
    }
    one.text = joined;
    c.words.assign(1, one);
    c.text = joined;
    c.confidence = one.confidence;
    c.wrapped_number = true;
  }
  // Number columns and data rows: most of their single cells read as clean
  // numbers. There a cell whose free reading is garbage ("Ø1" for 81) is a
  // number misread, not text.
  std::vector<int> col_num(grid->cols, 0), col_all(grid->cols, 0), row_num(grid->rows, 0), row_all(grid->rows, 0);
  for (size_t i = 0; i < cells.size(); ++i) {
    const RuledCell& rc = ruled.cells[i];
    if (cells[i].comps.empty() || rc.col_span != 1 || (cells[i].lines > 1 && !cells[i].wrapped_number)) continue;
    const bool num = IsCleanNumber(cells[i].text);
    ++col_all[rc.col], ++row_all[rc.row];
    col_num[rc.col] += num, row_num[rc.row] += num;
  }
  auto letters = [](const std::string& t) {
    int n = 0;
    size_t pos = 0;
    while (pos < t.size()) {
      char32_t cp = DecodeUtf8(t, &pos);
      if (cp < 128 && (DigitLookalike(static_cast<char>(cp)) || !std::isalpha(static_cast<int>(cp)))) continue;
      if (cp >= 0x2000 && cp < 0x2100) continue;  // punctuation OCR makes of specks
      ++n;
    }
    return n;
  };
  // Pass 2: numbers read again, digits only, until a reading has as many
  // digits as the cell has glyphs and is sure of them; else the best.
  for (size_t i = 0; i < cells.size(); ++i) {
    Pending& c = cells[i];
    const RuledCell& rc = ruled.cells[i];
    if (c.comps.empty() || c.dash || c.lines > 1) continue;
    const bool number_slot = rc.col_span == 1 && 2 * col_num[rc.col] > col_all[rc.col] && 2 * row_num[rc.row] > row_all[rc.row];
    const bool maybe_number = c.text.empty() || LooksNumeric(c.text) || (number_slot && letters(c.text) <= 2);
    if (!maybe_number) continue;
    const NumberGlyphs glyphs = MeasureGlyphs(c.comps);
    NumberReading best = AsNumber(c.words, glyphs);
    const Image bin = grey != nullptr ? CellImage(ink, c.comps, c.bbox, pad, dpi) : Image();
    struct Try {
      const Image* image;
      OcrLayout layout;
    };
    const Try tries[] = {{&c.image, OcrLayout::kLine}, {&c.image, OcrLayout::kWord},
                         {bin.pixels.empty() ? nullptr : &bin, OcrLayout::kLine}};
    OcrOptions o = options;
    o.whitelist = kNumberChars;
    for (const Try& t : tries) {
      if (best.Settled()) break;
      if (t.image == nullptr) continue;
      o.layout = t.layout;
      std::vector<OcrWord> num;
      ++st.recognised;
      if (Status s = engine->Recognize(*t.image, o, &num); !s.ok()) return s;
      TrimRuleMarks(&num);
      NumberReading r = AsNumber(num, glyphs);
      if (r.Better(best)) best = std::move(r);
    }
    if (best.clean) {
      c.words = std::move(best.words);
      c.text = best.text;
      c.confidence = best.confidence;
    }
  }
  std::vector<std::vector<Word>> cell_words(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    const RuledCell& rc = ruled.cells[i];
    const Pending& c = cells[i];
    GridCell gc;
    gc.row = rc.row;
    gc.col = rc.col;
    gc.row_span = rc.row_span;
    gc.col_span = rc.col_span;
    gc.box = rc.box;
    gc.text = c.text;
    gc.confidence = c.comps.empty() ? 1.0f : c.text.empty() ? 0.0f : c.confidence;
    for (const OcrWord& ow : c.words) {
      Word w;
      w.text = IsValidUtf8(ow.text) ? ow.text : ToValidUtf8(ow.text);
      // Cell image pixels -> page pixels.
      w.box = {ow.box.x0 + c.bbox.x0 - pad, ow.box.y0 + c.bbox.y0 - pad, ow.box.x1 + c.bbox.x0 - pad,
               ow.box.y1 + c.bbox.y0 - pad};
      w.confidence = ow.confidence;
      w.source = WordSource::kOcr;
      cell_words[i].push_back(std::move(w));
    }
    grid->cells.push_back(std::move(gc));
  }
  *rows = GridRowLines(*grid, cell_words);
  return Status::Ok();
}

}  // namespace sohoa
