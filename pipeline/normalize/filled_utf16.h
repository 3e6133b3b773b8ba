// UTF-16 read one byte at a time with every zero byte lost: each high byte
// (and each low byte that was a control code) shows as one constant filler
// character ("T#R#I#Â#N#" for "TRIÂN", "n###m" for "năm"). The low bytes
// keep the character's last eight bits, so some letters collapse: Đ đ Ă ă
// (U+0110, U+0111, U+0102, U+0103) all become filler pairs, and "á" (U+00E1)
// and "ỡ" (U+1EE1) share 0xE1; they are chosen from their word by the
// syllable model (valid syllables, their frequency, the case of the word)
// and the case of the words around. The bytes inside may also be a legacy
// single-byte encoding (TCVN3, VNI, VISCII) widened to 16 bits.
// Private to pipeline/normalize. Thread-safe.
#ifndef SOHOA_NORMALIZE_FILLED_UTF16_H_
#define SOHOA_NORMALIZE_FILLED_UTF16_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa::normalize_internal {

struct FilledLayout {
  char filler = 0;
  int filler_parity = 0;  // bytes at offsets of this parity are the filler
};

// True when `bytes` (a whole file after any byte order mark, or one line)
// holds at least `min_pairs` byte pairs and the bytes of one parity are all
// one filler (not a letter, digit, space, line break or zero byte), allowing
// a trailing unpaired byte; and the other bytes hold at least two letters.
bool DetectFilled(std::string_view bytes, size_t min_pairs, FilledLayout* layout);

// The low bytes of `bytes` laid out as `layout` says; a low byte equal to
// the filler may be the filler itself or a lost control code.
std::string LowBytes(std::string_view bytes, const FilledLayout& layout);

struct FilledDecoding {
  std::string encoding;     // "utf-16" (the low bytes of code points), "tcvn3", "vni", "viscii"
  double valid_share = 0;   // mean syllable score of the evidence words
  size_t ambiguous_words = 0;  // words with more than one reading
  size_t evidence = 0;
};

// Chooses what the low bytes hold (the UTF-16 low bytes, or a legacy
// encoding) by the syllables each reading gives, scoring at most
// `max_tokens` words.
Status ChooseFilledEncoding(std::string_view low, char filler, size_t max_tokens,
                            FilledDecoding* decision);

// A word whose collapsed letters left more than one good reading.
struct WordChoice {
  size_t word = 0;  // index among the whitespace-separated words of the output
  std::string text;  // the reading chosen
  std::vector<std::string> alternatives;  // other readings of valid syllables, best first
};

// Decodes the low bytes with the chosen encoding, each word's ambiguous
// letters resolved by the syllable model and the words around; `choices`
// (may be null) gets the words left with close alternatives.
Status DecodeFilledLow(std::string_view low, char filler, FilledDecoding* decision,
                       std::string* out, std::vector<WordChoice>* choices = nullptr);

}  // namespace sohoa::normalize_internal

#endif  // SOHOA_NORMALIZE_FILLED_UTF16_H_
