// HTML character references (&#7898; &#x1EDA; &agrave;) in text, and their
// repair when a converter broke them: line breaks, spaces and tags put
// between their characters ("N&" + "431;&" + "7898;C" for "NƯỚC",
// "&#1<br>94;" for "Â"). Used by ingest on HTML before it is parsed and by
// normalize on plain text that holds such references.
// Only what sits inside a reference is removed: markup elsewhere in the text
// ("<b>Tổng cộng</b>" in a plain-text file) is content and stays.
// Thread-safe (the table of names is loaded once, immutable afterwards).
#ifndef SOHOA_CORE_CHAR_REFS_H_
#define SOHOA_CORE_CHAR_REFS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa {

struct CharRefStats {
  size_t references = 0;  // references found (intact or broken)
  size_t broken = 0;      // of those, references with white space or tags inside
  size_t tags_removed = 0;
  size_t line_breaks_removed = 0;
};

enum class CharRefOutput {
  kDecode,     // each reference becomes its character (plain text)
  kCanonical,  // each becomes its unbroken form "&#N;" / "&name;" (HTML, for the parser)
};

// Finds every reference, allowing white space (line breaks too) and tags
// between its characters, and writes it as `output` says; everything else is
// copied unchanged. Names come from dictionaries/encodings/html_entities.txt
// (Latin letters, punctuation); a name it does not hold is left as written.
// A reference needs its ';' unless it is intact and numeric.
// `kept_breaks` (may be null) receives, for each line break of the output,
// the offset of the same break in `text` (breaks inside references go).
std::string RepairCharRefs(std::string_view text, CharRefOutput output, CharRefStats* stats,
                           std::vector<size_t>* kept_breaks = nullptr);

// The character of a named reference ("agrave" -> U+00E0), 0 if unknown.
char32_t NamedCharRef(std::string_view name);

}  // namespace sohoa

#endif  // SOHOA_CORE_CHAR_REFS_H_
