// Unit names (departments, districts) as one canonical name each, so a row
// can be followed across reports that write "Sở NNPTNT", "Sở Nông nghiệp và
// PTNT" or "Sở Nông nghiệp và Phát triển nông thôn". Data comes from
// dictionaries/units/ (units.txt: canonical names with aliases;
// abbreviations.txt: "PTNT = Phát triển nông thôn"; local.txt: the levels of
// local government for "UBND huyện X"). Matching ignores case, diacritics,
// spacing, punctuation, hyphens and "và"/"&", and expands the abbreviations.
// Immutable after Load; thread-safe to share.
#ifndef SOHOA_TABLES_UNITS_H_
#define SOHOA_TABLES_UNITS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa {

class UnitAliases {
 public:
  UnitAliases() = default;

  // Loads dictionaries/units/ (`dir`); errors name the file and line.
  Status Load(const std::string& dir);

  // The canonical name for `name` as written; "" when it is not known.
  // A name written with initials the abbreviations do not list ("Sở DT&TG",
  // "Ban QL Khu kinh tế") is read as the one name whose words they begin.
  // Districts and towns not listed get "UBND <level> <Name>" built from the
  // name ("Huyện Mỹ Tú" -> "UBND huyện Mỹ Tú").
  std::string Canonical(std::string_view name) const;

  // The comparison key: "Sở NN&PTNT" -> "so nong nghiep phat trien nong thon".
  std::string Key(std::string_view name) const;

  // Every canonical name, in file order.
  const std::vector<std::string>& canonical_names() const { return names_; }

 private:
  std::vector<std::string> ExpandTokens(std::string_view name) const;

  // Abbreviation token sequences ("vh tt dl") -> expansion tokens.
  std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> abbreviations_;
  std::unordered_map<std::string, std::string> by_key_;
  std::vector<std::string> names_;
  // Levels of local government: normalised tokens and the written form.
  std::vector<std::pair<std::vector<std::string>, std::string>> levels_;
  std::vector<std::string> council_;  // expansion tokens of "UBND"
  // Short forms of levels after UBND: "h" -> {"huyen"}.
  std::vector<std::pair<std::string, std::vector<std::string>>> short_levels_;
  // Keys without spaces -> canonical name ("" when two names share one).
  std::unordered_map<std::string, std::string> squeezed_;
  // Every name and alias as key tokens, for names written with initials.
  std::vector<std::pair<std::vector<std::string>, std::string>> forms_;
};

}  // namespace sohoa

#endif  // SOHOA_TABLES_UNITS_H_
