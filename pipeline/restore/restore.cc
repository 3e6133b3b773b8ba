#include "pipeline/restore/restore.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <unordered_map>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/restore/code_repair.h"
#include "pipeline/restore/decoder.h"
#include "pipeline/restore/lm.h"
#include "pipeline/restore/ocr_channel.h"
#include "pipeline/restore/syllables.h"

namespace sohoa {

using restore::Candidate;
using restore::ConfusionModel;
using restore::LanguageModel;
using restore::Slot;
using restore::SlotResult;
using restore::SyllableSet;

namespace {

bool IsLetter(char32_t c) {
  char32_t base;
  Tone t;
  bool up;
  return SplitLetter(c, &base, &t, &up);
}
bool IsUpperLetter(char32_t c) {
  char32_t base;
  Tone t;
  bool up;
  return SplitLetter(c, &base, &t, &up) && up;
}
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool HasMark(std::string_view s) {
  for (unsigned char c : s) if (c >= 0x80) return true;
  return false;
}
// Characters Tesseract's English model puts where Vietnamese letters were.
bool IsOcrSymbol(char32_t c) {
  switch (c) {
    case '~': case '\\': case '$': case '@': case '|': case '{': case '}': case 0xA5:
    case '`': case '^': case '&': case '#': case 0xA2: case 0xA9: case 0xAE: case 0xB0:
    case 0x20AC:  // "€" for ê, ệ, ể ("th€m", "chuy€n"; dictionaries/ocr/confusions.tsv)
      return true;
    default:
      return false;
  }
}
// An area or volume unit written with its power as a figure: "m2", "km2",
// "m3" (typed without the superscript).
bool IsAreaUnit(std::string_view s) {
  for (const char* unit : {"m2", "m3", "km2", "cm2", "cm3", "dm2", "dm3", "mm2"})
    if (s == unit) return true;
  return false;
}
bool IsRoman(std::string_view s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) if (c != 'I' && c != 'V' && c != 'X') return false;
  return true;
}
// OCR: a Roman numeral with an I read as "l" or "1" ("Il." for "II.",
// "Xl", "Vl"): at least one real I, V or X capital, at most four letters.
// Returns the repaired numeral, or "" when `s` is not one.
std::string RepairRoman(std::string_view s) {
  if (s.size() < 2 || s.size() > 4) return "";
  bool capital = false, misread = false;
  std::string out;
  for (char c : s) {
    if (c == 'I' || c == 'V' || c == 'X') {
      capital = true;
      out += c;
    } else if (c == 'l' || c == '1') {
      misread = true;
      out += 'I';
    } else {
      return "";
    }
  }
  return capital && misread && IsRoman(out) ? out : "";
}
bool IsSentenceEnd(char32_t c) {
  return c == '.' || c == ',' || c == '?' || c == '!' || c == ';' || c == ':' || c == ')' || c == ']' ||
         c == '"' || c == 0x201D;
}

// For a syllable with the rhyme oa, oe or uy and a tone: +1 when the mark
// sits on the last vowel (new style, "hoà"), -1 on the one before ("hòa"),
// 0 when the syllable says nothing.
int ToneStyleOf(std::string_view word) {
  SyllableParts parts;
  if (!ParseSyllable(word, &parts) || parts.tone == Tone::kNgang) return 0;
  if (parts.rhyme != "oa" && parts.rhyme != "oe" && parts.rhyme != "uy") return 0;
  std::u32string w = Utf8ToU32(word);
  if (w.size() < 2) return 0;
  char32_t base;
  Tone t;
  bool up;
  if (SplitLetter(w.back(), &base, &t, &up) && t != Tone::kNgang) return 1;
  return -1;
}

// Moves the tone mark of an oa/oe/uy syllable to the style asked for.
std::string Restyle(const std::string& word, bool new_style) {
  const int now = ToneStyleOf(word);
  if (now == 0 || (now > 0) == new_style) return word;
  SyllableParts parts;
  ParseSyllable(word, &parts);
  std::u32string w = Utf8ToU32(word);
  const size_t n = w.size(), target = new_style ? n - 1 : n - 2;
  for (size_t i = n - 2; i < n; ++i) {
    char32_t base;
    Tone t;
    bool up;
    if (!SplitLetter(w[i], &base, &t, &up)) return word;
    const char32_t c = ComposeLetter(base, i == target ? parts.tone : Tone::kNgang, up);
    if (c == 0) return word;
    w[i] = c;
  }
  return U32ToUtf8(w);
}

// A word split into leading punctuation, the core that may be repaired, and
// trailing punctuation.
struct Token {
  std::string prefix, core, suffix;
  bool alpha = false;     // core is letters only
  bool ocr_like = false;  // letters with digits / OCR symbols / odd capitals
  bool number = false;
};

Token SplitWord(const std::string& text) {
  Token t;
  std::u32string w = Utf8ToU32(text);
  size_t a = 0, b = w.size();
  // An apostrophe right after u/o (or v/t, misread u) is the horn of ư/ơ
  // as an English OCR engine reads it ("tu’" = tư, "tru'c" = trực, "cv’" =
  // cử), not a quote.
  auto horn = [&](size_t i) {
    if ((w[i] != '\'' && w[i] != 0x2019) || i == 0) return false;
    const char32_t p = w[i - 1];
    return p == 'u' || p == 'o' || p == 'U' || p == 'O' || p == 'v' || p == 't';
  };
  auto inner = [](char32_t c) { return IsLetter(c) || IsDigit(c) || IsOcrSymbol(c); };
  while (a < b && !inner(w[a])) ++a;
  while (b > a && !inner(w[b - 1]) && !horn(b - 1)) --b;
  // A trailing "\" or "~" is more likely OCR damage of a letter than
  // punctuation, and is kept in the core by `inner` above.
  t.prefix = U32ToUtf8(w.substr(0, a));
  t.core = U32ToUtf8(w.substr(a, b - a));
  t.suffix = U32ToUtf8(w.substr(b));
  int letters = 0, digits = 0, symbols = 0, others = 0, inner_upper = 0;
  for (size_t i = a; i < b; ++i) {
    char32_t c = w[i];
    if (IsLetter(c)) {
      ++letters;
      if (i > a && IsUpperLetter(c)) ++inner_upper;
    } else if (IsDigit(c)) {
      ++digits;
    } else if (IsOcrSymbol(c) || horn(i)) {
      ++symbols;
    } else {
      ++others;
    }
  }
  t.alpha = letters > 0 && digits == 0 && symbols == 0 && others == 0;
  t.number = letters == 0 && digits > 0;
  bool all_upper = inner_upper + 1 >= letters;
  // "LĐTB&XH", "NN&PTNT": an abbreviation of capitals joined by '&', not OCR
  // damage (it was "restored" to "LÁT BỘ").
  if (all_upper && symbols > 0 && digits == 0) {
    bool joined = true;
    for (size_t i = a; i < b; ++i)
      if (!IsLetter(w[i]))
        joined = joined && w[i] == '&' && i > a && i + 1 < b && IsUpperLetter(w[i - 1]) &&
                 IsUpperLetter(w[i + 1]);
    if (joined) symbols = 0;
  }
  t.ocr_like = letters > 0 && others == 0 &&
               (symbols > 0 || (digits > 0 && digits <= 2 && letters >= 1) ||
                (inner_upper > 0 && !all_upper));
  return t;
}

std::string ApplyCase(const std::string& core, const std::string& lower, bool in_caps) {
  std::u32string c = Utf8ToU32(core);
  int letters = 0, upper = 0;
  for (char32_t ch : c) {
    if (IsLetter(ch)) {
      ++letters;
      if (IsUpperLetter(ch)) ++upper;
    }
  }
  std::u32string out = Utf8ToU32(lower);
  auto up = [](char32_t ch) {
    char32_t base;
    Tone t;
    bool u;
    if (SplitLetter(ch, &base, &t, &u)) return ComposeLetter(base, t, true);
    return ch;
  };
  // All capitals; an OCR engine may lower one marked letter ("CHiNH",
  // "HiEN", and in a heading "CHi").
  const bool one_lowered = !c.empty() && IsUpperLetter(c[0]) && upper + 1 == letters;
  if ((letters >= 2 && upper == letters && (letters >= 3 || in_caps)) ||
      (one_lowered && (letters >= 4 || (in_caps && letters >= 3)))) {
    for (char32_t& ch : out) ch = up(ch);
  } else if (!c.empty() && IsUpperLetter(c[0]) && !out.empty()) {
    out[0] = up(out[0]);
  }
  return U32ToUtf8(out);
}

struct TokenRef {
  Word* word;
  Token token;
  bool boundary_before;
  bool line_upper;  // the line is written in capitals (a heading)
  bool after_number;
  RestoreMode mode;  // the line's mode; kAuto: kept as written (context only)
};

RestoreMode DecideLineModeLone(const Line& line, RestoreMode document_verdict, std::string* lone);

// OCR: two words the engine glued with a full stop or an apostrophe where
// the space was ("ngan.sach", "kiém.10%", "nhan'9.847", "hd'so"): the left
// piece is two letters or more ending in a lower-case one, the right one
// starts with a lower-case letter or a figure and is two characters or more.
// Abbreviations ("TP.HCM", "v.v."), figures ("1.950"), addresses
// ("sotuphap.gov.vn") and the horn apostrophe ("tru'c" = trực) do not
// qualify. Returns the cut in `core` (code points), or 0.
size_t GluedCut(const std::u32string& core) {
  size_t cut = 0;
  while (cut < core.size() && (IsLetter(core[cut]) || IsOcrSymbol(core[cut]))) ++cut;
  if (cut < 2 || cut + 2 >= core.size()) return 0;
  const char32_t sep = core[cut], l = core[cut - 1], r = core[cut + 1];
  const bool apostrophe = sep == '\'' || sep == 0x2019;
  if (sep != '.' && !apostrophe) return 0;
  if (!IsLetter(l) || IsUpperLetter(l)) return 0;
  if (!(IsDigit(r) || (IsLetter(r) && !IsUpperLetter(r)))) return 0;
  if (apostrophe && !IsDigit(r) && (l == 'u' || l == 'o' || l == 'v' || l == 't')) return 0;
  const std::u32string right = core.substr(cut + 1);
  if (IsDigit(r)) {  // a figure: "9.847", "10%", "2.072"
    for (char32_t c : right)
      if (!IsDigit(c) && c != '.' && c != ',' && c != '%') return 0;
    return cut;
  }
  for (char32_t c : right)
    if (!IsLetter(c) && !IsOcrSymbol(c)) return 0;
  for (const char* tld : {"vn", "com", "gov", "org", "net", "edu"})
    if (right == Utf8ToU32(tld)) return 0;
  return cut;
}

// Splits the glued words of an OCR line in two words (GluedCut), the
// separator dropped; both keep the glued form as `original`, and the box is shared out
// by characters.
void SplitGluedWords(Line* line) {
  for (size_t i = 0; i < line->words.size(); ++i) {
    Word& w = line->words[i];
    const Token t = SplitWord(w.text);
    const std::u32string core = Utf8ToU32(t.core);
    const size_t dot = GluedCut(core);  // the separator, dropped
    if (dot == 0) continue;
    Word right = w;
    const std::string left_text = t.prefix + U32ToUtf8(core.substr(0, dot));
    const std::string right_text = U32ToUtf8(core.substr(dot + 1)) + t.suffix;
    if (!w.box.empty()) {
      const double share = static_cast<double>(dot) / core.size();
      const double cut = w.box.x0 + share * w.box.width();
      w.box.x1 = cut;
      right.box.x0 = cut;
    }
    w.Repair(left_text);
    w.trailing = " ";
    right.Repair(right_text);
    line->words.insert(line->words.begin() + i + 1, std::move(right));
    ++i;
  }
}

// What a restorer needs beyond the syllable set: the language model, the
// OCR confusion weights and the code repairer, loaded from
// options.model_dir and options.dictionaries_dir.
Status LoadModels(const RestoreOptions& o, std::unique_ptr<LanguageModel>* lm,
                  ConfusionModel* confusion, restore::CodeRepairer* codes) {
  if (Status s = LanguageModel::Open(o.model_dir + "/" + restore::kLanguageModelFile, lm); !s.ok())
    return s;
  if (Status s = ConfusionModel::Load(o.dictionaries_dir + "/ocr/confusions.tsv", confusion); !s.ok())
    return s;
  if (Status s = restore::CodeRepairer::Load(o.dictionaries_dir + "/domain/abbreviations.tsv", codes);
      !s.ok())
    return s;
  const SyllableSet& syl = SyllableSet::Get();
  auto is_syllable = [&](const std::string& w) { return syl.Id(w) != restore::kUnk; };
  for (const char* names : {"places.tsv", "bodies.tsv", "communes.tsv"}) {
    Status s = codes->AddNameWords(o.dictionaries_dir + "/domain/" + names, is_syllable);
    if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  }
  return Status::Ok();
}

// The models are loaded on the first document that has a line to restore
// (a run over text that already has its marks never loads them); Open has
// checked the files, so a failure here is rare (a file changed since).
class NoisyChannelRestorer : public Restorer {
 public:
  explicit NoisyChannelRestorer(RestoreOptions o) : options_(std::move(o)) {}

