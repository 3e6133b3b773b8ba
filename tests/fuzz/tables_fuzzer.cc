// Fuzzes the appendix table parser on arbitrary text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/utf8.h"
#include "pipeline/tables/tables.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string s = sohoa::ToValidUtf8(std::string(reinterpret_cast<const char*>(data), size));
  sohoa::Document doc;
  doc.path = "fuzz.txt";
  doc.format = "text";
  doc.pages = sohoa::PagesFromText(s, sohoa::WordSource::kPlainText);
  std::vector<sohoa::Table> tables;
  std::vector<sohoa::Finding> findings;
  (void)sohoa::ParseTables(doc, sohoa::TableOptions(), &tables, &findings);
  return 0;
}
