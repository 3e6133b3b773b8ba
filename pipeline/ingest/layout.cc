#include "pipeline/ingest/layout.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "pipeline/core/utf8.h"

namespace sohoa {

namespace {

Box Union(const Box& a, const Box& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1),
          std::max(a.y1, b.y1)};
}

double VerticalOverlap(const Box& a, const Box& b) {
  return std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
}

// Widest gap, in points, between two boxes of one word. Poppler gives a box
// per run of one font, so a word whose marked letter comes from a fallback
// font ("T" "Ỉ" "NH") arrives in pieces with gaps of about zero, while a word
// space is a quarter of an em or more. The limit is a fraction of the em
// (the font size, else the line height) and of the line's median character
// width, so that narrow fonts and small print keep their spaces.
double JoinLimit(const std::vector<const PdfTextBox*>& words, double line_height) {
  std::vector<double> widths;
  double em = 0;
  for (const PdfTextBox* b : words) {
    size_t n = Utf8Length(b->text);
    if (n > 0 && b->box.width() > 0) widths.push_back(b->box.width() / static_cast<double>(n));
    em = std::max(em, b->font_size > 0 ? b->font_size : 0.8 * b->box.height());
  }
  if (em <= 0) em = 0.8 * line_height;
  double limit = 0.1 * em;
  if (!widths.empty()) {
    std::nth_element(widths.begin(), widths.begin() + widths.size() / 2, widths.end());
    limit = std::min(limit, 0.25 * widths[widths.size() / 2]);
  }
  return limit;
}

// True when `b` continues the word of `prev`: no space was drawn after prev
// (Poppler's space_after) and the horizontal gap is below `limit`; a large
// overlap (text drawn over other text) is not a continuation either. Where
// the boxes all but touch, space_after is not believed: Poppler sets it at a
// change of font size (Chromium draws "Ti" "ếp" so) and in letter-spaced
// justified lines ("vi" "ệ" 0.03 em apart), while a drawn space has width.
bool JoinsPrevious(const PdfTextBox& prev, const PdfTextBox& b, double limit) {
  double gap = b.box.x0 - prev.box.x1;
  double em = std::max(prev.box.height(), b.box.height());
  if (gap >= limit || gap <= -0.5 * em || b.rotation != prev.rotation) return false;
  return !prev.space_after || std::abs(gap) <= 0.05 * em;
}

}  // namespace

int DominantRotation(const std::vector<PdfTextBox>& boxes) {
  std::array<size_t, 4> chars{};
  for (const PdfTextBox& b : boxes) chars[b.rotation & 3] += Utf8Length(b.text);
  return static_cast<int>(std::max_element(chars.begin(), chars.end()) - chars.begin());
}

void MakeUpright(int quarter_turns, std::vector<PdfTextBox>* boxes, double* page_width,
                 double* page_height) {
  const double w = *page_width, h = *page_height;
  quarter_turns &= 3;
  if (quarter_turns == 0) return;
  auto turn = [&](const Box& r) -> Box {
    switch (quarter_turns) {
      case 1:  // text runs downwards: turn the page a quarter anticlockwise
        return {r.y0, w - r.x1, r.y1, w - r.x0};
      case 2:  // upside down
        return {w - r.x1, h - r.y1, w - r.x0, h - r.y0};
      default:  // 3: text runs upwards: turn the page a quarter clockwise
        return {h - r.y1, r.x0, h - r.y0, r.x1};
    }
  };
  for (PdfTextBox& b : *boxes) {
    b.box = turn(b.box);
    for (Box& g : b.glyphs) g = turn(g);
    b.rotation = (b.rotation - quarter_turns + 4) & 3;
  }
  if (quarter_turns % 2 == 1) std::swap(*page_width, *page_height);
}

