// Tables typed in as text (fixtures/check/*.tsv), for the check stage's
// tests and benchmark while they must not depend on the tables parser.
// Format, tab-separated, '#' comments:
//   table ID SCHEMA
//   columns KEY KEY ...
//   row STT UNIT LINE CELL CELL ...     (CELL as written: "12.746", "", "-")
//   total "" LABEL LINE CELL ...
//   percent "" LABEL LINE CELL ...      ("31,21^(*)" keeps its footnote)
#ifndef SOHOA_BENCH_CHECK_TABLE_FIXTURE_H_
#define SOHOA_BENCH_CHECK_TABLE_FIXTURE_H_

#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/core/table.h"

namespace sohoa {

Status ParseTableFixture(const std::string& text, std::vector<Table>* tables);
Status LoadTableFixture(const std::string& path, std::vector<Table>* tables);
// A cell from its text as written: value, dash and footnote filled in.
Cell MakeCell(const std::string& text);

}  // namespace sohoa

#endif  // SOHOA_BENCH_CHECK_TABLE_FIXTURE_H_
