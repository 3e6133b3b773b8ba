// Letters and marks that a PDF producer drew off the baseline, put back into
// the words of the text layer by their glyph boxes. Some producers draw a
// marked letter ("ở", "ươ") as a picture or a separate glyph run raised
// above (or lowered below) its line, so Poppler gives the word without the
// letter ("Th" "ng") and the letter as a box of its own over the gap. A box
// made only of marked Vietnamese letters (or of combining/spacing marks)
// belongs to the nearest line within about an em above or below where it
// fills a gap: its left edge touches the end of one box of that line or its
// right edge the start of the next, and it overlaps no box of that line.
// It is then glued to the boxes it touches ("Th" + "ươ" + "ng" -> "Thương").
// A lone mark (U+0300-U+036F or a spacing tone glyph such as U+00B4)
// overlapping a letter of a line instead goes after that letter as a
// combining mark (normalize composes it by NFC). Boxes in their own line, or
// that fit no gap, are left as they are. Thread-safe (pure function).
#ifndef SOHOA_INGEST_DISPLACED_GLYPHS_H_
#define SOHOA_INGEST_DISPLACED_GLYPHS_H_

#include <string_view>
#include <vector>

#include "pipeline/ingest/pdf_reader.h"

namespace sohoa {

// True when `text` is made only of Vietnamese letters that carry a mark
// (ở, Ư, đ ...), combining marks or spacing tone glyphs: what such
// producers draw apart. Plain ASCII letters, digits and punctuation are not.
bool IsDisplacedGlyphText(std::string_view text);

// Puts displaced letter/mark boxes back into their words (see above), in
// place; works in the page's dominant text direction. Returns how many
// boxes were put back.
size_t ReattachDisplacedGlyphs(std::vector<PdfTextBox>* boxes);

}  // namespace sohoa

#endif  // SOHOA_INGEST_DISPLACED_GLYPHS_H_
