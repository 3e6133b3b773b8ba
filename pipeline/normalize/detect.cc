#include "pipeline/normalize/detect.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/text_util.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/icu_text.h"
#include "pipeline/normalize/normalize.h"

namespace sohoa::normalize_internal {

namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// VISCII keeps six capitals at control-code positions.
bool IsVisciiControlLetter(unsigned char b) {
  return b == 0x02 || b == 0x05 || b == 0x06 || b == 0x14 || b == 0x19 || b == 0x1E;
}

Legacy LegacyOf(Enc e) {
  switch (e) {
    case Enc::kTcvn3Upper: return Legacy::kTcvn3Upper;
    case Enc::kVni: return Legacy::kVni;
    case Enc::kViscii: return Legacy::kViscii;
    default: return Legacy::kTcvn3;
  }
}

Status DecodeBytes(Enc enc, std::string_view bytes, std::string* out,
                   std::vector<size_t>* bad, size_t base_offset) {
  switch (enc) {
    case Enc::kUtf8: {
      out->clear();
      size_t pos = 0;
      while (pos < bytes.size()) {
        size_t at = pos;
        char32_t c = DecodeUtf8(bytes, &pos);
        if (c == kReplacementChar && !(pos - at == 3 && bytes.compare(at, 3, "\xEF\xBF\xBD") == 0)) {
          if (bad) bad->push_back(base_offset + at);
        }
        AppendUtf8(c, out);
      }
      return Status::Ok();
    }
    case Enc::kCp1258: {
      std::vector<size_t> local;
      Status s = DecodeCp1258(bytes, out, bad ? &local : nullptr);
      if (bad)
        for (size_t o : local) bad->push_back(base_offset + o);
      return s;
    }
    case Enc::kViqr:
      *out = DecodeViqr(ToValidUtf8(bytes));
      return Status::Ok();
    default: {
      Status s;
      const LegacyCodec* codec = GetCodec(LegacyOf(enc), &s);
      if (codec == nullptr) return s;
      codec->Decode(bytes, out, bad, base_offset);
      return Status::Ok();
    }
  }
}

// Syllables attested in the Vietnamese Hunspell word list (Debian package
// hunspell-vi, one syllable per entry), lower case, canonical tone placement.
// Read at run time, not copied into the project; empty when not installed
// (then only orthographic validity counts).
const std::unordered_set<std::string>& AttestedSyllables() {
  static const std::unordered_set<std::string>* set = [] {
    auto* out = new std::unordered_set<std::string>();
    const char* env = std::getenv("SOHOA_HUNSPELL_VI");
    std::string path = env && *env ? env : "/usr/share/hunspell/vi_VN.dic";
    std::string text;
    if (!ReadFileBytes(path, &text).ok() || !IsValidUtf8(text)) return out;
    size_t pos = text.find('\n');  // the first line is the entry count
    while (pos != std::string::npos && pos < text.size()) {
      size_t start = pos + 1;
      pos = text.find('\n', start);
      std::string entry = text.substr(start, (pos == std::string::npos ? text.size() : pos) - start);
      size_t slash = entry.find('/');
      if (slash != std::string::npos) entry.resize(slash);
      while (!entry.empty() && (entry.back() == '\r' || entry.back() == ' ')) entry.pop_back();
      std::string key = CanonicalTone(ToLowerVietnamese(entry));
      if (IsVietnameseSyllable(key)) out->insert(key);
    }
    return out;
  }();
  return *set;
}

// Syllable counts from dictionaries/encodings/syllable_frequencies.txt (a
// prior for ties between equally valid readings); empty if missing.
const std::unordered_map<std::string, double>& SyllableFrequencies() {
  static const std::unordered_map<std::string, double>* map = [] {
    auto* out = new std::unordered_map<std::string, double>();
    std::string text;
    if (!ReadFileBytes(DictionariesDir() + "/encodings/syllable_frequencies.txt", &text).ok())
      return out;
    ForEachDataLine(text, [&](std::string_view line, int) {
      size_t tab = line.find('\t');
      if (tab == std::string_view::npos) return true;
      double count = std::atof(std::string(line.substr(tab + 1)).c_str());
      // Scaled to 0..1: log(1 + count) / log(1 + 100), capped.
      double w = std::min(1.0, std::log1p(count) / std::log1p(100.0));
      (*out)[CanonicalTone(std::string(line.substr(0, tab)))] = w;
      return true;
    });
    return out;
  }();
  return *map;
}

// The case pattern of a word's letters.
struct LetterCase {
  bool any = false;            // has a letter
  bool all_upper = true;       // no small letter
  bool inner_capital = false;  // a capital after a small letter ("hƠn")
};

LetterCase CaseOf(std::string_view word) {
  LetterCase lc;
  bool seen_lower = false;
  size_t pos = 0;
  while (pos < word.size()) {
    char32_t c = DecodeUtf8(word, &pos);
    char32_t base;
    Tone tone;
    bool upper;
    if (!SplitLetter(c, &base, &tone, &upper)) continue;
    lc.any = true;
    if (upper && seen_lower) lc.inner_capital = true;
    if (!upper) {
      seen_lower = true;
      lc.all_upper = false;
    }
  }
  return lc;
}

// No Vietnamese word has a capital after a small letter, while a wrong
// reading of legacy bytes often lands on one (VISCII "ạ" is CP1258 "Ơ").
bool HasInnerCapital(std::string_view word) { return CaseOf(word).inner_capital; }

// 0 for a non-syllable, 0.6 for a well-formed syllable, 0.8 if the Hunspell
// list has it, up to 1 with its frequency in Vietnamese text; halved for a
// word with an inner capital.
double SyllableScore(const std::string& piece) {
  // Abbreviations in capitals ("LĐVP", "NĐ") are not syllables but are
  // ordinary in reports: some credit, less than a syllable.
  if (!IsVietnameseSyllable(piece)) return IsAllCaps(piece) && Utf8Length(piece) <= 8 ? 0.4 : 0;
  std::string key = CanonicalTone(ToLowerVietnamese(piece));
  const auto& attested = AttestedSyllables();
  const auto& freq = SyllableFrequencies();
  double score = attested.empty() || attested.count(key) ? 0.8 : 0.6;
  auto it = freq.find(key);
  if (it != freq.end()) score = std::max(score, 0.8) + 0.2 * it->second;
  return HasInnerCapital(piece) ? score * 0.5 : score;
}

// Splits a decoded token into letter runs and scores it: the share of runs
// with non-ASCII letters that are valid syllables. Tokens that decode to no
// non-ASCII letter are neutral (1) unless they hold U+FFFD or control codes.
double TokenScore(const std::string& decoded) {
  int pieces = 0;
  double valid = 0;
  bool bad = false;
  std::string piece;
  bool piece_non_ascii = false;
  auto flush = [&] {
    if (!piece.empty() && piece_non_ascii) {
      ++pieces;
      valid += SyllableScore(piece);
    }
    piece.clear();
    piece_non_ascii = false;
  };
  size_t pos = 0;
  while (pos < decoded.size()) {
    size_t at = pos;
    char32_t c = DecodeUtf8(decoded, &pos);
    char32_t base;
    Tone tone;
    bool upper;
    if (SplitLetter(c, &base, &tone, &upper)) {
      piece.append(decoded, at, pos - at);
      if (c >= 0x80) piece_non_ascii = true;
      continue;
    }
    flush();
    if (c == kReplacementChar || c < 0x20 || (c >= 0x7F && c < 0xA0)) bad = true;
    // Letters outside Vietnamese (ß, æ, ḥ ...), combining marks left over
    // and symbols (¸ · § ¯ ...) are strong evidence against a reading;
    // general punctuation (“ ” – …), € and ™ are what legacy fonts kept.
    if (c >= 0xA1 && !(c >= 0x2000 && c < 0x2070) && c != 0x20AC && c != 0x2122) {
      ++pieces;
    }
  }
  flush();
  if (bad) return 0;
  if (pieces == 0) return 1;
  return valid / pieces;
}

}  // namespace

