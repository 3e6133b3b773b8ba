#include "pipeline/ingest/text_layer_grid.h"

#include <algorithm>
#include <cmath>

#include "pipeline/ingest/cell_reader.h"
#include "pipeline/ingest/layout.h"

namespace sohoa {
namespace {

// The cell of `g` holding point (x, y) (pixels), or -1.
int CellAt(const RuledGrid& g, double x, double y) {
  for (size_t i = 0; i < g.cells.size(); ++i) {
    const Box& c = g.cells[i].box;
    if (x >= c.x0 && x <= c.x1 && y >= c.y0 && y <= c.y1) return static_cast<int>(i);
  }
  return -1;
}

// A header row whose inner rule was not found (at a low dpi the words of
// a fallback font cover it): the group label ("Số hồ sơ nhận giải quyết")
// then runs over several of the row's cells above their leaf labels, and
// joining each cell's lines would interleave them ("nhận giải Tiếp nhận
// mới"). A line of words set at word spacing across a cell boundary is
// one label over those cells: the row is split below it, the label's
// cells merged, and the other cells of the row span both halves.
// `text`: the words' boxes in pixels. Returns true when a row was split.
bool SplitRowUnderSpanningLabel(const std::vector<Box>& text, RuledGrid* g) {
  for (int r = 0; r < g->rows(); ++r) {
    const double top = g->row_rules[r], bottom = g->row_rules[r + 1];
    std::vector<Box> in;
    for (const Box& b : text) {
      const double cy = (b.y0 + b.y1) / 2, cx = (b.x0 + b.x1) / 2;
      if (!b.empty() && cy > top && cy < bottom && cx > g->frame.x0 && cx < g->frame.x1) in.push_back(b);
    }
    if (in.size() < 3) continue;
    std::sort(in.begin(), in.end(), [](const Box& a, const Box& b) { return a.y0 < b.y0; });
    // Lines: boxes whose vertical centres are within half a height.
    std::vector<std::vector<Box>> lines;
    for (const Box& b : in) {
      const double cy = (b.y0 + b.y1) / 2;
      bool placed = false;
      for (auto& l : lines) {
        const double ly = (l[0].y0 + l[0].y1) / 2;
        if (std::abs(ly - cy) < 0.5 * std::max(b.height(), l[0].height())) {
          l.push_back(b);
          placed = true;
          break;
        }
      }
      if (!placed) lines.push_back({b});
    }
    if (lines.size() < 2) continue;
    // The first line: runs of words at word spacing whose words fall in
    // different cells of the row; each run is one label over its cells.
    std::vector<Box> first = lines[0];
    std::sort(first.begin(), first.end(), [](const Box& a, const Box& b) { return a.x0 < b.x0; });
    std::vector<std::pair<double, double>> labels;  // x extent of each label's cells
    double label_y = 0;
    for (size_t i = 0; i + 1 < first.size(); ++i) {
      const Box& a = first[i];
      const Box& b = first[i + 1];
      const double h = std::max(a.height(), b.height());
      const int ca = CellAt(*g, (a.x0 + a.x1) / 2, (a.y0 + a.y1) / 2);
      const int cb = CellAt(*g, (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2);
      if (ca < 0 || cb < 0 || b.x0 - a.x1 > 0.6 * h || g->cells[ca].row_span != 1 ||
          g->cells[cb].row_span != 1)
        continue;
      const double x0 = g->cells[ca].box.x0, x1 = g->cells[cb].box.x1;
      if (!labels.empty() && x0 <= labels.back().second + 1) {
        labels.back().second = std::max(labels.back().second, x1);
      } else if (ca != cb) {
        labels.push_back({x0, x1});
      } else {
        continue;
      }
      label_y = (a.y0 + a.y1) / 2;
    }
    // The row's cells left to right, and which of them hold words of the
    // label line.
    std::vector<const RuledCell*> row;
    for (const RuledCell& c : g->cells)
      if (c.row == r) row.push_back(&c);
    std::sort(row.begin(), row.end(), [](const RuledCell* a, const RuledCell* b) { return a->col < b->col; });
    const int n = static_cast<int>(row.size());
    std::vector<int> owner(n, -1);  // label over the cell, -2: the cell has its own words there
    for (const Box& b : first)
      for (int i = 0; i < n; ++i)
        if ((b.x0 + b.x1) / 2 > row[i]->box.x0 && (b.x0 + b.x1) / 2 < row[i]->box.x1) owner[i] = -2;
    std::vector<std::pair<int, int>> runs;  // first and last cell of each label
    for (const auto& [x0, x1] : labels) {
      int a = n, b = -1;
      for (int i = 0; i < n; ++i)
        if ((row[i]->box.x0 + row[i]->box.x1) / 2 > x0 && (row[i]->box.x0 + row[i]->box.x1) / 2 < x1)
          a = std::min(a, i), b = std::max(b, i);
      if (b <= a) continue;  // a run inside one cell is no label over cells
      for (int i = a; i <= b; ++i) owner[i] = static_cast<int>(runs.size());
      runs.push_back({a, b});
    }
    if (runs.empty()) continue;
    // A label is centred over its group: it also covers cells with no
    // words on its line, in pairs on both sides ("Kết quả giải quyết"
    // over "Tổng" ... "Trễ hạn").
    for (size_t k = 0; k < runs.size(); ++k) {
      auto& [a, b] = runs[k];
      while (a > 0 && b + 1 < n && owner[a - 1] == -1 && owner[b + 1] == -1 && row[a - 1]->row_span == 1 &&
             row[b + 1]->row_span == 1) {
        owner[--a] = static_cast<int>(k);
        owner[++b] = static_cast<int>(k);
      }
    }
    std::vector<std::pair<double, double>> spanning;
    for (const auto& [a, b] : runs) spanning.push_back({row[a]->box.x0, row[b]->box.x1});
    auto under = [&](double x) {
      for (const auto& [x0, x1] : spanning)
        if (x > x0 && x < x1) return true;
      return false;
    };
    // The leaf labels below: the row is split halfway between.
    double below = bottom;
    for (size_t l = 1; l < lines.size(); ++l)
      for (const Box& b : lines[l])
        if (under((b.x0 + b.x1) / 2)) below = std::min(below, (b.y0 + b.y1) / 2);
    if (below >= bottom || below - label_y < 0.5 * lines[0][0].height()) continue;
    const double split = (label_y + below) / 2 + 0.25 * lines[0][0].height();
    // Rebuild the cells with one more row.
    std::vector<RuledCell> cells;
    std::vector<RuledCell> merged(spanning.size());
    std::vector<bool> have(spanning.size(), false);
    for (RuledCell c : g->cells) {
      if (c.row > r) {
        ++c.row;
      } else if (c.row < r) {
        if (c.row + c.row_span > r) ++c.row_span;
      } else {
        const double cx = (c.box.x0 + c.box.x1) / 2;
        size_t k = 0;
        while (k < spanning.size() && !(cx > spanning[k].first && cx < spanning[k].second)) ++k;
        if (k < spanning.size() && c.row_span == 1) {
          RuledCell lower = c;
          lower.row = r + 1;
          lower.box.y0 = split;
          cells.push_back(lower);
          if (!have[k]) {
            merged[k] = c;
            merged[k].box.y1 = split;
            have[k] = true;
          } else {
            merged[k].box.x0 = std::min(merged[k].box.x0, c.box.x0);
            merged[k].box.x1 = std::max(merged[k].box.x1, c.box.x1);
            merged[k].col = std::min(merged[k].col, c.col);
            merged[k].col_span = std::max(merged[k].col + merged[k].col_span, c.col + c.col_span) - merged[k].col;
          }
          continue;
        }
        ++c.row_span;
      }
      cells.push_back(c);
    }
    for (size_t k = 0; k < merged.size(); ++k)
      if (have[k]) cells.push_back(merged[k]);
    std::stable_sort(cells.begin(), cells.end(), [](const RuledCell& a, const RuledCell& b) {
      return a.row != b.row ? a.row < b.row : a.col < b.col;
    });
    g->cells = std::move(cells);
    g->row_rules.insert(g->row_rules.begin() + r + 1, split);
    return true;
  }
  return false;
}

}  // namespace

void PlaceWordsInGrids(const std::vector<RuledGrid>& ruled, int dpi, std::vector<PdfTextBox>* boxes,
                       std::vector<Grid>* grids, std::vector<std::vector<Line>>* rows) {
  const double k = 72.0 / dpi;  // points per pixel
  auto scaled = [k](const Box& b) { return Box{b.x0 * k, b.y0 * k, b.x1 * k, b.y1 * k}; };
  std::vector<Box> text_px;
  for (const PdfTextBox& b : *boxes) text_px.push_back({b.box.x0 / k, b.box.y0 / k, b.box.x1 / k, b.box.y1 / k});
  for (RuledGrid rg : ruled) {
    // A few labels per header at most.
    for (int n = 0; n < 4 && SplitRowUnderSpanningLabel(text_px, &rg); ++n) {
    }
    Grid grid;
    grid.structure = "ruled";
    grid.box = scaled(rg.frame);
    grid.rows = rg.rows();
    grid.cols = rg.cols();
    std::vector<std::vector<PdfTextBox>> in_cell(rg.cells.size());
    std::vector<PdfTextBox> rest;
    for (PdfTextBox& b : *boxes) {
      const double cx = (b.box.x0 + b.box.x1) / 2, cy = (b.box.y0 + b.box.y1) / 2;
      if (b.box.empty() || cx < grid.box.x0 || cx > grid.box.x1 || cy < grid.box.y0 || cy > grid.box.y1) {
        rest.push_back(std::move(b));
        continue;
      }
      // The cell holding the centre; the nearest one for a word on a rule.
      size_t best = 0;
      double best_d = 1e18;
      for (size_t i = 0; i < rg.cells.size(); ++i) {
        const Box c = scaled(rg.cells[i].box);
        const double dx = std::max({c.x0 - cx, 0.0, cx - c.x1}), dy = std::max({c.y0 - cy, 0.0, cy - c.y1});
        const double d = dx * dx + dy * dy;
        if (d < best_d) best_d = d, best = i;
      }
      in_cell[best].push_back(std::move(b));
    }
    *boxes = std::move(rest);
    std::vector<std::vector<Word>> words(rg.cells.size());
    for (size_t i = 0; i < rg.cells.size(); ++i) {
      const RuledCell& rc = rg.cells[i];
      GridCell gc;
      gc.row = rc.row;
      gc.col = rc.col;
      gc.row_span = rc.row_span;
      gc.col_span = rc.col_span;
      gc.box = scaled(rc.box);
      gc.confidence = 1.0f;
      for (Line& l : LinesFromTextBoxes(in_cell[i]))
        for (Word& w : l.words) {
          gc.text += (gc.text.empty() ? "" : " ") + w.text;
          words[i].push_back(std::move(w));
        }
      grid.cells.push_back(std::move(gc));
    }
    rows->push_back(GridRowLines(grid, words));
    grids->push_back(std::move(grid));
  }
}

}  // namespace sohoa
