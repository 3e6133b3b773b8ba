#include "pipeline/ingest/layout.h"

#include <algorithm>
#include <array>

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
  for (PdfTextBox& b : *boxes) {
    Box r = b.box;
    Box n;
    switch (quarter_turns) {
      case 1:  // text runs downwards: turn the page a quarter anticlockwise
        n = {r.y0, w - r.x1, r.y1, w - r.x0};
        break;
      case 2:  // upside down
        n = {w - r.x1, h - r.y1, w - r.x0, h - r.y0};
        break;
      default:  // 3: text runs upwards: turn the page a quarter clockwise
        n = {h - r.y1, r.x0, h - r.y0, r.x1};
        break;
    }
    b.box = n;
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
    for (size_t i = 0; i < g.words.size(); ++i) {
      const PdfTextBox& b = *g.words[i];
      // A word the layer cut at a change of font (LibreOffice sets the
      // Vietnamese letters of "Số" in a fallback font: "S" + "ố"): the next
      // box touches it and no space was written between.
      if (i > 0 && !line.words.empty() && !g.words[i - 1]->space_after &&
          b.box.x0 - g.words[i - 1]->box.x1 <= 0.08 * std::max(b.box.height(), 1e-6) &&
          b.box.x0 - g.words[i - 1]->box.x1 >= -0.2 * std::max(b.box.height(), 1e-6) && b.rotation == g.words[i - 1]->rotation) {
        Word& prev = line.words.back();
        prev.text += b.text;
        prev.box = Union(prev.box, b.box);
        if (i + 1 < g.words.size()) {
          double gap = g.words[i + 1]->box.x0 - b.box.x1;
          prev.trailing = gap > 2.0 * g.box.height() ? "\t" : " ";
        } else {
          prev.trailing.clear();
        }
        continue;
      }
      Word w;
      w.text = b.text;
      w.box = b.box;
      w.confidence = 1.0f;
      w.source = WordSource::kTextLayer;
      w.font = b.font;
      if (i + 1 < g.words.size()) {
        double gap = g.words[i + 1]->box.x0 - b.box.x1;
        w.trailing = gap > 2.0 * g.box.height() ? "\t" : " ";
      }
      line.words.push_back(std::move(w));
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