  Status RestoreDocument(Document* doc) const override {
    RestoreReport report;
    return Restore(doc, &report);
  }
  Status Restore(Document* doc, RestoreReport* report) const override;

 private:
  // A line whose only word is the unmarked syllable `lower` ("so", "luu",
  // "tinh"): did it lose its marks? Yes when it is no syllable of the
  // language model as written, or one of its marked forms is at least ten
  // times as frequent in its training text ("số" 19x "so", "tỉnh" 17x
  // "tinh"); "qua" (more frequent than "quá") stays.
  bool LoneSyllableLostMarks(const std::string& lower) const;
  // Candidates for one token under `mode`.
  Slot Candidates(const Token& t, RestoreMode mode, const ConfusionModel& channel) const;
  void AddOcrCandidates(const std::u32string& ocr, const ConfusionModel& channel,
                        std::vector<Candidate>* out, size_t max) const;
  // Decodes every sentence run, or (with `redo`) re-decodes only the runs
  // holding a slot marked in `redo`, replacing their results.
  void DecodeAll(const std::vector<Slot>& slots, const restore::DocumentCache* cache,
                 const std::vector<bool>* redo, std::vector<SlotResult>* results) const;
  // The cache model of a first pass: its confident choices.
  restore::DocumentCache BuildCache(const std::vector<Slot>& slots,
                                    const std::vector<SlotResult>& results) const;

  // Loads the models once (thread-safe); their status.
  Status Load() const {
    std::call_once(loaded_, [this] { load_status_ = LoadModels(options_, &lm_, &confusion_, &codes_); });
    return load_status_;
  }

