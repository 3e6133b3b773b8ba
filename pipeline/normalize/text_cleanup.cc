// Clean-up, tone placement and line continuation (no ICU needed here).
#include <string>

#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalize.h"

namespace sohoa {

namespace {

bool IsLetter(char32_t c, bool* upper) {
  char32_t base;
  Tone tone;
  bool up = false;
  if (!SplitLetter(c, &base, &tone, &up)) return false;
  if (upper) *upper = up;
  return true;
}

// Re-places the tone of one letter run (a candidate syllable).
void RestyleSyllable(std::u32string* run, ToneStyle style) {
  size_t n = run->size();
  if (n < 2) return;
  SyllableParts parts;
  if (!ParseSyllable(U32ToUtf8(*run), &parts)) return;
  if (parts.tone == Tone::kNgang) return;
  if (parts.rhyme != "oa" && parts.rhyme != "oe" && parts.rhyme != "uy") return;
  size_t target = style == ToneStyle::kOld ? n - 2 : n - 1;
  for (size_t i = n - 2; i < n; ++i) {
    char32_t base;
    Tone t;
    bool up;
    if (!SplitLetter((*run)[i], &base, &t, &up)) return;
    char32_t c = ComposeLetter(base, i == target ? parts.tone : Tone::kNgang, up);
    if (c == 0) return;
    (*run)[i] = c;
  }
}

bool EndsSentence(const std::string& word) {
  // The last character that is not a closing quote/bracket.
  std::u32string w = Utf8ToU32(word);
  while (!w.empty() && (w.back() == ')' || w.back() == '"' || w.back() == U'”' ||
                        w.back() == U'’' || w.back() == '\'' || w.back() == ']'))
    w.pop_back();
  if (w.empty()) return false;
  char32_t c = w.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == U'…';
}

bool IsNumberToken(const std::string& w) {
  int digits = 0;
  for (char c : w) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != '.' && c != ',' && c != '%' && c != '-' && c != '/' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits > 0;
}

bool LooksLikeTableRow(const Line& line) {
  if (line.leading.find('\t') != std::string::npos) return true;
  int numbers = 0;
  for (const Word& w : line.words) {
    if (w.trailing.find('\t') != std::string::npos) return true;
    if (IsNumberToken(w.text)) ++numbers;
  }
  return numbers >= 2;
}

bool LineAllCaps(const Line& line) {
  int letters = 0;
  for (const Word& w : line.words) {
    size_t pos = 0;
    while (pos < w.text.size()) {
      bool up = false;
      if (IsLetter(DecodeUtf8(w.text, &pos), &up)) {
        if (!up) return false;
        ++letters;
      }
    }
  }
  return letters >= 2;
}

bool StartsLowerCase(const Line& line) {
  if (line.words.empty()) return false;
  const std::string& w = line.words.front().text;
  size_t pos = 0;
  bool up = false;
  return !w.empty() && IsLetter(DecodeUtf8(w, &pos), &up) && !up;
}

std::string TrimRight(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

// Offset of the first byte that may need cleaning (a control character, or
// the lead byte of U+0080..U+00A0, U+00AD, U+200B..U+200D, U+2060, U+FEFF),
// or s.size(). One pass over the bytes; most text has none.
size_t FirstToClean(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    unsigned char b = p[i];
    if (b >= 0x20 && b < 0x7F) continue;
    if (b < 0x20) {
      if (b != '\t' && b != '\n' && b != '\f' && b != '\r') return i;
      continue;
    }
    if (b == 0x7F) return i;
    if (b == 0xC2 && i + 1 < n && (p[i + 1] <= 0xA0 || p[i + 1] == 0xAD)) return i;
    if (b == 0xE2 && i + 2 < n &&
        ((p[i + 1] == 0x80 && p[i + 2] >= 0x8B && p[i + 2] <= 0x8D) ||
         (p[i + 1] == 0x81 && p[i + 2] == 0xA0)))
      return i;
    if (b == 0xEF && i + 2 < n && p[i + 1] == 0xBB && p[i + 2] == 0xBF) return i;
  }
  return n;
}

std::string CleanText(std::string_view s, size_t* removed_controls) {
  size_t i = FirstToClean(s);
  if (i == s.size()) return std::string(s);
  std::string out(s.substr(0, i));
  out.reserve(s.size());
  size_t pos = i;
  while (pos < s.size()) {
    size_t at = pos;
    auto b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      ++pos;
      if (b == 0x7F || (b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r')) {
        if (removed_controls) ++*removed_controls;
        continue;
      }
      out.push_back(static_cast<char>(b));
      continue;
    }
    char32_t c = DecodeUtf8(s, &pos);
    if (c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF) continue;
    if (c == 0xA0) {
      out.push_back(' ');
      continue;
    }
    if (c >= 0x80 && c < 0xA0) {
      if (removed_controls) ++*removed_controls;
      continue;
    }
    out.append(s.substr(at, pos - at));
  }
  return out;
}

std::string ApplyToneStyle(std::string_view s, ToneStyle style) {
  if (style == ToneStyle::kKeep) return std::string(s);
  std::string out;
  out.reserve(s.size());
  std::u32string run;
  auto flush = [&] {
    if (!run.empty()) {
      RestyleSyllable(&run, style);
      out += U32ToUtf8(run);
      run.clear();
    }
  };
  size_t pos = 0;
  while (pos < s.size()) {
    size_t at = pos;
    char32_t c = DecodeUtf8(s, &pos);
    if (IsLetter(c, nullptr)) {
      run.push_back(c);
    } else {
      flush();
      out.append(s.substr(at, pos - at));
    }
  }
  flush();
  return out;
}

std::string CanonicalTone(std::string_view s) { return ApplyToneStyle(s, ToneStyle::kNew); }

void MarkContinuations(Page* page) {
  auto& lines = page->lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& cur = lines[i];
    cur.continues = false;
    cur.hyphenated = false;
    if (i + 1 >= lines.size() || cur.words.empty()) continue;
    // Text layers often put an empty line after every line; a paragraph
    // never starts with a lower-case letter, so one empty line between two
    // lines does not end it.
    size_t j = i + 1;
    if (lines[j].words.empty() && j + 1 < lines.size()) ++j;
    const Line& next = lines[j];
    if (!StartsLowerCase(next)) continue;
    if (LooksLikeTableRow(cur) || LooksLikeTableRow(next)) continue;
    if (LineAllCaps(cur)) continue;
    const std::string& last = cur.words.back().text;
    if (EndsSentence(last)) continue;
    cur.continues = true;
    // "phát-" + "triển": a word split by a hyphen at the line end.
    if (last.size() >= 2 && last.back() == '-') {
      size_t pos = 0;
      std::u32string w = Utf8ToU32(last);
      (void)pos;
      if (w.size() >= 2 && IsLetter(w[w.size() - 2], nullptr)) cur.hyphenated = true;
    }
  }
}

std::string ReflowText(const Document& doc) {
  std::string out;
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    if (p > 0) out.push_back('\f');
    const auto& lines = doc.pages[p].lines;
    bool joining = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      if (joining && line.words.empty()) continue;  // the empty line inside a paragraph
      std::string text;
      if (joining) {
        // The continued part: without its indentation.
        for (const Word& w : line.words) text += w.text + w.trailing;
      } else {
        text = line.Text();
      }
      if (line.continues && i + 1 < lines.size()) {
        text = TrimRight(text);
        if (line.hyphenated && !text.empty() && text.back() == '-') {
          text.pop_back();
        } else {
          text.push_back(' ');
        }
        out += text;
        joining = true;
      } else {
        out += text;
        if (i + 1 < lines.size()) out.push_back('\n');
        joining = false;
      }
    }
  }
  return out;
}

}  // namespace sohoa
