// 300-dpi grey scans of the appendix tables of samples 000, 002 and 004
// (scripts/make_table_fixtures.py) read through OCR word boxes must give the
// golden records: every key and every cell. Header cells OCR misreads are
// read approximately against the schema (a `parse` info finding names each
// one); their header text is then the schema's wording, which need not be
// the golden wording, so only those header texts are not compared. Slow (OCR).
#include <gtest/gtest.h>

#include "tests/tables/golden_compare.h"
#include "tests/testing/run_command.h"

namespace sohoa::testing {
namespace {

// "PL-I/online" for every header cell read approximately.
std::vector<std::string> ApproximateHeaders(const JsonValue& findings) {
  std::vector<std::string> out;
  for (size_t i = 0; i < findings.size(); ++i) {
    const JsonValue& f = findings[i];
    if (f["kind"].string == "parse" && f["message"].string.find("header cell") == 0 &&
        f["message"].string.find("read as") != std::string::npos)
      out.push_back(f["table"].string + "/" + f["column"].string);
  }
  return out;
}

void ExpectScanGivesGolden(const std::string& sample, size_t max_approximate) {
  CommandResult r = RunSohoa({"tables", "--restore=off", "--json", Fixture("tables/" + sample + "_scan.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  JsonValue got = ParseJsonOrDie(r.out);
  JsonValue want = ParseJsonOrDie(ReadFile(std::string(SOHOA_SOURCE_DIR) + "/tests/tables/golden/" + sample + ".json"));
  std::vector<std::string> approx = ApproximateHeaders(got["documents"][0]["findings"]);
  EXPECT_LE(approx.size(), max_approximate) << sample;
  // The fixtures put each table on a page of its own.
  ExpectTablesEq(want["tables"], got["documents"][0]["tables"], /*compare_pages=*/false, approx);
  // Nothing but the approximate header notes is reported.
  const JsonValue& findings = got["documents"][0]["findings"];
  for (size_t i = 0; i < findings.size(); ++i) {
    if (findings[i]["kind"].string != "parse") continue;
    EXPECT_EQ(findings[i]["severity"].string, "info") << findings[i]["message"].string;
  }
}

TEST(TablesScanE2eTest, ScanOf000GivesTheSameRecordsAsText) { ExpectScanGivesGolden("000", 1); }
TEST(TablesScanE2eTest, ScanOf002GivesTheSameRecordsAsText) { ExpectScanGivesGolden("002", 2); }
TEST(TablesScanE2eTest, ScanOf004GivesTheSameRecordsAsText) { ExpectScanGivesGolden("004", 0); }

}  // namespace
}  // namespace sohoa::testing
