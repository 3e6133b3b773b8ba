// Fuzzes encoding detection and decoding: any bytes, as a plain-text
// document that ingest could not read as UTF-8. Must never crash and must
// produce valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  sohoa::Document doc;
  doc.path = "fuzz.txt";
  doc.format = "text";
  doc.undecoded_bytes.assign(reinterpret_cast<const char*>(data), size);
  sohoa::NormalizeOptions options;
  if (!sohoa::NormalizeDocument(options, &doc).ok()) return 0;
  if (!sohoa::IsValidUtf8(doc.Text())) std::abort();
  return 0;
}
