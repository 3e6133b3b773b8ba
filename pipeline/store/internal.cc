#include "pipeline/store/internal.h"

#include <algorithm>

#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"

namespace sohoa::store_internal {

bool MatchesName(const std::string& folded_query, const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    std::string f = FoldName(n);
    if (!f.empty() && f.rfind(folded_query, 0) == 0) return true;
  }
  return false;
}

bool MatchesProvince(const std::string& folded_query, const std::string& province) {
  const std::string p = FoldName(province);
  return !p.empty() && (folded_query == p || folded_query == "tinh" + p ||
                        folded_query == "thanhpho" + p || folded_query == "tp" + p);
}

int PeriodsPerYear(const std::string& kind) {
  if (kind == "month") return 12;
  if (kind == "quarter") return 4;
  if (kind == "half_year") return 2;
  return 1;
}

int LastMonth(const std::string& kind, int index) {
  if (kind == "month") return index;
  if (kind == "quarter") return 3 * index;
  if (kind == "half_year") return 6 * index;
  if (kind == "nine_months") return 9;
  return 12;
}

std::string NormalizedText(const Document& doc) {
  std::string out;
  for (const Page& p : doc.pages) {
    for (const Line& l : p.lines) {
      std::string t = l.Text(), line;
      if (t.compare(0, 3, "\xEF\xBB\xBF") == 0) t.erase(0, 3);
      for (char c : t) {
        if (c == '\r' || c == '\t' || c == ' ' || c == '\f') {
          if (!line.empty() && line.back() != ' ') line.push_back(' ');
        } else {
          line.push_back(c);
        }
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      if (line.empty()) continue;
      out += line;
      out.push_back('\n');
    }
  }
  return out;
}

}  // namespace sohoa::store_internal

namespace sohoa::store_internal {

namespace {

// Letters and digits of words; everything else (ASCII punctuation, spaces,
// Unicode punctuation and symbols) separates words, as SQLite's unicode61
// tokenizer does.
bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, boxes
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if (c >= 0xFF00 && c <= 0xFF0F) return false;
  if (c == 0xFEFF || c == kReplacementChar) return false;
  return true;
}

bool IsCombiningMark(char32_t c) { return c >= 0x300 && c <= 0x36F; }

std::string FoldWord(std::string_view word) {
  std::string folded = StripDiacritics(ToLowerVietnamese(word)), out;
  size_t pos = 0;
  while (pos < folded.size()) {
    char32_t c = DecodeUtf8(folded, &pos);
    if (IsCombiningMark(c)) continue;
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    AppendUtf8(c, &out);
  }
  return out;
}

}  // namespace

std::vector<SearchWord> SearchWords(const std::string& text) {
  std::vector<SearchWord> out;
  size_t pos = 0, start = std::string::npos;
  auto flush = [&](size_t end) {
    if (start == std::string::npos) return;
    std::string f = FoldWord(std::string_view(text).substr(start, end - start));
    if (!f.empty()) out.push_back({std::move(f), start, end});
    start = std::string::npos;
  };
  while (pos < text.size()) {
    const size_t at = pos;
    char32_t c = DecodeUtf8(text, &pos);
    if (IsWordChar(c) || (IsCombiningMark(c) && start != std::string::npos)) {
      if (start == std::string::npos) start = at;
    } else {
      flush(at);
    }
  }
  flush(text.size());
  return out;
}

std::string FoldForSearch(const std::string& text) {
  std::string out;
  for (const SearchWord& w : SearchWords(text)) {
    if (!out.empty()) out.push_back(' ');
    out += w.folded;
  }
  return out;
}

std::vector<SearchTerm> ParseSearchQuery(const std::string& query) {
  std::vector<SearchTerm> terms;
  size_t pos = 0;
  while (pos < query.size()) {
    if (query[pos] == '"') {
      size_t close = query.find('"', pos + 1);
      if (close == std::string::npos) close = query.size();
      SearchTerm t;
      for (SearchWord& w : SearchWords(query.substr(pos + 1, close - pos - 1)))
        t.words.push_back(std::move(w.folded));
      pos = close + 1;
      if (pos < query.size() && query[pos] == '*') t.prefix = true, ++pos;
      if (!t.words.empty()) terms.push_back(std::move(t));
      continue;
    }
    size_t end = pos;
    while (end < query.size() && query[end] != ' ' && query[end] != '\t' && query[end] != '"') ++end;
    std::string chunk = query.substr(pos, end - pos);
    const bool prefix = !chunk.empty() && chunk.back() == '*';
    // "Đắk-Lắk", "285/BC": the pieces of one chunk stay together.
    SearchTerm t;
    for (SearchWord& w : SearchWords(chunk)) t.words.push_back(std::move(w.folded));
    t.prefix = prefix;
    if (!t.words.empty()) terms.push_back(std::move(t));
    pos = end == pos ? pos + 1 : end;
  }
  return terms;
}