  RestoreOptions options_;
  // Written once under loaded_, read-only afterwards.
  mutable std::once_flag loaded_;
  mutable Status load_status_;
  mutable std::unique_ptr<LanguageModel> lm_;
  mutable ConfusionModel confusion_;
  mutable restore::CodeRepairer codes_;
};

bool NoisyChannelRestorer::LoneSyllableLostMarks(const std::string& lower) const {
  if (!Load().ok()) return false;
  const SyllableSet& syl = SyllableSet::Get();
  const auto* ids = syl.ByStripped(lower);
  if (!ids) return false;
  const uint32_t own = syl.Id(lower);
  // Counts, not the model's smoothed unigram probabilities: the ratio is
  // what says how often the writer meant the unmarked word.
  const uint64_t own_count = own != restore::kUnk ? lm_->Count(own) : 0;
  for (uint32_t id : *ids)
    if (id != own && lm_->Count(id) > 0 && lm_->Count(id) >= 10 * own_count) return true;
  return false;
}

// Stripped skeletons an OCR token may come from, before their syllables are
// scored exactly: the skeleton scores are rough, so the right one is often
// not among the first few ("1lé" -> le is 8th, "vi" -> voi with the vowel
// the engine dropped). Dev OCR word errors 92 -> 84 from 6 to 14 (the same
// at 20 and 30); OCR throughput about 5,300 -> 4,000 tokens/s.
constexpr size_t kOcrSkeletons = 14;
// Candidate syllables kept for a token that is no syllable as it stands:
// with the wider skeleton beam, frequent words ("có", "cả") crowded out the
// right, rarer one ("cv?" = cứ). Dev OCR word errors 84 -> 76 from 10 to 20
// (30: the same); OCR throughput about 4,000 -> 3,700 tokens/s.
constexpr size_t kOcrCandidates = 20;

void NoisyChannelRestorer::AddOcrCandidates(const std::u32string& ocr,
                                            const ConfusionModel& channel,
                                            std::vector<Candidate>* out, size_t max) const {
  const SyllableSet& syl = SyllableSet::Get();
  std::vector<std::pair<float, uint32_t>> scored;
  for (const auto& [skel, approx] : channel.Skeletons(ocr, kOcrSkeletons)) {
    for (uint32_t id : *syl.ByStripped(skel)) {
      if (lm_->Count(id) == 0) continue;
      float ch = channel.Score(Utf8ToU32(syl.Text(id)), ocr);
      if (ch < -12) continue;
      scored.push_back({ch, id});
    }
  }
  std::sort(scored.begin(), scored.end(), [&](auto& a, auto& b) {
    return a.first + 0.3f * lm_->Unigram(a.second) > b.first + 0.3f * lm_->Unigram(b.second);
  });
  for (size_t i = 0; i < scored.size() && out->size() < max; ++i) {
    bool dup = false;
    for (const Candidate& c : *out) dup = dup || (c.ids.size() == 1 && c.ids[0] == scored[i].second);
    if (!dup) out->push_back({{scored[i].second}, scored[i].first});
  }
}

// Channel score of keeping a plain-letter word that is no syllable as it is
// (about two unexplained characters; -4 and -6 equal on the dev split, -8
// worse).
constexpr float kKeepForeignWord = -6.0f;

// Every letter a capital (at least one letter): "C", "HU", "UBND".
bool AllCapitals(const std::string& word) {
  bool any = false;
  for (char32_t c : Utf8ToU32(word)) {
    if (!IsLetter(c)) continue;
    if (!IsUpperLetter(c)) return false;
    any = true;
  }
  return any;
}

// Channel price of one of normalize's other readings (log10): its own
// choice is kept unless the language model prefers another clearly.
constexpr float kNormalizeAlternativePrice = -0.5f;

// Two to eight capital letters (no marks): "VT", "UBND", "TTPVHCC".
bool IsAcronym(const std::string& word) {
  return word.size() >= 2 && word.size() <= 8 &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The cache model (second pass) may change a choice of the n-gram model, but
// not against a tenfold preference of the n-gram model alone (log10 units;
// dev split: 1 best of 0.5, 1, 1.5, 2, none; "phục vụ nhanh" had become
// "phục vụ hành" because the document is full of "hành chính").
constexpr float kCacheVeto = 1.0f;

Slot NoisyChannelRestorer::Candidates(const Token& t, RestoreMode mode,
                                      const ConfusionModel& channel) const {
  const SyllableSet& syl = SyllableSet::Get();
  Slot slot;
  if (t.number) {
    slot.candidates.push_back({{restore::kNum}, 0});
    return slot;
  }
  const std::string lower = ToLowerVietnamese(t.core);
  const uint32_t own = t.alpha ? syl.Id(lower) : restore::kUnk;
  if (mode == RestoreMode::kAuto) {  // a kept line: the word as written
    slot.candidates.push_back({{own}, 0});
    return slot;
  }
  // Marked syllables are trusted: the marks were put there by someone.
  if (own != restore::kUnk && HasMark(t.core) && mode == RestoreMode::kStripped) {
    slot.candidates.push_back({{own}, 0});
    return slot;
  }
  const size_t max = static_cast<size_t>(mode == RestoreMode::kOcr ? options_.ocr_max_candidates
                                                                    : options_.max_candidates);
  const auto* stripped_ids = t.alpha && !HasMark(t.core) ? syl.ByStripped(lower) : nullptr;
  if (stripped_ids) {
    if (const auto* ids = stripped_ids) {
      std::vector<uint32_t> seen;
      for (uint32_t id : *ids) if (lm_->Count(id) > 0 || id == own) seen.push_back(id);
      std::sort(seen.begin(), seen.end(),
                [&](uint32_t a, uint32_t b) { return lm_->Unigram(a) > lm_->Unigram(b); });
      if (seen.size() > max) seen.resize(max);
      if (own != restore::kUnk && std::find(seen.begin(), seen.end(), own) == seen.end())
        seen.push_back(own);
      const std::u32string ocr = mode == RestoreMode::kOcr ? restore::PrepareOcrToken(t.core)
                                                           : std::u32string();
      for (uint32_t id : seen) {
        float ch = mode == RestoreMode::kOcr ? channel.Score(Utf8ToU32(syl.Text(id)), ocr) : 0.0f;
        slot.candidates.push_back({{id}, ch});
      }
      if (mode == RestoreMode::kOcr) AddOcrCandidates(ocr, channel, &slot.candidates, max + 4);
    }
  } else if (mode == RestoreMode::kOcr && (t.ocr_like || t.alpha)) {
    const std::u32string ocr = restore::PrepareOcrToken(t.core);
    if (own != restore::kUnk) slot.candidates.push_back({{own}, channel.Score(Utf8ToU32(syl.Text(own)), ocr)});
    AddOcrCandidates(ocr, channel, &slot.candidates, std::max(max, kOcrCandidates));
    // A word of plain letters that is no syllable may be a foreign word or
    // a name ("internet", "VNPT"): keeping it is a candidate, at the price
    // of a badly explained token.
    const bool plain = t.alpha && std::all_of(t.core.begin(), t.core.end(), [](char ch) {
                         return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
                       });
    if (plain && own == restore::kUnk) slot.candidates.push_back({{restore::kUnk}, kKeepForeignWord});
    // A lone symbol ("&") may be itself, at the same price.
    if (std::none_of(ocr.begin(), ocr.end(), [](char32_t c) { return IsLetter(c) || IsDigit(c); }))
      slot.candidates.push_back({{restore::kUnk}, kKeepForeignWord});
    // A digit that may be a letter (the lone "6" above) may also be itself.
    if (std::all_of(ocr.begin(), ocr.end(), IsDigit)) slot.candidates.push_back({{restore::kNum}, 0});
    // Merged tokens ("NQibQda"): split in two or three when one syllable
    // explains the token badly.
    float best = -1e9f;
    for (const Candidate& c : slot.candidates) best = std::max(best, c.channel);
    if (ocr.size() >= 4 && ocr.size() <= 14 && best < -4.0f) {
      // Plain letters split only into pieces that are syllables as they
      // stand ("hoatdong"); anything more is a foreign word, not a merge.
      auto piece_ok = [&](size_t a, size_t n) {
        return !plain || syl.ByStripped(ToLowerVietnamese(U32ToUtf8(ocr.substr(a, n)))) != nullptr;
      };
      // The best three candidates of each piece, computed once per piece:
      // the same prefixes, middles and suffixes recur across the cuts (the
      // best two, used for three pieces, are the first two of these).
      std::map<std::pair<size_t, size_t>, std::vector<Candidate>> pieces;
      auto piece = [&](size_t a, size_t n) -> const std::vector<Candidate>& {
        if (n == std::u32string::npos) n = ocr.size() - a;
        auto [it, fresh] = pieces.try_emplace({a, n});
        if (fresh) AddOcrCandidates(ocr.substr(a, n), channel, &it->second, 3);
        return it->second;
      };
      for (size_t cut = 1; cut < ocr.size(); ++cut) {
        if (!piece_ok(0, cut) || !piece_ok(cut, std::u32string::npos)) continue;
        const std::vector<Candidate>& left = piece(0, cut);
        if (left.empty()) continue;
        const std::vector<Candidate>& right = piece(cut, std::u32string::npos);
        if (right.empty()) continue;
        for (const Candidate& l : left)
          for (const Candidate& r : right)
            slot.candidates.push_back({{l.ids[0], r.ids[0]},
                                       l.channel + r.channel - 1.0f,
                                       static_cast<uint8_t>(IsUpperLetter(ocr[cut]) ? 2 : 0)});
      }
      if (ocr.size() >= 6) {
        for (size_t c1 = 2; c1 + 4 <= ocr.size(); ++c1) {
          for (size_t c2 = c1 + 2; c2 + 2 <= ocr.size(); ++c2) {
            if (!piece_ok(0, c1) || !piece_ok(c1, c2 - c1) || !piece_ok(c2, std::u32string::npos)) continue;
            // The best two of each piece.
            const std::vector<Candidate>& a = piece(0, c1);
            if (a.empty()) continue;
            const std::vector<Candidate>& b = piece(c1, c2 - c1);
            if (b.empty()) continue;
            const std::vector<Candidate>& c = piece(c2, std::u32string::npos);
            const uint8_t caps = (IsUpperLetter(ocr[c1]) ? 2 : 0) | (IsUpperLetter(ocr[c2]) ? 4 : 0);
            for (size_t x = 0; x < std::min<size_t>(2, a.size()); ++x)
              for (size_t y = 0; y < std::min<size_t>(2, b.size()); ++y)
                for (size_t z = 0; z < std::min<size_t>(2, c.size()); ++z)
                  slot.candidates.push_back({{a[x].ids[0], b[y].ids[0], c[z].ids[0]},
                                             a[x].channel + b[y].channel + c[z].channel - 2.0f,
                                             caps});
          }
        }
      }
      // Keep the best few.
      std::sort(slot.candidates.begin(), slot.candidates.end(),
                [](const Candidate& a, const Candidate& b) { return a.channel > b.channel; });
      if (slot.candidates.size() > max + 6) slot.candidates.resize(max + 6);
    }
  }
  if (slot.candidates.empty()) slot.candidates.push_back({{own}, 0});
  return slot;
}

void NoisyChannelRestorer::DecodeAll(const std::vector<Slot>& slots,
                                     const restore::DocumentCache* cache,
                                     const std::vector<bool>* redo,
                                     std::vector<SlotResult>* results) const {
  restore::DecoderOptions d;
  d.beam = options_.beam;
  d.cache = cache;
  if (!redo) {
    results->assign(slots.size(), SlotResult());
    // Decode in chunks that end at sentence boundaries, so memory stays
    // bounded on very long documents and lines.
    size_t begin = 0;
    while (begin < slots.size()) {
      size_t end = std::min(slots.size(), begin + 400);
      while (end < slots.size() && end < begin + 2000 && !slots[end].boundary_before) ++end;
      std::vector<Slot> chunk(slots.begin() + begin, slots.begin() + end);
      std::vector<SlotResult> r;
      restore::Decode(*lm_, chunk, d, &r);
      std::move(r.begin(), r.end(), results->begin() + begin);
      begin = end;
    }
    return;
  }
  // Re-decode windows of a few slots around each flagged slot, inside its
  // sentence, with the first pass's choices as fixed context on both sides.
  constexpr size_t kReach = 2;
  auto chosen_ids = [&](size_t i) -> const std::vector<uint32_t>& {
    return slots[i].candidates[(*results)[i].chosen].ids;
  };
  size_t i = 0;
  while (i < slots.size()) {
    if (!(*redo)[i]) {
      ++i;
      continue;
    }
    // Window [a, b): back to kReach slots (not past the sentence start),
    // forward until kReach slots after the last flagged slot in reach.
    size_t a = i;
    while (a > 0 && i - a < kReach && !slots[a].boundary_before) --a;
    size_t b = i + 1, last = i;
    while (b < slots.size() && !slots[b].boundary_before && b - last <= kReach && b - a < 400) {
      if ((*redo)[b]) last = b;
      ++b;
    }
    restore::DecodeContext ctx;
    if (!slots[a].boundary_before) {
      std::vector<uint32_t> left;
      for (size_t k = a; k > 0 && left.size() < 2;) {
        --k;
        const auto& ids = chosen_ids(k);
        for (size_t q = ids.size(); q > 0 && left.size() < 2; --q) left.push_back(ids[q - 1]);
        if (slots[k].boundary_before) break;
      }
      while (left.size() < 2) left.push_back(restore::kBos);
      ctx.u = left[1];
      ctx.v = left[0];
    }
    for (size_t k = b; ctx.right.size() < 2; ++k) {
      if (k >= slots.size() || slots[k].boundary_before) {
        ctx.right.push_back(restore::kEos);
        break;
      }
      for (uint32_t id : chosen_ids(k)) if (ctx.right.size() < 2) ctx.right.push_back(id);
    }
    std::vector<Slot> chunk(slots.begin() + a, slots.begin() + b);
    std::vector<SlotResult> r;
    restore::Decode(*lm_, chunk, d, ctx, &r);
    std::move(r.begin(), r.end(), results->begin() + a);
    i = b;
  }
}

restore::DocumentCache NoisyChannelRestorer::BuildCache(const std::vector<Slot>& slots,
                                                        const std::vector<SlotResult>& results) const {
  restore::DocumentCache cache(options_.cache_weight, options_.cache_kappa);
  // One run; kUnk separates sentences and unsure choices (no pair across).
  std::vector<uint32_t> run;
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].boundary_before || results[i].confidence < options_.cache_min_confidence)
      run.push_back(restore::kUnk);
    if (results[i].confidence < options_.cache_min_confidence) continue;
    for (uint32_t id : slots[i].candidates[results[i].chosen].ids) run.push_back(id);
  }
  cache.AddRun(run);
  return cache;
}

