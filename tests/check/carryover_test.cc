// Carry-over between periods through the Archive interface (in memory).
#include <gtest/gtest.h>

#include "bench/check/table_fixture.h"
#include "pipeline/check/check.h"
#include "pipeline/check/memory_archive.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

ReportMeta Month(int month) {
  ReportMeta m;
  m.body = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";
  m.period_kind = "month";
  m.period_year = 2020;
  m.period_index = month;
  m.period_determined = true;
  return m;
}

// June's table (000) and a May table whose "Đang giải quyết" is June's "Kỳ trước".
void Reports(std::vector<Table>* june, std::vector<Table>* may) {
  ASSERT_TRUE(LoadTableFixture(testing::Fixture("check/000_tables.tsv"), june).ok());
  *may = {(*june)[0]};
  Table& t = (*may)[0];
  int carry = t.ColumnIndex("received_carryover"), pending = t.ColumnIndex("pending_total");
  for (Row& r : t.rows) r.cells[pending] = r.cells[carry];
  t.total->cells[pending] = t.total->cells[carry];
}

TEST(MemoryArchiveTest, FindsAdjacentPeriodsByKindOrDates) {
  MemoryArchive archive;
  archive.Add(StoredReport{"a", "may.txt", Month(5), {}});
  archive.Add(StoredReport{"b", "july.txt", Month(7), {}});
  std::optional<StoredReport> out;
  ASSERT_TRUE(archive.FindAdjacentReport(Month(6), -1, &out).ok());
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->path, "may.txt");
  ASSERT_TRUE(archive.FindAdjacentReport(Month(6), +1, &out).ok());
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->path, "july.txt");
  ASSERT_TRUE(archive.FindAdjacentReport(Month(9), -1, &out).ok());
  EXPECT_FALSE(out.has_value());
  // (a report of no known body has no neighbour: core/adjacent_period.h)
  ReportMeta undetermined;
  undetermined.body = Month(6).body;
  undetermined.period_from = "2020-06-16";
  undetermined.period_to = "2020-07-15";
  ReportMeta june_dates;
  june_dates.body = Month(6).body;
  june_dates.period_from = "2020-05-16";
  june_dates.period_to = "2020-06-15";
  MemoryArchive by_dates;
  by_dates.Add(StoredReport{"c", "june.txt", june_dates, {}});
  ASSERT_TRUE(by_dates.FindAdjacentReport(undetermined, -1, &out).ok());
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->path, "june.txt");
}

TEST(CarryoverTest, ConsistentPeriodsGiveNoFinding) {
  std::vector<Table> june, may;
  Reports(&june, &may);
  MemoryArchive archive;
  archive.Add(StoredReport{"may", "may.txt", Month(5), may});
  std::vector<Finding> f;
  ASSERT_TRUE(CheckCarryover(Month(6), june, &archive, &f).ok());
  EXPECT_TRUE(f.empty()) << (f.empty() ? "" : f[0].message);
}

TEST(CarryoverTest, MismatchPointsToTheUnitAndSuggestsWhenItsRowAgrees) {
  std::vector<Table> june, may;
  Reports(&june, &may);
  // June's Sở Nội vụ (STT 8) "Kỳ trước" read 78 instead of 18: its own row
  // identity breaks, and May's 18 repairs it.
  Table& t = june[0];
  t.rows[7].cells[t.ColumnIndex("received_carryover")] = MakeCell("78");
  // Units matched by name even when written differently.
  may[0].rows[8].unit = "Sở Nông nghiệp và PTNT ";
  MemoryArchive archive;
  archive.Add(StoredReport{"may", "may.txt", Month(5), may});
  std::vector<Finding> f;
  ASSERT_TRUE(CheckCarryover(Month(6), june, &archive, &f).ok());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, FindingKind::kCarryover);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].row, 7);
  EXPECT_EQ(f[0].row_label, "Sở Nội vụ");
  ASSERT_TRUE(f[0].suspect && f[0].suspect->suggested);
  EXPECT_EQ(*f[0].suspect->suggested, 18);
}

