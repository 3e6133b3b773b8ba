#include "pipeline/check/body_text.h"

#include <re2/re2.h>

#include <algorithm>

#include "pipeline/check/narrative.h"
#include "pipeline/core/syllable.h"

namespace sohoa {

namespace {

bool IsAppendixHeading(const std::string& folded) {
  static const RE2 re("^phu luc(?: [ivx0-9]+)?$");
  return RE2::FullMatch(folded, re);
}

// The list marker a line opens with, as written ("roman", "1", "1.1",
// "1.1.1", "a", "-", "+", "*", "#"), "" when none. Leading tags and bold
// marks are skipped.
std::string ListMarker(const std::string& line) {
  size_t i = 0;
  for (;;) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (line.compare(i, 2, "**") == 0) {
      i += 2;
    } else if (i < line.size() && line[i] == '<' && line.find('>', i) != std::string::npos) {
      i = line.find('>', i) + 1;
    } else {
      break;
    }
  }
  re2::StringPiece rest(line.data() + i, line.size() - i);
  static const RE2 roman("^[IVX]{1,4}[.)] ");
  static const RE2 n3("^\\d{1,2}\\.\\d{1,2}\\.\\d{1,2}\\.? ");
  static const RE2 n2("^\\d{1,2}\\.\\d{1,2}\\.? ");
  static const RE2 n1("^\\d{1,2}[.)] ");
  static const RE2 alpha("^[a-z][).] ");
  static const RE2 dash("^(?:-|–|—)");
  static const RE2 star("^(?:\\* |•|·)");
  if (RE2::PartialMatch(rest, roman)) return "roman";
  if (RE2::PartialMatch(rest, n3)) return "1.1.1";
  if (RE2::PartialMatch(rest, n2)) return "1.1";
  if (RE2::PartialMatch(rest, n1)) return "1";
  if (RE2::PartialMatch(rest, alpha)) return "a";
  if (RE2::PartialMatch(rest, dash)) return "-";
  if (!rest.empty() && rest[0] == '+') return "+";
  if (RE2::PartialMatch(rest, star)) return "*";
  if (!rest.empty() && rest[0] == '#') return "#";
  return "";
}

// Whether `line` (as written) ends a sentence or a lead-in.
bool EndsSentence(const std::string& line) {
  size_t e = line.find_last_not_of(" \t\r*");
  if (e == std::string::npos) return false;
  char c = line[e];
  return c == '.' || c == ':' || c == ';' || c == '!' || c == '?';
}

// A numbered heading's marker ("II.", "2.", "2.1.", "a)").
bool IsHeading(const std::string& marker) {
  return marker == "roman" || marker == "1" || marker == "1.1" || marker == "1.1.1" || marker == "a";
}

// A line much shorter than a wrapped one: a heading, a title.
bool ShortLine(const std::string& line) {
  size_t chars = 0;
  for (unsigned char c : line) chars += (c & 0xC0) != 0x80;
  return chars < 60;
}

// Whether the first letter of `line` is a capital.
bool StartsWithCapital(const std::string& line) {
  size_t i = line.find_first_not_of(" \t*\"'(");
  if (i == std::string::npos) return false;
  unsigned char c = line[i];
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  std::string first = line.substr(i, n);
  if (n == 1 && !isalpha(c)) return false;
  return ToLowerVietnamese(first) != first;
}

// Headings rank above items; items ("-", "+", "*", plain) share one rank.
constexpr int kItemRank = 6;
int Rank(const std::string& marker) {
  if (marker == "roman") return 0;
  if (marker == "#") return 1;
  if (marker == "1") return 2;
  if (marker == "1.1") return 3;
  if (marker == "1.1.1") return 4;
  if (marker == "a") return 5;
  return kItemRank;
}

// Fills body->paragraphs from the line starts: `starts[i]` = the i-th
// mark opens a paragraph with marker `markers[i]`.
void Outline(const std::vector<bool>& starts, const std::vector<std::string>& markers,
             BodyText* body) {
  static const RE2 folded_marker(
      "^(?:[ivx]{1,4}[.)]|\\d{1,2}(?:\\.\\d{1,2}){0,2}[.)]?|[a-z][).]|-|–|—|\\+|•|·) ?");
  struct Open {
    std::string marker;
    int index;
    // A lead-in ending with ':' with an a)/b)/c) list under it ("Về kết quả
    // riêng quý II năm 2024:" then "a) Tiếp nhận: ..."): the list's marker.
    std::string list;
  };
  std::vector<Open> stack;
  for (size_t i = 0; i < body->marks.size(); ++i) {
    if (!starts[i] && !body->paragraphs.empty()) continue;
    BodyText::Paragraph p;
    p.begin = body->marks[i].offset;
    p.mark = i;
    p.marker = markers[i].empty() ? "plain" : markers[i];
    if (p.marker != "plain" && p.marker != "*" && p.marker != "#") {
      re2::StringPiece rest(body->text.data() + p.begin, body->text.size() - p.begin);
      re2::StringPiece whole;
      if (folded_marker.Match(rest, 0, rest.size(), RE2::ANCHOR_START, &whole, 1))
        p.begin += whole.size();
    }
    int index = static_cast<int>(body->paragraphs.size());
    if (!body->paragraphs.empty()) body->paragraphs.back().end = body->marks[i].offset;
    const int rank = Rank(p.marker);
    // The line before ends with ':' and is an item or a plain paragraph.
    auto after_lead_in = [&]() {
      if (i == 0 || stack.empty() || Rank(stack.back().marker) != kItemRank) return false;
      const std::string& top = body->marks[i - 1].original;
      size_t e = top.find_last_not_of(" \t\r*");
      return e != std::string::npos && top[e] == ':';
    };
    const std::string& line = body->marks[i].original;
    bool states_figures = std::find_if(line.begin(), line.end(), [](char c) { return isdigit(
                              static_cast<unsigned char>(c)); }) != line.end();
    if (rank < kItemRank && p.marker == "a" && states_figures && after_lead_in()) {
      // The first item of a list under a lead-in is its child (an "a)"
      // stating figures; a heading "a) Công tác tiếp nhận" opens a section).
      stack.back().list = p.marker;
    } else if (rank < kItemRank) {
      // A heading closes every item and every heading of its rank or below,
      // up to a lead-in whose list it continues.
      while (!stack.empty() && Rank(stack.back().marker) >= rank) {
        if (stack.back().list == p.marker) break;
        if (stack.back().marker == p.marker) p.previous = stack.back().index;
        stack.pop_back();
      }
    } else {
      // Items ("-", "+", plain): an item of the same kind further up the
      // run is a sibling; an item under a lead-in that ends with ':' or a
      // "+" under a "-" is a child; any other is the next sibling.
      auto run = stack.end();
      while (run != stack.begin() && Rank((run - 1)->marker) == kItemRank) --run;
      auto same = std::find_if(run, stack.end(), [&](const Open& o) { return o.marker == p.marker; });
      if (same != stack.end()) {
        p.previous = same->index;
        stack.erase(same, stack.end());
      } else if (run != stack.end()) {
        // The paragraph on top is the one just before: its last line is i - 1.
        const std::string& top = body->marks[i - 1].original;
        size_t e = top.find_last_not_of(" \t\r*");
        bool lead_in = e != std::string::npos && top[e] == ':';
        bool plus_under_dash = p.marker == "+" && stack.back().marker == "-";
        if (!lead_in && !plus_under_dash) {
          p.previous = stack.back().index;
          stack.pop_back();
        }
      }
    }
    p.parent = stack.empty() ? -1 : stack.back().index;
    stack.push_back({p.marker, index});
    body->paragraphs.push_back(p);
  }
  if (!body->paragraphs.empty()) body->paragraphs.back().end = body->text.size();
}

}  // namespace

