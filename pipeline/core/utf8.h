// UTF-8 helpers shared by the stages (no ICU here: ICU stays in normalize/).
#ifndef SOHOA_CORE_UTF8_H_
#define SOHOA_CORE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa {

constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes one code point at s[*pos] and advances *pos. Invalid or truncated
// sequences yield U+FFFD and advance by one byte.
char32_t DecodeUtf8(std::string_view s, size_t* pos);
void AppendUtf8(char32_t cp, std::string* out);
bool IsValidUtf8(std::string_view s);
// Offset of the first invalid byte, or npos.
size_t FirstInvalidUtf8(std::string_view s);
// Copy with each invalid byte replaced by U+FFFD.
std::string ToValidUtf8(std::string_view s);
std::u32string Utf8ToU32(std::string_view s);
std::string U32ToUtf8(std::u32string_view s);
size_t Utf8Length(std::string_view s);  // code points

}  // namespace sohoa

#endif  // SOHOA_CORE_UTF8_H_
