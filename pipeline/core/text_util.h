// Small text helpers shared by the stages: splitting and reading the
// line-oriented data files of dictionaries/.
#ifndef SOHOA_CORE_TEXT_UTIL_H_
#define SOHOA_CORE_TEXT_UTIL_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa {

// Splits on `sep`, keeping empty fields: "a\t\tb" -> {"a", "", "b"}.
std::vector<std::string> SplitFields(std::string_view s, char sep);

// Splits on `sep`, dropping empty pieces: "a  b " -> {"a", "b"}.
std::vector<std::string> SplitNonEmpty(std::string_view s, char sep);

// Calls fn(line, line_number) for every line of `text` that is neither
// empty nor a comment ('#' first). Numbers count from 1 and include the
// skipped lines, so messages can point into the file; a '\r' before the
// '\n' is dropped. fn returns false to stop early (after an error).
template <typename Fn>
void ForEachDataLine(std::string_view text, Fn fn) {
  size_t pos = 0;
  int number = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    if (!fn(line, number)) return;
  }
}

// "a \t b  " -> "a b": runs of spaces and tabs become one space, trimmed at the end.
std::string CollapseSpaces(std::string_view s);

// Lower case (Vietnamese letters too).
std::string Lower(const std::string& s);
// A name compared without case, diacritics, spaces or punctuation:
// "Trung tâm Phục vụ HCC" -> "trungtamphucvuhcc".
std::string FoldName(const std::string& s);

// Reads the tab-separated data file `path` (a missing file is no rows) and
// calls row(fields) for each data line; `row` returns what is wrong with the
// line, "" when nothing. The first such line stops the reading and comes
// back as Corrupt, naming file and line.
Status ForEachTsvRow(const std::string& path,
                     const std::function<std::string(const std::vector<std::string>&)>& row);

}  // namespace sohoa

#endif  // SOHOA_CORE_TEXT_UTIL_H_
