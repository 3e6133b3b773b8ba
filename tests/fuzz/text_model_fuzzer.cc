// Fuzzes the plain-text tokenizer of the document model and UTF-8 helpers:
// the text must round-trip through pages, lines and words.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pipeline/core/document.h"
#include "pipeline/core/json.h"
#include "pipeline/core/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  std::string valid = sohoa::ToValidUtf8(s);
  if (!sohoa::IsValidUtf8(valid)) std::abort();
  sohoa::Document doc;
  doc.pages = sohoa::PagesFromText(valid, sohoa::WordSource::kPlainText);
  std::string back = doc.Text();
  // Expected: the text with the CR of each CR-LF (and of a final CR of a
  // line or page) removed.
  std::string expected;
  for (char c : valid) {
    if ((c == '\n' || c == '\f') && !expected.empty() && expected.back() == '\r')
      expected.pop_back();
    expected += c;
  }
  if (!expected.empty() && expected.back() == '\r') expected.pop_back();
  if (back != expected) std::abort();
  (void)sohoa::JsonWriter::Escape(s);
  return 0;
}
