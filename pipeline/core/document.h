// The document model every stage reads and writes:
//   Document -> pages -> lines -> words.
// ingest creates it; normalize, restore rewrite word text (keeping the
// original form); tables and check read it; store keeps it.
// Coordinates: origin at the top-left of the page, y grows downwards; the
// unit is stated per page (PDF points, or pixels at `dpi`). Plain-text input
// has no boxes (BoxUnit::kNone) and uses line/column numbers instead.
// Plain value types; not synchronised.
#ifndef SOHOA_CORE_DOCUMENT_H_
#define SOHOA_CORE_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace sohoa {

enum class WordSource { kPlainText, kTextLayer, kOcr };
enum class BoxUnit { kNone, kPdfPoints, kPixels };

const char* WordSourceName(WordSource source);  // "text", "text_layer", "ocr"
const char* BoxUnitName(BoxUnit unit);          // "none", "pt", "px"

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

struct Word {
  std::string text;        // current UTF-8 form (NFC once normalised)
  std::string original;    // form before the first repair; empty = unchanged
  std::string trailing;    // whitespace that followed the word (" ", "\t", ...)
  Box box;                 // unit: the page's BoxUnit
  float confidence = 1.0f; // 0..1; OCR word confidence, 1 for text layers
  WordSource source = WordSource::kPlainText;
  std::string font;        // PDF font name when the text layer gives one
  std::string encoding;    // legacy encoding it was decoded from ("tcvn3"), if any
  float encoding_confidence = 0.0f;
  float repair_confidence = 1.0f;        // restore stage: confidence of `text`
  // Other candidates. Before restore: readings normalize could not tell
  // apart (collapsed letters of UTF-16 without zero bytes), for restore's
  // language model to choose among; after restore: its runners-up.
  std::vector<std::string> alternatives;

  // Records `original` (only the first time) and replaces the text.
  void Repair(const std::string& new_text);
};

struct Line {
  std::string leading;  // whitespace before the first word (plain text)
  std::vector<Word> words;
  Box box;
  int source_line = 0;  // 1-based line number in the extracted page text
  // Set by normalize: the next line continues this one's paragraph (a hard
  // line break of a PDF text layer). Lines are never merged in the model, so
  // table stages keep every line and box; text output may reflow with it.
  bool continues = false;
  bool hyphenated = false;  // the break splits a word with a hyphen

  // Words joined with their trailing whitespace (leading kept).
  std::string Text() const;
};

// A table whose cell structure the source states or shows: an HTML or Word
// table (rows, cells and spans written in the file) or a ruled table whose
// grid of rules was found on the page image. The page's lines hold each grid
// row as one line of tab-separated cell texts (a spanned cell's text in its
// first column, empty fields in the others; empty cells under a row span),
// so text output and the table parser read it like a tab export; the grid
// adds where each cell is and how it spans.
struct GridCell {
  int row = 0, col = 0;            // top-left slot, 0-based
  int row_span = 1, col_span = 1;  // slots covered
  std::string text;                // cell text, inner line breaks as spaces
  Box box;                         // on the page (page unit); empty when the source has none
  float confidence = 1.0f;         // OCR confidence of the cell text; 1 for written tables
};

struct Grid {
  std::string structure;  // "html", "docx", "ruled" (rules found on the page)
  Box box;                // outer frame on the page; empty when the source has none
  int rows = 0, cols = 0;
  std::vector<GridCell> cells;  // row-major, each slot covered by at most one cell
  // Index into Page::lines of the line holding grid row 0; row r is line
  // first_line + r. -1 when the grid's rows are not among the page's lines.
  int first_line = -1;
};

struct Page {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  BoxUnit unit = BoxUnit::kNone;
  int dpi = 0;       // for BoxUnit::kPixels
  int rotation = 0;  // degrees the source page was rotated (/Rotate)
  WordSource source = WordSource::kPlainText;
  std::string ocr_reason;  // why this page was OCR'd ("no text layer", ...)
  std::vector<Line> lines;
  std::vector<Grid> grids;  // tables with a stated or ruled cell structure

  std::string Text() const;  // lines joined with '\n'
};

// A note one stage leaves for the user (shown in --json, stored in the archive).
struct Note {
  std::string stage;    // "ingest", "normalize", ...
  std::string level;    // "info", "warning"
  std::string message;
  int page = 0;         // 0 = whole document
  int64_t byte_offset = -1;
};

struct Document {
  std::string path;
  std::string format;         // "text", "pdf", "image"
  uint64_t size_bytes = 0;
  std::string content_hash;   // hex digest of the input bytes
  // Plain-text input that is not UTF-8/UTF-16: the bytes, for normalize to
  // decode. Empty once decoded.
  std::string undecoded_bytes;
  std::string encoding;       // detected input encoding ("utf-8", "tcvn3", ...)
  float encoding_confidence = 0.0f;
  std::vector<Page> pages;
  std::vector<Note> notes;

  void AddNote(std::string stage, std::string level, std::string message,
               int page = 0, int64_t byte_offset = -1);
  // Pages' text joined with form feeds.
  std::string Text() const;
  size_t WordCount() const;
};

// Splits UTF-8 text into lines and words, keeping whitespace (used for plain
// text input and wherever a stage rebuilds a page from a string).
Page PageFromText(const std::string& utf8, int page_number, WordSource source);
// Splits on form feeds into pages.
std::vector<Page> PagesFromText(const std::string& utf8, WordSource source);

// Sets each grid cell's text from its field of the tab-separated line that
// holds its row, after a stage rewrote the words (normalize decoding legacy
// font runs, restore). A grid whose row lines no longer split into `cols`
// fields is left as it is.
void RefreshGridCellTexts(Page* page);

}  // namespace sohoa

#endif  // SOHOA_CORE_DOCUMENT_H_