bool IsCodeToken(std::string_view core);

// Evidence that a line of an otherwise intact document lost its marks or
// was garbled: three or more words in lower case that are unmarked
// syllables, OCR-like tokens (not codes) or marked non-syllables ("kien nghi
// cac co quan"), or four words in capitals that are unmarked syllables
// ("BAO CAO KET QUA"). Names ("Mang Yang", "Ia Grai"), acronyms that are
// no syllable and codes are none.
bool StrongDamageEvidence(const Line& line) {
  const SyllableSet& syl = SyllableSet::Get();
  int lower = 0, capitals = 0;
  for (const Word& w : line.words) {
    const Token t = SplitWord(w.text);
    if (t.core.empty()) continue;
    const bool starts_lower = !IsUpperLetter(Utf8ToU32(t.core)[0]);
    if (t.ocr_like) {
      if (!IsCodeToken(t.core) && starts_lower) ++lower;
      continue;
    }
    if (!t.alpha) continue;
    const std::string low = ToLowerVietnamese(t.core);
    if (HasMark(t.core)) {
      if (starts_lower && syl.Id(low) == restore::kUnk) ++lower;
      continue;
    }
    if (syl.ByStripped(low) == nullptr) continue;
    if (starts_lower) ++lower;
    else if (AllCapitals(t.core)) ++capitals;
  }
  return lower >= 3 || capitals >= 4;
}

