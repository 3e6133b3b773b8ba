#include "pipeline/check/appendix_scope.h"

#include <map>

namespace sohoa {
namespace {

// The local level a People's Committee named by a body subject
// ("body:ubnd huyen cao loc") belongs to; "" for any other body. The level
// words are those narrative_scope's body markers fold to.
std::string LocalLevelOfBody(const std::string& subject) {
  static const char* const kCouncil[] = {"body:ubnd ", "body:uy ban nhan dan "};
  static const std::pair<const char*, const char*> kLevels[] = {
      {"huyen ", "level_huyen"}, {"thi xa ", "level_huyen"}, {"thanh pho ", "level_huyen"},
      {"tp ", "level_huyen"},    {"tp. ", "level_huyen"},    {"quan ", "level_huyen"},
      {"xa ", "level_xa"},       {"phuong ", "level_xa"},    {"thi tran ", "level_xa"}};
  for (const char* council : kCouncil) {
    std::string prefix(council);
    if (subject.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = subject.substr(prefix.size());
    for (const auto& [word, level] : kLevels)
      if (rest.compare(0, std::string(word).size(), word) == 0) return level;
  }
  return "";
}

bool IsLocalLevel(const std::string& s) { return s == "level_huyen" || s == "level_xa"; }

}  // namespace

std::string TableLevel(const Table& table, const SubjectOf& subject_of) {
  // The title first: "KẾT QUẢ ... CẤP HUYỆN", "(Số liệu do UBND các huyện,
  // thành phố báo cáo)".
  std::string titled = table.title.empty() ? "" : subject_of(table.title);
  if (IsLocalLevel(titled)) return titled;
  // Else most rows are People's Committees of one level. Only local levels
  // below the province: a centre's departments (cấp tỉnh) are its own.
  std::map<std::string, int> count;
  int rows = 0;
  for (const Row& r : table.rows) {
    ++rows;
    std::string level = LocalLevelOfBody(subject_of(r.unit));
    if (level.empty() && !r.unit_canonical.empty()) level = LocalLevelOfBody(subject_of(r.unit_canonical));
    if (!level.empty()) ++count[level];
  }
  for (const auto& [level, n] : count)
    if (2 * n > rows) return level;
  return "";
}

std::vector<std::string> AppendixSubjects(const std::vector<Table>& tables, const SubjectOf& subject_of) {
  std::vector<std::string> levels;
  bool have_whole = false;
  for (const Table& t : tables) {
    levels.push_back(TableLevel(t, subject_of));
    // A table of no one level is the whole's, even when its rows could not
    // be read: the level tables still are not.
    if (levels.back().empty()) have_whole = true;
  }
  // A report whose tables are all of one level (a district's report on its
  // communes) has no other whole: its tables are the issuer's.
  if (!have_whole) return std::vector<std::string>(tables.size());
  return levels;
}

}  // namespace sohoa
