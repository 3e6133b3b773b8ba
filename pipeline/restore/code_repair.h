// Repairs document codes damaged by stripping or OCR, where the pattern is
// certain: "3502/QD-UBND" -> "3502/QĐ-UBND", "6112018/NI)-CP" ->
// "61/2018/NĐ-CP". Only the parts that are known abbreviations
// (dictionaries/domain/abbreviations.tsv) are rewritten, and a lost "/"
// before a year is put back only when a known document type follows.
// Immutable after Load; thread-safe.
#ifndef SOHOA_RESTORE_CODE_REPAIR_H_
#define SOHOA_RESTORE_CODE_REPAIR_H_

#include <functional>
#include <string>
#include <unordered_map>

#include "pipeline/core/status.h"

namespace sohoa::restore {

class CodeRepairer {
 public:
  // Reads "ABBR<TAB>weight<TAB>expansion" lines.
  static Status Load(const std::string& path, CodeRepairer* out);
  // True and `out` set when `code` looks like a document code ("N/..."
  // with a "/" and a known abbreviation); `out` may equal `code`.
  bool Repair(const std::string& code, std::string* out) const;
  // True for a known abbreviation written in capitals ("TTHC", "UBND",
  // "QD" for QĐ) or in the table's own mixed case ("TTg"), and for Roman
  // numerals ("II", "IV").
  bool IsAbbreviation(const std::string& token) const;
  // A known abbreviation in capitals that lost its marks ("HDND" -> "HĐND",
  // "NQ-HDND" -> "NQ-HĐND"): true and `out` set when a part was restored.
  bool RestoreAbbreviation(const std::string& token, std::string* out) const;
  size_t size() const { return by_stripped_.size(); }

  // Words of the domain dictionary's names that are no Vietnamese syllable
  // by the orthography ("Đắk", "Lắk", "Kạn"): the decoder cannot propose
  // them, so their stripped forms are restored here when unambiguous.
  // `is_syllable` says whether a lower-case word is a syllable.
  Status AddNameWords(const std::string& phrase_file,
                      const std::function<bool(const std::string&)>& is_syllable);
  // "dak" / "Dak" -> "Đắk" (case as in `token`); false when unknown.
  bool RestoreNameWord(const std::string& token, std::string* out) const;

 private:
  // The marked form of an abbreviation given in stripped capitals ("QD" ->
  // "QĐ", and "BLDTBXH" -> "BLĐTBXH" by its office letter); false if unknown.
  bool Find(const std::string& stripped, std::string* marked) const;

  std::unordered_map<std::string, std::string> by_stripped_;  // "QD" -> "QĐ"
  std::unordered_map<std::string, std::string> names_;  // "dak" -> "đắk" ("" if ambiguous)
};

}  // namespace sohoa::restore

#endif  // SOHOA_RESTORE_CODE_REPAIR_H_
