// CSV fields (RFC 4180) that are safe to open in a spreadsheet.
//   in:  one field's text as the archive holds it
//   out: the field as written between commas
// A field that Excel or LibreOffice would read as a formula (its first
// character is =, +, -, @, a tab or a carriage return) is written as text
// following the OWASP rule for CSV injection: a single quote in front and
// the whole field in double quotes. Numbers stay numbers: a field that is a
// plain decimal number ("-12", "-0.5", "1.2e+05") or a lone "-" (a dash cell)
// cannot evaluate and is written as it is. CsvStyle::kRaw writes every field
// as it is (quoted only where RFC 4180 needs it), for programs that read the
// CSV themselves. Pure functions; thread-safe.
#ifndef SOHOA_CORE_CSV_H_
#define SOHOA_CORE_CSV_H_

#include <string>
#include <string_view>
#include <vector>

namespace sohoa {

enum class CsvStyle { kSpreadsheetSafe, kRaw };

// Whether a spreadsheet would take `s` as the start of a formula.
bool LooksLikeFormula(std::string_view s);
// Whether `s` is a plain decimal number: -?digits[.digits][e[+-]digits].
bool IsPlainNumber(std::string_view s);

std::string CsvField(std::string_view s, CsvStyle style = CsvStyle::kSpreadsheetSafe);
// The fields joined with commas, ending in "\n", appended to *out.
void CsvLine(const std::vector<std::string>& fields, std::string* out,
             CsvStyle style = CsvStyle::kSpreadsheetSafe);

}  // namespace sohoa

#endif  // SOHOA_CORE_CSV_H_
