#include "pipeline/normalize/filled_utf16.h"

#include <algorithm>
#include <functional>

#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/detect.h"
#include "pipeline/normalize/legacy_codec.h"

namespace sohoa::normalize_internal {
namespace {

// Words with more readings than this are resolved one letter at a time.
constexpr size_t kMaxReadings = 4096;
// No Vietnamese word is this long; a longer run of bytes (binary noise read
// as text) takes each byte's first reading, so the time stays linear.
constexpr size_t kMaxWordBytes = 48;
// Other readings this close to the best are kept as alternatives for the
// restore stage, whose language model sees the words around ("hơn"/"hạn"
// share their bytes; "Thời hạn" decides).
constexpr double kAlternativeMargin = 0.45;

// Every run of letters in `word` is a Vietnamese syllable (and there is one).
bool AllRunsSyllables(const std::string& word) {
  std::u32string w = Utf8ToU32(word);
  bool any = false;
  size_t i = 0;
  while (i < w.size()) {
    char32_t base;
    Tone tone;
    bool upper;
    if (!SplitLetter(w[i], &base, &tone, &upper)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < w.size() && SplitLetter(w[j], &base, &tone, &upper)) ++j;
    if (!IsVietnameseSyllable(U32ToUtf8(w.substr(i, j - i)))) return false;
    any = true;
    i = j;
  }
  return any;
}

bool IsSep(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

bool IsLetterCp(char32_t c) {
  char32_t base;
  Tone tone;
  bool upper;
  return SplitLetter(c, &base, &tone, &upper);
}
bool IsUpperCp(char32_t c) {
  char32_t base;
  Tone tone;
  bool upper = false;
  return SplitLetter(c, &base, &tone, &upper) && upper;
}

// Vietnamese letters outside Latin-1 whose code point is U+01xx or U+1Exx.
bool IsVietnameseExtra(char32_t c) {
  if (c >= 0x1EA0 && c <= 0x1EF9) return true;
  switch (c) {
    case 0x102: case 0x103: case 0x110: case 0x111: case 0x128: case 0x129:
    case 0x168: case 0x169: case 0x1A0: case 0x1A1: case 0x1AF: case 0x1B0:
      return true;
    default:
      return false;
  }
}

// The readings of one low byte of UTF-16 text.
std::vector<std::string> Utf16Options(unsigned char b, char filler) {
  std::vector<std::string> out;
  auto add = [&](char32_t c) {
    std::string s;
    AppendUtf8(c, &s);
    out.push_back(s);
  };
  if (b == static_cast<unsigned char>(filler)) {
    // The filler itself, or a code point whose low byte was a control code.
    add(b);
    for (char32_t c : {0x110, 0x111, 0x102, 0x103}) add(c);
    return out;
  }
  if (b < 0x80) {
    add(b);
  } else if (b >= 0xA0) {
    add(b);  // Latin-1
  } else {
    add(0xFFFD);
  }
  for (char32_t hi : {0x100u, 0x1E00u})
    if (IsVietnameseExtra(hi | b)) add(hi | b);
  return out;
}

std::vector<std::string> LegacyOptions(unsigned char b, char filler, const LegacyCodec& codec) {
  std::vector<std::string> out{std::string(1, static_cast<char>(b))};
  if (b != static_cast<unsigned char>(filler)) return out;
  for (int c = 1; c < 0x20; ++c) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    std::string dec;
    std::vector<size_t> bad;
    codec.Decode(std::string(1, static_cast<char>(c)), &dec, &bad);
    size_t pos = 0;
    if (bad.empty() && !dec.empty() && IsLetterCp(DecodeUtf8(dec, &pos)))
      out.push_back(std::string(1, static_cast<char>(c)));
  }
  return out;
}

// Case shape of a run of letters: all small, first capital, or all capitals.
bool GoodCase(const std::u32string& run) {
  size_t upper = 0;
  for (char32_t c : run) upper += IsUpperCp(c);
  if (upper == 0 || upper == run.size()) return true;
  return upper == 1 && IsUpperCp(run[0]);
}

struct Context {
  bool want_capital = false;  // the word starts a sentence or a name
  int depth = 0;              // "(" opened and not closed before the word on its line
  bool sentence_start = false;
  bool line_start = false;
};

// Letters that stand where a punctuation byte stands ("(" = Ĩ, ")" = ĩ,
// the filler = Đ đ Ă ă): never a word alone.
bool FromPunctuation(char32_t c) {
  return c == 0x128 || c == 0x129 || c == 0x110 || c == 0x111 || c == 0x102 || c == 0x103;
}

// Score of one decoded word: its letter runs as syllables. A word is one
// run of letters in Vietnamese, so a symbol between letters ("gi£i",
// "Quy¿t" for "giải", "Quyết") costs, as do Latin-1 symbols at all, a
// letter that stands for punctuation alone ("2022Đ" for "2022."), and the
// filler itself between letters (`filler`).
double ScoreWord(const std::string& word, const Context& ctx, char32_t filler,
                 size_t* evidence_runs, double* evidence_score) {
  std::u32string w = Utf8ToU32(word);
  double score = 0;
  size_t i = 0;
  bool first = true;
  // A ")" that closes a "(" opened before it on the line ("(b)", "hồ
  // sơ);"), not "ĩ"; one that closes nothing is less likely.
  const auto opens = std::count(w.begin(), w.end(), U'('), closes = std::count(w.begin(), w.end(), U')');
  if (closes > 0) score += ctx.depth + opens - closes >= 0 ? 1.0 : -0.6;
  // A list letter opening a line: "B." (a filler '.' after one capital),
  // not "BÚ".
  if (ctx.line_start && w.size() == 2 && w[1] == filler && w[0] >= 'A' && w[0] <= 'Z') score += 1;
  while (i < w.size()) {
    if (!IsLetterCp(w[i])) {
      if (w[i] == kReplacementChar || w[i] < 0x20 || (w[i] >= 0x7F && w[i] < 0xA0)) score -= 1;
      if (w[i] >= 0xA0 && w[i] < 0x250) score -= 1;
      const bool between = i > 0 && IsLetterCp(w[i - 1]) && i + 1 < w.size() &&
                           (IsLetterCp(w[i + 1]) || w[i + 1] == '-');
      // The filler itself beside a letter is more likely a lost Đ đ Ă ă
      // ("#ất" = "đất"), except a full stop ending the word.
      const bool beside = (i > 0 && IsLetterCp(w[i - 1])) || (i + 1 < w.size() && IsLetterCp(w[i + 1]));
      if (w[i] == filler && between) score -= 0.6;
      else if (w[i] == filler && beside && !(w[i] == '.' && i + 1 == w.size())) score -= 0.3;
      if (between && w[i] >= 0x80) score -= 1;
      // Brackets and the like do not sit between two letters ("NGH(A" is
      // "NGHĨA"; "v.v", "TP.HCM", "a/b", "Q-T" do occur).
      if (between && w[i] < 0x80 && w[i] != filler && w[i] != '-' && w[i] != '.' && w[i] != '/' &&
          w[i] != '\'' && w[i] != '&' && w[i] != '_')
        score -= 0.8;
      ++i;
      continue;
    }
    size_t j = i;
    bool non_ascii = false;
    while (j < w.size() && IsLetterCp(w[j])) non_ascii = non_ascii || w[j] >= 0x80, ++j;
    std::u32string run = w.substr(i, j - i);
    std::string utf8 = U32ToUtf8(run);
    const double p = PieceScore(utf8);
    double s = p;
    // A valid run earns a little by its frequency and costs 0.3, so one
    // word beats the same letters cut in two ("HĐND", not "H.ND").
    // A run that is no syllable costs more when it holds a letter outside
    // ASCII (a wrong reading of a collapsed byte: "soctrangẲgov").
    s = s > 0 ? 0.5 + 0.5 * s - 0.3 : (non_ascii ? -2 : -0.2);
    if (run.size() == 1 && FromPunctuation(run[0])) s = -1;
    // A lone marked letter against a figure ("2020Ý", "1Ý000") is a lost
    // full stop of a legacy text, not a word.
    const bool by_digit = (i > 0 && w[i - 1] >= '0' && w[i - 1] <= '9') ||
                          (j < w.size() && w[j] >= '0' && w[j] <= '9') ||
                          (i > 0 && w[i - 1] < 0x80 && w[i - 1] != '(' && w[i - 1] != '"' &&
                           w[i - 1] != '\'' && w[i - 1] != '[');
    if (run.size() == 1 && non_ascii && by_digit) s = -1;
    if (!GoodCase(run)) s *= s > 0 ? 0.3 : 1;
    if (first && s > 0 && run.size() > 1 && (IsUpperCp(run[0]) == ctx.want_capital)) s += 0.01;
    if (first && run.size() == 1 && (IsUpperCp(run[0]) == ctx.want_capital)) s += 0.01;
    score += s;
    if (non_ascii && evidence_runs) {
      ++*evidence_runs;
      *evidence_score += std::min(1.0, p);
    }
    first = false;
    i = j;
  }
  return score;
}

class Reader {
 public:
  Reader(const std::string& encoding, char filler, const LegacyCodec* codec)
      : encoding_(encoding), filler_(filler), codec_(codec) {}

