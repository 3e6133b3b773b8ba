// A key that matches the same unit across reports: the canonical unit name
// when the tables stage found one, else the written name folded (lower case,
// no diacritics, no punctuation, a trailing "tỉnh" dropped).
#ifndef SOHOA_CHECK_UNIT_KEY_H_
#define SOHOA_CHECK_UNIT_KEY_H_

#include <string>
#include <string_view>

#include "pipeline/core/table.h"

namespace sohoa {

// Lower case ASCII letters and digits separated by single spaces.
std::string FoldText(std::string_view text);
std::string UnitKey(const Row& row);

}  // namespace sohoa

#endif  // SOHOA_CHECK_UNIT_KEY_H_
