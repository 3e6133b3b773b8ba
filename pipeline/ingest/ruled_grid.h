// Ruled tables on a page image ("lattice" reading, as Camelot's lattice mode
// and img2table do it): the horizontal and vertical ruling lines of a page
// are found by morphological opening with long line elements,
// pieces of one broken or faint rule are joined, the rules' positions are
// clustered into the grid's row and column rules, and the grid's cells are
// built from the slots between them. A rule segment missing exactly between
// two joints makes the two slots one merged cell; a gap that starts or ends
// between joints is damage (a broken rule) and is bridged. A page frame or a
// single box (fewer than 2 x 2 slots) is no table.
// Thread-safe (pure functions).
#ifndef SOHOA_INGEST_RULED_GRID_H_
#define SOHOA_INGEST_RULED_GRID_H_

#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/ocr_engine.h"

struct Pix;

namespace sohoa {

struct RuledCell {
  int row = 0, col = 0;            // top-left slot
  int row_span = 1, col_span = 1;  // slots covered
  Box box;                         // between the centres of the rules around it (pixels)
};

struct RuledGrid {
  std::vector<double> row_rules;  // y of each horizontal rule, top to bottom (rows + 1)
  std::vector<double> col_rules;  // x of each vertical rule, left to right (cols + 1)
  std::vector<RuledCell> cells;   // row-major by top-left slot; each slot in exactly one
  Box frame;                      // the outer rules
  double rule_thickness = 1;      // median thickness of the rules (pixels)

  int rows() const { return static_cast<int>(row_rules.size()) - 1; }
  int cols() const { return static_cast<int>(col_rules.size()) - 1; }
};

// The ruled grids of `grey` (8 bpp, upright and deskewed), top to bottom.
// Rules are found as dark lines on the grey page (the grey level averaged
// along a line against the averages beside it), not on a binarised page:
// faint, thin, noisy and JPEG-blocky rules survive that a threshold breaks.
// `dpi` scales every length (rule length, tolerances). When `rules` is not
// null it receives a 1 bpp mask of the rules found (the caller owns it;
// pixDestroy), to remove them before reading the cells.
// `text` (may be null): boxes of words known to be on the page (a PDF text
// layer), where no rule runs: no vertical rule inside a word's box, no
// horizontal one through the middle of it (a tight row's rules may touch
// the top and bottom of its words' boxes).
// `ink` (may be null): the page binarised (1 bpp, same size), evidence for
// damaged rules: a rule with much of it missing still counts when the
// padding beside what is left is clear of ink and the texts of the slots
// it crosses stand apart on its two sides; a missing piece of rule between
// two slots side by side whose texts stand clearly apart (further than a
// word space) is a lost rule, not a merged cell.
std::vector<RuledGrid> FindRuledGrids(Pix* grey, int dpi, Pix** rules = nullptr,
                                      const std::vector<Box>* text = nullptr, Pix* ink = nullptr);

// The same on an 8-bit grey Image (dpi from the image).
std::vector<RuledGrid> FindRuledGrids(const Image& grey, const std::vector<Box>* text = nullptr);

}  // namespace sohoa

#endif  // SOHOA_INGEST_RULED_GRID_H_
