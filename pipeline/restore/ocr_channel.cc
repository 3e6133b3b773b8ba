#include "pipeline/restore/ocr_channel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_set>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/text_util.h"
#include "pipeline/core/utf8.h"
#include "pipeline/restore/syllables.h"

namespace sohoa::restore {

namespace {

constexpr float kNeg = -1e9f;

char32_t Lower(char32_t c) {
  char32_t base;
  Tone t;
  bool up;
  if (SplitLetter(c, &base, &t, &up) && up) return ComposeLetter(base, t, false);
  return c;
}

bool IsUpper(char32_t c) {
  char32_t base;
  Tone t;
  bool up;
  return SplitLetter(c, &base, &t, &up) && up;
}

// A capital or digit inside a word stands for a lost letter more often than
// it is noise ("NQi" = nội, "t6" = tổ): inserting or dropping one costs more.
bool IsCapitalOrDigit(char32_t c) { return IsUpper(c) || (c >= '0' && c <= '9'); }

bool IsLetter(char32_t c) {
  char32_t base;
  Tone t;
  bool up;
  return SplitLetter(c, &base, &t, &up);
}

char32_t StripChar(char32_t c) {
  std::string s;
  AppendUtf8(c, &s);
  std::u32string r = Utf8ToU32(StripDiacritics(s));
  return r.empty() ? c : Lower(r[0]);
}

std::string Unescape(const std::string& s) {
  if (s == "<del>") return "";
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      out += s[i] == 't' ? '\t' : s[i];
    } else {
      out += s[i];
    }
  }
  return out;
}

// Every prefix of every stripped syllable ("", "t", "th", "thu", "thuo" ...):
// the skeleton beam keeps only what can still become a syllable.
const std::unordered_set<std::u32string>& SkeletonPrefixes() {
  static const std::unordered_set<std::u32string> prefixes = [] {
    std::unordered_set<std::u32string> out;
    const SyllableSet& syl = SyllableSet::Get();
    for (uint32_t id = kFirstSyllable; id < syl.size(); ++id) {
      std::u32string skel;
      for (char32_t c : Utf8ToU32(syl.Text(id))) skel.push_back(StripChar(c));
      for (size_t n = 0; n <= skel.size(); ++n) out.insert(skel.substr(0, n));
    }
    return out;
  }();
  return prefixes;
}

}  // namespace

std::u32string ConfusionModel::Key(const std::u32string& src, const std::u32string& ocr) {
  std::u32string k = src;
  k.push_back(U'\x01');
  k += ocr;
  return k;
}

Status ConfusionModel::Load(const std::string& path, ConfusionModel* out) {
  std::string text;
  if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
  Status result;
  ForEachDataLine(text, [&](std::string_view line, int line_no) {
    std::vector<std::string> f = SplitFields(line, '\t');
    if (f.size() < 3) {
      result = Status::InvalidArgument(path + ":" + std::to_string(line_no) +
                                       ": expected source<TAB>ocr<TAB>count");
      return false;
    }
    std::u32string src = Utf8ToU32(ToLowerVietnamese(Unescape(f[0])));
    std::u32string ocr = Utf8ToU32(Unescape(f[1]));
    double count = std::atof(f[2].c_str());
    if (!src.empty() && count > 0) out->counts_[Key(src, ocr)] += count;
    return true;
  });
  if (!result.ok()) return result;
  out->Rebuild();
  return Status::Ok();
}

void ConfusionModel::Rebuild() {
  source_total_.clear();
  table_.clear();
  reverse_.clear();
  for (const auto& [key, n] : counts_) {
    std::u32string src = key.substr(0, key.find(U'\x01'));
    source_total_[src] += static_cast<float>(n);
  }
  std::map<std::pair<std::u32string, std::u32string>, float> rev;
  for (const auto& [key, n] : counts_) {
    size_t sep = key.find(U'\x01');
    std::u32string src = key.substr(0, sep), ocr = key.substr(sep + 1);
    float lp = static_cast<float>(std::log10(n / (source_total_[src] + 1.0)));
    table_[key] = lp;
    if (ocr.empty()) continue;
    std::u32string skel;
    for (char32_t c : src) skel.push_back(StripChar(c));
    auto& best = rev[{ocr, skel}];
    if (best == 0 || lp > best) best = lp;
  }
  for (const auto& [k, lp] : rev) reverse_[k.first].push_back({k.second, lp});
}

