// The rule that decides whether a PDF text layer is usable or must be OCR'd.
//
// A token (whitespace-separated, surrounding punctuation stripped, tokens of
// punctuation only ignored) counts as valid when it is a Vietnamese syllable
// (core/syllable.h), a number (core/numbers.h, "12.746", "79,79"), a known
// abbreviation shape (2-8 capital letters or digits with at least one letter:
// "TTHC", "UBND", "II"), or a compound of those joined by '/', '-' or '.'
// ("61/2018/NĐ-CP", "23/4/2018"). The layer is garbage when the share of valid
// tokens is below the threshold, when more than 30% of its letters are U+FFFD,
// or when it is empty.
//
// Exception: text drawn in legacy Vietnamese fonts (TCVN3 ".VnTime",
// "VNI-Times", "VN-..." and the like) reads as mojibake ("Céng hßa") that
// this rule would call garbage, yet it is exact text that normalize decodes;
// such pages keep their text layer and are never OCR'd for low quality.
// Thread-safe (pure functions).
#ifndef SOHOA_INGEST_TEXT_QUALITY_H_
#define SOHOA_INGEST_TEXT_QUALITY_H_

#include <string>
#include <string_view>
#include <vector>

namespace sohoa {

struct TextQuality {
  size_t tokens = 0;        // tokens with at least one letter or digit
  size_t valid = 0;
  size_t replacement = 0;   // U+FFFD code points
  size_t characters = 0;    // non-space code points
  double valid_share() const { return tokens ? static_cast<double>(valid) / tokens : 0.0; }
};

TextQuality MeasureTextQuality(const std::vector<std::string>& words);
bool IsValidToken(std::string_view token);  // after punctuation stripping

// Font names of legacy 8-bit Vietnamese encodings (subset prefix removed).
bool IsLegacyVietnameseFont(std::string_view font);

// Empty string: the layer is fine; otherwise why it must be OCR'd
// ("no text layer", "text layer is garbage: 12% valid tokens < 50%", ...).
std::string GarbageReason(const TextQuality& quality, double threshold);

}  // namespace sohoa

#endif  // SOHOA_INGEST_TEXT_QUALITY_H_
