// Marks torn off by PDF text extraction, in text that arrives flattened:
// fonts that draw a marked letter as its own glyph lose it from the word,
// and the letters come out on their own, before the words of their line
// ("ể ố Bi u s : 01/XLD" for "Biểu số: 01/XLD") or on a line above
// ("Ủ" + "Y BAN NHÂN DÂN"). The letters are put back, in their order, into
// the gaps of the words (a space where a letter was, or none when the gap
// was narrow) where the syllable model finds every touched word a valid
// syllable. Private to pipeline/normalize. Thread-safe.
#ifndef SOHOA_NORMALIZE_DISPLACED_MARKS_H_
#define SOHOA_NORMALIZE_DISPLACED_MARKS_H_

#include <string>
#include <vector>

namespace sohoa::normalize_internal {

// A token made only of marked Vietnamese letters outside Latin-1 (ộ, ươ,
// Ủ ...): what such fonts leave detached.
bool IsDetachedMarkToken(const std::string& token);

// Places `units` (detached letters, in order) into `tokens` (the words of
// one line): each unit goes into a gap between two tokens (joining them),
// or at the edge of or inside a token. Every unit is placed and every word
// that receives one must be made of valid syllables. Returns false when no
// such placement exists; else `out` holds the repaired words.
// `score`, if given, gets the placement's score (higher is better).
bool PlaceDetachedMarks(const std::vector<std::string>& units,
                        const std::vector<std::string>& tokens, std::vector<std::string>* out,
                        double* score = nullptr);

// The same with the letters of two lines: `above` (before the words or on a
// line above) and `below` (letters with a dot below, on a line under the
// words), each in its order; a word may take letters from both.
bool PlaceDetachedMarksTwoLines(const std::vector<std::string>& above,
                                const std::vector<std::string>& below,
                                const std::vector<std::string>& tokens,
                                std::vector<std::string>* out);

}  // namespace sohoa::normalize_internal

#endif  // SOHOA_NORMALIZE_DISPLACED_MARKS_H_
