#include "pipeline/ingest/text_quality.h"

#include <cctype>
#include <cstdio>

#include "pipeline/core/numbers.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"

namespace sohoa {

namespace {

bool IsAsciiLetterOrDigit(char32_t c) { return c < 128 && std::isalnum(static_cast<int>(c)); }

bool IsLetter(char32_t c) {
  char32_t base;
  Tone tone;
  bool upper;
  return SplitLetter(c, &base, &tone, &upper);
}

bool IsUpperLetter(char32_t c) {
  char32_t base;
  Tone tone;
  bool upper = false;
  return SplitLetter(c, &base, &tone, &upper) && upper;
}

bool IsWordChar(char32_t c) { return IsLetter(c) || IsAsciiLetterOrDigit(c); }

// Strips anything that is not a letter or digit from both ends ("(chiếm",
// "99,91%;", "“Một").
std::u32string StripPunctuation(const std::u32string& t) {
  size_t b = 0, e = t.size();
  while (b < e && !IsWordChar(t[b]) && t[b] != kReplacementChar) ++b;
  while (e > b && !IsWordChar(t[e - 1]) && t[e - 1] != kReplacementChar) --e;
  return t.substr(b, e - b);
}

bool IsAbbreviation(const std::u32string& t) {
  if (t.size() < 2 || t.size() > 8) return false;
  bool letter = false;
  for (char32_t c : t) {
    if (IsUpperLetter(c)) letter = true;
    else if (!(c >= '0' && c <= '9')) return false;
  }
  return letter;
}

bool IsSimpleValid(const std::u32string& t) {
  if (t.empty()) return false;
  std::string u8 = U32ToUtf8(t);
  return IsVietnameseSyllable(u8) || ParseVietnameseNumber(u8).has_value() || IsAbbreviation(t);
}

}  // namespace

bool IsValidToken(std::string_view token) {
  std::u32string t = StripPunctuation(Utf8ToU32(token));
  if (IsSimpleValid(t)) return true;
  // Compounds: "61/2018/NĐ-CP", "23/4/2018", "a.b": every part valid.
  std::u32string part;
  bool any_separator = false;
  for (char32_t c : t) {
    if (c == '/' || c == '-' || c == '.' || c == ',') {
      any_separator = true;
      if (!IsSimpleValid(part)) return false;
      part.clear();
    } else {
      part += c;
    }
  }
  return any_separator && IsSimpleValid(part);
}

TextQuality MeasureTextQuality(const std::vector<std::string>& words) {
  TextQuality q;
  for (const std::string& w : words) {
    std::u32string t = Utf8ToU32(w);
    bool has_word_char = false;
    for (char32_t c : t) {
      if (c == ' ' || c == '\t' || c == '\n') continue;
      ++q.characters;
      if (c == kReplacementChar) ++q.replacement;
      if (IsWordChar(c) || c == kReplacementChar) has_word_char = true;
    }
    if (!has_word_char) continue;
    ++q.tokens;
    if (IsValidToken(w)) ++q.valid;
  }
  return q;
}

bool IsLegacyVietnameseFont(std::string_view font) {
  std::string f;
  for (char c : font) f += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto starts = [&](std::string_view p) { return f.compare(0, p.size(), p) == 0; };
  // TCVN3 (ABC) fonts: ".VnTime", ".VnTimeH", ".VnArial"; VNI: "VNI-Times";
  // VN3/VPS-style names "VN-Times", "VNtimes new roman", "VPS Times".
  return starts(".vn") || starts("vni-") || starts("vni ") || starts("vn-") ||
         starts("vntime") || starts("vnarial") || starts("vps") || starts("vk ");
}

std::string GarbageReason(const TextQuality& q, double threshold) {
  if (q.tokens == 0) return "no text layer";
  if (q.characters > 0 && q.replacement * 10 > q.characters * 3)
    return "text layer is mostly U+FFFD (unmapped glyphs)";
  if (q.valid_share() < threshold) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "text layer looks like garbage: %.0f%% valid tokens < %.0f%%",
                  100.0 * q.valid_share(), 100.0 * threshold);
    return buf;
  }
  return "";
}

}  // namespace sohoa
