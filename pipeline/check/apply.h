// Applying suggestions: a corrected COPY of the tables, with each change
// listed. The extracted tables themselves are never modified; only findings
// that name one cell and one suggested value (no alternatives) are applied.
#ifndef SOHOA_CHECK_APPLY_H_
#define SOHOA_CHECK_APPLY_H_

#include <string>
#include <vector>

#include "pipeline/core/finding.h"
#include "pipeline/core/table.h"

namespace sohoa {

struct AppliedChange {
  std::string table;
  int row = -1;            // as SuspectCell::row
  std::string row_label;
  std::string column;
  std::string old_text;
  std::string new_text;
};

// Returns the corrected copy of `tables`; `changes` lists what differs.
std::vector<Table> ApplySuggestions(const std::vector<Table>& tables,
                                    const std::vector<Finding>& findings,
                                    std::vector<AppliedChange>* changes);

// Long-format CSV of tables: file,table,row,stt,unit,column,text,value
// (row: index, "total" or "percent"). RFC 4180 quoting.
std::string TablesToCsv(const std::string& file, const std::vector<Table>& tables,
                        bool header = true);

}  // namespace sohoa

#endif  // SOHOA_CHECK_APPLY_H_