// A break between a cell read by OCR and the other period is as likely a
// misreading: a warning that says so. Read by OCR here, the June table
// (pixel boxes), or May's cell as the store gives it back (its confidence).
TEST(CarryoverTest, BreakOnACellReadByOcrIsAWarning) {
  for (int side = 0; side < 2; ++side) {
    std::vector<Table> june, may;
    Reports(&june, &may);
    Table& t = june[0];
    t.rows[7].cells[t.ColumnIndex("received_carryover")] = MakeCell("78");
    if (side == 0) t.box_unit = BoxUnit::kPixels;
    else may[0].rows[7].cells[may[0].ColumnIndex("pending_total")].confidence = 0.91f;
    MemoryArchive archive;
    archive.Add(StoredReport{"may", "may.txt", Month(5), may});
    std::vector<Finding> f;
    ASSERT_TRUE(CheckCarryover(Month(6), june, &archive, &f).ok());
    ASSERT_EQ(f.size(), 1u) << side;
    EXPECT_EQ(f[0].severity, Severity::kWarning) << side;
    EXPECT_EQ(f[0].row, 7);
    EXPECT_NE(f[0].message.find("low-confidence reading"), std::string::npos) << f[0].message;
  }
}

// Departments merged: June no longer lists one unit of May, and another
// unit's "Kỳ trước" takes in its pending. That is an info note naming the
// unit taken in, not a break; an excess that no vanished unit explains still is.
TEST(CarryoverTest, PendingOfAMergedUnitMovesIntoAnotherUnitsCarryover) {
  for (double extra : {0.0, 1.0}) {
    std::vector<Table> june, may;
    Reports(&june, &may);
    Table& t = june[0];
    const int carry = t.ColumnIndex("received_carryover"), total = t.ColumnIndex("received_total");
    const double gone = *may[0].rows[2].cells[may[0].ColumnIndex("pending_total")].value;
    ASSERT_GT(gone, 0);
    const std::string gone_label = may[0].rows[2].unit;
    const double c = *t.rows[4].cells[carry].value + gone + extra;
    const double r = *t.rows[4].cells[total].value + gone + extra;
    t.rows[4].cells[carry] = MakeCell(std::to_string(static_cast<long>(c)));
    t.rows[4].cells[total] = MakeCell(std::to_string(static_cast<long>(r)));
    t.rows.erase(t.rows.begin() + 2);
    MemoryArchive archive;
    archive.Add(StoredReport{"may", "may.txt", Month(5), may});
    std::vector<Finding> f;
    ASSERT_TRUE(CheckCarryover(Month(6), june, &archive, &f).ok());
    ASSERT_EQ(f.size(), 1u) << extra;
    EXPECT_EQ(f[0].row, 3);
    if (extra == 0) {
      EXPECT_EQ(f[0].severity, Severity::kInfo) << f[0].message;
      EXPECT_NE(f[0].message.find("merged"), std::string::npos) << f[0].message;
    } else {
      EXPECT_EQ(f[0].severity, Severity::kError) << f[0].message;
    }
  }
}

// Issue 16: "carry-over not checked" is said, never left to silence, when
// the archive has no report for the period before but an earlier one (a gap);
// the first report of a series has nothing before it and gets no note.
TEST(CarryoverTest, MissingPreviousPeriodIsAnInfoNote) {
  std::vector<Table> june, may;
  Reports(&june, &may);
  MemoryArchive archive;
  archive.Add(StoredReport{"may", "may.txt", Month(5), may});
  std::vector<Finding> f;
  ASSERT_TRUE(CheckCarryover(Month(8), june, &archive, &f).ok());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::kInfo);
  EXPECT_EQ(f[0].column, "received_carryover");
  EXPECT_NE(f[0].message.find("carry-over not checked"), std::string::npos) << f[0].message;
  f.clear();
  ASSERT_TRUE(CheckCarryover(Month(6), june, &archive, &f).ok());
  EXPECT_TRUE(f.empty()) << (f.empty() ? "" : f[0].message);
  f.clear();
  ASSERT_TRUE(CheckCarryover(Month(3), june, &archive, &f).ok());  // nothing before March
  EXPECT_TRUE(f.empty()) << (f.empty() ? "" : f[0].message);
}

TEST(CarryoverTest, NoArchiveNoFinding) {
  std::vector<Table> june, may;
  Reports(&june, &may);
  std::vector<Finding> f;
  EXPECT_TRUE(CheckCarryover(Month(6), june, nullptr, &f).ok());
  EXPECT_TRUE(f.empty());
}

}  // namespace
}  // namespace sohoa
