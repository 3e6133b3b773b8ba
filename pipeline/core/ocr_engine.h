// OcrEngine: the interface the ingest stage OCRs through. The real engine
// wraps Tesseract (ingest/tesseract_engine.h); tests inject fakes that crash,
// hang or return bad UTF-8. One instance is used by one thread at a time.
#ifndef SOHOA_CORE_OCR_ENGINE_H_
#define SOHOA_CORE_OCR_ENGINE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace sohoa {

// An 8-bit image in memory, rows top to bottom.
struct Image {
  int width = 0, height = 0;
  int channels = 1;  // 1 grey, 3 RGB, 4 RGBA
  int stride = 0;    // bytes per row
  int dpi = 300;
  // False when the file stated no resolution (dpi is then assumed): phone
  // photos state none or 72, scanners state theirs.
  bool dpi_stated = true;
  std::vector<uint8_t> pixels;
};

struct OcrWord {
  std::string text;   // UTF-8 as the engine returned it (may be invalid)
  Box box;            // pixels
  float confidence = 0;  // 0..1
  int block = 0, line = 0;  // engine's block and line numbers
};

// How the engine lays out what it is given: a whole page (find blocks and
// lines, then recover lone marks), one block of lines, one line, one word.
enum class OcrLayout { kPage, kBlock, kLine, kWord };

struct OcrOptions {
  std::string language = "vie";  // Tesseract language(s), "vie+eng"
  int timeout_ms = 120000;       // per page (per call)
  OcrLayout layout = OcrLayout::kPage;
  // Characters the engine may return; empty = any. "0123456789.,%-()"
  // for a number cell.
  std::string whitelist;
};

// What an engine's orientation detector says about a page: the clockwise
// quarter turns (0..3) that make its text upright, and how sure it is (the
// engine's own scale; Tesseract's OSD gives about 2-20 on a page of text).
struct PageOrientation {
  int quarter_turns = 0;
  float confidence = 0;
};

class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  virtual Status Recognize(const Image& image, const OcrOptions& options,
                           std::vector<OcrWord>* words) = 0;
  // Which way up the text of a page stands. Engines without a detector
  // return Unsupported, and the page is read as it was scanned.
  virtual Status DetectOrientation(const Image& /*image*/, PageOrientation* /*out*/) {
    return Status::Unsupported("the OCR engine has no orientation detector");
  }
};

}  // namespace sohoa

#endif  // SOHOA_CORE_OCR_ENGINE_H_
