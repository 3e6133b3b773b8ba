// Fuzzes Vietnamese number parsing and the syllable parser on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeline/core/numbers.h"
#include "pipeline/core/syllable.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  auto v = sohoa::ParseVietnameseNumber(s);
  if (v) (void)sohoa::FormatVietnameseNumber(*v, 2);
  sohoa::SyllableParts parts;
  (void)sohoa::ParseSyllable(s, &parts);
  (void)sohoa::StripDiacritics(s);
  (void)sohoa::ToLowerVietnamese(s);
  return 0;
}