std::string Fts5Expression(const std::vector<SearchTerm>& terms) {
  std::string out;
  for (const SearchTerm& t : terms) {
    if (!out.empty()) out.push_back(' ');
    out.push_back('"');
    for (size_t i = 0; i < t.words.size(); ++i) {
      if (i) out.push_back(' ');
      for (char c : t.words[i]) {
        if (c == '"') out.push_back('"');  // (folded words hold no quote; kept safe)
        out.push_back(c);
      }
    }
    out.push_back('"');
    if (t.prefix) out.push_back('*');
  }
  return out;
}

std::string TsQueryExpression(const std::vector<SearchTerm>& terms) {
  std::string out;
  for (const SearchTerm& t : terms) {
    if (!out.empty()) out += " & ";
    out += "(";
    for (size_t i = 0; i < t.words.size(); ++i) {
      if (i) out += " <-> ";
      out += "'";
      for (char c : t.words[i]) {
        if (c == '\'' || c == '\\') out.push_back('\\');
        out.push_back(c);
      }
      out += "'";
      if (t.prefix && i + 1 == t.words.size()) out += ":*";
    }
    out += ")";
  }
  return out;
}

namespace {

// Whether term `t` matches the words starting at index i.
bool MatchesAt(const std::vector<SearchWord>& words, size_t i, const SearchTerm& t) {
  if (i + t.words.size() > words.size()) return false;
  for (size_t k = 0; k < t.words.size(); ++k) {
    const std::string& have = words[i + k].folded;
    const std::string& want = t.words[k];
    const bool last = k + 1 == t.words.size();
    if (last && t.prefix ? have.compare(0, want.size(), want) != 0 : have != want) return false;
  }
  return true;
}

}  // namespace

std::string Snippet(const std::string& text, const std::vector<SearchTerm>& terms, int words_max) {
  const std::vector<SearchWord> words = SearchWords(text);
  if (words.empty()) return "";
  const size_t window = static_cast<size_t>(std::max(4, words_max));
  // matched[i]: the length in words of a term matching at i (0: none), and which term.
  std::vector<size_t> length(words.size(), 0);
  std::vector<int> which(words.size(), -1);
  for (size_t i = 0; i < words.size(); ++i)
    for (size_t t = 0; t < terms.size(); ++t)
      if (MatchesAt(words, i, terms[t])) {
        length[i] = terms[t].words.size();
        which[i] = static_cast<int>(t);
        break;
      }
  // The window starting at a match that holds the most different terms.
  size_t best = 0;
  int best_terms = -1;
  for (size_t i = 0; i < words.size(); ++i) {
    if (which[i] < 0) continue;
    std::vector<bool> seen(terms.size(), false);
    int n = 0;
    for (size_t j = i; j < words.size() && j < i + window; ++j)
      if (which[j] >= 0 && !seen[which[j]]) seen[which[j]] = true, ++n;
    if (n > best_terms) best_terms = n, best = i;
  }
  size_t first = best > window / 3 ? best - window / 3 : 0;
  size_t last = std::min(words.size(), first + window);  // one past
  std::string out = first > 0 ? "\u2026" : "";
  size_t open_until = 0;  // a match's words are bracketed together
  for (size_t i = first; i < last; ++i) {
    if (i > first) {
      // The text between two words as written, on one line.
      std::string gap = text.substr(words[i - 1].end, words[i].begin - words[i - 1].end);
      std::string flat;
      for (char c : gap) {
        if (c == '\n' || c == '\r' || c == '\t' || c == '\f') c = ' ';
        if (c == ' ' && !flat.empty() && flat.back() == ' ') continue;
        flat.push_back(c);
      }
      if (i == open_until) out += "]";
      out += flat;
    }
    if (length[i] > 0 && i >= open_until) {
      out += "[";
      open_until = i + length[i];
    }
    out += text.substr(words[i].begin, words[i].end - words[i].begin);
  }
  if (last == open_until || (open_until > last)) out += "]";
  if (last < words.size()) out += "\u2026";
  return out;
}

}  // namespace sohoa::store_internal
