// Which part of the issuer each appendix table of one report covers, so the
// report's own figures are checked against the right total row. A centre's
// report may carry PHỤ LỤC I (its departments; the total row is the centre's
// own figure) and PHỤ LỤC II (the district People's Committees: the district
// level, not the centre). A table is about one level when its title names
// the level ("... CẤP HUYỆN", "UBND các huyện, thành phố") or when most of
// its rows are local People's Committees ("UBND huyện Cao Lộc"), and another
// table of the report is not about that level; a report whose only tables
// are of one level (a district's own report on its communes) keeps them as
// the whole. Pure functions; thread-safe.
#ifndef SOHOA_CHECK_APPENDIX_SCOPE_H_
#define SOHOA_CHECK_APPENDIX_SCOPE_H_

#include <functional>
#include <string>
#include <vector>

#include "pipeline/core/table.h"

namespace sohoa {

// The subject of a label in the terms of narrative_scope.h ("level_huyen",
// "body:ubnd huyen cao loc", "" for none): NarrativeRules::SubjectOfLabel.
using SubjectOf = std::function<std::string(const std::string&)>;

// The level a table is about on its own ("level_huyen", "level_xa",
// "level_tinh"), "" when neither its title nor its rows name one.
std::string TableLevel(const Table& table, const SubjectOf& subject_of);

// One subject per table of `tables`: "" = the issuer as a whole (its total
// row is the report's own figure), else the level it covers.
std::vector<std::string> AppendixSubjects(const std::vector<Table>& tables, const SubjectOf& subject_of);

}  // namespace sohoa

#endif  // SOHOA_CHECK_APPENDIX_SCOPE_H_
