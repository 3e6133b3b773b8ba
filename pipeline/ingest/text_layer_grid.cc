#include "pipeline/ingest/text_layer_grid.h"

#include <algorithm>

#include "pipeline/ingest/cell_reader.h"
#include "pipeline/ingest/layout.h"

namespace sohoa {

void PlaceWordsInGrids(const std::vector<RuledGrid>& ruled, int dpi, std::vector<PdfTextBox>* boxes,
                       std::vector<Grid>* grids, std::vector<std::vector<Line>>* rows) {
  const double k = 72.0 / dpi;  // points per pixel
  auto scaled = [k](const Box& b) { return Box{b.x0 * k, b.y0 * k, b.x1 * k, b.y1 * k}; };
  for (const RuledGrid& rg : ruled) {
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
