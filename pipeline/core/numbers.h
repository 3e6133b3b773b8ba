// Numbers as Vietnamese reports write them: "." groups thousands
// ("12.746" = 12746, "1.234.567"), "," is the decimal mark ("79,79").
// Shared by tables (cells), check (narrative claims) and meta.
#ifndef SOHOA_CORE_NUMBERS_H_
#define SOHOA_CORE_NUMBERS_H_

#include <optional>
#include <string>
#include <string_view>

namespace sohoa {

// Parses one number token. Accepts an optional sign, digit groups separated
// by "." in threes, an optional ",<digits>" fraction, and a trailing "%".
// A "." not followed by exactly three digits is read as a decimal point
// ("9.4" = 9.4, as English-style sources and OCR give). Returns nullopt for
// anything else (blank, "-", words, "1.23.4").
std::optional<double> ParseVietnameseNumber(std::string_view token);

// Formats as the reports do: 12746 -> "12.746", 79.79 -> "79,79" (decimals
// given), negative with "-".
std::string FormatVietnameseNumber(double value, int decimals = 0);

}  // namespace sohoa

#endif  // SOHOA_CORE_NUMBERS_H_
