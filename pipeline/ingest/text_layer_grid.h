// Ruled tables of born-digital PDF pages: the grid is found on a low-dpi
// rendering of the page (ruled_grid.h) and mapped to PDF points; the text
// layer's words are placed into its cells by the centre of their boxes
// (a word on a rule goes to the nearest cell). The words of a cell are ordered into lines and
// joined with spaces. Words outside every grid are left to the page's
// ordinary lines. Thread-safe (pure functions).
#ifndef SOHOA_INGEST_TEXT_LAYER_GRID_H_
#define SOHOA_INGEST_TEXT_LAYER_GRID_H_

#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/ingest/pdf_reader.h"
#include "pipeline/ingest/ruled_grid.h"

namespace sohoa {

// `ruled`: grids found at `dpi` on the rendering of the page whose upright
// words are `boxes` (points). Moves the words inside a grid out of `boxes`;
// appends one Grid (structure "ruled", boxes in points, confidence 1) and
// its row lines per grid.
void PlaceWordsInGrids(const std::vector<RuledGrid>& ruled, int dpi, std::vector<PdfTextBox>* boxes,
                       std::vector<Grid>* grids, std::vector<std::vector<Line>>* rows);

}  // namespace sohoa

#endif  // SOHOA_INGEST_TEXT_LAYER_GRID_H_
