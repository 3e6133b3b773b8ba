#include "pipeline/store/internal.h"

#include "pipeline/core/syllable.h"

namespace sohoa::store_internal {

std::string Lower(const std::string& s) {
  std::string out = ToLowerVietnamese(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string FoldName(const std::string& s) {
  std::string folded = StripDiacritics(ToLowerVietnamese(s)), out;
  for (char c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

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
