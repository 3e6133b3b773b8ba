#include "pipeline/restore/code_repair.h"

#include <cctype>
#include <cstring>
#include <vector>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/text_util.h"
#include "pipeline/core/utf8.h"

namespace sohoa::restore {

namespace {

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

Status CodeRepairer::Load(const std::string& path, CodeRepairer* out) {
  std::string text;
  if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
  ForEachDataLine(text, [&](std::string_view line, int) {
    std::string_view abbr = line.substr(0, line.find('\t'));
    // Each part of a compound abbreviation ("NĐ-CP") is known on its own too.
    for (const std::string& part : SplitNonEmpty(abbr, '-'))
      out->by_stripped_.emplace(Upper(StripDiacritics(part)), part);
    return true;
  });
  return Status::Ok();
}

bool CodeRepairer::IsAbbreviation(const std::string& token) const {
  if (token.empty()) return false;
  bool roman = true;
  for (char c : token) roman = roman && std::strchr("IVXLC", c) != nullptr;
  if (roman) return true;
  const std::string stripped = StripDiacritics(token);
  if (Upper(stripped) != stripped) {
    // Mixed case only as the table spells it ("TTg": Thủ tướng).
    auto it = by_stripped_.find(Upper(stripped));
    return it != by_stripped_.end() && it->second == token;
  }
  return by_stripped_.count(stripped) > 0;
}

Status CodeRepairer::AddNameWords(const std::string& phrase_file,
                                  const std::function<bool(const std::string&)>& is_syllable) {
  std::string text;
  if (Status s = ReadFileBytes(phrase_file, &text); !s.ok()) return s;
  ForEachDataLine(text, [&](std::string_view line, int) {
    std::string_view phrase = line.substr(0, line.find('\t'));
    std::u32string cur;
    auto flush = [&] {
      if (cur.empty()) return;
      const std::string word = ToLowerVietnamese(U32ToUtf8(cur));
      cur.clear();
      const std::string key = StripDiacritics(word);
      if (key == word || is_syllable(word)) return;
      auto [it, fresh] = names_.emplace(key, word);
      if (!fresh && it->second != word) it->second.clear();  // two names: ambiguous
    };
    for (char32_t c : Utf8ToU32(phrase)) {
      char32_t base;
      Tone tone;
      bool upper;
      if (SplitLetter(c, &base, &tone, &upper)) cur.push_back(c);
      else flush();
    }
    flush();
    return true;
  });
  return Status::Ok();
}

bool CodeRepairer::RestoreNameWord(const std::string& token, std::string* out) const {
  const std::string lower = ToLowerVietnamese(token);
  auto it = names_.find(lower);
  if (it == names_.end() || it->second.empty()) return false;
  // The token's case: all capitals ("DAK"), a first capital ("Dak"), or none.
  const bool first_capital = CapitalizeFirst(token) == token && token != lower;
  if (Utf8Length(token) >= 2 && ToUpperVietnamese(token) == token) *out = ToUpperVietnamese(it->second);
  else if (first_capital) *out = CapitalizeFirst(it->second);
  else *out = it->second;
  return true;
}

bool CodeRepairer::Find(const std::string& stripped, std::string* marked) const {
  if (auto it = by_stripped_.find(stripped); it != by_stripped_.end()) {
    *marked = it->second;
    return true;
  }
  // An office named by the letter of its kind before a known abbreviation:
  // B(ộ), S(ở), P(hòng) + "LĐTBXH", "GDĐT" ("BLĐTBXH", "SGDĐT", "PGDĐT"),
  // which the dictionary does not list one by one.
  if (stripped.size() >= 4 && std::strchr("BSP", stripped[0]) != nullptr) {
    if (auto it = by_stripped_.find(stripped.substr(1)); it != by_stripped_.end() && it->first.size() >= 3) {
      *marked = stripped.substr(0, 1) + it->second;
      return true;
    }
  }
  return false;
}

bool CodeRepairer::RestoreAbbreviation(const std::string& token, std::string* out) const {
  std::string r;
  bool changed = false;
  size_t start = 0;
  while (start <= token.size()) {
    size_t end = token.find('-', start);
    if (end == std::string::npos) end = token.size();
    std::string part = token.substr(start, end - start);
    if (!part.empty() && Upper(part) == part && StripDiacritics(part) == part) {
      std::string marked;
      if (Find(part, &marked) && marked != part) {
        part = marked;
        changed = true;
      }
    }
    r += part;
    if (end < token.size()) r += '-';
    start = end + 1;
  }
  if (changed) *out = r;
  return changed;
}

bool CodeRepairer::Repair(const std::string& code, std::string* out) const {
  if (code.find('/') == std::string::npos) return false;
  // OCR renders Đ as "I)" or "l)" or "D".
  std::string s;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if ((c == 'I' || c == 'l' || c == '1') && i > 0 && i + 1 < code.size() && code[i + 1] == ')' &&
        std::isupper(static_cast<unsigned char>(code[i - 1]))) {
      s.push_back('D');
      ++i;
    } else {
      s.push_back(c);
    }
  }
  // Split into parts and separators.
  std::vector<std::string> parts;
  std::string seps;
  std::string cur;
  for (char c : s) {
    if (c == '/' || c == '-') {
      parts.push_back(cur);
      seps.push_back(c);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  bool known = false;
  for (std::string& p : parts) {
    std::string marked;
    if (Find(Upper(StripDiacritics(p)), &marked) && !AllDigits(p)) {
      // Keep the writer's case only when it already matches.
      if (Upper(StripDiacritics(p)) == StripDiacritics(p)) p = marked;
      known = true;
    }
  }
  if (!known) return false;
  // "6112018/NĐ-CP": number, lost "/" read as "1", then a year.
  if (parts.size() >= 2 && AllDigits(parts[0]) && parts[0].size() >= 6 && seps[0] == '/' &&
      !AllDigits(parts[1])) {
    const std::string& n = parts[0];
    std::string year = n.substr(n.size() - 4);
    int y = std::atoi(year.c_str());
    if (y >= 1990 && y <= 2039 && n[n.size() - 5] == '1' && n.size() - 5 >= 1) {
      parts[0] = n.substr(0, n.size() - 5) + "/" + year;
    }
  }
  std::string r = parts[0];
  for (size_t i = 0; i < seps.size(); ++i) {
    r.push_back(seps[i]);
    r.append(parts[i + 1]);
  }
  *out = r;
  return true;
}

}  // namespace sohoa::restore
