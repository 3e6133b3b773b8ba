#include "pipeline/normalize/displaced_marks.h"

#include <algorithm>
#include <functional>
#include <limits>

#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/detect.h"

namespace sohoa::normalize_internal {
namespace {

constexpr size_t kMaxSpanTokens = 3;   // a word torn into at most three pieces
constexpr size_t kMaxUnitsPerWord = 4; // detached letters one word may take
constexpr size_t kMaxSpanChars = 16;
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

bool IsLetterCp(char32_t c) {
  char32_t base;
  Tone tone;
  bool upper;
  return SplitLetter(c, &base, &tone, &upper);
}

bool IsClosingPunct(char32_t c) {
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == ']' || c == 0x201D || c == 0x2019 || c == 0x2026;
}

bool IsOpeningPunct(char32_t c) { return c == '(' || c == '[' || c == 0x201C || c == 0x2018; }

// Score of a word: each run of letters that is a syllable (or capitals, an
// abbreviation) earns a little by its frequency and costs 0.3, so one word
// beats the same letters as two pieces; a run that is no syllable costs 2.
double WordScore(const std::u32string& w) {
  double score = 0;
  size_t i = 0;
  while (i < w.size()) {
    if (!IsLetterCp(w[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < w.size() && IsLetterCp(w[j])) ++j;
    const double p = PieceScore(U32ToUtf8(w.substr(i, j - i)));
    score += p > 0 ? 0.2 * p - 0.3 : -2;
    i = j;
  }
  return score;
}

// Where the vowels of a syllable include one with a quality mark (â ă ê ô
// ơ ư), the tone sits on such a vowel in either spelling style ("nguận",
// "người"); the parser takes a tone anywhere in the vowels ("ngụân").
bool ToneOnMarkedVowel(const std::u32string& w, size_t from, size_t to) {
  static const std::u32string kMarked = U"âăêôơư";
  bool any_marked = false, tone_on_marked = false, toned = false;
  for (size_t i = from; i < to; ++i) {
    char32_t base;
    Tone tone;
    bool upper;
    if (!SplitLetter(w[i], &base, &tone, &upper)) continue;
    const bool marked = kMarked.find(base) != std::u32string::npos;
    any_marked = any_marked || marked;
    if (tone != Tone::kNgang) {
      toned = true;
      tone_on_marked = tone_on_marked || marked;
    }
  }
  return !toned || !any_marked || tone_on_marked;
}

// True if the letters w[i, j) are cased as a word is written: all lower
// case, all capitals, or a capital first ("Số", "ỦY"). A capital after a
// lower-case letter ("thuÝ") is a letter from elsewhere: "Ý kiến ... thu"
// had become "kiến ... thuÝ", the line's own first word moved into another.
bool CaseShapeValid(const std::u32string& w, size_t i, size_t j) {
  bool lower_seen = false;
  for (size_t k = i; k < j; ++k) {
    char32_t base;
    Tone tone;
    bool upper;
    if (!SplitLetter(w[k], &base, &tone, &upper)) continue;
    if (upper && lower_seen) return false;
    lower_seen = lower_seen || !upper;
  }
  return true;
}

// True if every run of letters of `w` that holds a placed letter is a valid
// syllable with a case shape a word has.
bool TouchedRunsValid(const std::u32string& w, const std::vector<bool>& placed) {
  size_t i = 0;
  while (i < w.size()) {
    if (!IsLetterCp(w[i])) {
      if (placed[i]) return false;  // a mark letter that is no letter?
      ++i;
      continue;
    }
    size_t j = i;
    bool touched = false;
    while (j < w.size() && IsLetterCp(w[j])) touched = touched || placed[j], ++j;
    if (touched) {
      // A valid syllable, its tone where the spelling puts it ("nguận",
      // not "ngụân": a letter from another word makes no word).
      if (!IsVietnameseSyllable(U32ToUtf8(w.substr(i, j - i))) || !ToneOnMarkedVowel(w, i, j) ||
          !CaseShapeValid(w, i, j))
        return false;
    }
    i = j;
  }
  return true;
}

struct SpanBest {
  double score = kNegInf;
  std::string word;
};

// The best word from tokens [t0, t0 + s) with units [u0, u0 + k) placed,
// every inner gap taking at least one unit.
SpanBest BestSpan(const std::vector<std::u32string>& units, const std::vector<std::u32string>& toks,
                  size_t t0, size_t s, size_t u0, size_t k) {
  SpanBest best;
  std::u32string chars;
  std::vector<size_t> gap_at;  // boundary index of each inner gap
  for (size_t t = t0; t < t0 + s; ++t) {
    if (t > t0) gap_at.push_back(chars.size());
    chars += toks[t];
    // An abbreviation with its stop ("TM.", "KT.", "II.") takes no letter.
    const std::u32string& tok = toks[t];
    if (k > 0 && tok.size() >= 2 && tok.size() <= 4 && tok.back() == '.' &&
        std::all_of(tok.begin(), tok.end() - 1, [](char32_t c) { return c >= 'A' && c <= 'Z'; }))
      return best;
  }
  // A token that takes no letter is kept whatever its length (a code such
  // as "H56.22-220615-0042" had made the whole line fail).
  if (k == 0 && s == 1) {
    best.score = WordScore(chars);
    best.word = U32ToUtf8(chars);
    return best;
  }
  if (chars.size() > kMaxSpanChars) return best;
  // Token edges: placing a letter there costs less than inside a token.
  std::vector<int> kind(chars.size() + 1, 2);  // 0 gap, 1 edge, 2 inside
  kind[0] = kind[chars.size()] = 1;
  for (size_t g : gap_at) kind[g] = 0;
  std::vector<size_t> pos(k);
  std::function<void(size_t, size_t)> walk = [&](size_t i, size_t from) {
    if (i == k) {
      // Every inner gap is filled, between two letters (a gap is inside a
      // word: "gửi:" and "y" are two words), or between a letter and the
      // punctuation that closes its word ("s ," = "sở,": the letter left a
      // space where it was) or opens it ("( y" = "(ủy").
      for (size_t g : gap_at) {
        if (std::find(pos.begin(), pos.end(), g) == pos.end()) return;
        if (g == 0 || g >= chars.size()) return;
        const bool letters = IsLetterCp(chars[g - 1]) && IsLetterCp(chars[g]);
        const bool closes = IsLetterCp(chars[g - 1]) && IsClosingPunct(chars[g]);
        const bool opens = IsOpeningPunct(chars[g - 1]) && IsLetterCp(chars[g]);
        if (!letters && !closes && !opens) return;
      }
      std::u32string w;
      std::vector<bool> placed;
      double cost = 0;
      size_t next = 0;
      for (size_t b = 0; b <= chars.size(); ++b) {
        while (next < k && pos[next] == b) {
          for (char32_t c : units[u0 + next]) {
            w.push_back(c);
            placed.push_back(true);
          }
          cost += kind[b] == 0 ? 0 : kind[b] == 1 ? 0.05 : 0.1;
          ++next;
        }
        if (b < chars.size()) {
          w.push_back(chars[b]);
          placed.push_back(false);
        }
      }
      if (k > 0 && !TouchedRunsValid(w, placed)) return;
      double sc = WordScore(w) - cost;
      if (sc > best.score) {
        best.score = sc;
        best.word = U32ToUtf8(w);
      }
      return;
    }
    for (size_t b = from; b <= chars.size(); ++b) {
      // A letter is not placed before or after a non-letter inside a word
      // ("S" + "ố" + ":" is fine: the boundary touches the letter S).
      const bool touches_letter = (b > 0 && IsLetterCp(chars[b - 1])) ||
                                  (b < chars.size() && IsLetterCp(chars[b]));
      if (!touches_letter) continue;
      pos[i] = b;
      walk(i + 1, b);
    }
  };
  walk(0, 0);
  return best;
}

}  // namespace

bool IsDetachedMarkToken(const std::string& token) {
  std::u32string w = Utf8ToU32(token);
  if (w.empty() || w.size() > 3) return false;
  for (char32_t c : w) {
    // Letters with marks: Latin Extended Additional, ơ ư, and the marked
    // vowels of Latin-1 (à á â ã è é ê ì í ò ó ô õ ù ú ý), which some fonts
    // draw as base + mark glyphs too.
    const bool extended = (c >= 0x1EA0 && c <= 0x1EF9) || c == 0x1A0 || c == 0x1A1 ||
                          c == 0x1AF || c == 0x1B0 || c == 0x102 || c == 0x103 ||
                          c == 0x128 || c == 0x129 || c == 0x168 || c == 0x169;
    static const std::u32string kLatin1 = U"ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";
    const bool latin1 = kLatin1.find(c) != std::u32string::npos;
    if (!extended && !latin1) return false;
  }
  return true;
}

bool PlaceDetachedMarks(const std::vector<std::string>& units_in,
                        const std::vector<std::string>& tokens_in, std::vector<std::string>* out,
                        double* score) {
  const size_t m = units_in.size(), n = tokens_in.size();
  if (m == 0 || n == 0 || m > 64 || n > 400) return false;
  std::vector<std::u32string> units, toks;
  for (const auto& u : units_in) units.push_back(Utf8ToU32(u));
  for (const auto& t : tokens_in) toks.push_back(Utf8ToU32(t));
  // best[i][j]: tokens [0, i) and units [0, j) made into words.
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(m + 1, kNegInf));
  struct Back {
    size_t s = 0, k = 0;
    std::string word;
  };
  std::vector<std::vector<Back>> back(n + 1, std::vector<Back>(m + 1));
  best[0][0] = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j <= m; ++j) {
      if (best[i][j] == kNegInf) continue;
      for (size_t s = 1; s <= kMaxSpanTokens && i + s <= n; ++s) {
        // One piece takes at most two letters; pieces joined take one per
        // gap and up to two more.
        const size_t most = std::min(kMaxUnitsPerWord, s == 1 ? size_t{2} : s + 1);
        for (size_t k = s - 1; k <= most && j + k <= m; ++k) {
          SpanBest sb = BestSpan(units, toks, i, s, j, k);
          if (sb.score == kNegInf) continue;
          const double total = best[i][j] + sb.score;
          if (total > best[i + s][j + k]) {
            best[i + s][j + k] = total;
            back[i + s][j + k] = {s, k, sb.word};
          }
        }
      }
    }
  }
  if (best[n][m] == kNegInf) return false;
  if (score != nullptr) *score = best[n][m];
  std::vector<std::string> words;
  for (size_t i = n, j = m; i > 0;) {
    const Back& b = back[i][j];
    words.push_back(b.word);
    i -= b.s;
    j -= b.k;
  }
  std::reverse(words.begin(), words.end());
  *out = std::move(words);
  return true;
}

