// PdfReader: the one thin wrapper around poppler-cpp. Turns its null pointers
// and bool results into Status, owns every poppler object through
// std::unique_ptr, and silences Poppler's stderr chatter (collected instead).
// Not thread-safe: one PdfReader is used by one thread at a time (callers
// serialise access; rendering pages of one document concurrently in Poppler
// is not safe).
#ifndef SOHOA_INGEST_PDF_READER_H_
#define SOHOA_INGEST_PDF_READER_H_

#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/ocr_engine.h"
#include "pipeline/core/status.h"

namespace poppler {
class document;
class page;
}  // namespace poppler

namespace sohoa {

// One word of a text layer as Poppler reports it, in the page's displayed
// space (after /Rotate), PDF points, origin top-left.
struct PdfTextBox {
  std::string text;       // UTF-8
  Box box;
  std::string font;       // subset prefix ("ABCDEF+") removed
  double font_size = 0;
  int rotation = 0;       // 0..3: quarter turns of the text, clockwise
  bool space_after = false;
  // One box per code point of `text` when Poppler gives them (else empty).
  std::vector<Box> glyphs;
};

struct PdfPageInfo {
  double width = 0, height = 0;  // displayed size in points (after /Rotate)
  int rotation = 0;              // /Rotate: 0, 90, 180, 270
};

// Initialises Poppler's process-wide state (global parameters, text
// encoders) once, by reading a tiny built-in PDF. Called before forking
// isolation workers so that each worker does not pay for it again.
void WarmUpPoppler();

class PdfReader {
 public:
  // `bytes` is copied into the reader (Poppler reads it in place).
  // Encrypted with a user password -> Encrypted; unparsable -> Corrupt;
  // zero pages -> Empty. Messages name `path`.
  static Status Open(const std::string& path, std::string bytes,
                     std::unique_ptr<PdfReader>* reader);
  ~PdfReader();
  PdfReader(const PdfReader&) = delete;  // owns Poppler objects
  PdfReader& operator=(const PdfReader&) = delete;

  int page_count() const { return page_count_; }
  // index is 0-based.
  Status PageInfo(int index, PdfPageInfo* info) const;
  Status TextBoxes(int index, std::vector<PdfTextBox>* boxes) const;
  // Renders the page as displayed (rotation applied) to 8-bit grey.
  Status Render(int index, int dpi, Image* image) const;

 private:
  PdfReader() = default;
  Status LoadPage(int index, std::unique_ptr<poppler::page>* page) const;

  std::string path_;
  std::string bytes_;  // must outlive doc_
  std::unique_ptr<poppler::document> doc_;
  int page_count_ = 0;
};

}  // namespace sohoa

#endif  // SOHOA_INGEST_PDF_READER_H_
