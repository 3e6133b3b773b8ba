// Decoders (and encoders, for tests and benchmarks) of the 8-bit Vietnamese
// font encodings ICU lacks: TCVN3 (normal and upper-case "H" fonts), VNI-Windows
// and VISCII, from the tables in dictionaries/encodings/; and the rule-based
// VIQR (ASCII) decoder. Also the "mojibake" reading: text where each legacy
// byte became the CP1252/Latin-1 character of the same value.
// Private to pipeline/normalize. Codecs are immutable once loaded; thread-safe.
#ifndef SOHOA_NORMALIZE_LEGACY_CODEC_H_
#define SOHOA_NORMALIZE_LEGACY_CODEC_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa::normalize_internal {

enum class Legacy { kTcvn3, kTcvn3Upper, kVni, kViscii };
const char* LegacyName(Legacy e);  // "tcvn3", "tcvn3", "vni", "viscii"

class LegacyCodec {
 public:
  // Parses a table file (format in dictionaries/encodings/README.md).
  // `upper_font`: for tcvn3.txt, take the capitals column (.VnTimeH fonts).
  static Status Parse(std::string_view table_text, Legacy encoding,
                      std::unique_ptr<LegacyCodec>* out);

  // Bytes -> UTF-8 (precomposed letters). Bytes that hold no character in
  // this encoding become U+FFFD; their offsets (+ `base_offset`) are appended
  // to `bad_offsets` when it is not null. Two-byte forms are matched first.
  void Decode(std::string_view bytes, std::string* out, std::vector<size_t>* bad_offsets,
              size_t base_offset = 0) const;
  // UTF-8 -> bytes; false (and *out incomplete) if a character has no code.
  bool Encode(std::string_view utf8, std::string* out) const;
  // True if byte `b` is a letter byte of this encoding above ASCII or one of
  // the control-position letters (evidence that a token is in this encoding).
  bool IsLetterByte(unsigned char b) const { return letter_byte_[b]; }
  Legacy encoding() const { return encoding_; }

 private:
  struct Entry {
    uint8_t len = 0;  // 0: no character
    char utf8[7] = {};
  };
  LegacyCodec() = default;
  static void Set(Entry* e, std::string_view utf8);

  Legacy encoding_ = Legacy::kTcvn3;
  std::array<Entry, 256> one_{};
  // Second-byte tables for bytes that start a two-byte form; -1 = none.
  std::array<int16_t, 256> two_index_{};
  std::vector<std::array<Entry, 256>> two_;
  std::array<bool, 256> letter_byte_{};
  std::unordered_map<char32_t, std::string> encode_;
};

// The codec for `e`, loaded once from DictionariesDir()/encodings/. Null (and
// `status` set) when the table is missing or malformed.
const LegacyCodec* GetCodec(Legacy e, Status* status);

// VIQR (RFC 1456) -> UTF-8. Marks apply to the letter before them; a backslash
// makes the next character literal; a tone mark in a word that already has
// a tone is punctuation ("No^.i." = "Nội.").
std::string DecodeViqr(std::string_view ascii);
// The inverse (used by tests, benchmarks and fixture scripts): escapes
// literal mark characters that follow a vowel with a backslash.
std::string EncodeViqr(std::string_view utf8);
// Number of VIQR mark sequences (vowel + mark followed by a letter or a mark,
// or "dd") in ASCII text: the evidence that ASCII text is VIQR.
size_t CountViqrMarks(std::string_view ascii);

// Mojibake: maps each character of UTF-8 text to the byte that shows it in
// CP1252 or Latin-1. False if some character has no such byte.
bool MojibakeToBytes(std::string_view utf8, std::string* bytes);

}  // namespace sohoa::normalize_internal

#endif  // SOHOA_NORMALIZE_LEGACY_CODEC_H_
