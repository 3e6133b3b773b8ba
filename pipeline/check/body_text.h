// The body of a report as the claim and comparison patterns read it: one
// folded string (FoldForClaims) up to the first appendix heading, with where
// each line starts, so that a match can be traced back to its page and line,
// and its paragraphs in outline (a "- " item under "1. ", a "+ " item under
// "- "), so that a figure's scope can be read from the lines above it.
// Internal to the check stage (narrative.cc, narrative_scope.cc, comparison.cc).
#ifndef SOHOA_CHECK_BODY_TEXT_H_
#define SOHOA_CHECK_BODY_TEXT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "pipeline/core/document.h"

namespace sohoa {

struct BodyText {
  struct Mark {
    size_t offset;         // where the line starts in `text`
    int page, line;
    std::string original;  // the line as written, for quoting
  };
  // A paragraph: starts at a list marker ("I.", "1.", "1.1.", "a)", "-",
  // "+", "*", "#"), after a blank line, or at a capital after a line that
  // ended a sentence; runs to the next one.
  struct Paragraph {
    size_t begin = 0, end = 0;  // in `text`; `begin` is after the list marker
    std::string marker;         // "roman", "1", "1.1", "1.1.1", "a", "-", "+", "*", "#", "plain"
    int parent = -1;            // the paragraph it is an item of, -1 = none
    int previous = -1;          // the item before it under the same parent, -1 = none
    size_t mark = 0;            // its first line in `marks`
  };
  std::string text;  // the folded lines, each followed by one space
  std::vector<Mark> marks;
  std::vector<Paragraph> paragraphs;  // in order, covering `text`

  // The paragraph that holds `offset`; -1 when there is none.
  int ParagraphAt(size_t offset) const;

  // The line that holds `offset` of `text`; nullptr when there is none.
  const Mark* LineAt(size_t offset) const;
};

// The body of `doc`: every non-empty line before the first "Phụ lục" heading.
BodyText ReadBody(const Document& doc);

// `line` with runs of spaces, tabs and CRs made one space and trailing space
// dropped: how a finding quotes the line a claim stands on.
std::string CollapseSpaces(const std::string& line);

// Digits after the decimal comma of a Vietnamese number ("79,79" → 2).
int DecimalsOf(const std::string& number);

}  // namespace sohoa

#endif  // SOHOA_CHECK_BODY_TEXT_H_
