// How plausible it is that a figure written as `read` was really `value`:
// a weighted edit distance over digits that knows OCR confusions (3/8, 1/7,
// 5/6...), dropped and doubled digits, transposed neighbours and a thousands
// separator read as a decimal comma ("12,746" for "12.746"). Used to choose
// among cells that would each explain a broken total. Immutable; thread-safe.
#ifndef SOHOA_CHECK_OCR_DISTANCE_H_
#define SOHOA_CHECK_OCR_DISTANCE_H_

#include <string>

#include "pipeline/core/status.h"

namespace sohoa {

class OcrDistance {
 public:
  OcrDistance();  // every substitution costs 1.0 until loaded
  // Loads <dictionaries_dir>/check/ocr_confusions.txt.
  static Status Load(const std::string& dictionaries_dir, OcrDistance* out);
  static Status Parse(const std::string& text, const std::string& origin, OcrDistance* out);

  // Cost of `read` (a cell's text as written) standing for `value` written
  // with `decimals` decimals in the report's style. 0 = same figure.
  double Cost(const std::string& read, double value, int decimals = 0) const;
  // How many edits (any substitution, insertion, deletion, swap of
  // neighbours, separator) turn `read` into `value`: 1 = one misreading.
  int Edits(const std::string& read, double value, int decimals = 0) const;
  // Cost between two digit strings.
  double DigitsCost(const std::string& a, const std::string& b) const;
  double SubstitutionCost(char a, char b) const { return sub_[a - '0'][b - '0']; }

 private:
  double sub_[10][10];
};

}  // namespace sohoa

#endif  // SOHOA_CHECK_OCR_DISTANCE_H_