void ConfusionModel::Adapt(const std::vector<std::pair<std::u32string, std::u32string>>& pairs,
                           double prior_weight) {
  // Mix: prior probabilities as `prior_weight` pseudo-counts per source
  // segment plus the document's own counts.
  std::unordered_map<std::u32string, double> mixed;
  for (const auto& [key, n] : counts_) {
    std::u32string src = key.substr(0, key.find(U'\x01'));
    mixed[key] = prior_weight * n / (source_total_[src] + 1.0);
  }
  for (const auto& [src, ocr] : pairs) {
    if (src.empty() || src.size() > 3 || ocr.size() > 3) continue;
    mixed[Key(src, ocr)] += 1.0;
  }
  counts_ = std::move(mixed);
  Rebuild();
}

float ConfusionModel::Score(const std::u32string& s, const std::u32string& o) const {
  const size_t n = s.size(), m = o.size();
  if (n > 12 || m > 16) return kNeg;
  float dp[13][17];
  for (auto& row : dp) std::fill(std::begin(row), std::end(row), kNeg);
  dp[0][0] = 0;
  std::u32string key;
  for (size_t i = 0; i <= n; ++i) {
    for (size_t j = 0; j <= m; ++j) {
      const float here = dp[i][j];
      if (here <= kNeg / 2) continue;
      for (size_t a = 0; a <= 3 && i + a <= n; ++a) {
        for (size_t b = 0; b <= 3 && j + b <= m; ++b) {
          if (a == 0 && b == 0) continue;
          key.assign(s, i, a);
          key.push_back(U'\x01');
          key.append(o, j, b);
          float lp = kNeg;
          auto it = table_.find(key);
          if (it != table_.end()) {
            lp = it->second;
          } else if (a == 1 && b == 1) {
            char32_t sc = s[i], oc = o[j];
            if (sc == oc) lp = -0.1f;
            else if (Lower(oc) == sc) lp = -0.3f;
            else if (StripChar(sc) == Lower(oc)) lp = -1.5f;
            else if (!IsLetter(oc) || IsUpper(oc)) lp = -3.0f;  // see Skeletons
            else lp = -3.5f;
          } else if (a + b == 1) {
            lp = (b == 1 && IsCapitalOrDigit(o[j])) ? -4.0f : -3.0f;
          } else if (a == 1 && b == 2 && !IsLetter(o[j]) && IsLetter(o[j + 1])) {
            lp = -3.5f;  // "\\f" for "ự" (see Skeletons)
          }
          if (lp <= kNeg / 2) continue;
          float& cell = dp[i + a][j + b];
          cell = std::max(cell, here + lp);
        }
      }
    }
  }
  return dp[n][m];
}