  std::vector<std::string> Options(unsigned char b) const {
    return codec_ ? LegacyOptions(b, filler_, *codec_) : Utf16Options(b, filler_);
  }
  std::string Decode(const std::string& bytes) const {
    if (!codec_) return bytes;
    std::string out;
    codec_->Decode(bytes, &out, nullptr);
    return out;
  }

  // The best reading of one word of low bytes.
  // `alternatives` gets the other readings whose letters are all syllables
  // and that score within kAlternativeMargin of the best.
  std::string Resolve(std::string_view token, const Context& ctx, bool* ambiguous,
                      std::vector<std::string>* alternatives) const {
    std::vector<std::vector<std::string>> opts;
    size_t readings = 1;
    for (unsigned char b : token) {
      opts.push_back(Options(b));
      readings = std::min(readings * opts.back().size(), kMaxReadings + 1);
    }
    *ambiguous = readings > 1;
    std::vector<size_t> pick(opts.size(), 0);
    auto build = [&] {
      std::string bytes;
      for (size_t k = 0; k < opts.size(); ++k) bytes += opts[k][pick[k]];
      return Decode(bytes);
    };
    if (readings == 1 || token.size() > kMaxWordBytes) return build();
    std::string best = build();
    double best_score = ScoreWord(best, ctx, filler_, nullptr, nullptr);
    if (readings <= kMaxReadings) {
      std::vector<std::pair<double, std::string>> all;
      std::function<void(size_t)> walk = [&](size_t k) {
        if (k == opts.size()) {
          std::string s = build();
          double sc = ScoreWord(s, ctx, filler_, nullptr, nullptr);
          all.push_back({sc, s});
          if (sc > best_score + 1e-9) {
            best_score = sc;
            best = s;
          }
          return;
        }
        for (pick[k] = 0; pick[k] < opts[k].size(); ++pick[k]) walk(k + 1);
        pick[k] = 0;
      };
      walk(0);
      if (alternatives) {
        // A collapsed Đ đ Ă ă opening a word in small letters: its case is
        // a guess from the sentence; the other case goes to restore, whose
        // model knows how each word is written inside a sentence.
        std::u32string b = Utf8ToU32(best);
        if (!ctx.sentence_start && b.size() >= 2 && (b[0] == 0x110 || b[0] == 0x111 || b[0] == 0x102 || b[0] == 0x103) &&
            !IsUpperCp(b[1])) {
          std::u32string other = b;
          other[0] = b[0] ^ 1;  // Đ U+0110 / đ U+0111, Ă U+0102 / ă U+0103
          all.push_back({best_score - 0.01, U32ToUtf8(other)});
        }
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (const auto& [sc, s] : all) {
          if (sc < best_score - kAlternativeMargin || alternatives->size() >= 4) break;
          if (s == best || !AllRunsSyllables(s)) continue;
          if (std::find(alternatives->begin(), alternatives->end(), s) == alternatives->end())
            alternatives->push_back(s);
        }
      }
      return best;
    }
    // Too many: one letter at a time, twice over.
    for (int round = 0; round < 2; ++round) {
      for (size_t k = 0; k < opts.size(); ++k) {
        size_t keep = pick[k];
        for (size_t o = 0; o < opts[k].size(); ++o) {
          pick[k] = o;
          std::string s = build();
          double sc = ScoreWord(s, ctx, filler_, nullptr, nullptr);
          if (sc > best_score + 1e-9) {
            best_score = sc;
            best = s;
            keep = o;
          }
        }
        pick[k] = keep;
      }
    }
    return best;
  }