Status NoisyChannelRestorer::Restore(Document* doc, RestoreReport* report) const {
  *report = RestoreReport();
  report->assessment = DetectDamage(*doc);
  // A forced mode holds for every line; auto decides line by line (a
  // paragraph pasted from a plain-text e-mail into a typed report), OCR
  // throughout when the document as a whole was OCR'd.
  const bool per_line = options_.mode == RestoreMode::kAuto;
  RestoreMode mode = per_line ? report->assessment.verdict : options_.mode;
  std::vector<RestoreMode> line_modes;
  if (per_line) {
    // A document the detector found not to be Vietnamese at all (legacy
    // bytes read as Latin-1, "Coäng hoøa") is left alone, line by line too.
    const DamageAssessment& da = report->assessment;
    const bool not_vietnamese = da.tokens >= 5 && mode == RestoreMode::kAuto &&
                                (da.toned + da.toneless) * 100 < da.tokens * 45;
    int stripped = 0, ocr = 0;
    for (const Page& page : doc->pages) {
      // Text a program wrote (Word, ODT, HTML, a PDF's text layer) that is
      // intact as a whole is Unicode as typed: its lines without marks are
      // names ("Mang Yang", "Nam Giang" in a table row had become "Mảng
      // Yang", "Năm Giang") or headings, not stripped text. Such a line is
      // restored only on evidence of damage (StrongDamageEvidence).
      const bool written_by_program =
          doc->format == "docx" || doc->format == "html" || page.source == WordSource::kTextLayer;
      const bool guarded = written_by_program && mode == RestoreMode::kAuto;
      for (const Line& line : page.lines) {
        std::string lone;
        RestoreMode m = not_vietnamese ? RestoreMode::kAuto : DecideLineModeLone(line, mode, &lone);
        if (!guarded && !lone.empty() && LoneSyllableLostMarks(lone)) m = RestoreMode::kStripped;
        if (guarded && m != RestoreMode::kAuto && !StrongDamageEvidence(line)) m = RestoreMode::kAuto;
        line_modes.push_back(m);
        if (line.words.empty()) continue;
        report->lines.push_back({page.number, line.source_line, m});
        stripped += m == RestoreMode::kStripped;
        ocr += m == RestoreMode::kOcr;
      }
    }
    if (mode == RestoreMode::kAuto && stripped + ocr > 0)
      mode = ocr > stripped ? RestoreMode::kOcr : RestoreMode::kStripped;
  }
  report->mode_used = mode;
  // Words normalize left with alternatives (Word::alternatives before this
  // stage) are chosen here with the language model, in kept lines too.
  bool choices = false;
  for (const Page& page : doc->pages)
    for (const Line& line : page.lines)
      for (const Word& w : line.words) choices = choices || !w.alternatives.empty();
  if (mode == RestoreMode::kAuto && !choices) return Status::Ok();  // nothing to do
  if (Status s = Load(); !s.ok()) return s;
  const SyllableSet& syl = SyllableSet::Get();
  size_t line_index = 0;
  // Tokens in reading order, with sentence boundaries.
  std::vector<TokenRef> refs;
  for (Page& page : doc->pages) {
    bool boundary = true;
    for (Line& line : page.lines) {
      const RestoreMode lmode = per_line ? line_modes[line_index++] : mode;
      const bool keep = lmode == RestoreMode::kAuto;
      if (lmode == RestoreMode::kOcr) SplitGluedWords(&line);
      if (line.words.empty()) boundary = true;
      // A line that is mostly not Vietnamese (English, code) is left alone.
      // Acronyms (capitals that are no syllable: "VT", "TTPVHCC") say
      // nothing of the language ("- Luu: VT, NV." is Vietnamese).
      int alpha = 0, viet = 0;
      for (const Word& w : line.words) {
        Token t = SplitWord(w.text);
        if (!t.alpha && !t.ocr_like) continue;
        std::string stripped = StripDiacritics(ToLowerVietnamese(t.core));
        const bool syllable = syl.ByStripped(stripped) != nullptr;
        if (!syllable && IsAcronym(t.core)) continue;
        ++alpha;
        if (syllable || t.ocr_like) ++viet;
      }
      // A kept line changes in nothing; its words are context for the
      // lines around it.
      const bool foreign = keep || (alpha >= 3 && viet * 10 < alpha * 4);
      int letters = 0, upper = 0;
      for (const Word& w : line.words) {
        for (char32_t c : Utf8ToU32(w.text)) {
          if (!IsLetter(c)) continue;
          ++letters;
          if (IsUpperLetter(c)) ++upper;
        }
      }
      const bool line_upper = letters >= 4 && upper * 10 >= letters * 8;
      // The line has typed marks: its unmarked words in capitals are
      // acronyms, not stripped syllables (a fully stripped text has none).
      bool line_marked = false;
      for (const Word& w : line.words) line_marked = line_marked || HasMark(w.text);
      // A line in capitals is a heading: a sentence of its own.
      if (line_upper) boundary = true;
      bool after_number = false;
      for (size_t wi = 0; wi < line.words.size(); ++wi) {
        Word& w = line.words[wi];
        Token t = SplitWord(w.text);
        // OCR: a "?" glued to a word in the middle of a sentence (the next
        // word starts in lower case) is a mark the engine could not read
        // ("cv?" = cứ), not a question mark: it is dropped and the word
        // decoded from its letters.
        if (lmode == RestoreMode::kOcr && !foreign && !t.suffix.empty() && t.suffix[0] == '?' &&
            (t.alpha || t.ocr_like) && wi + 1 < line.words.size()) {
          // Before a capital it is still the hook when the word without it
          // is no syllable at all ("Căn cv? Nghị định").
          const std::u32string next = Utf8ToU32(line.words[wi + 1].text);
          const bool garbled = !syl.ByStripped(ToLowerVietnamese(StripDiacritics(t.core)));
          if (!next.empty() && IsLetter(next[0]) && (!IsUpperLetter(next[0]) || garbled)) {
            t.suffix.erase(0, 1);  // the word's own marks are decoded from its letters
            t.alpha = false;
            t.ocr_like = true;
          }
        }
        // OCR: a lone "6" between two words is as often "ở" misread as the
        // number: both are candidates and the language model decides
        // ("trực tuyến 6 một" = ở, "tháng 6 năm" = 6).
        // So are a lone "&" or "@" (the engine's "ở", "ỡ"), and after a figure
        // too ("đạt 92,15% 6 cấp tỉnh").
        const bool lone_symbol = t.core == "&" || t.core == "@";
        if (lmode == RestoreMode::kOcr && !foreign && ((t.number && t.core == "6") || lone_symbol) &&
            t.prefix.empty() && t.suffix.empty() && wi > 0 && wi + 1 < line.words.size()) {
          const std::u32string prev = Utf8ToU32(line.words[wi - 1].text);
          const std::u32string next = Utf8ToU32(line.words[wi + 1].text);
          const bool after_word = !prev.empty() && (IsLetter(prev.back()) || IsDigit(prev.back()) ||
                                                    prev.back() == '%');
          if (after_word && !next.empty() && IsLetter(next[0]) && !IsUpperLetter(next[0])) {
            t.number = false;
            t.ocr_like = true;
          }
        }
        // A list label opening a line ("b)", "đ)") and a unit after a figure
        // ("1.950 m2") are numbers to the language model, kept as written
        // ("b)" had become "bộ)", "c)" "có)", "m2" "mô").
        const bool label = wi == 0 && t.prefix.empty() && !t.suffix.empty() && t.suffix[0] == ')' &&
                           (t.core.size() == 1 || t.core == "đ") && IsLetter(Utf8ToU32(t.core)[0]) &&
                           !IsUpperLetter(Utf8ToU32(t.core)[0]);
        // After a figure "ha" (hectare) had become "hay"; "km", "kg" too.
        const bool unit =
            after_number && (IsAreaUnit(t.core) || t.core == "ha" || t.core == "km" || t.core == "kg");
        if (!keep && (label || unit)) {
          t.alpha = t.ocr_like = false;
          t.number = true;
        }
        if (lmode == RestoreMode::kOcr && !foreign) {
          if (std::string roman = RepairRoman(t.core); !roman.empty()) {
            w.Repair(t.prefix + roman + t.suffix);
            w.repair_confidence = 0.99f;
            t.core = roman;
            t.alpha = t.ocr_like = false;
            t.number = true;
          }
        }
        // Names with words outside the orthography ("Dak Lak" = Đắk Lắk).
        if (lmode != RestoreMode::kAuto && !foreign && t.alpha && !HasMark(t.core) &&
            !syl.ByStripped(ToLowerVietnamese(t.core))) {
          std::string name;
          if (codes_.RestoreNameWord(t.core, &name)) {
            w.Repair(t.prefix + name + t.suffix);
            w.repair_confidence = 0.95f;
            ++report->repaired;
            t.core = name;
            t.alpha = t.ocr_like = false;
          }
        }
        // Do no harm: a word in capitals without marks (a lone capital
        // letter, an acronym such as "TT", "HU") in a line with typed marks
        // but not written in capitals is a name part, an abbreviation or a
        // code, not a syllable that lost its marks ("C" had become "Ca",
        // "HU" "Hu").
        if (lmode == RestoreMode::kStripped && line_marked && !line_upper && t.alpha &&
            !HasMark(t.core) && AllCapitals(t.core)) {
          t.alpha = t.ocr_like = false;
        }
        if ((foreign && !keep) || codes_.IsAbbreviation(t.core)) {
          t.alpha = t.ocr_like = false;
          t.number = false;
        }
        if (!t.prefix.empty()) {
          for (char32_t c : Utf8ToU32(t.prefix)) boundary = boundary || c == '(' || c == '"' || c == '[';
        }
        if (!keep && !t.core.empty() && !t.alpha && !t.number) {
          std::string fixed;
          if ((codes_.Repair(t.core, &fixed) || codes_.RestoreAbbreviation(t.core, &fixed)) &&
              fixed != t.core) {
            w.Repair(t.prefix + fixed + t.suffix);
            w.repair_confidence = 0.99f;
            ++report->codes_repaired;
            t.core = fixed;
          }
        }
        // An acronym this project does not know, in stripped text, may have
        // lost a Đ ("VPDKDD"): kept, but not vouched for.
        if (lmode == RestoreMode::kStripped && !foreign && IsAcronym(t.core) &&
            t.core.find('D') != std::string::npos && !codes_.IsAbbreviation(t.core) &&
            !syl.ByStripped(ToLowerVietnamese(t.core))) {
          w.repair_confidence = 0.5f;
          ++report->low_confidence;
        }
        if (t.core.empty()) {
          for (char32_t c : Utf8ToU32(w.text)) boundary = boundary || IsSentenceEnd(c);
          continue;
        }
        // Codes that start with a number ("118/BC-UBND", "98,96%") and Roman
        // numerals ("quý II") are numbers to the language model, as in its
        // training text (corpus.cc).
        if (!t.alpha && !t.ocr_like && !t.number && (IsDigit(t.core[0]) || IsRoman(t.core)))
          t.number = true;
        refs.push_back({&w, t, boundary, line_upper, after_number, lmode});
        after_number = t.number;
        boundary = false;
        for (char32_t c : Utf8ToU32(t.suffix)) boundary = boundary || IsSentenceEnd(c);
        // A wide gap is a column break (two-column headers, tables laid
        // out with spaces): what follows is not the same sentence.
        if (w.trailing.find('\t') != std::string::npos || w.trailing.size() >= 3) boundary = true;
      }
      if (line_upper) boundary = true;  // and the next line starts afresh
    }
  }
  // Pass 1; then pass 2 with what pass 1 learnt about this document: the
  // cache model of its confident choices (both modes) and, for OCR, the
  // confusion weights re-estimated from its confident repairs.
  // Words whose case normalize guessed: one of its alternatives is the
  // word in the other case.
  std::vector<bool> case_open(refs.size(), false);
  for (size_t i = 0; i < refs.size(); ++i) {
    const std::string& text = refs[i].word->text;
    for (const std::string& alt : refs[i].word->alternatives)
      if (alt != text && ToLowerVietnamese(alt) == ToLowerVietnamese(text)) case_open[i] = true;
  }
  std::vector<SlotResult> results;
  std::vector<Slot> slots;
  ConfusionModel adapted;
  const ConfusionModel* channel = &confusion_;
  auto make_slots = [&]() {
    std::unordered_map<std::string, Slot> cache;
    slots.clear();
    slots.reserve(refs.size());
    for (const TokenRef& r : refs) {
      const std::string key = r.token.core + (r.token.alpha ? "a" : "") + (r.token.ocr_like ? "o" : "") +
                              static_cast<char>('0' + static_cast<int>(r.mode));
      auto it = cache.find(key);
      if (it == cache.end()) it = cache.emplace(key, Candidates(r.token, r.mode, *channel)).first;
      Slot s = it->second;
      s.boundary_before = r.boundary_before;
      // Normalize's other readings of the word (see above): candidates at a
      // small price, so the context must speak for them.
      if (!r.word->alternatives.empty() && r.token.alpha) {
        for (const std::string& alt : r.word->alternatives) {
          const Token at = SplitWord(alt);
          const uint32_t id = at.alpha ? syl.Id(ToLowerVietnamese(at.core)) : restore::kUnk;
          if (id == restore::kUnk || lm_->Count(id) == 0) continue;
          bool dup = false;
          for (const Candidate& c : s.candidates) dup = dup || (c.ids.size() == 1 && c.ids[0] == id);
          if (!dup) s.candidates.push_back({{id}, kNormalizeAlternativePrice});
        }
      }
      // How the word is capitalised inside a sentence is evidence too
      // ("Sở Tư pháp" but "số hồ sơ").
      if (s.candidates.size() > 1 && !r.boundary_before && !r.line_upper) {
        const std::u32string c = Utf8ToU32(r.token.core);
        const bool cap = !c.empty() && IsUpperLetter(c[0]);
        for (Candidate& cand : s.candidates)
          if (cand.ids[0] >= restore::kFirstSyllable) cand.channel += lm_->CaseScore(cand.ids[0], cap);
      }
      // The later pieces of a split token are inside a sentence, and their
      // capitals were written ("SéNoéng": "Nông" as in "Sở Nông nghiệp").
      if (s.candidates.size() > 1 && !r.line_upper) {
        for (Candidate& cand : s.candidates)
          for (size_t k = 1; k < cand.ids.size(); ++k)
            if (cand.ids[k] >= restore::kFirstSyllable)
              cand.channel += lm_->CaseScore(cand.ids[k], (cand.piece_caps >> k) & 1);
      }
      slots.push_back(std::move(s));
    }
  };
  make_slots();
  DecodeAll(slots, nullptr, nullptr, &results);
  const bool use_cache = options_.cache_weight > 0;
  const bool any_ocr = std::any_of(refs.begin(), refs.end(),
                                  [](const TokenRef& r) { return r.mode == RestoreMode::kOcr; });
  const bool adapt = any_ocr && options_.adapt;
  if (use_cache || adapt) {
    restore::DocumentCache cache = use_cache ? BuildCache(slots, results) : restore::DocumentCache();
    if (adapt) {
      std::vector<std::pair<std::u32string, std::u32string>> pairs;
      for (size_t i = 0; i < refs.size(); ++i) {
        const Slot& s = slots[i];
        if (s.candidates.size() < 2 || results[i].confidence < 0.95f ||
            refs[i].mode != RestoreMode::kOcr)
          continue;
        const Candidate& c = s.candidates[results[i].chosen];
        if (c.ids.size() != 1) continue;
        restore::AlignSegments(Utf8ToU32(syl.Text(c.ids[0])),
                               restore::PrepareOcrToken(refs[i].token.core), &pairs);
      }
      adapted = confusion_;
      adapted.Adapt(pairs, 50.0);
      channel = &adapted;
      make_slots();
      DecodeAll(slots, use_cache ? &cache : nullptr, nullptr, &results);
    } else {
      // Same candidates: re-decode only the sentences where pass 1 was
      // unsure and the cache has something to say about a candidate.
      std::vector<bool> redo(slots.size(), false);
      for (size_t i = 0; i < slots.size(); ++i) {
        if (slots[i].candidates.size() < 2 || results[i].confidence >= options_.cache_redo_below) continue;
        // Only where the cache speaks for another candidate than the one
        // chosen (support for the chosen one cannot change the choice).
        const uint32_t chosen = slots[i].candidates[results[i].chosen].ids[0];
        for (const Candidate& c : slots[i].candidates)
          if (c.ids[0] != chosen && cache.Count(c.ids[0]) > 0) redo[i] = true;
      }
      DecodeAll(slots, &cache, &redo, &results);
    }
  }
  // Final confidences under the n-gram model alone: the cache would vouch
  // for a choice with the document's own (possibly wrong) first-pass
  // choices. On the dev split this is what makes "confident" mean right.
  if (use_cache) {
    restore::DecoderOptions d;
    d.beam = options_.beam;
    d.revise_margin = kCacheVeto;
    restore::Confidences(*lm_, slots, d, &results);
  }
  // Tone placement of the restored oa/oe/uy syllables.
  bool new_style = options_.tone_style == ToneMarkStyle::kNew;
  // The document's own marked words vote; in OCR text the marks are the
  // engine's ("hoá" read from "hoa" in a scan), not the writer's: no vote,
  // the traditional placement.
  if (options_.tone_style == ToneMarkStyle::kDocument && mode != RestoreMode::kOcr) {
    int votes = 0;
    for (const TokenRef& r : refs)
      if (r.token.alpha && HasMark(r.token.core)) votes += ToneStyleOf(r.token.core);
    new_style = votes > 0;
  }
  // Write the choices back.
  for (size_t i = 0; i < refs.size(); ++i) {
    const Slot& s = slots[i];
    const bool normalize_choice = !refs[i].word->alternatives.empty();
    // A kept line, unless normalize left a choice.
    if (refs[i].mode == RestoreMode::kAuto && (!normalize_choice || s.candidates.size() < 2)) continue;
    if (s.candidates.size() < 2 && s.candidates[0].ids[0] < restore::kFirstSyllable) continue;
    const SlotResult& r = results[i];
    // A two-letter word in capitals stays in capitals in a heading, or
    // beside a word of three or more capitals ("PHỤC VỤ" in a two-column
    // header; OCR noise such as "SG" is no evidence).
    auto caps = [&](size_t k) {
      const std::u32string w = Utf8ToU32(refs[k].token.core);
      return w.size() >= 3 && std::all_of(w.begin(), w.end(), IsUpperLetter);
    };
    const bool in_caps =
        refs[i].line_upper || (i > 0 && caps(i - 1)) || (i + 1 < refs.size() && caps(i + 1));
    auto text_of = [&](const Candidate& c) {
      std::string out;
      if (c.ids[0] == restore::kNum || c.ids[0] == restore::kUnk) return refs[i].token.core;
      std::vector<size_t> starts;
      for (uint32_t id : c.ids) {
        if (!out.empty()) out += ' ';
        starts.push_back(out.size());
        out += new_style ? Restyle(syl.Text(id), true) : syl.Text(id);
      }
      // Pieces of a split token written with a capital keep it.
      for (size_t k = 1; k < starts.size(); ++k)
        if ((c.piece_caps >> k) & 1)
          out = out.substr(0, starts[k]) + CapitalizeFirst(std::string_view(out).substr(starts[k]));
      return ApplyCase(refs[i].token.core, out, in_caps);
    };
    const Token& t = refs[i].token;
    Word* w = refs[i].word;
    if (s.candidates.size() < 2) {
      // A single candidate: an unambiguous OCR repair, or the word itself.
      std::string text = text_of(s.candidates[0]);
      if (text != t.core) {
        w->Repair(t.prefix + text + t.suffix);
        w->repair_confidence = refs[i].mode == RestoreMode::kOcr ? 0.9f : 0.99f;
        ++report->repaired;
      }
      continue;
    }
    ++report->decoded;
    std::string chosen = text_of(s.candidates[r.chosen]);
    w->alternatives.clear();
    for (size_t k = 1; k < r.ranked.size() && w->alternatives.size() < 3; ++k)
      w->alternatives.push_back(text_of(s.candidates[r.ranked[k]]));
    w->repair_confidence = r.confidence;
    if (r.confidence < options_.confident) ++report->low_confidence;
    if (chosen != t.core) {
      w->Repair(t.prefix + chosen + t.suffix);
      ++report->repaired;
    }
  }
  // Normalize's case guesses (a collapsed Đ/đ opening a word inside a
  // sentence): how the training text writes the word decides.
  for (size_t i = 0; i < refs.size(); ++i) {
    if (!case_open[i] || refs[i].boundary_before || refs[i].line_upper) continue;
    Word* w = refs[i].word;
    const Token t = SplitWord(w->text);
    std::u32string core = Utf8ToU32(t.core);
    if (core.empty() || !t.alpha) continue;
    const uint32_t id = syl.Id(ToLowerVietnamese(t.core));
    if (id == restore::kUnk || lm_->Count(id) == 0) continue;
    const bool cap = lm_->CaseScore(id, true) > lm_->CaseScore(id, false);
    const std::string first = U32ToUtf8(core.substr(0, 1));
    const std::string fixed = (cap ? ToUpperVietnamese(first) : ToLowerVietnamese(first)) +
                              U32ToUtf8(core.substr(1));
    if (fixed != t.core) w->Repair(t.prefix + fixed + t.suffix);
  }
  return Status::Ok();
}

