// Cell and markup helpers of the tables stage.
#include <algorithm>
#include <cctype>

#include "pipeline/core/numbers.h"
#include "pipeline/tables/internal.h"

namespace sohoa::tables_internal {

namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

bool IsDash(std::string_view s) {
  return s == "-" || s == "\u2013" || s == "\u2014" || s == "--" || s == "_";
}

// Splits "31,21^(*)" / "31,21(*)" / "31,21*" into number text and footnote.
void SplitFootnote(std::string* s, std::string* footnote) {
  footnote->clear();
  size_t caret = s->find('^');
  if (caret != std::string::npos) {
    *footnote = Trim(std::string_view(*s).substr(caret + 1));
    s->resize(caret);
  } else if (!s->empty() && s->back() == ')') {
    size_t open = s->rfind('(');
    if (open != std::string::npos && open > 0) {
      std::string inner = s->substr(open + 1, s->size() - open - 2);
      if (!inner.empty() && std::all_of(inner.begin(), inner.end(), [](char c) { return c == '*'; })) {
        *footnote = s->substr(open);
        s->resize(open);
      }
    }
  } else {
    size_t stars = s->find_last_not_of('*');
    if (stars != std::string::npos && stars + 1 < s->size()) {
      *footnote = std::string("(").append(s->substr(stars + 1)).append(")");
      s->resize(stars + 1);
    }
  }
  *s = Trim(*s);
}

}  // namespace

std::string StripMarkup(std::string_view in) {
  std::string s(in);
  // Footnote marks "(*)", "(**)" are kept; only emphasis stars go.
  auto swap_marks = [&s](std::string_view from, std::string_view to) {
    for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
  };
  swap_marks("(***)", "\x01\x03");
  swap_marks("(**)", "\x01\x02");
  swap_marks("(*)", "\x01\x04");
  for (const char* tag : {"<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<B>", "</B>", "<I>", "</I>",
                          "<strong>", "</strong>", "<em>", "</em>", "**", "__"}) {
    for (size_t p; (p = s.find(tag)) != std::string::npos;) s.erase(p, std::string_view(tag).size());
  }
  for (size_t p = 0; (p = s.find("\\*", p)) != std::string::npos;) s.erase(p, 1), ++p;
  swap_marks("\x01\x03", "(***)");
  swap_marks("\x01\x02", "(**)");
  swap_marks("\x01\x04", "(*)");
  std::string t = Trim(s);
  // Single-star emphasis around the whole text: "*Tỷ lệ %*".
  if (t.size() >= 2 && t.front() == '*' && t.back() == '*' && t.find('*', 1) == t.size() - 1)
    t = Trim(std::string_view(t).substr(1, t.size() - 2));
  return t;
}

bool LabelIn(const std::string& normalized, const std::vector<std::string>& labels) {
  return std::find(labels.begin(), labels.end(), normalized) != labels.end();
}

Cell ParseCell(std::string_view raw, bool* ok) {
  Cell c;
  c.text = StripMarkup(raw);
  *ok = true;
  if (c.text.empty()) return c;
  std::string number = c.text;
  SplitFootnote(&number, &c.footnote);
  if (IsDash(number)) {
    c.dash = true;
    return c;
  }
  // OCR and some layouts leave a space inside a number ("12. 746").
  number.erase(std::remove(number.begin(), number.end(), ' '), number.end());
  c.value = ParseVietnameseNumber(number);
  if (!c.value) *ok = false;
  return c;
}

bool IsCellToken(std::string_view token) {
  std::string s = StripMarkup(token);
  if (s.empty()) return false;
  std::string foot;
  SplitFootnote(&s, &foot);
  if (IsDash(s)) return true;
  if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-')) return false;
  return ParseVietnameseNumber(s).has_value();
}

}  // namespace sohoa::tables_internal