int BodyText::ParagraphAt(size_t offset) const {
  auto it = std::upper_bound(paragraphs.begin(), paragraphs.end(), offset,
                             [](size_t o, const Paragraph& p) { return o < p.begin; });
  if (it == paragraphs.begin()) return paragraphs.empty() ? -1 : 0;
  return static_cast<int>(it - paragraphs.begin()) - 1;
}

const BodyText::Mark* BodyText::LineAt(size_t offset) const {
  auto it = std::upper_bound(marks.begin(), marks.end(), offset,
                             [](size_t o, const Mark& m) { return o < m.offset; });
  if (it != marks.begin()) --it;
  if (it == marks.end()) return nullptr;
  return &*it;
}

BodyText ReadBody(const Document& doc) {
  BodyText body;
  std::vector<bool> starts;
  std::vector<std::string> markers;
  bool stop = false, blank = true;
  size_t blank_before = 0;
  for (const Page& page : doc.pages) {
    for (size_t i = 0; i < page.lines.size() && !stop; ++i) {
      const std::string original = page.lines[i].Text();
      std::string folded = FoldForClaims(original);
      if (folded.empty()) {
        blank = true;
        continue;
      }
      if (IsAppendixHeading(folded)) {
        stop = true;
        break;
      }
      int line = page.lines[i].source_line ? page.lines[i].source_line : static_cast<int>(i) + 1;
      std::string marker = ListMarker(original);
      bool after_sentence = !body.marks.empty() && EndsSentence(body.marks.back().original);
      // A heading without a full stop ("3. Lũy kế từ đầu năm") is short.
      after_sentence = after_sentence || (!body.marks.empty() && (ShortLine(body.marks.back().original) ||
                                                                  IsHeading(markers.back())));
      blank_before += blank;
      starts.push_back(blank || !marker.empty() || (after_sentence && StartsWithCapital(original)));
      markers.push_back(marker);
      blank = false;
      body.marks.push_back({body.text.size(), page.number, line, original});
      body.text += folded;
      body.text += ' ';
    }
    if (stop) break;
  }
  // Double-spaced text (a text layer with an empty line after every line)
  // says nothing with its empty lines.
  if (blank_before > body.marks.size() / 2) {
    for (size_t i = 0; i < starts.size(); ++i) {
      bool after_sentence = i > 0 && (EndsSentence(body.marks[i - 1].original) ||
                                      ShortLine(body.marks[i - 1].original) || IsHeading(markers[i - 1]));
      starts[i] = !markers[i].empty() || (after_sentence && StartsWithCapital(body.marks[i].original));
    }
  }
  Outline(starts, markers, &body);
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
