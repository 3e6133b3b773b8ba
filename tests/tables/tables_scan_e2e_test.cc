// A 300-dpi grey scan of the 004 appendix (scripts/make_table_fixtures.py)
// read through OCR word boxes must give the golden records. Slow (OCR).
#include <gtest/gtest.h>

#include "tests/tables/golden_compare.h"
#include "tests/testing/run_command.h"

namespace sohoa::testing {
namespace {

TEST(TablesScanE2eTest, ScanOf004GivesTheSameRecordsAsText) {
  CommandResult r = RunSohoa({"tables", "--restore=off", "--json", Fixture("tables/004_scan.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  JsonValue got = ParseJsonOrDie(r.out);
  JsonValue want = ParseJsonOrDie(ReadFile(std::string(SOHOA_SOURCE_DIR) + "/tests/tables/golden/004.json"));
  ExpectTablesEq(want["tables"], got["documents"][0]["tables"]);
}

}  // namespace
}  // namespace sohoa::testing
