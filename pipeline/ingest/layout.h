// Builds pages of lines from positioned words: text-layer words grouped into
// lines by vertical overlap (reading order top-to-bottom, left-to-right), and
// OCR words grouped by the engine's block/line numbers. Also turns sideways
// or upside-down text layers upright. Thread-safe (pure functions).
#ifndef SOHOA_INGEST_LAYOUT_H_
#define SOHOA_INGEST_LAYOUT_H_

#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/ocr_engine.h"
#include "pipeline/ingest/pdf_reader.h"

namespace sohoa {

// Rotates boxes so that text turned by `quarter_turns` clockwise (Poppler's
// text_box::rotation) reads upright; the page size is swapped for odd turns.
void MakeUpright(int quarter_turns, std::vector<PdfTextBox>* boxes, double* page_width,
                 double* page_height);

// The quarter-turn most of the page's characters are written in (0 when empty).
int DominantRotation(const std::vector<PdfTextBox>& boxes);

// Lines from upright words: a word joins the line whose vertical extent it
// overlaps by at least half of the smaller height; lines ordered by their
// top, words by their left edge. Boxes with no space drawn between them and
// a gap under a tenth of an em (and a quarter of the line's median character
// width) are pieces of one word and become one Word. Word::trailing is " ", or "\t" where the gap
// to the next word is wider than twice the line's height (a column gap, as in
// the two-column heading of Vietnamese reports, not a word space); the last
// word of a line has none.
std::vector<Line> LinesFromTextBoxes(const std::vector<PdfTextBox>& boxes);

// Lines from OCR words in engine order, a new line whenever (block, line)
// changes. Words keep their engine text (made valid UTF-8 by the caller).
std::vector<Line> LinesFromOcrWords(const std::vector<OcrWord>& words);

}  // namespace sohoa

#endif  // SOHOA_INGEST_LAYOUT_H_
