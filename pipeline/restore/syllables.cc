#include "pipeline/restore/syllables.h"

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

const SyllableSet& SyllableSet::Get() {
  static const SyllableSet* set = new SyllableSet();
  return *set;
}

SyllableSet::SyllableSet() {
  text_ = {"<unk>", "<s>", "</s>", "<num>"};
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
  uint64_t h = 1469598103934665603ull;
  for (const char* onset : kOnsets) {
    for (const std::string& rhyme : rhymes) {
      for (int tone = 0; tone < 6; ++tone) {
        std::string s = ComposeSyllable(onset, rhyme, tone);
        if (s.empty() || ids_.count(s)) continue;
        SyllableParts parts;
        if (!ParseSyllable(s, &parts) || static_cast<int>(parts.tone) != tone) continue;
        // Keep the parse that ParseSyllable gives ("gi"+"a" vs "g"+"ia"): the
        // string is what matters, and it must round-trip.
        if (ComposeSyllable(parts.onset, parts.rhyme, tone) != s) continue;
        uint32_t id = static_cast<uint32_t>(text_.size());
        text_.push_back(s);
        ids_.emplace(s, id);
        by_stripped_[StripDiacritics(s)].push_back(id);
        for (char ch : s) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
        h = (h ^ 0xff) * 1099511628211ull;
      }
    }
  }
  fingerprint_ = h;
}

std::string SyllableSet::Canonical(std::string_view word) const {
  SyllableParts parts;
  if (!ParseSyllable(word, &parts)) return "";
  std::string s = ComposeSyllable(parts.onset, parts.rhyme, static_cast<int>(parts.tone));
  return ids_.count(s) ? s : "";
}

uint32_t SyllableSet::Id(std::string_view word) const {
  // Fast path: already lower-case canonical.
  auto it = ids_.find(std::string(word));
  if (it != ids_.end()) return it->second;
  std::string c = Canonical(ToLowerVietnamese(word));
  if (c.empty()) return kUnk;
  it = ids_.find(c);
  return it == ids_.end() ? kUnk : it->second;
}

const std::vector<uint32_t>* SyllableSet::ByStripped(std::string_view stripped) const {
  auto it = by_stripped_.find(std::string(stripped));
  return it == by_stripped_.end() ? nullptr : &it->second;
}

}  // namespace sohoa::restore
