// End-to-end: `sohoa check` on the sample reports.
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/testing/run_command.h"

namespace sohoa::testing {
namespace {

TEST(CheckE2eTest, HelpTeachesEveryOption) {
  CommandResult r = RunSohoa({"check", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s : {"--json", "--strict", "--previous", "--apply-suggestions", "sohoa check"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
}

TEST(CheckE2eTest, Sample003OnlineShareIsFlagged) {
  std::string path = Fixture("seeds/003_fdc46fb5b852ba72.txt");
  CommandResult r = RunSohoa({"check", "--json", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"findings\":["), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"kind\":\"narrative\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0,06"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"severity\":\"error\""), std::string::npos) << r.out;
  CommandResult strict = RunSohoa({"check", "--strict", path});
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
  EXPECT_NE(strict.out.find("0,06"), std::string::npos) << strict.out;
}

TEST(CheckE2eTest, ConsistentSamplesHaveNoFindings) {
  for (const char* name : {"seeds/000_eec36b514c44fab6.txt", "seeds/002_e06f4918bee2bbad.txt",
                           "seeds/004_c1665277c84d2c10.txt"}) {
    CommandResult r = RunSohoa({"check", "--json", "--strict", Fixture(name)});
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("{\"findings\":[]}"), std::string::npos) << name << "\n" << r.out;
  }
}

TEST(CheckE2eTest, DistrictItemsAreNotComparedWithTheWholeReport) {
  // bench/scale/gen_reports.py: "+ UBND xã Nam Phương 4: tiếp nhận 481 hồ sơ
  // (kỳ trước chuyển sang 337, mới 144); ..." gave 14 false errors against
  // the total row of PL-I.
  CommandResult r = RunSohoa({"check", "--json", "--strict", Fixture("check/district_items.txt")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("\"severity\":\"error\""), std::string::npos) << r.out;
}

TEST(CheckE2eTest, MissingInputIsExit3AndOthersGoOn) {
  CommandResult r = RunSohoa({"check", "/nonexistent/x.txt", Fixture("seeds/003_fdc46fb5b852ba72.txt")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("/nonexistent/x.txt"), std::string::npos);
  EXPECT_NE(r.out.find("0,06"), std::string::npos);
}

TEST(CheckE2eTest, MisreadCellIsPointedToAndACorrectedCopyWritten) {
  std::string text = ReadFile(Fixture("seeds/000_eec36b514c44fab6.txt"));
  const std::string row = "12 Sở Tư pháp 608 140 468 398 392";
  size_t at = text.find(row);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, row.size(), "12 Sở Tư pháp 608 140 468 393 392");
  std::string dir = TempDir();
  std::string input = dir + "/bad.txt", out = dir + "/fixed.csv";
  {
    FILE* f = std::fopen(input.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  CommandResult r = RunSohoa({"check", "--apply-suggestions", out, input});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The terminal report names the table, the line, the unit and the value.
  EXPECT_NE(r.out.find("Table PL-I"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Sở Tư pháp"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("suggested 398"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" l417 "), std::string::npos) << r.out;
  // ... the line as written, and where the suspect cell is when the finding
  // is on another row (the column total on Tổng cộng).
  EXPECT_NE(r.out.find("│ 12 Sở Tư pháp 608 140 468 393 392"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("suggested 398 for Sở Tư pháp, 'Kết quả giải quyết / Số hồ sơ đã giải quyết / Tổng số' at p1 l417"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("393 -> 398"), std::string::npos) << r.err;
  std::string csv = ReadFile(out);
  EXPECT_NE(csv.find("PL-I,11,12,Sở Tư pháp,resolved_total,398,398"), std::string::npos) << csv.substr(0, 300);
  EXPECT_EQ(ReadFile(input), text);  // the input is never modified
  EXPECT_EQ(RunSohoa({"check", "--strict", input}).exit_code, 1);
}

// fixtures/check/carryover_2020_05.txt and _06.txt: Phụ lục I of two
// consecutive months; Sở Xây dựng ends May with 72 hồ sơ Đang giải quyết but
// June says 67 came over (Kỳ trước).
TEST(CheckE2eTest, CarryOverBetweenTwoFilesNamesTheUnitAndTheExpectedValue) {
  std::string may = Fixture("check/carryover_2020_05.txt"), june = Fixture("check/carryover_2020_06.txt");
  // June's Kỳ trước of Sở Xây dựng is an error expecting May's 72; May's side
  // is a warning. Each month is consistent in itself: nothing else is found.
  CommandResult j = RunSohoa({"check", "--json", june, may});
  EXPECT_EQ(j.exit_code, 0) << j.err;
  EXPECT_NE(j.out.find("\"kind\":\"carryover\",\"severity\":\"error\",\"table\":\"PL-I\",\"row\":13,"
                       "\"row_label\":\"Sở Xây dựng\",\"column\":\"received_carryover\",\"stated\":67,"
                       "\"expected\":72"),
            std::string::npos)
      << j.out;
  EXPECT_NE(j.out.find("\"row_label\":\"Sở Xây dựng\",\"column\":\"pending_total\",\"stated\":72,"
                       "\"expected\":67"),
            std::string::npos)
      << j.out;
  // Kinds as JSON values: the paths may hold the words (a worktree "narrative").
  for (const char* other : {"\"row_identity\"", "\"column_total\"", "\"percentage\"", "\"narrative\"",
                            "\"row\":0,"})
    EXPECT_EQ(j.out.find(other), std::string::npos) << other << "\n" << j.out;
  // The terminal report: file, unit, line of the row in the source, both figures.
  CommandResult r = RunSohoa({"check", "--strict", "--previous", may, june});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out.find("carryover_2020_05.txt (month"), std::string::npos) << r.out;  // only June reported
  EXPECT_NE(r.out.find("p1 l136"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Sở Xây dựng: 'Số hồ sơ nhận giải quyết / Trong đó / Kỳ trước' is 67 but "
                       "tháng 5/2020"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("gives 72 still pending"), std::string::npos) << r.out;
}

// June says its online share "giảm 5,65 % so với tháng 5": May's table gives
// 1.834 of 12.183 (15,05%), June's 1.198 of 12.746 (9,40%), 5,65 points less.
// The same sentence saying "tăng" is an error; without May nothing is said.
TEST(CheckE2eTest, ComparisonWithThePreviousMonthIsChecked) {
  std::string may = Fixture("check/carryover_2020_05.txt");
  std::string text = ReadFile(Fixture("check/carryover_2020_06.txt"));
  const std::string claim = "giảm 5,65 % so với tháng 5";
  size_t at = text.find(claim);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, claim.size(), "tăng 5,65 % so với tháng 5");
  std::string june = TempDir() + "/june.txt";
  {
    FILE* f = std::fopen(june.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  CommandResult ok = RunSohoa({"check", "--json", Fixture("check/carryover_2020_06.txt"), may});
  EXPECT_EQ(ok.out.find("\"narrative\""), std::string::npos) << ok.out;
  CommandResult bad = RunSohoa({"check", "--previous", may, june});
  EXPECT_EQ(bad.exit_code, 0) << bad.err;
  EXPECT_NE(bad.out.find("error   p1 l33    narrative"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("tăng 5,65% so với tháng 5/2020"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("1.834 of 12.183 (15,05%)"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("the share fell 5,65 points"), std::string::npos) << bad.out;
  CommandResult alone = RunSohoa({"check", "--json", june});
  EXPECT_EQ(alone.out.find("\"narrative\""), std::string::npos) << alone.out;
}

TEST(CheckE2eTest, CarryOverThroughTheStore) {
  std::string db = TempDir() + "/archive.db";
  // June first, May later: the store re-checks June when May arrives.
  ASSERT_EQ(RunSohoa({"ingest", Fixture("check/carryover_2020_06.txt"), "--db", db}).exit_code, 0);
  ASSERT_EQ(RunSohoa({"ingest", Fixture("check/carryover_2020_05.txt"), "--db", db}).exit_code, 0);
  CommandResult r = RunSohoa({"findings", "--db", db, "--format", "csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("carryover_2020_06.txt,2020-06,1,136,carryover,error,PL-I,13,Sở Xây dựng,"
                       "received_carryover,67,72,"),
            std::string::npos)
      << r.out;
}

TEST(CheckE2eTest, NoInputIsUsageError) {
  EXPECT_EQ(RunSohoa({"check"}).exit_code, 2);
  EXPECT_EQ(RunSohoa({"check", "--bogus", "x"}).exit_code, 2);
}

}  // namespace
}  // namespace sohoa::testing
