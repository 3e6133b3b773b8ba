// ingest: turns an input file into a Document (pages -> lines -> words).
//   in:  a path to a .txt/.md file, a PDF (text layer or scanned), or an image
//        (PNG, JPEG, TIFF incl. multi-page)
//   out: Document with words, boxes, confidences and sources; plain text that
//        is neither UTF-8 nor UTF-16 is left in Document::undecoded_bytes for
//        the normalize stage.
// The input file is only read. ExtractDocument is thread-safe.
#ifndef SOHOA_INGEST_INGEST_H_
#define SOHOA_INGEST_INGEST_H_

#include <string>

#include "pipeline/core/document.h"
#include "pipeline/core/ocr_engine.h"
#include "pipeline/core/status.h"

namespace sohoa {

enum class OcrMode { kAuto, kAlways, kNever };

struct IngestOptions {
  // auto: OCR pages whose text layer is empty or garbage; always; never.
  OcrMode ocr = OcrMode::kAuto;
  // A text layer is garbage when fewer than this share of its tokens are
  // Vietnamese syllables, numbers or known abbreviations.
  double garbage_threshold = 0.5;
  int dpi = 300;                    // rendering resolution for OCR
  int jobs = 0;                     // pages in parallel; 0 = number of cores
  int page_timeout_seconds = 120;   // per OCR'd page
  std::string ocr_language = "vie";
  long long max_image_pixels = 100'000'000;  // larger images are refused (TooLarge)
  OcrEngine* engine = nullptr;      // null: Tesseract; tests inject fakes
};

Status ExtractDocument(const std::string& path, const IngestOptions& options, Document* doc);

}  // namespace sohoa

#endif  // SOHOA_INGEST_INGEST_H_
