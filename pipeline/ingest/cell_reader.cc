#include "pipeline/ingest/cell_reader.h"

#include <algorithm>
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
  return out;
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

// The cell's ink as an 8-bit image with a white margin, only the kept
// components drawn (slivers of rules left out).
Image CellImage(Pix* ink, const std::vector<Rect>& comps, const Rect& bbox, int pad, int dpi) {
  Image img;
  img.width = bbox.w() + 2 * pad;
  img.height = bbox.h() + 2 * pad;
  img.channels = 1;
  img.stride = img.width;
  img.dpi = dpi;
  img.pixels.assign(static_cast<size_t>(img.width) * img.height, 255);
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

Status ReadRuledGrid(const RuledGrid& ruled, Pix* ink, int dpi, OcrEngine* engine,
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
  std::vector<std::vector<Word>> cell_words;
  for (const RuledCell& rc : ruled.cells) {
    ++st.cells;
    GridCell gc;
    gc.row = rc.row;
    gc.col = rc.col;
    gc.row_span = rc.row_span;
    gc.col_span = rc.col_span;
    gc.box = rc.box;
    gc.confidence = 1.0f;
    std::vector<Word> words;
    Rect inner{std::clamp(static_cast<int>(rc.box.x0) + inset, 0, W), std::clamp(static_cast<int>(rc.box.y0) + inset, 0, H),
               std::clamp(static_cast<int>(rc.box.x1) - inset, 0, W), std::clamp(static_cast<int>(rc.box.y1) - inset, 0, H)};
    std::vector<Rect> comps = CellInk(ink, inner, thick);
    if (comps.empty()) {
      ++st.blank;
      grid->cells.push_back(std::move(gc));
      cell_words.push_back({});
      continue;
    }
    const Rect bbox = Union(comps);
    // A lone short bar: a dash ("-" for nothing to report).
    if (comps.size() == 1 && bbox.w() >= 2 * bbox.h() && bbox.h() <= std::max(3, dpi / 30) &&
        bbox.w() <= dpi / 5) {
      gc.text = "-";
      gc.confidence = 0.9f;
      Word w;
      w.text = "-";
      w.box = {double(bbox.x0), double(bbox.y0), double(bbox.x1), double(bbox.y1)};
      w.confidence = gc.confidence;
      w.source = WordSource::kOcr;
      words.push_back(std::move(w));
      grid->cells.push_back(std::move(gc));
      cell_words.push_back(std::move(words));
      continue;
    }
    const int lines = CountLines(comps, bbox);
    Image img = CellImage(ink, comps, bbox, pad, dpi);
    OcrOptions o = options;
    o.layout = lines <= 1 ? OcrLayout::kLine : OcrLayout::kBlock;
    o.whitelist.clear();
    std::vector<OcrWord> got;
    ++st.recognised;
    if (Status s = engine->Recognize(img, o, &got); !s.ok()) return s;
    TrimRuleMarks(&got);
    std::string text = JoinWords(got);
    float conf = MinConfidence(got);
    if (lines <= 1 && (text.empty() || LooksNumeric(text)) && !(IsCleanNumber(text) && conf >= 0.9f)) {
      o.whitelist = kNumberChars;
      std::vector<OcrWord> num;
      ++st.recognised;
      if (Status s = engine->Recognize(img, o, &num); !s.ok()) return s;
      TrimRuleMarks(&num);
      std::string ntext = JoinWords(num);
      // Numbers have no spaces inside ("1 234" is a digit group misread).
      std::string joined;
      for (char c : ntext)
        if (c != ' ') joined += c;
      float nconf = MinConfidence(num);
      if (IsCleanNumber(joined) && (!IsCleanNumber(text) || nconf >= conf - 0.05f)) {
        got = std::move(num);
        if (got.size() > 1) {
          OcrWord one = got.front();
          for (const OcrWord& w : got) {
            one.box = {std::min(one.box.x0, w.box.x0), std::min(one.box.y0, w.box.y0),
                       std::max(one.box.x1, w.box.x1), std::max(one.box.y1, w.box.y1)};
            one.confidence = std::min(one.confidence, w.confidence);
          }
          one.text = joined;
          got.assign(1, one);
        }
        text = joined;
        conf = nconf;
      }
    }
    gc.text = text;
    gc.confidence = text.empty() ? 0.0f : conf;
    for (const OcrWord& ow : got) {
      Word w;
      w.text = IsValidUtf8(ow.text) ? ow.text : ToValidUtf8(ow.text);
      // Cell image pixels -> page pixels.
      w.box = {ow.box.x0 + bbox.x0 - pad, ow.box.y0 + bbox.y0 - pad, ow.box.x1 + bbox.x0 - pad,
               ow.box.y1 + bbox.y0 - pad};
      w.confidence = ow.confidence;
      w.source = WordSource::kOcr;
      words.push_back(std::move(w));
    }
    grid->cells.push_back(std::move(gc));
    cell_words.push_back(std::move(words));
  }
  *rows = GridRowLines(*grid, cell_words);
  return Status::Ok();
}

}  // namespace sohoa
