#include "pipeline/core/numbers.h"

#include <cmath>
#include <cstdlib>

namespace sohoa {

namespace {
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::optional<double> ParseVietnameseNumber(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  if (!t.empty() && t.back() == '%') t.remove_suffix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  bool negative = false;
  if (!t.empty() && (t.front() == '-' || t.front() == '+')) {
    negative = t.front() == '-';
    t.remove_prefix(1);
  }
  if (t.empty() || !IsDigit(t.front())) return std::nullopt;
  std::string digits;  // normalised "1234.56"
  size_t i = 0;
  // Integer part with optional thousands groups.
  while (i < t.size() && IsDigit(t[i])) digits += t[i++];
  bool grouped = false;
  while (i < t.size() && t[i] == '.') {
    size_t j = i + 1, n = 0;
    while (j < t.size() && IsDigit(t[j])) ++j, ++n;
    if (n == 3 && (j == t.size() || t[j] == '.' || t[j] == ',')) {
      digits.append(t.substr(i + 1, 3));
      grouped = true;
      i = j;
      continue;
    }
    // Not a thousands group: a decimal point, allowed only once and ungrouped.
    if (grouped || n == 0 || j != t.size()) return std::nullopt;
    digits += '.';
    digits.append(t.substr(i + 1, n));
    i = j;
    break;
  }
  if (i < t.size() && t[i] == ',') {
    size_t j = i + 1, n = 0;
    while (j < t.size() && IsDigit(t[j])) ++j, ++n;
    if (n == 0 || j != t.size()) return std::nullopt;
    digits += '.';
    digits.append(t.substr(i + 1, n));
    i = j;
  }
  if (i != t.size()) return std::nullopt;
  double v = std::strtod(digits.c_str(), nullptr);
  return negative ? -v : v;
}

std::string FormatVietnameseNumber(double value, int decimals) {
  bool negative = value < 0;
  double scale = std::pow(10.0, decimals);
  long long scaled = std::llround(std::fabs(value) * scale);
  long long integer = scaled / static_cast<long long>(scale);
  long long frac = scaled % static_cast<long long>(scale);
  std::string s = std::to_string(integer);
  std::string grouped;
  int count = 0;
  for (auto it = s.rbegin(); it != s.rend(); ++it) {
    if (count && count % 3 == 0) grouped.insert(grouped.begin(), '.');
    grouped.insert(grouped.begin(), *it);
    ++count;
  }
  if (decimals > 0) {
    std::string f = std::to_string(frac);
    while (static_cast<int>(f.size()) < decimals) f.insert(f.begin(), '0');
    grouped += "," + f;
  }
  return negative ? "-" + grouped : grouped;
}

}  // namespace sohoa