bool PlaceDetachedMarksTwoLines(const std::vector<std::string>& above_in,
                                const std::vector<std::string>& below_in,
                                const std::vector<std::string>& tokens_in,
                                std::vector<std::string>* out) {
  const size_t ma = above_in.size(), mb = below_in.size(), n = tokens_in.size();
  if (mb == 0) return PlaceDetachedMarks(above_in, tokens_in, out);
  if (n == 0 || ma > 48 || mb > 48 || n > 400) return false;
  std::vector<std::u32string> above, below, toks;
  for (const auto& u : above_in) above.push_back(Utf8ToU32(u));
  for (const auto& u : below_in) below.push_back(Utf8ToU32(u));
  for (const auto& t : tokens_in) toks.push_back(Utf8ToU32(t));
  // best[i][j][k]: tokens [0, i), letters above [0, j) and below [0, k) made into words.
  const size_t stride_k = mb + 1, stride_j = (ma + 1) * stride_k;
  auto at = [&](size_t i, size_t j, size_t k) { return i * stride_j + j * stride_k + k; };
  std::vector<double> best((n + 1) * stride_j, kNegInf);
  struct Back {
    size_t s = 0, ka = 0, kb = 0;
    std::string word;
  };
  std::vector<Back> back(best.size());
  best[at(0, 0, 0)] = 0;
  std::vector<std::u32string> merged;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j <= ma; ++j) {
      for (size_t k = 0; k <= mb; ++k) {
        const double here = best[at(i, j, k)];
        if (here == kNegInf) continue;
        for (size_t s = 1; s <= kMaxSpanTokens && i + s <= n; ++s) {
          const size_t most = std::min(kMaxUnitsPerWord, s == 1 ? size_t{2} : s + 1);
          for (size_t ka = 0; ka <= most && j + ka <= ma; ++ka) {
            for (size_t kb = 0; ka + kb <= most && k + kb <= mb; ++kb) {
              if (ka + kb + 1 < s) continue;  // every inner gap takes a letter
              // The word's letters from both lines, each line in its order:
              // every interleaving (at most six for four letters).
              SpanBest span;
              std::vector<int> pick(ka + kb, 0);
              std::fill(pick.begin() + ka, pick.end(), 1);
              do {
                merged.clear();
                size_t a = j, b = k;
                for (int p : pick) merged.push_back(p == 0 ? above[a++] : below[b++]);
                SpanBest sb = BestSpan(merged, toks, i, s, 0, merged.size());
                if (sb.score > span.score) span = std::move(sb);
              } while (std::next_permutation(pick.begin(), pick.end()));
              if (span.score == kNegInf) continue;
              const double total = here + span.score;
              const size_t to = at(i + s, j + ka, k + kb);
              if (total > best[to]) {
                best[to] = total;
                back[to] = {s, ka, kb, span.word};
              }
            }
          }
        }
      }
    }
  }
  if (best[at(n, ma, mb)] == kNegInf) return false;
  std::vector<std::string> words;
  for (size_t i = n, j = ma, k = mb; i > 0;) {
    const Back& b = back[at(i, j, k)];
    words.push_back(b.word);
    i -= b.s;
    j -= b.ka;
    k -= b.kb;
  }
  std::reverse(words.begin(), words.end());
  *out = std::move(words);
  return true;
}

}  // namespace sohoa::normalize_internal
