// The syllable inventory from the orthography (see syllables.h); used by
// the build to generate the compact table SyllableSet loads, and by the
// tests to check that table against it.
#include "pipeline/restore/orthography.h"

#include <unordered_set>

#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"

namespace sohoa::restore {

namespace {

bool IsVowel(char32_t c) {
  switch (c) {
    case U'a': case U'ă': case U'â': case U'e': case U'ê': case U'i': case U'o':
    case U'ô': case U'ơ': case U'u': case U'ư': case U'y':
      return true;
    default:
      return false;
  }
}

bool IsMarkedVowel(char32_t c) {
  return c == U'ă' || c == U'â' || c == U'ê' || c == U'ô' || c == U'ơ' || c == U'ư';
}

// Index in `rhyme` of the vowel that carries the tone mark (traditional
// placement: "hòa", "thủy", "hoàn", "người", "khuỷu").
int TonePosition(const std::u32string& rhyme) {
  std::vector<int> vowels;
  size_t end = 0;
  for (size_t i = 0; i < rhyme.size(); ++i) {
    if (IsVowel(rhyme[i]) && (vowels.empty() || vowels.back() == static_cast<int>(i) - 1)) {
      vowels.push_back(static_cast<int>(i));
      end = i + 1;
    }
  }
  if (vowels.empty()) return -1;
  for (int i = static_cast<int>(vowels.size()) - 1; i >= 0; --i)
    if (IsMarkedVowel(rhyme[vowels[i]])) return vowels[i];
  bool coda = end < rhyme.size();
  if (coda) return vowels.back();
  if (vowels.size() == 3) return vowels[1];
  return vowels[0];
}

}  // namespace

std::string ComposeSyllable(const std::string& onset, const std::string& rhyme, int tone) {
  std::u32string r = Utf8ToU32(rhyme);
  int pos = TonePosition(r);
  if (pos < 0) return "";
  char32_t c = ComposeLetter(r[pos], static_cast<Tone>(tone), false);
  if (!c) return "";
  r[pos] = c;
  return onset + U32ToUtf8(r);
}

std::vector<std::string> EnumerateSyllables() {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  // Candidate rhymes: optional medial (o, u) x nucleus x optional coda. Only
  // the combinations that core's ParseSyllable accepts survive, so the
  // orthography is defined in one place.
  static const char* kOnsets[] = {"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k",
                                  "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu",
                                  "r", "s", "t", "th", "tr", "v", "x"};
  static const char* kMedials[] = {"", "o", "u"};
  static const char* kNuclei[] = {"a", "ă", "â", "e", "ê", "i", "y", "o", "ô", "ơ", "u",
                                  "ư", "iê", "yê", "uô", "ươ", "ia", "ya", "ua", "ưa", "oo"};
  static const char* kCodas[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t",
                                 "i", "y", "o", "u"};
  std::vector<std::string> rhymes;
  for (const char* m : kMedials)
    for (const char* n : kNuclei)
      for (const char* c : kCodas) rhymes.push_back(std::string(m) + n + c);
  for (const char* onset : kOnsets) {
    for (const std::string& rhyme : rhymes) {
      for (int tone = 0; tone < 6; ++tone) {
        std::string s = ComposeSyllable(onset, rhyme, tone);
        if (s.empty() || seen.count(s)) continue;
        SyllableParts parts;
        if (!ParseSyllable(s, &parts) || static_cast<int>(parts.tone) != tone) continue;
        // Keep the parse that ParseSyllable gives ("gi"+"a" vs "g"+"ia"): the
        // string is what matters, and it must round-trip.
        if (ComposeSyllable(parts.onset, parts.rhyme, tone) != s) continue;
        seen.insert(s);
        out.push_back(std::move(s));
      }
    }
  }
  return out;
}


}  // namespace sohoa::restore