std::vector<Line> LinesFromTextBoxes(const std::vector<PdfTextBox>& boxes) {
  std::vector<const PdfTextBox*> order;
  order.reserve(boxes.size());
  for (const PdfTextBox& b : boxes) order.push_back(&b);
  std::stable_sort(order.begin(), order.end(), [](const PdfTextBox* a, const PdfTextBox* b) {
    if (a->box.y0 != b->box.y0) return a->box.y0 < b->box.y0;
    return a->box.x0 < b->box.x0;
  });
  struct Group {
    Box box;
    std::vector<const PdfTextBox*> words;
  };
  std::vector<Group> groups;
  for (const PdfTextBox* b : order) {
    Group* best = nullptr;
    double best_overlap = 0;
    // Lines are created top-down, so only the most recent ones can overlap.
    for (size_t i = groups.size(); i-- > 0 && i + 8 >= groups.size();) {
      Group& g = groups[i];
      double overlap = VerticalOverlap(g.box, b->box);
      double smaller = std::min(g.box.height(), b->box.height());
      if (smaller <= 0) continue;
      if (overlap >= 0.5 * smaller && overlap > best_overlap) {
        best = &g;
        best_overlap = overlap;
      }
    }
    if (best == nullptr) {
      groups.push_back({b->box, {}});
      best = &groups.back();
    }
    best->box = Union(best->box, b->box);
    best->words.push_back(b);
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [](const Group& a, const Group& b) { return a.box.y0 < b.box.y0; });
  std::vector<Line> lines;
  lines.reserve(groups.size());
  for (Group& g : groups) {
    std::stable_sort(g.words.begin(), g.words.end(),
                     [](const PdfTextBox* a, const PdfTextBox* b) { return a->box.x0 < b->box.x0; });
    Line line;
    line.box = g.box;
    line.source_line = static_cast<int>(lines.size()) + 1;
    const double join_limit = JoinLimit(g.words, g.box.height());
    size_t main_chars = 0;  // characters of the piece whose font the word keeps
    for (size_t i = 0; i < g.words.size(); ++i) {
      const PdfTextBox& b = *g.words[i];
      const size_t chars = Utf8Length(b.text);
      if (i > 0 && JoinsPrevious(*g.words[i - 1], b, join_limit)) {
        // One word drawn in pieces (a marked letter from a fallback font,
        // kerning): glue the text, keep the font of the longest piece.
        Word& w = line.words.back();
        w.text += b.text;
        w.box = Union(w.box, b.box);
        if (chars > main_chars) {
          w.font = b.font;
          main_chars = chars;
        }
      } else {
        Word w;
        w.text = b.text;
        w.box = b.box;
        w.confidence = 1.0f;
        w.source = WordSource::kTextLayer;
        w.font = b.font;
        main_chars = chars;
        line.words.push_back(std::move(w));
      }
      if (i + 1 < g.words.size()) {
        double gap = g.words[i + 1]->box.x0 - b.box.x1;
        line.words.back().trailing = gap > 2.0 * g.box.height() ? "\t" : " ";
      } else {
        line.words.back().trailing.clear();
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<Line> LinesFromOcrWords(const std::vector<OcrWord>& words) {
  std::vector<Line> lines;
  int block = -1, line_no = -1;
  for (const OcrWord& ow : words) {
    if (lines.empty() || ow.block != block || ow.line != line_no) {
      block = ow.block;
      line_no = ow.line;
      Line line;
      line.box = ow.box;
      line.source_line = static_cast<int>(lines.size()) + 1;
      lines.push_back(std::move(line));
    }
    Line& line = lines.back();
    if (!line.words.empty()) line.words.back().trailing = " ";
    Word w;
    w.text = ow.text;
    w.box = ow.box;
    w.confidence = ow.confidence;
    w.source = WordSource::kOcr;
    line.box = line.words.empty() ? ow.box : Union(line.box, ow.box);
    line.words.push_back(std::move(w));
  }
  return lines;
}

}  // namespace sohoa
