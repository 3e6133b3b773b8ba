#include "pipeline/check/unit_key.h"

#include "pipeline/core/syllable.h"

namespace sohoa {

std::string FoldText(std::string_view text) {
  std::string stripped = StripDiacritics(text);
  std::string out;
  bool space = false;
  for (char c : stripped) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 'A' && u <= 'Z') c = static_cast<char>(u - 'A' + 'a');
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      if (space && !out.empty()) out += ' ';
      out += c;
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

std::string UnitKey(const Row& row) {
  if (!row.unit_canonical.empty()) return row.unit_canonical;
  std::string key = FoldText(row.unit);
  const std::string suffix = " tinh";
  if (key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0)
    key.resize(key.size() - suffix.size());
  return key;
}

}  // namespace sohoa