  const std::string& encoding() const { return encoding_; }
  char filler() const { return filler_; }

 private:
  std::string encoding_;
  char filler_;
  const LegacyCodec* codec_;
};

struct Tok {
  size_t begin, end;  // a word of low bytes, or a run of separators
  bool sep;
};

std::vector<Tok> Split(std::string_view low) {
  std::vector<Tok> out;
  size_t i = 0;
  while (i < low.size()) {
    bool sep = IsSep(low[i]);
    size_t j = i;
    while (j < low.size() && IsSep(low[j]) == sep) ++j;
    out.push_back({i, j, sep});
    i = j;
  }
  return out;
}

// Decodes every word; `score` (may be null) gets the evidence.
std::string DecodeAll(std::string_view low, const Reader& reader, size_t max_tokens,
                      FilledDecoding* stats, std::vector<WordChoice>* choices = nullptr) {
  std::vector<Tok> toks = Split(low);
  std::string out;
  bool sentence_start = true, line_start = true;
  int depth = 0;
  size_t words = 0;
  double evidence_score = 0;
  size_t evidence_runs = 0;
  for (size_t t = 0; t < toks.size(); ++t) {
    std::string_view text = low.substr(toks[t].begin, toks[t].end - toks[t].begin);
    if (toks[t].sep) {
      out.append(text);
      if (text.find('\n') != std::string_view::npos) sentence_start = line_start = true, depth = 0;
      continue;
    }
    if (++words > max_tokens && max_tokens) break;
    Context ctx;
    // The next word on the line starts with a capital: a name ("huyện Đức
    // Hòa").
    bool next_capital = false;
    const char last = text.back();
    const bool ends = last == '.' || last == '!' || last == '?' || last == ';' || last == ',';
    if (t + 2 < toks.size() && !ends &&
        low.substr(toks[t + 1].begin, toks[t + 1].end - toks[t + 1].begin).find('\n') ==
            std::string_view::npos) {
      unsigned char c = low[toks[t + 2].begin];
      next_capital = c >= 'A' && c <= 'Z';
    }
    ctx.want_capital = sentence_start || next_capital;
    ctx.depth = depth;
    ctx.sentence_start = sentence_start;
    ctx.line_start = line_start;
    line_start = false;
    bool ambiguous = false;
    std::vector<std::string> alternatives;
    std::string word = reader.Resolve(text, ctx, &ambiguous, choices ? &alternatives : nullptr);
    if (choices && !alternatives.empty())
      choices->push_back({words - 1, word, std::move(alternatives)});
    if (ambiguous && stats) ++stats->ambiguous_words;
    if (stats) {
      bool evidence = false;
      for (unsigned char c : text) evidence = evidence || c >= 0x80;
      if (evidence) {
        ++stats->evidence;
        ScoreWord(word, ctx, static_cast<unsigned char>(reader.filler()), &evidence_runs, &evidence_score);
      }
    }
    out += word;
    for (char c : word) depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    depth = std::max(depth, 0);
    // A word without letters (a number, a bullet) keeps the sentence start.
    bool letters = false;
    for (unsigned char c : text) letters = letters || c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    sentence_start = last == '.' || last == '!' || last == '?' || (!letters && sentence_start);
  }
  if (stats) stats->valid_share = evidence_runs ? evidence_score / evidence_runs : 0;
  return out;
}

}  // namespace

bool DetectFilled(std::string_view bytes, size_t min_pairs, FilledLayout* layout) {
  if (bytes.size() < 2 * min_pairs || min_pairs == 0) return false;
  for (int parity = 0; parity < 2; ++parity) {
    const char f = bytes[parity];
    const auto uf = static_cast<unsigned char>(f);
    if (f == 0 || IsSep(uf) || IsAlnum(uf)) continue;
    size_t same = 0, total = 0, letters = 0;
    for (size_t i = parity; i < bytes.size(); i += 2) {
      ++total;
      same += bytes[i] == f;
    }
    for (size_t i = 1 - parity; i < bytes.size(); i += 2) {
      const auto c = static_cast<unsigned char>(bytes[i]);
      letters += c >= 0x80 || (IsAlnum(c) && !(c >= '0' && c <= '9'));
    }
    // Every filler position holds the filler (one slip in 200 allowed in
    // long texts: a stray byte at the end).
    if (total >= min_pairs && same * 200 >= total * 199 && (same == total || total >= 200) &&
        letters >= 2) {
      layout->filler = f;
      layout->filler_parity = parity;
      return true;
    }
  }
  return false;
}

std::string LowBytes(std::string_view bytes, const FilledLayout& layout) {
  std::string out;
  out.reserve(bytes.size() / 2 + 1);
  for (size_t i = 1 - layout.filler_parity; i < bytes.size(); i += 2) out.push_back(bytes[i]);
  return out;
}

Status ChooseFilledEncoding(std::string_view low, char filler, size_t max_tokens,
                            FilledDecoding* decision) {
  FilledDecoding best;
  best.encoding = "utf-16";
  {
    Reader r("utf-16", filler, nullptr);
    DecodeAll(low, r, max_tokens, &best);
    if (best.evidence == 0) {
      *decision = best;
      return Status::Ok();
    }
  }
  for (Legacy e : {Legacy::kTcvn3, Legacy::kVni, Legacy::kViscii}) {
    Status s;
    const LegacyCodec* codec = GetCodec(e, &s);
    if (codec == nullptr) return s;
    FilledDecoding d;
    d.encoding = LegacyName(e);
    Reader r(d.encoding, filler, codec);
    DecodeAll(low, r, max_tokens, &d);
    if (d.valid_share > best.valid_share + 0.05) best = d;
  }
  *decision = best;
  return Status::Ok();
}

Status DecodeFilledLow(std::string_view low, char filler, FilledDecoding* decision,
                       std::string* out, std::vector<WordChoice>* choices) {
  const LegacyCodec* codec = nullptr;
  if (decision->encoding != "utf-16") {
    Status s;
    Legacy e = decision->encoding == "tcvn3" ? Legacy::kTcvn3
               : decision->encoding == "vni" ? Legacy::kVni
                                             : Legacy::kViscii;
    codec = GetCodec(e, &s);
    if (codec == nullptr) return s;
  }
  Reader r(decision->encoding, filler, codec);
  FilledDecoding stats = *decision;
  stats.ambiguous_words = 0;
  stats.evidence = 0;
  *out = DecodeAll(low, r, 0, &stats, choices);
  *decision = stats;
  return Status::Ok();
}

}  // namespace sohoa::normalize_internal
