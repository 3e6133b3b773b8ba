// Building pages from documents that state their own structure (HTML, Word):
// text arrives as runs with a font name, line and page breaks are explicit,
// and tables arrive as rows of cells with spans. MarkupPageBuilder turns
// them into the document model: plain-text pages (BoxUnit::kNone), one Line
// per line with its words (each word carrying the font of its run), and each
// table as a Grid plus one tab-separated line per grid row (see the Grid
// comment in core/document.h), which the tables stage reads as a tab export.
// Not thread-safe (one builder per document).
#ifndef SOHOA_INGEST_MARKUP_TEXT_H_
#define SOHOA_INGEST_MARKUP_TEXT_H_

#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace sohoa {

// Text in one font (Word runs; HTML text has no font).
struct TextRun {
  std::string text;
  std::string font;
};

// One cell of a source table row. `col` is the cell's first grid column when
// the source states it (Word: gridBefore and gridSpan), or -1 to place it as
// HTML does (in the first slot of its row not covered by a row span above).
struct SourceCell {
  std::string text;           // flattened: inner line breaks and tabs as spaces
  std::vector<TextRun> runs;  // the same text by font (Word); empty: no font
  int col = -1;
  int col_span = 1;
  int row_span = 1;
};
using SourceRow = std::vector<SourceCell>;

// Lays out rows into a slot matrix (HTML's table model: each cell takes the
// first free slot of its row, spans mark slots below and to the right; row
// spans are clipped at the last row). Grid cells come in the order of the
// source cells (row by row, left to right). Fails with TooLarge when rows x
// columns would exceed `max_slots`.
Status LayoutGrid(const std::vector<SourceRow>& rows, size_t max_slots, Grid* grid);

// TooLarge naming the first line longer than `limit` bytes (later stages
// work line by line; such a file is not a report).
Status CheckLineLengths(const std::string& path, const std::vector<Page>& pages, size_t limit);

class MarkupPageBuilder {
 public:
  // Appends text in `font` to the current line; '\n' ends the line, '\f'
  // ends the page; runs of spaces are kept as written (the reader collapses
  // them where its format asks for it).
  void Append(std::string_view text, const std::string& font = "");
  // Ends the current line if it holds anything.
  void EndLine();
  // Ends the current line even when empty (a blank line), at most one blank
  // line in a row.
  void BlankLine();
  void EndPage();
  // Ends the current line, then writes the grid's rows as lines of
  // tab-separated cell texts and records the grid on the current page.
  // `runs` gives each cell's text by font (same order as grid.cells; a cell
  // without runs, or an empty vector, uses the cell text with no font).
  void AddGrid(Grid grid, const std::vector<std::vector<TextRun>>& runs = {});
  bool line_empty() const { return segments_.empty(); }
  // Default true: at most one blank line in a row. False keeps every blank
  // line (plain text kept as written).
  void set_collapse_blank_lines(bool collapse) { collapse_blank_lines_ = collapse; }
  size_t grid_count() const { return grids_; }

  // The pages (at least one; trailing blank lines dropped).
  std::vector<Page> Finish();

 private:
  using Segment = TextRun;
  void FlushLine(bool keep_empty);
  Page& CurrentPage();

  std::vector<Page> pages_;
  std::vector<Segment> segments_;
  bool last_blank_ = true;  // no blank line at the start of a page
  bool collapse_blank_lines_ = true;
  size_t grids_ = 0;
};

}  // namespace sohoa

#endif  // SOHOA_INGEST_MARKUP_TEXT_H_
