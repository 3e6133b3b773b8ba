#include "pipeline/core/char_refs.h"

#include <cstdlib>
#include <string>
#include <unordered_map>

#include "pipeline/core/files.h"
#include "pipeline/core/text_util.h"
#include "pipeline/core/utf8.h"

namespace sohoa {
namespace {

// A broken reference spans at most this many bytes (its characters, the
// white space and tags put between them).
constexpr size_t kMaxSpan = 400;
constexpr size_t kMaxTag = 200;

const std::unordered_map<std::string, char32_t>& Names() {
  static const auto* names = [] {
    auto* out = new std::unordered_map<std::string, char32_t>();
    std::string text;
    if (!ReadFileBytes(DictionariesDir() + "/encodings/html_entities.txt", &text).ok()) return out;
    ForEachDataLine(text, [&](std::string_view line, int) {
      size_t tab = line.find('\t');
      if (tab == std::string_view::npos) return true;
      char32_t cp = static_cast<char32_t>(
          std::strtoul(std::string(line.substr(tab + 1)).c_str(), nullptr, 16));
      if (cp != 0) (*out)[std::string(line.substr(0, tab))] = cp;
      return true;
    });
    return out;
  }();
  return *names;
}

bool IsAsciiLetter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Length of a tag starting at s[i] ("<span lang="vi">", "</font>", "<br>"),
// 0 if none.
size_t TagAt(std::string_view s, size_t i) {
  if (i >= s.size() || s[i] != '<') return 0;
  size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  if (j >= s.size() || !IsAsciiLetter(s[j])) return 0;
  for (size_t k = j; k < s.size() && k - i < kMaxTag; ++k) {
    if (s[k] == '<') return 0;
    if (s[k] == '>') return k + 1 - i;
  }
  return 0;
}

// Skips white space and tags from i; counts what was skipped.
size_t Skip(std::string_view s, size_t i, size_t* tags, size_t* breaks) {
  while (i < s.size()) {
    if (IsSpace(s[i])) {
      if (s[i] == '\n') ++*breaks;
      ++i;
    } else if (size_t t = TagAt(s, i)) {
      ++*tags;
      i += t;
    } else {
      break;
    }
  }
  return i;
}

bool Allowed(char32_t cp) {
  if (cp == '\t' || cp == '\n') return true;
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return false;
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  return cp <= 0x10FFFF;
}

struct Match {
  size_t end = 0;          // one past the reference's last byte
  char32_t cp = 0;
  std::string canonical;   // "&#N;" or "&name;"
  size_t tags = 0, breaks = 0;
  bool broken = false;
};

// A reference starting at s[i] == '&'.
bool MatchAt(std::string_view s, size_t i, Match* m) {
  const std::string_view w = s.substr(i, kMaxSpan);
  size_t tags = 0, breaks = 0;
  size_t j = Skip(w, 1, &tags, &breaks);
  bool skipped = j > 1;
  if (j < w.size() && w[j] == '#') {
    size_t k = Skip(w, j + 1, &tags, &breaks);
    skipped = skipped || k > j + 1;
    bool hex = false;
    if (k < w.size() && (w[k] == 'x' || w[k] == 'X')) {
      hex = true;
      size_t k2 = Skip(w, k + 1, &tags, &breaks);
      skipped = skipped || k2 > k + 1;
      k = k2;
    }
    std::string digits;
    while (k < w.size()) {
      if (hex ? IsHexDigit(w[k]) : IsDigit(w[k])) {
        digits.push_back(w[k++]);
        if (digits.size() > 7) return false;
        continue;
      }
      size_t t2 = tags, b2 = breaks;
      size_t k2 = Skip(w, k, &t2, &b2);
      if (k2 > k && k2 < w.size() && (hex ? IsHexDigit(w[k2]) : IsDigit(w[k2])) && !digits.empty()) {
        tags = t2;
        breaks = b2;
        skipped = true;
        k = k2;
        continue;
      }
      break;
    }
    if (digits.empty()) return false;
    size_t t2 = tags, b2 = breaks;
    size_t k2 = Skip(w, k, &t2, &b2);
    if (k2 < w.size() && w[k2] == ';') {
      tags = t2;
      breaks = b2;
      skipped = skipped || k2 > k;
      m->end = i + k2 + 1;
    } else if (!skipped) {
      m->end = i + k;  // "&#7897" without ';' (HTML allows it)
    } else {
      return false;
    }
    char32_t cp = static_cast<char32_t>(std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10));
    if (!Allowed(cp)) return false;
    m->cp = cp;
    m->canonical = "&#" + std::to_string(static_cast<unsigned long>(cp)) + ";";
  } else {
    std::string name;
    size_t k = j;
    while (k < w.size()) {
      if (IsAsciiLetter(w[k]) || (IsDigit(w[k]) && !name.empty())) {
        name.push_back(w[k++]);
        if (name.size() > 32) return false;
        continue;
      }
      size_t t2 = tags, b2 = breaks;
      size_t k2 = Skip(w, k, &t2, &b2);
      if (k2 > k && k2 < w.size() && IsAsciiLetter(w[k2]) && !name.empty()) {
        tags = t2;
        breaks = b2;
        skipped = true;
        k = k2;
        continue;
      }
      break;
    }
    if (name.empty()) return false;
    size_t t2 = tags, b2 = breaks;
    size_t k2 = Skip(w, k, &t2, &b2);
    if (k2 >= w.size() || w[k2] != ';') return false;
    char32_t cp = NamedCharRef(name);
    if (cp == 0) return false;
    tags = t2;
    breaks = b2;
    skipped = skipped || k2 > k;
    m->end = i + k2 + 1;
    m->cp = cp;
    m->canonical = "&" + name + ";";
  }
  m->tags = tags;
  m->breaks = breaks;
  m->broken = skipped;
  return true;
}

}  // namespace

char32_t NamedCharRef(std::string_view name) {
  const auto& names = Names();
  auto it = names.find(std::string(name));
  return it == names.end() ? 0 : it->second;
}

std::string RepairCharRefs(std::string_view text, CharRefOutput output, CharRefStats* stats,
                           std::vector<size_t>* kept_breaks) {
  CharRefStats local;
  CharRefStats& st = stats ? *stats : local;
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t amp = text.find('&', i);
    const size_t stop = amp == std::string_view::npos ? text.size() : amp;
    if (kept_breaks) {
      for (size_t b = text.find('\n', i); b < stop; b = text.find('\n', b + 1))
        kept_breaks->push_back(b);
    }
    out.append(text.substr(i, stop - i));
    if (amp == std::string_view::npos) break;
    Match m;
    if (!MatchAt(text, amp, &m)) {
      out.push_back('&');
      i = amp + 1;
      continue;
    }
    ++st.references;
    if (m.broken) ++st.broken;
    st.tags_removed += m.tags;
    st.line_breaks_removed += m.breaks;
    if (output == CharRefOutput::kDecode) {
      AppendUtf8(m.cp, &out);
    } else {
      out += m.canonical;
    }
    i = m.end;
  }
  return out;
}

}  // namespace sohoa
