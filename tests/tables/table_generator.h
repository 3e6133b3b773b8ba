// Generates appendix tables with known truth, in every shape the parser
// reads: tab-separated (multi-level headers with spans), markdown pipes,
// HTML/markdown emphasis, and the flattened text-layer shape (every header
// word on its own line, rows as "1 Sở Y tế 198 96 ..."). Other provinces,
// months, column subsets, header synonyms, unit name variants and wrapped
// unit names. Deterministic for a seed. Used by tests (dev seeds) and by
// bench/tables (throughput, and accuracy on the held-aside seeds).
#ifndef SOHOA_TESTS_TABLES_TABLE_GENERATOR_H_
#define SOHOA_TESTS_TABLES_TABLE_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/table.h"

namespace sohoa::testing {

// Seeds [kDevSeedBegin, kDevSeedEnd) are used by the tests (and may be
// looked at when fixing the parser). Seeds from kHeldAsideSeedBegin on are
// the held-aside set: never used by tests, only measured (bench/tables).
constexpr uint64_t kDevSeedBegin = 1;
constexpr uint64_t kDevSeedEnd = 401;
constexpr uint64_t kHeldAsideSeedBegin = 1000000;

struct GeneratedDocument {
  std::string text;          // the document as plain text
  std::vector<Table> truth;  // id, schema, columns (keys), rows, total, percent, period
  std::string shape;         // "tab", "pipe", "flat", "html"
};

GeneratedDocument GenerateDocument(uint64_t seed);

// Cells of `truth` found with the same value (or blank/dash) in `got`,
// matching tables by order, rows by order (plus total and percent) and
// columns by key.
struct CellScore {
  long cells = 0;
  long correct = 0;
  long tables = 0;
  long tables_found = 0;
  std::vector<std::string> errors;  // first few differences, for messages
};
void ScoreTables(const std::vector<Table>& truth, const std::vector<Table>& got, CellScore* score);

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_TABLES_TABLE_GENERATOR_H_
