// Vietnamese orthography: splits a written syllable into onset, rhyme and
// tone, and says whether it is a valid syllable (onsets, rhymes, spelling
// rules c/k, g/gh, ng/ngh, and the rule that rhymes ending in -c, -ch, -p,
// -t take only sắc or nặng). Also the letter-level helpers every stage needs
// (lower-casing, stripping marks). No ICU here; works on NFC UTF-8.
// Thread-safe (the tables are immutable after first use).
#ifndef SOHOA_CORE_SYLLABLE_H_
#define SOHOA_CORE_SYLLABLE_H_

#include <string>
#include <string_view>

namespace sohoa {

// Tones in the conventional order.
enum class Tone { kNgang = 0, kHuyen, kHoi, kNga, kSac, kNang };

// A Vietnamese letter split into its base (with vowel-quality marks: ă â ê ô
// ơ ư đ) and its tone. Returns false for code points that are not Latin or
// Vietnamese letters.
bool SplitLetter(char32_t c, char32_t* base, Tone* tone, bool* upper);
// The letter for base + tone (+ upper case); 0 if there is none.
char32_t ComposeLetter(char32_t base, Tone tone, bool upper);

struct SyllableParts {
  std::string onset;  // "ngh", "qu", "gi", "" ...
  std::string rhyme;  // toneless, lower case, with vowel marks: "ương"
  Tone tone = Tone::kNgang;
};

// Parses a syllable (any case; tone mark in either the old or the new
// placement). False when it is not a valid Vietnamese syllable.
bool ParseSyllable(std::string_view word, SyllableParts* parts);
inline bool IsVietnameseSyllable(std::string_view word) {
  SyllableParts p;
  return ParseSyllable(word, &p);
}

// "Người" -> "người" (Vietnamese letters only; others unchanged).
std::string ToLowerVietnamese(std::string_view word);
// "Người" -> "NGƯỜI" (Vietnamese letters only; others unchanged).
std::string ToUpperVietnamese(std::string_view word);
// "đắk" -> "Đắk": the first character in capitals, if it is a letter.
std::string CapitalizeFirst(std::string_view word);
// "Người" -> "Nguoi", "Đường" -> "Duong": marks and tones removed, đ -> d.
std::string StripDiacritics(std::string_view word);
// Only the tone removed: "người" -> "ngươi".
std::string StripTone(std::string_view word);

}  // namespace sohoa

#endif  // SOHOA_CORE_SYLLABLE_H_
