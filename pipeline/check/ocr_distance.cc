#include "pipeline/check/ocr_distance.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include "pipeline/core/files.h"
#include "pipeline/core/numbers.h"

namespace sohoa {

namespace {

constexpr double kInsertDelete = 0.7;
constexpr double kDoubled = 0.5;
constexpr double kTranspose = 0.6;
constexpr double kSeparator = 0.2;  // "." read as "," or lost

std::string DigitsOf(const std::string& s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

}  // namespace

OcrDistance::OcrDistance() {
  for (int a = 0; a < 10; ++a)
    for (int b = 0; b < 10; ++b) sub_[a][b] = a == b ? 0.0 : 1.0;
}

Status OcrDistance::Parse(const std::string& text, const std::string& origin, OcrDistance* out) {
  *out = OcrDistance();
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos || line[b] == '#') continue;
    std::istringstream ls(line);
    std::string x, y;
    double cost = -1;
    bool read = static_cast<bool>(ls >> x >> y >> cost);
    if (!read || x.size() != 1 || y.size() != 1 || !isdigit(static_cast<unsigned char>(x[0])) ||
        !isdigit(static_cast<unsigned char>(y[0])) || cost < 0 || cost > 1)
      return Status::Corrupt(origin + ":" + std::to_string(number) +
                             ": expected 'DIGIT DIGIT COST' with cost 0..1");
    out->sub_[x[0] - '0'][y[0] - '0'] = cost;
    out->sub_[y[0] - '0'][x[0] - '0'] = cost;
  }
  return Status::Ok();
}

Status OcrDistance::Load(const std::string& dictionaries_dir, OcrDistance* out) {
  std::string dir = dictionaries_dir.empty() ? DictionariesDir() : dictionaries_dir;
  std::string path = dir + "/check/ocr_confusions.txt";
  std::string text;
  if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
  return Parse(text, path, out);
}

double OcrDistance::DigitsCost(const std::string& a, const std::string& b) const {
  // Damerau-Levenshtein (optimal string alignment) with weighted operations.
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<double>> d(n + 1, std::vector<double>(m + 1, 0.0));
  auto ins_cost = [](const std::string& s, size_t i) {
    // Inserting s[i]: cheaper when it doubles a neighbour.
    bool doubled = (i > 0 && s[i - 1] == s[i]) || (i + 1 < s.size() && s[i + 1] == s[i]);
    return doubled ? kDoubled : kInsertDelete;
  };
  for (size_t i = 1; i <= n; ++i) d[i][0] = d[i - 1][0] + ins_cost(a, i - 1);
  for (size_t j = 1; j <= m; ++j) d[0][j] = d[0][j - 1] + ins_cost(b, j - 1);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      double best = d[i - 1][j - 1] + SubstitutionCost(a[i - 1], b[j - 1]);
      best = std::min(best, d[i - 1][j] + ins_cost(a, i - 1));
      best = std::min(best, d[i][j - 1] + ins_cost(b, j - 1));
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2])
        best = std::min(best, d[i - 2][j - 2] + kTranspose);
      d[i][j] = best;
    }
  }
  return d[n][m];
}

double OcrDistance::Cost(const std::string& read, double value, int decimals) const {
  std::string formatted = FormatVietnameseNumber(value, decimals);
  std::string a = DigitsOf(read), b = DigitsOf(formatted);
  if (a.empty()) return b.empty() ? 0.0 : kInsertDelete * static_cast<double>(b.size());
  double cost = DigitsCost(a, b);
  if (cost == 0.0) {
    // Same digits, different value: a separator misread ("12,746" for
    // "12.746") or lost ("12 746" split).
    std::optional<double> parsed = ParseVietnameseNumber(read);
    if (!parsed || *parsed != value) return kSeparator;
  }
  return cost;
}

int OcrDistance::Edits(const std::string& read, double value, int decimals) const {
  std::string a = DigitsOf(read), b = DigitsOf(FormatVietnameseNumber(value, decimals));
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j) {
      d[i][j] = std::min({d[i - 1][j - 1] + (a[i - 1] != b[j - 1]), d[i - 1][j] + 1, d[i][j - 1] + 1});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  if (d[n][m] == 0) {
    std::optional<double> parsed = ParseVietnameseNumber(read);
    if (!parsed || *parsed != value) return 1;
  }
  return d[n][m];
}

}  // namespace sohoa