const char* ShapeName(Shape s) {
  switch (s) {
    case Shape::kUnicode: return "unicode";
    case Shape::kBytes: return "bytes";
    case Shape::kMojibake: return "mojibake";
  }
  return "?";
}

const char* EncName(Enc e) {
  switch (e) {
    case Enc::kUtf8: return "utf-8";
    case Enc::kTcvn3:
    case Enc::kTcvn3Upper: return "tcvn3";
    case Enc::kVni: return "vni";
    case Enc::kViscii: return "viscii";
    case Enc::kCp1258: return "cp1258";
    case Enc::kViqr: return "viqr";
  }
  return "?";
}

Status DecodeReading(const Reading& r, std::string_view input, std::string* out,
                     std::vector<size_t>* bad_offsets) {
  if (r.shape == Shape::kBytes) return DecodeBytes(r.enc, input, out, bad_offsets, 0);
  if (r.enc == Enc::kUtf8 || r.shape == Shape::kUnicode) {
    if (r.enc == Enc::kViqr) {
      *out = DecodeViqr(input);
    } else {
      out->assign(input.data(), input.size());
    }
    return Status::Ok();
  }
  // Mojibake: decode each maximal run of characters that map to bytes.
  out->clear();
  out->reserve(input.size());
  std::string run, decoded;
  size_t pos = 0;
  auto flush = [&]() -> Status {
    if (run.empty()) return Status::Ok();
    Status s = DecodeBytes(r.enc, run, &decoded, nullptr, 0);
    if (!s.ok()) return s;
    out->append(decoded);
    run.clear();
    return Status::Ok();
  };
  while (pos < input.size()) {
    auto b0 = static_cast<unsigned char>(input[pos]);
    if (b0 < 0x80) {
      run.push_back(static_cast<char>(b0));
      ++pos;
      continue;
    }
    size_t at = pos;
    char32_t c = DecodeUtf8(input, &pos);
    int b = Cp1252Byte(c);
    if (b >= 0) {
      run.push_back(static_cast<char>(b));
    } else {
      if (Status s = flush(); !s.ok()) return s;
      out->append(input.substr(at, pos - at));
    }
  }
  return flush();
}

