// Reads the cells of a ruled grid found on a page image one by one: each
// cell's crop (inset from its rules, the rules' pixels removed) is OCR'd on
// its own, so that lone digits and centred numbers are not lost to the page
// layout analysis and no word wanders into the next column:
//   - a cell without ink is blank (no OCR); a lone short bar is "-";
//   - one line of ink is read as a single line; a cell whose first reading
//     looks numeric is read again with only digits and . , % - ( ) * allowed
//     and the better of the two readings is kept;
//   - several lines of ink (a wrapped unit name, a header) are read as a block
//     of text, its lines joined with spaces.
// The result is the document's Grid (structure "ruled", boxes in pixels) and
// one Line per grid row with the cells' texts separated by tabs (a spanned
// cell's text in its first column, empty fields for the others).
// Not thread-safe for one engine (the engine is used from the calling thread).
#ifndef SOHOA_INGEST_CELL_READER_H_
#define SOHOA_INGEST_CELL_READER_H_

#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/ocr_engine.h"
#include "pipeline/core/status.h"
#include "pipeline/ingest/ruled_grid.h"

struct Pix;

namespace sohoa {

struct CellReadStats {
  int cells = 0;       // cells of the grid
  int blank = 0;       // without ink (not OCR'd)
  int recognised = 0;  // engine calls
};

// `ink`: the page's ink (1 bpp) with the rules removed, in the coordinates
// of `ruled`; it says where a cell's text is. `grey` (8 bpp, may be null):
// the page in grey, what the engine reads (else the ink is read).
// Engine failures and timeouts are returned as they come.
Status ReadRuledGrid(const RuledGrid& ruled, Pix* ink, Pix* grey, int dpi, OcrEngine* engine,
                     const OcrOptions& options, Grid* grid, std::vector<Line>* rows,
                     CellReadStats* stats = nullptr);

// Grid rows as page lines: one Line per row, each cell's words (with their
// boxes when `words` gives them) followed by a tab, empty fields for the
// columns a cell spans and for cells under a row span. `words[i]` are the
// words of grid.cells[i]; when empty, the cell's text is split on spaces
// and each word gets the cell's box.
std::vector<Line> GridRowLines(const Grid& grid, const std::vector<std::vector<Word>>& words);

}  // namespace sohoa

#endif  // SOHOA_INGEST_CELL_READER_H_
