// Issuer names (private to meta): provinces and issuing bodies read from
// dictionaries/meta/provinces.tsv and bodies.tsv, compared in a folded form
// (no case, diacritics, spaces or punctuation) so that "PHÚ YÊN", "Phu Yen"
// and "TRUNG TÂM PH Ụ C V Ụ HÀNH CHÍNH CÔNG" (a text layer's broken spacing)
// find their canonical names. Immutable after Load; thread-safe to share.
#ifndef SOHOA_META_ISSUER_H_
#define SOHOA_META_ISSUER_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa::meta_internal {

struct Province {
  std::string name;   // "Phú Yên"
  std::string level;  // "tỉnh" or "thành phố"
};

class IssuerNames {
 public:
  // Loads dir/meta/provinces.tsv and dir/meta/bodies.tsv; a missing file is
  // an empty list, a malformed line an error naming file and line.
  Status Load(const std::string& dictionaries_dir);

  // The province named by `text` as a whole ("tỉnh Phú Yên", "PHU YEN",
  // "TP. Hồ Chí Minh"); nullptr when none.
  const Province* FindProvince(std::string_view text) const;

  // The province that `words` (a heading's words) end with, possibly
  // after "tỉnh"/"thành phố"/"TP": sets *first to the index of the first
  // word of the province phrase (the level word when there is one).
  // Also finds it in the middle when `anywhere`: then *end is one past it.
  const Province* ProvinceIn(const std::vector<std::string>& words, bool anywhere, size_t* first,
                             size_t* end) const;

  // The canonical body name for a printed body whose province was removed
  // ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" -> "Trung tâm Phục vụ hành chính
  // công"); the printed name in sentence case when the dictionary does not
  // list it.
  std::string CanonicalBody(std::string_view body) const;

 private:
  std::vector<Province> provinces_;
  std::vector<std::pair<std::string, size_t>> province_keys_;  // folded key -> index
  std::vector<std::pair<std::string, std::string>> bodies_;    // folded key -> canonical
};

// Lower case, no diacritics (đ -> d), only letters and digits: the form
// names are compared in.
std::string SqueezeKey(std::string_view text);

}  // namespace sohoa::meta_internal

#endif  // SOHOA_META_ISSUER_H_