std::vector<std::string_view> EvidenceTokens(std::string_view text, bool viqr, size_t max_tokens) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < text.size() && tokens.size() < max_tokens) {
    while (i < text.size() && IsAsciiSpace(text[i])) ++i;
    size_t s = i;
    bool evidence = false;
    while (i < text.size() && !IsAsciiSpace(text[i])) {
      auto b = static_cast<unsigned char>(text[i]);
      if (b >= 0x80 || IsVisciiControlLetter(b)) evidence = true;
      ++i;
    }
    if (i == s) break;
    std::string_view tok = text.substr(s, i - s);
    if (viqr) evidence = CountViqrMarks(tok) > 0;
    if (evidence) tokens.push_back(tok);
  }
  return tokens;
}

std::vector<ReadingScore> ScoreReadings(const std::vector<Reading>& readings,
                                        const std::vector<std::string_view>& tokens) {
  std::vector<ReadingScore> scores;
  std::string decoded;
  for (const Reading& r : readings) {
    ReadingScore sc;
    sc.reading = r;
    sc.evidence = tokens.size();
    double sum = 0;
    for (std::string_view tok : tokens) {
      std::vector<size_t> bad;
      if (!DecodeReading(r, tok, &decoded, &bad).ok()) continue;
      if (decoded != tok) ++sc.changed;
      if (r.enc == Enc::kCp1258 || r.enc == Enc::kUtf8) decoded = ToNfc(decoded);
      sum += bad.empty() ? TokenScore(decoded) : 0.0;
    }
    sc.valid_share = tokens.empty() ? 0 : sum / tokens.size();
    scores.push_back(sc);
  }
  return scores;
}

float DecisionConfidence(double best, double second, size_t evidence) {
  if (evidence == 0) return 0;
  double margin = std::max(0.0, best - second);
  double n = static_cast<double>(evidence);
  return static_cast<float>(best * std::min(1.0, margin / 0.3) * n / (n + 1));
}

bool IsAllCaps(std::string_view word) {
  LetterCase lc = CaseOf(word);
  return lc.any && lc.all_upper;
}

std::string Tcvn3CapitalsFromContext(const std::string& word, bool line_all_caps, bool* changed) {
  *changed = false;
  int caps = 0, ascii_lower = 0, legacy_lower = 0;
  size_t pos = 0;
  while (pos < word.size()) {
    char32_t c = DecodeUtf8(word, &pos);
    char32_t base;
    Tone tone;
    bool upper;
    if (!SplitLetter(c, &base, &tone, &upper)) continue;
    if (upper) {
      ++caps;
    } else if (c < 0x80) {
      ++ascii_lower;
    } else {
      ++legacy_lower;
    }
  }
  if (legacy_lower == 0 || ascii_lower > 0) return word;
  // One capital is just a capitalised word ("Hà"); two or more, or a line
  // of capitals around it, say the word was drawn in capitals.
  if (caps < 2 && !line_all_caps) return word;
  *changed = true;
  return ToUpperVi(word);
}

double PieceScore(const std::string& piece) { return SyllableScore(piece); }

}  // namespace sohoa::normalize_internal