// Used when the language model is missing in auto mode: changes nothing,
// leaves a warning on documents that need restoration.
class DetectOnlyRestorer : public Restorer {
 public:
  explicit DetectOnlyRestorer(std::string why) : why_(std::move(why)) {}
  Status RestoreDocument(Document* doc) const override {
    RestoreReport report;
    return Restore(doc, &report);
  }
  Status Restore(Document* doc, RestoreReport* report) const override;

 private:
  std::string why_;
};

}  // namespace

Status DetectOnlyRestorer::Restore(Document* doc, RestoreReport* report) const {
  *report = RestoreReport();
  report->assessment = DetectDamage(*doc);
  if (report->assessment.verdict != RestoreMode::kAuto)
    doc->AddNote("restore", "warning",
                 std::string("text looks ") + RestoreModeName(report->assessment.verdict) +
                     " but was not restored: " + why_);
  return Status::Ok();
}

const char* RestoreModeName(RestoreMode mode) {
  switch (mode) {
    case RestoreMode::kStripped: return "stripped";
    case RestoreMode::kOcr: return "ocr";
    default: return "auto";
  }
}

std::string DamageAssessment::Summary() const {
  auto pct = [&](int n) { return tokens ? std::to_string(100 * n / tokens) + "%" : "0%"; };
  return std::to_string(tokens) + " words: " + pct(toned) + " marked syllables, " +
         pct(toneless) + " unmarked syllables, " + pct(non_syllables) + " non-syllables, " +
         pct(ocr_like) + " OCR-like; verdict " +
         (verdict == RestoreMode::kAuto ? "leave alone" : RestoreModeName(verdict));
}

