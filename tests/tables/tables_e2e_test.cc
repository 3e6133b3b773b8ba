// `sohoa tables` end to end: golden JSON for the sample appendices, CSV,
// plain text, --help and bad input.
#include <gtest/gtest.h>

#include "tests/tables/golden_compare.h"
#include "tests/testing/run_command.h"

namespace sohoa::testing {
namespace {

const char* kSeeds[][2] = {{"seeds/000_eec36b514c44fab6.txt", "000.json"},
                           {"seeds/002_e06f4918bee2bbad.txt", "002.json"},
                           {"seeds/004_c1665277c84d2c10.txt", "004.json"}};

std::string Golden(const std::string& name) {
  return ReadFile(std::string(SOHOA_SOURCE_DIR) + "/tests/tables/golden/" + name);
}

TEST(TablesE2eTest, JsonMatchesGoldenForEverySample) {
  for (const auto& seed : kSeeds) {
    SCOPED_TRACE(seed[0]);
    CommandResult r = RunSohoa({"tables", "--restore=off", "--json", Fixture(seed[0])});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    JsonValue got = ParseJsonOrDie(r.out);
    ASSERT_EQ(got["documents"].size(), 1u);
    EXPECT_EQ(got["documents"][0]["findings"].size(), 0u) << r.err;
    ExpectTablesEq(ParseJsonOrDie(Golden(seed[1]))["tables"], got["documents"][0]["tables"]);
  }
}

TEST(TablesE2eTest, BornDigitalPdfGivesTheSameRecordsAsText) {
  // Rendered by scripts/make_table_fixtures.py from the golden tables: grid
  // lines, multi-line header cells; read through the word boxes.
  for (const auto& seed : kSeeds) {
    std::string name = std::string(seed[1]).substr(0, 3);
    std::string path = Fixture("tables/" + name + ".pdf");
    SCOPED_TRACE(path);
    CommandResult r = RunSohoa({"tables", "--restore=off", "--json", path});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    JsonValue got = ParseJsonOrDie(r.out);
    EXPECT_EQ(got["documents"][0]["findings"].size(), 0u) << r.err;
    ExpectTablesEq(ParseJsonOrDie(Golden(seed[1]))["tables"], got["documents"][0]["tables"], false);
  }
}

TEST(TablesE2eTest, TablesContinuedOverPageBreaksInAPdfAreOneTableEach) {
  // scripts/make_split_table_fixture.py: PHỤ LỤC I continues on page 2
  // without its header row, PHỤ LỤC II on page 4 under its header repeated;
  // page numbers and a running head between. 35 rows, totals on page 2/4.
  std::string path = Fixture("tables/split.pdf");
  CommandResult r = RunSohoa({"tables", "--restore=off", "--json", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  JsonValue got = ParseJsonOrDie(r.out);
  EXPECT_EQ(got["documents"][0]["findings"].size(), 0u) << r.out;
  ExpectTablesEq(ParseJsonOrDie(ReadFile(Fixture("tables/split.json")))["tables"], got["documents"][0]["tables"]);
}

TEST(TablesE2eTest, CsvHasOneRowPerCell) {
  CommandResult r = RunSohoa({"tables", "--restore=off", "--csv", Fixture("seeds/004_c1665277c84d2c10.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t lines = 0;
  for (char c : r.out) lines += c == '\n';
  EXPECT_EQ(lines, 1u + 28u * 2u);  // header, 27 units + total, 2 columns
  EXPECT_NE(r.out.find(",PL,20,Sở NNPTNT,Sở Nông nghiệp và Phát triển nông thôn,late_national_portal,12\n"),
            std::string::npos);
  EXPECT_NE(r.out.find(",PL,total,Tổng cộng,,late_provincial_system,1104\n"), std::string::npos);
}

TEST(TablesE2eTest, PlainTextIsAligned) {
  CommandResult r = RunSohoa({"tables", "--restore=off", Fixture("seeds/000_eec36b514c44fab6.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("PL-I  TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT"), std::string::npos);
  EXPECT_NE(r.out.find("12.746"), std::string::npos);
  EXPECT_NE(r.out.find("79,79"), std::string::npos);
  EXPECT_NE(r.out.find("resolved_late"), std::string::npos);
}

TEST(TablesE2eTest, FixedWidthExportWithALeafTotalBeforeTheNextGroup) {
  // pdftotext -layout like: the received total is a leaf of the second
  // header level, just left of the third level's first resolved column.
  CommandResult r = RunSohoa({"tables", "--restore=off", "--json", Fixture("tables/layout_leaf_total.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  JsonValue got = ParseJsonOrDie(r.out);
  EXPECT_EQ(got["documents"][0]["findings"].size(), 0u) << r.out;
  const JsonValue& t = got["documents"][0]["tables"][0];
  EXPECT_EQ(t["schema"].string, "results");
  std::vector<std::string> keys;
  for (size_t k = 0; k < t["columns"].size(); ++k) keys.push_back(t["columns"][k]["key"].string);
  EXPECT_EQ(keys, (std::vector<std::string>{"received_carryover", "received_new", "received_total",
                                            "resolved_total", "resolved_early", "resolved_ontime",
                                            "resolved_late", "pending_total", "pending_ontime",
                                            "pending_overdue", "online"}));
}

TEST(TablesE2eTest, HelpTeachesEveryOption) {
  CommandResult r = RunSohoa({"tables", "--restore=off", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s : {"--json", "--csv", "--dictionaries", "sohoa tables --json"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
}

TEST(TablesE2eTest, MissingFileIsOneLineErrorAndBatchGoesOn) {
  CommandResult r = RunSohoa({"tables", "--restore=off", "--csv", "/nonexistent/x.txt", Fixture("seeds/004_c1665277c84d2c10.txt")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("/nonexistent/x.txt"), std::string::npos);
  EXPECT_NE(r.out.find("late_national_portal"), std::string::npos);
}

TEST(TablesE2eTest, BadRowIsAParseFindingWithPlace) {
  std::string dir = TempDir();
  std::string path = dir + "/bad.txt";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("PHỤ LỤC I\nSTT\tĐơn vị\tTrước hạn\tĐúng hạn\n1\tSở Y tế\t1\t2\t3\n2\tSở Nội vụ\tx\t2\n", f);
  std::fclose(f);
  CommandResult r = RunSohoa({"tables", "--restore=off", "--json", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  JsonValue got = ParseJsonOrDie(r.out);
  const JsonValue& findings = got["documents"][0]["findings"];
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0]["kind"].string, "parse");
  EXPECT_EQ(findings[0]["line"].number, 3);
  EXPECT_EQ(findings[1]["line"].number, 4);
  EXPECT_EQ(got["documents"][0]["tables"][0]["rows"].size(), 2u);
  EXPECT_NE(r.err.find("bad.txt:1:4"), std::string::npos);
}

// Issue 27: a photo on which no table can be read is no silent empty result.
TEST(TablesE2eTest, PhotoWithoutATableSaysSoWithExitFour) {
  CommandResult r = RunSohoa({"tables", "--restore=off", Fixture("photos/no_table_photo.jpg")});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("no table could be read on the image"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no ruled table found on the straightened page"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sohoa::testing