std::vector<std::pair<std::string, float>> ConfusionModel::Skeletons(const std::u32string& o,
                                                                     size_t max) const {
  const size_t m = o.size();
  std::vector<std::pair<std::string, float>> out;
  if (m == 0 || m > 16) return out;
  // beams[j]: skeleton prefixes that explain o[0..j).
  std::vector<std::map<std::u32string, float>> beams(m + 1);
  beams[0][U""] = 0;
  const SyllableSet& syl = SyllableSet::Get();
  const auto& prefixes = SkeletonPrefixes();
  // Keeps a skeleton prefix that can still become a syllable.
  auto add = [&](size_t at, std::u32string key, float score) {
    if (!prefixes.count(key)) return;
    float& cell = beams[at].try_emplace(std::move(key), kNeg).first->second;
    cell = std::max(cell, score);
  };
  // A marked vowel the engine dropped altogether ("cng" for "công", "ph"
  // for "phủ"): one vowel inserted after a non-empty prefix, at the price of
  // an unknown deletion.
  auto add_dropped_vowel = [&](size_t at) {
    std::vector<std::pair<std::u32string, float>> dropped;
    for (const auto& [prefix, score] : beams[at])
      if (!prefix.empty() && prefix.size() <= 6)
        for (char32_t v : std::u32string(U"aeiouy")) dropped.push_back({prefix + v, score - 3.0f});
    for (auto& [key, score] : dropped) add(at, std::move(key), score);
  };
  for (size_t j = 0; j < m; ++j) {
    auto& here = beams[j];
    if (here.size() > 40) {
      std::vector<std::pair<float, std::u32string>> v;
      for (auto& [k, s] : here) v.push_back({s, k});
      std::sort(v.begin(), v.end(), [](auto& x, auto& y) { return x.first > y.first; });
      here.clear();
      for (size_t k = 0; k < 40; ++k) here[v[k].second] = v[k].first;
    }
    add_dropped_vowel(j);
    for (const auto& [prefix, score] : here) {
      if (prefix.size() > 8) continue;
      bool any = false;
      for (size_t b = 1; b <= 3 && j + b <= m; ++b) {
        auto it = reverse_.find(o.substr(j, b));
        if (it == reverse_.end()) continue;
        for (const auto& [seg, lp] : it->second) {
          if (lp < -3.0f) continue;
          add(j + b, prefix + seg, score + lp);
          any = true;
        }
      }
      if (!any && IsLetter(o[j])) add(j + 1, prefix + std::u32string(1, StripChar(o[j])), score - 0.5f);
      // Symbols, digits and capitals inside a word are where the engine lost
      // a marked vowel; any vowel may stand there, at the price of an
      // unknown confusion (per-document adaptation learns the real ones).
      const char32_t c = o[j];
      const bool suspicious = !IsLetter(c) || (j > 0 && IsUpper(c));
      if (suspicious) {
        for (char32_t v : std::u32string(U"aeiouy")) {
          add(j + 1, prefix + std::u32string(1, v), score - 3.0f);
          // "\f" for "ự": a symbol and the letter after it for one vowel.
          if (!IsLetter(c) && j + 2 <= m && IsLetter(o[j + 1]))
            add(j + 2, prefix + std::u32string(1, v), score - 3.5f);
        }
      }
      // A stray mark the OCR inserted ("'", ".", "`"); a first capital is
      // the sentence's, not noise either way.
      add(j + 1, prefix, score - (IsCapitalOrDigit(c) && (j > 0 || !IsUpper(c)) ? 4.0f : 3.0f));
    }
  }
  add_dropped_vowel(m);
  for (const auto& [skel, score] : beams[m]) {
    std::string s = U32ToUtf8(skel);
    if (syl.ByStripped(s)) out.push_back({s, score});
  }
  std::sort(out.begin(), out.end(), [](auto& x, auto& y) { return x.second > y.second; });
  if (out.size() > max) out.resize(max);
  return out;
}

std::u32string PrepareOcrToken(const std::string& token) {
  std::u32string t = Utf8ToU32(token);
  int letters = 0, upper = 0;
  for (char32_t c : t) {
    if (IsLetter(c)) {
      ++letters;
      if (IsUpper(c)) ++upper;
    }
  }
  if (letters >= 2 && upper == letters) {
    for (char32_t& c : t) c = Lower(c);
  } else if (!t.empty()) {
    t[0] = Lower(t[0]);
  }
  return t;
}

void AlignSegments(const std::u32string& a, const std::u32string& b,
                   std::vector<std::pair<std::u32string, std::u32string>>* out) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<float>> d(n + 1, std::vector<float>(m + 1, 0));
  auto cost = [&](size_t i, size_t j) {
    return a[i] == b[j] ? 0.0f : (StripChar(a[i]) == Lower(b[j]) ? 0.6f : 1.0f);
  };
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<float>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<float>(j);
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j)
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost(i - 1, j - 1)});
  std::vector<std::pair<char32_t, char32_t>> ops;  // 0 = nothing
  size_t i = n, j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && std::abs(d[i][j] - d[i - 1][j - 1] - cost(i - 1, j - 1)) < 1e-4f) {
      ops.push_back({a[i - 1], b[j - 1]});
      --i;
      --j;
    } else if (i > 0 && std::abs(d[i][j] - d[i - 1][j] - 1) < 1e-4f) {
      ops.push_back({a[i - 1], 0});
      --i;
    } else {
      ops.push_back({0, b[j - 1]});
      --j;
    }
  }
  std::reverse(ops.begin(), ops.end());
  std::u32string cs, co;
  for (auto [x, y] : ops) {
    if (x && x == y) {
      if (!cs.empty() || !co.empty()) out->push_back({cs, co});
      cs.clear();
      co.clear();
      out->push_back({std::u32string(1, x), std::u32string(1, y)});
    } else {
      if (x) cs.push_back(x);
      if (y) co.push_back(y);
    }
  }
  if (!cs.empty() || !co.empty()) out->push_back({cs, co});
}

}  // namespace sohoa::restore
