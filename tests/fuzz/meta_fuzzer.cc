// Fuzzes report metadata reading on arbitrary text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/core/utf8.h"
#include "pipeline/meta/meta.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string s = sohoa::ToValidUtf8(std::string(reinterpret_cast<const char*>(data), size));
  sohoa::Document doc;
  doc.path = "fuzz.txt";
  doc.pages = sohoa::PagesFromText(s, sohoa::WordSource::kPlainText);
  sohoa::ReportMeta meta;
  (void)sohoa::ReadReportMeta(doc, &meta);
  return 0;
}
