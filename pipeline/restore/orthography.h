// The Vietnamese syllable inventory, derived from the orthography: onsets x
// rhymes x six tones, kept when core's ParseSyllable accepts them and they
// round-trip. SyllableSet (syllables.h) loads the same list from a table the
// build generates with EnumerateSyllables (syllable_table_gen.cc).
#ifndef SOHOA_RESTORE_ORTHOGRAPHY_H_
#define SOHOA_RESTORE_ORTHOGRAPHY_H_

#include <string>
#include <vector>

namespace sohoa::restore {

// Composes onset + rhyme + tone with the mark in the traditional place.
std::string ComposeSyllable(const std::string& onset, const std::string& rhyme, int tone);

// Every valid syllable, lower case, in id order (the order ids follow).
std::vector<std::string> EnumerateSyllables();

}  // namespace sohoa::restore

#endif  // SOHOA_RESTORE_ORTHOGRAPHY_H_