DamageAssessment DetectDamage(const Document& doc) {
  DamageAssessment a;
  const SyllableSet& syl = SyllableSet::Get();
  for (const Page& p : doc.pages) {
    for (const Line& l : p.lines) {
      for (const Word& w : l.words) {
        Token t = SplitWord(w.text);
        if (t.ocr_like) {
          ++a.tokens;
          ++a.ocr_like;
          ++a.non_syllables;
          continue;
        }
        if (!t.alpha) continue;
        ++a.tokens;
        if (HasMark(t.core) ? syl.Id(t.core) != restore::kUnk
                            : syl.ByStripped(ToLowerVietnamese(t.core)) != nullptr) {
          if (HasMark(t.core)) ++a.toned;
          else ++a.toneless;
        } else {
          ++a.non_syllables;
        }
      }
    }
  }
  // Clean Vietnamese: most syllables carry marks (about 3 in 4 in running
  // text). Stripped: syllables without marks dominate. OCR'd by an engine
  // without Vietnamese: many non-syllables and OCR-like tokens besides.
  if (a.tokens < 5) return a;
  const double n = a.tokens;
  const double toned = a.toned / n, toneless = a.toneless / n, ocr = a.ocr_like / n;
  if (toned >= 0.3 && ocr < 0.05) return a;
  if (toneless + toned < 0.45 && ocr < 0.05) return a;  // not Vietnamese
  if (ocr >= 0.03 || (a.non_syllables / n >= 0.2 && toned < 0.3)) a.verdict = RestoreMode::kOcr;
  else if (toneless >= 0.45) a.verdict = RestoreMode::kStripped;
  return a;
}

