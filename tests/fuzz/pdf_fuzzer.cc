// Fuzzes the PDF ingest path (Poppler text layer) with OCR turned off:
// arbitrary bytes written to a temporary .pdf file and extracted.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "pipeline/ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/sohoa-fuzz-" + std::to_string(::getpid()) + ".pdf";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  sohoa::IngestOptions options;
  options.ocr = sohoa::OcrMode::kNever;
  options.jobs = 1;
  sohoa::Document doc;
  (void)sohoa::ExtractDocument(path, options, &doc);
  return 0;
}
