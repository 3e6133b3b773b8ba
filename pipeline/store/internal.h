// Helpers shared by the archive's writer (store.cc) and its readers
// (series.cc); private to store/.
#ifndef SOHOA_STORE_INTERNAL_H_
#define SOHOA_STORE_INTERNAL_H_

#include <string>
#include <vector>

#include "pipeline/core/document.h"

namespace sohoa::store_internal {

// Lower case (Vietnamese letters too).
std::string Lower(const std::string& s);
// A name compared without case, diacritics, spaces or punctuation.
std::string FoldName(const std::string& s);
// A --body filter (folded) names the body as printed, its parent or the
// issuer, whole or by its start ("trung tam phuc vu hanh chinh cong" finds
// "Trung tâm Phục vụ hành chính công tỉnh Phú Yên").
bool MatchesName(const std::string& folded_query, const std::vector<std::string>& names);
// A --province filter (folded) against a stored province ("Phú Yên").
bool MatchesProvince(const std::string& folded_query, const std::string& province);
// Periods per year for a period kind; 1 for year-like kinds.
int PeriodsPerYear(const std::string& kind);
// The period's last month, for --from/--to.
int LastMonth(const std::string& kind, int index);
// The document's text in the form two saves of one report share: lines
// without trailing spaces or '\r', runs of spaces as one, no BOM, no blank
// lines. Its hash finds the same report saved with other line ends,
// spacing or encoding.
std::string NormalizedText(const Document& doc);

}  // namespace sohoa::store_internal

#endif  // SOHOA_STORE_INTERNAL_H_
