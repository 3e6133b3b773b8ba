#include "pipeline/core/csv.h"

namespace sohoa {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsPlainNumber(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const size_t int_start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == int_start) return false;
  if (i < s.size() && s[i] == '.') {
    const size_t frac_start = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == frac_start) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t exp_start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == exp_start) return false;
  }
  return i == s.size();
}

bool LooksLikeFormula(std::string_view s) {
  if (s.empty()) return false;
  switch (s[0]) {
    case '=': case '+': case '-': case '@': case '\t': case '\r':
      return !(s == "-" || IsPlainNumber(s));
    default:
      return false;
  }
}

std::string CsvField(std::string_view s, CsvStyle style) {
  const bool guard = style == CsvStyle::kSpreadsheetSafe && LooksLikeFormula(s);
  if (!guard && s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = guard ? "\"'" : "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

void CsvLine(const std::vector<std::string>& fields, std::string* out, CsvStyle style) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out->push_back(',');
    *out += CsvField(fields[i], style);
  }
  out->push_back('\n');
}

}  // namespace sohoa