namespace {

// A code or a number with a unit in a typed line, not OCR damage: capitals
// with figures ("NL1", "QĐ2"), a figure first ("2a", "10b"), or an area or
// volume unit ("m2", "km2", "m3").
bool IsCodeToken(std::string_view core) {
  const std::u32string c = Utf8ToU32(core);
  int letters = 0, upper = 0, digits = 0;
  for (char32_t ch : c) {
    if (IsDigit(ch)) {
      ++digits;
    } else if (IsLetter(ch)) {
      ++letters;
      upper += IsUpperLetter(ch);
    } else if (ch != '-' && ch != '.' && ch != '/') {
      return false;
    }
  }
  if (digits == 0 || letters == 0) return false;
  if (IsDigit(c[0])) return true;
  if (letters >= 2 && upper == letters) return true;
  return IsAreaUnit(core);
}

// A word that starts with a capital and is no syllable: a name ("Đắk",
// "Bhin", "Niê") or a foreign word, not damage, in a line whose other words
// carry their marks.
bool IsNameLike(std::string_view core) {
  const std::u32string c = Utf8ToU32(core);
  if (c.size() < 2 || !IsUpperLetter(c[0])) return false;
  return std::all_of(c.begin() + 1, c.end(), [](char32_t ch) { return IsLetter(ch) && !IsUpperLetter(ch); });
}


// DecideLineMode; `lone` (may be null) gets the lower-case syllable of a
// line kept because its only word is one unmarked syllable ("qua", "So:
// 415/TB-STP"), for the caller to weigh with the language model.
RestoreMode DecideLineModeLone(const Line& line, RestoreMode document_verdict, std::string* lone) {
  const SyllableSet& syl = SyllableSet::Get();
  // bad_marks: words with marks that are no syllable ("kiém", "quyét"): an
  // English-model OCR engine's letters, which neither typed nor stripped
  // text has.
  const bool ocr_document = document_verdict == RestoreMode::kOcr;
  int toned = 0, toneless = 0, non_syllables = 0, ocr_like = 0, bad_marks = 0;
  int names = 0, symbols = 0, lower_bad_marks = 0, marked_names = 0, lower_words = 0;
  std::string last_toneless;
  for (const Word& w : line.words) {
    const Token t = SplitWord(w.text);
    if (t.ocr_like) {
      // Codes ("NL1", "2a", "m2") in a document that was not OCR'd as a
      // whole say nothing of the line; in an OCR'd one a figure glued to a
      // letter may still be a word.
      const bool code = IsCodeToken(t.core);
      if (code && !ocr_document) continue;
      if (!code) ++symbols;
      ++ocr_like;
      continue;
    }
    if (!t.alpha) continue;
    if (!IsUpperLetter(Utf8ToU32(t.core)[0])) ++lower_words;
    if (HasMark(t.core) ? syl.Id(ToLowerVietnamese(t.core)) != restore::kUnk
                        : syl.ByStripped(ToLowerVietnamese(t.core)) != nullptr) {
      ++(HasMark(t.core) ? toned : toneless);
      if (!HasMark(t.core)) last_toneless = ToLowerVietnamese(t.core);
    } else if (!IsAcronym(t.core)) {
      // Capitals that are no syllable are an acronym ("VPĐKĐĐ", "HĐND"):
      // in a document not OCR'd as a whole they say nothing of the line
      // ("- TT HĐND huyện Con Cuông;" had been taken for a stripped line).
      const std::u32string c = Utf8ToU32(t.core);
      const bool capitals = std::all_of(c.begin(), c.end(), IsUpperLetter);
      if (capitals && !ocr_document) continue;
      ++non_syllables;
      const bool name = IsNameLike(t.core);
      // A capitalised word with marks that is no syllable ("Lắk", "Niê",
      // "Pồ") is a name where the document was not OCR'd as a whole, not
      // an English-model engine's letters: "H'Hen Niê ... huyện Lắk" and
      // "huyện Nậm Pồ" had been read as OCR lines ("Là", "Pi").
      bad_marks += HasMark(t.core) && !capitals && (ocr_document || !name);
      if (name) {
        ++names;
        marked_names += HasMark(t.core);
      } else {
        lower_bad_marks += HasMark(t.core);
      }
    }
  }
  const int syllables = toned + toneless;
  // Intact typed Vietnamese: about 3 syllables in 4 carry a mark (at least
  // half on every line of the dev texts), and an English-model OCR engine
  // writes few valid marked syllables and no clean line of them. In a
  // document that is intact as a whole, lines with fewer are typed too
  // ("gian giao dịch", "Trung tâm theo quy định"), while a line that lost
  // its marks has none: one in eight will do there, and a lone unmarked
  // syllable ("qua") is kept.
  const bool intact_document = document_verdict == RestoreMode::kAuto;
  if (intact_document && toned == 0 && toneless == 1 && non_syllables + ocr_like == 0) {
    if (lone) *lone = last_toneless;
    return RestoreMode::kAuto;
  }
  const int share = intact_document ? 8 : 2;
  // Names outside the syllable set ("Ea Nam", "H'Hen Niê", "Ka Lăng") are
  // no damage in a line of an intact document: a roster row holds several.
  const int foreign = intact_document ? non_syllables - names : non_syllables;
  const bool intact = toned > 0 && toned * share >= syllables && ocr_like == 0 &&
                      foreign * 5 <= syllables && bad_marks * 10 < syllables;
  if (document_verdict == RestoreMode::kOcr) {
    // An OCR'd document: only a line that is clearly intact is kept.
    return intact && toned >= 3 && toned * 2 >= syllables ? RestoreMode::kAuto : RestoreMode::kOcr;
  }
  if (intact) return RestoreMode::kAuto;
  // Do no harm: a line whose syllables mostly carry their marks was typed
  // with them; its codes, acronyms and names outside the syllable set
  // ("Lưu: VT, NL1.", "Đắk Nông", "Y Bhin Niê") are left as written. An
  // English-model OCR line has marked words that are no syllable in lower
  // case ("quyét"), or OCR symbols.
  if (!ocr_document && toned > 0 && toned * 2 >= syllables && symbols == 0 && lower_bad_marks == 0 &&
      non_syllables - names == 0)
    return RestoreMode::kAuto;
  // A line of names only, with marks typed on one ("Y Bhin Niê"): stripped
  // text has no marks at all.
  if (!ocr_document && marked_names > 0 && lower_words == 0 && symbols == 0 && toned == 0 &&
      non_syllables == names)
    return RestoreMode::kAuto;
  const int words = syllables + non_syllables + ocr_like;
  if (words == 0) return RestoreMode::kAuto;
  if (ocr_like + bad_marks > 0) return RestoreMode::kOcr;
  // No marks, or too few for typed text (a line half retyped without them).
  if (toneless > 0) return RestoreMode::kStripped;
  return RestoreMode::kAuto;
}

}  // namespace

RestoreMode DecideLineMode(const Line& line, RestoreMode document_verdict) {
  return DecideLineModeLone(line, document_verdict, nullptr);
}

Status Restorer::Open(const RestoreOptions& options, std::unique_ptr<Restorer>* out) {
  RestoreOptions o = options;
  if (o.model_dir.empty()) o.model_dir = ModelDir();
  if (o.dictionaries_dir.empty()) o.dictionaries_dir = DictionariesDir();
  // Cheap checks here, so that a missing or stale model or dictionary is
  // reported before any document; the models load on first need.
  if (Status s = LanguageModel::Check(o.model_dir + "/" + restore::kLanguageModelFile); !s.ok()) {
    // Without a model, auto mode still detects damage and says so, so that
    // extraction works on a machine where the model was never built.
    if (o.mode == RestoreMode::kAuto && s.code() == Status::Code::kNotFound) {
      *out = std::make_unique<DetectOnlyRestorer>(s.message());
      return Status::Ok();
    }
    return s;
  }
  std::string bytes;
  for (const std::string& path : {o.dictionaries_dir + "/ocr/confusions.tsv",
                                  o.dictionaries_dir + "/domain/abbreviations.tsv"})
    if (Status s = ReadFileBytes(path, &bytes); !s.ok()) return s;
  *out = std::make_unique<NoisyChannelRestorer>(std::move(o));
  return Status::Ok();
}

}  // namespace sohoa
