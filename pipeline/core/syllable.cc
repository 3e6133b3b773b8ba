#include "pipeline/core/syllable.h"

#include <array>
#include <set>
#include <unordered_map>

#include "pipeline/core/utf8.h"

namespace sohoa {

namespace {

// Each row: a base vowel in its six tones, lower then upper case.
constexpr std::array<const char*, 12> kLowerRows = {
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
    "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ"};
constexpr std::array<const char*, 12> kUpperRows = {
    "AÀẢÃÁẠ", "ĂẰẲẴẮẶ", "ÂẦẨẪẤẬ", "EÈẺẼÉẸ", "ÊỀỂỄẾỆ", "IÌỈĨÍỊ",
    "OÒỎÕÓỌ", "ÔỒỔỖỐỘ", "ƠỜỞỠỚỢ", "UÙỦŨÚỤ", "ƯỪỬỮỨỰ", "YỲỶỸÝỴ"};

struct LetterInfo {
  char32_t base;
  Tone tone;
  bool upper;
};

struct Tables {
  std::unordered_map<char32_t, LetterInfo> letters;
  std::unordered_map<uint64_t, char32_t> compose;  // (base<<8 | tone<<1 | upper)
  std::set<std::string> rhymes;
  Tables() {
    for (int row = 0; row < 12; ++row) {
      std::u32string lo = Utf8ToU32(kLowerRows[row]);
      std::u32string up = Utf8ToU32(kUpperRows[row]);
      for (int t = 0; t < 6; ++t) {
        letters[lo[t]] = {lo[0], static_cast<Tone>(t), false};
        letters[up[t]] = {lo[0], static_cast<Tone>(t), true};
        compose[Key(lo[0], static_cast<Tone>(t), false)] = lo[t];
        compose[Key(lo[0], static_cast<Tone>(t), true)] = up[t];
      }
    }
    for (char32_t c = 'a'; c <= 'z'; ++c) {
      if (!letters.count(c)) {
        letters[c] = {c, Tone::kNgang, false};
        compose[Key(c, Tone::kNgang, false)] = c;
      }
      char32_t u = c - 'a' + 'A';
      if (!letters.count(u)) {
        letters[u] = {c, Tone::kNgang, true};
        compose[Key(c, Tone::kNgang, true)] = u;
      }
    }
    letters[U'đ'] = {U'đ', Tone::kNgang, false};
    letters[U'Đ'] = {U'đ', Tone::kNgang, true};
    compose[Key(U'đ', Tone::kNgang, false)] = U'đ';
    compose[Key(U'đ', Tone::kNgang, true)] = U'Đ';
    // Rhymes of standard Vietnamese orthography (toneless, after the onset;
    // the u of "qu" and the i of "gi" belong to the onset).
    const char* kRhymes[] = {
        "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
        "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
        "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
        "e", "ec", "em", "en", "eng", "eo", "ep", "et",
        "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
        "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu",
        "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
        "o", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat",
        "oay", "oăc", "oăm", "oăn", "oăng", "oăt", "oc", "oe", "oen", "oeo", "oet", "oi",
        "om", "on", "ong", "ooc", "oong", "op", "ot",
        "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt",
        "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
        "u", "ua", "uân", "uâng", "uât", "uây", "uc", "uê", "uêch", "uênh", "ui", "um", "un",
        "ung", "uơ", "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "up", "ut", "uy", "uya",
        "uych", "uyên", "uyêt", "uynh", "uyt", "uyu",
        "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu",
        "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
        "y", "yêm", "yên", "yêt", "yêu"};
    for (const char* r : kRhymes) rhymes.insert(r);
  }
  static uint64_t Key(char32_t base, Tone tone, bool upper) {
    return (static_cast<uint64_t>(base) << 8) | (static_cast<uint64_t>(tone) << 1) |
           (upper ? 1 : 0);
  }
};

const Tables& T() {
  static const Tables* t = new Tables();
  return *t;
}

bool StartsWith(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool FrontVowelStart(const std::string& rhyme) {
  return StartsWith(rhyme, "i") || StartsWith(rhyme, "e") || StartsWith(rhyme, "ê") ||
         StartsWith(rhyme, "y");
}

}  // namespace

bool SplitLetter(char32_t c, char32_t* base, Tone* tone, bool* upper) {
  const auto& m = T().letters;
  auto it = m.find(c);
  if (it == m.end()) return false;
  *base = it->second.base;
  *tone = it->second.tone;
  *upper = it->second.upper;
  return true;
}

char32_t ComposeLetter(char32_t base, Tone tone, bool upper) {
  const auto& m = T().compose;
  auto it = m.find(Tables::Key(base, tone, upper));
  return it == m.end() ? 0 : it->second;
}

bool ParseSyllable(std::string_view word, SyllableParts* parts) {
  std::u32string w = Utf8ToU32(word);
  if (w.empty() || w.size() > 8) return false;
  std::string toneless;
  Tone tone = Tone::kNgang;
  int toned = 0;
  for (char32_t c : w) {
    char32_t base;
    Tone t;
    bool up;
    if (!SplitLetter(c, &base, &t, &up)) return false;
    if (t != Tone::kNgang) {
      ++toned;
      tone = t;
    }
    AppendUtf8(base, &toneless);
  }
  if (toned > 1) return false;
  static const char* kOnsets[] = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th",
                                  "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n",
                                  "p", "r", "s", "t", "v", "x", ""};
  for (const char* onset : kOnsets) {
    if (!StartsWith(toneless, onset)) continue;
    std::string rhyme = toneless.substr(std::char_traits<char>::length(onset));
    std::string o = onset;
    // "gi" + rhyme without its own vowel start: "gì" = g + "i".
    if (o == "gi" && (rhyme.empty() || !T().rhymes.count(rhyme))) {
      std::string with_i = std::string("i").append(rhyme);
      if (T().rhymes.count(with_i)) {
        o.pop_back();  // "gi" -> "g"
        rhyme = with_i;
      }
    }
    if (!T().rhymes.count(rhyme)) continue;
    if (o == "qu" && (StartsWith(rhyme, "u") || StartsWith(rhyme, "o"))) continue;
    if ((o == "k" || o == "gh" || o == "ngh") && !FrontVowelStart(rhyme)) continue;
    if ((o == "c" || o == "ng") && FrontVowelStart(rhyme)) continue;
    if (o == "g" && (StartsWith(rhyme, "e") || StartsWith(rhyme, "ê"))) continue;
    if (o == "p" && !(StartsWith(rhyme, "i") || StartsWith(rhyme, "ê"))) continue;  // pin, pê
    bool checked = EndsWith(rhyme, "c") || EndsWith(rhyme, "ch") || EndsWith(rhyme, "p") ||
                   EndsWith(rhyme, "t");
    if (checked && tone != Tone::kSac && tone != Tone::kNang) continue;
    parts->onset = o;
    parts->rhyme = rhyme;
    parts->tone = tone;
    return true;
  }
  return false;
}

namespace {

// Rewrites each Vietnamese letter of `word` through `map(base, tone, upper)`
// (returning the new letter, or 0 to keep it); other characters are kept.
template <typename Map>
std::string MapLetters(std::string_view word, Map map) {
  std::string out;
  out.reserve(word.size());
  size_t i = 0;
  while (i < word.size()) {
    char32_t c = DecodeUtf8(word, &i), base;
    Tone t;
    bool up;
    if (SplitLetter(c, &base, &t, &up)) {
      char32_t mapped = map(base, t, up);
      if (mapped != 0) c = mapped;
    }
    AppendUtf8(c, &out);
  }
  return out;
}

char32_t PlainBase(char32_t base) {
  switch (base) {
    case U'ă': case U'â': return U'a';
    case U'ê': return U'e';
    case U'ô': case U'ơ': return U'o';
    case U'ư': return U'u';
    case U'đ': return U'd';
    default: return base;
  }
}

}  // namespace

std::string ToLowerVietnamese(std::string_view word) {
  return MapLetters(word, [](char32_t base, Tone t, bool) { return ComposeLetter(base, t, false); });
}

std::string ToUpperVietnamese(std::string_view word) {
  return MapLetters(word, [](char32_t base, Tone t, bool) { return ComposeLetter(base, t, true); });
}

std::string CapitalizeFirst(std::string_view word) {
  size_t end = 0;
  if (word.empty()) return std::string();
  DecodeUtf8(word, &end);
  return ToUpperVietnamese(word.substr(0, end)) + std::string(word.substr(end));
}

std::string StripDiacritics(std::string_view word) {
  return MapLetters(word, [](char32_t base, Tone, bool up) {
    return ComposeLetter(PlainBase(base), Tone::kNgang, up);
  });
}

std::string StripTone(std::string_view word) {
  return MapLetters(word, [](char32_t base, Tone, bool up) { return ComposeLetter(base, Tone::kNgang, up); });
}

}  // namespace sohoa
