// Helpers shared by the archive's writer (store.cc) and its readers
// (series.cc); private to store/.
#ifndef SOHOA_STORE_INTERNAL_H_
#define SOHOA_STORE_INTERNAL_H_

#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/text_util.h"  // Lower, FoldName

namespace sohoa::store_internal {

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

// Full-text search: words of a text folded for matching (lower case, no
// diacritics, đ -> d), each with where it stands in the text.
struct SearchWord {
  std::string folded;
  size_t begin = 0, end = 0;  // byte range in the original text
};
std::vector<SearchWord> SearchWords(const std::string& text);
// The text as the search index holds it: its folded words joined by spaces.
std::string FoldForSearch(const std::string& text);
// A query: words that must all be on the page; a "quoted phrase" keeps its
// words together and in order; a word ending in '*' is a prefix.
struct SearchTerm {
  std::vector<std::string> words;  // folded; a phrase has several
  bool prefix = false;             // the last word is a prefix
};
std::vector<SearchTerm> ParseSearchQuery(const std::string& query);
// The terms as an SQLite FTS5 MATCH expression ("quyet" "dinh"; "quyet dinh"*).
std::string Fts5Expression(const std::vector<SearchTerm>& terms);
// The terms as a PostgreSQL tsquery ('quyet' & 'dinh'; 'quyet' <-> 'dinh':*).
std::string TsQueryExpression(const std::vector<SearchTerm>& terms);
// The page's text around the place where most terms match, the matching
// words in [brackets], cut at about `words` words ("…" where cut).
std::string Snippet(const std::string& text, const std::vector<SearchTerm>& terms, int words = 24);

}  // namespace sohoa::store_internal

#endif  // SOHOA_STORE_INTERNAL_H_
