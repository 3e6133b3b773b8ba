// The one thin wrapper around ICU in sohoa: UTF-16 and CP1258 decoding,
// NFC, the CP1252 byte<->character mapping used to undo mojibake, and case
// mapping. ICU types and UErrorCode never leave icu_text.cc; everything here
// takes and returns UTF-8. Private to pipeline/normalize.
// Thread-safe (each call opens its own converter; the tables are built once).
#ifndef SOHOA_NORMALIZE_ICU_TEXT_H_
#define SOHOA_NORMALIZE_ICU_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa::normalize_internal {

// Decodes UTF-16 (LE or BE; no BOM expected). Truncated or unpaired units
// become U+FFFD; the byte offset of each is appended to `bad_offsets`.
Status DecodeUtf16(std::string_view bytes, bool little_endian, std::string* out,
                   std::vector<size_t>* bad_offsets);

// Decodes Windows-1258 bytes (base letters + combining tone bytes) with ICU's
// "windows-1258" converter. Unmapped bytes become U+FFFD and are reported.
// The result is not yet NFC.
Status DecodeCp1258(std::string_view bytes, std::string* out, std::vector<size_t>* bad_offsets);

// True when the UTF-8 text is certainly NFC (ASCII fast path, then ICU's quick check).
bool IsNfc(std::string_view utf8);
// NFC of valid UTF-8 (invalid input is first made valid with U+FFFD).
std::string ToNfc(std::string_view utf8);
// Vietnamese upper case (ICU full case mapping, locale "vi").
std::string ToUpperVi(std::string_view utf8);

// Windows-1252 as ICU defines it: the character byte `b` shows; bytes
// 0x81 0x8D 0x8F 0x90 0x9D (undefined in CP1252) give the C1 control of the
// same value, as Latin-1 does.
char32_t Cp1252Char(unsigned char b);
// The inverse: the byte that shows `c` in CP1252 or Latin-1; -1 when none.
int Cp1252Byte(char32_t c);

}  // namespace sohoa::normalize_internal

#endif  // SOHOA_NORMALIZE_ICU_TEXT_H_
