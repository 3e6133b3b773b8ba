#include "pipeline/check/body_text.h"

#include <re2/re2.h>

#include <algorithm>

#include "pipeline/check/narrative.h"

namespace sohoa {

namespace {

bool IsAppendixHeading(const std::string& folded) {
  static const RE2 re("^phu luc(?: [ivx0-9]+)?$");
  return RE2::FullMatch(folded, re);
}

}  // namespace

const BodyText::Mark* BodyText::LineAt(size_t offset) const {
  auto it = std::upper_bound(marks.begin(), marks.end(), offset,
                             [](size_t o, const Mark& m) { return o < m.offset; });
  if (it != marks.begin()) --it;
  if (it == marks.end()) return nullptr;
  return &*it;
}

BodyText ReadBody(const Document& doc) {
  BodyText body;
  bool stop = false;
  for (const Page& page : doc.pages) {
    for (size_t i = 0; i < page.lines.size() && !stop; ++i) {
      std::string folded = FoldForClaims(page.lines[i].Text());
      if (folded.empty()) continue;
      if (IsAppendixHeading(folded)) {
        stop = true;
        break;
      }
      int line = page.lines[i].source_line ? page.lines[i].source_line : static_cast<int>(i) + 1;
      body.marks.push_back({body.text.size(), page.number, line, page.lines[i].Text()});
      body.text += folded;
      body.text += ' ';
    }
    if (stop) break;
  }
  return body;
}

std::string CollapseSpaces(const std::string& line) {
  std::string q;
  for (char ch : line) {
    bool space = ch == ' ' || ch == '\t' || ch == '\r';
    if (space && (q.empty() || q.back() == ' ')) continue;
    q += space ? ' ' : ch;
  }
  while (!q.empty() && q.back() == ' ') q.pop_back();
  return q;
}

int DecimalsOf(const std::string& number) {
  size_t comma = number.find(',');
  return comma == std::string::npos ? 0 : static_cast<int>(number.size() - comma - 1);
}

}  // namespace sohoa
