// Comparisons with an earlier period in the body text: patterns, the period
// they refer to, and the check against an archive.
#include <gtest/gtest.h>

#include "bench/check/table_fixture.h"
#include "pipeline/check/comparison.h"
#include "pipeline/check/memory_archive.h"
#include "pipeline/check/schema.h"

namespace sohoa {
namespace {

class ComparisonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ComparisonRules::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &rules_).ok());
    ASSERT_TRUE(CheckSchemas::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &schemas_).ok());
  }
  static Document Doc(const std::string& text) {
    Document d;
    d.pages = PagesFromText(text, WordSource::kPlainText);
    return d;
  }
  static ReportMeta Month(int m, int y) {
    ReportMeta meta;
    meta.body = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";  // a report of no known body has no neighbour
    meta.period_determined = true;
    meta.period_kind = "month";
    meta.period_index = m;
    meta.period_year = y;
    return meta;
  }
  static std::vector<Table> Totals(double online, double received) {
    Table t;
    t.id = "PL-I";
    t.schema = "results";
    t.columns = {Column{{}, "received_total"}, Column{{}, "online"}};
    Row total;
    total.unit = "Tổng cộng";
    total.cells = {MakeCell(std::to_string(static_cast<long>(received))),
                   MakeCell(std::to_string(static_cast<long>(online)))};
    t.total = total;
    return {t};
  }
  ComparisonRules rules_;
  CheckSchemas schemas_;
};

TEST_F(ComparisonTest, FindsTheSampleWordingsAndTheirPeriods) {
  Document d = Doc(
      "+ Có 1.198 hồ sơ tiếp nhận qua hình thức trực tuyến (chiếm 9,40% trên tổng\n"
      "số 12.746 hồ sơ, giảm 5,65 % so với tháng 5); hầu hết các đơn vị\n"
      "- Số lượng hồ sơ TTHC tiếp nhận mới thông qua trực tuyến tăng so với tháng\n"
      "trước, chiếm tỷ lệ 0,06% tổng số hồ sơ tiếp nhận.\n");
  std::vector<Comparison> c = rules_.Find(d);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].key, "online");
  EXPECT_EQ(c[0].direction, -1);
  ASSERT_TRUE(c[0].amount.has_value());
  EXPECT_DOUBLE_EQ(*c[0].amount, 5.65);
  EXPECT_EQ(c[0].line, 2);
  EXPECT_EQ(PeriodsBack(c[0], Month(6, 2020)), 1);
  EXPECT_EQ(PeriodsBack(c[0], Month(1, 2021)), 8);  // May of the year before
  EXPECT_EQ(c[1].direction, 1);
  EXPECT_FALSE(c[1].amount.has_value());
  EXPECT_EQ(PeriodsBack(c[1], Month(10, 2019)), 1);
  Comparison same_period{"online", 1, 12.0, 0, "cung ky nam truoc", "year", 0, "", 0, 0};
  EXPECT_EQ(PeriodsBack(same_period, Month(10, 2019)), 12);
}

TEST_F(ComparisonTest, CheckedAgainstTheEarlierReportOnlyWhenItIsThere) {
  Document d = Doc("Có 1.198 hồ sơ tiếp nhận qua hình thức trực tuyến (chiếm 9,40%, giảm 5,65 % so với tháng 5).\n");
  std::vector<Table> june = Totals(1198, 12746);
  MemoryArchive archive;
  std::vector<Finding> f;
  ASSERT_TRUE(CheckComparisons(d, Month(6, 2020), june, &archive, schemas_, rules_, &f).ok());
  EXPECT_TRUE(f.empty());  // May not available: nothing said
  archive.Add(StoredReport{"m4", "april.txt", Month(4, 2020), Totals(5000, 12000)});
  ASSERT_TRUE(CheckComparisons(d, Month(6, 2020), june, &archive, schemas_, rules_, &f).ok());
  EXPECT_TRUE(f.empty());  // April is not the month referred to
  archive.Add(StoredReport{"m5", "may.txt", Month(5, 2020), Totals(1834, 12183)});
  ASSERT_TRUE(CheckComparisons(d, Month(6, 2020), june, &archive, schemas_, rules_, &f).ok());
  EXPECT_TRUE(f.empty());  // 15,05% -> 9,40%: 5,65 points less
  Document up = Doc("Có 1.198 hồ sơ tiếp nhận qua hình thức trực tuyến (chiếm 9,40%, tăng 5,65 % so với tháng 5).\n");
  ASSERT_TRUE(CheckComparisons(up, Month(6, 2020), june, &archive, schemas_, rules_, &f).ok());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, FindingKind::kNarrative);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].line, 1);
  // A relative change of the count also fits: 1.834 -> 1.198 is 34,68% less.
  Document count = Doc("Có 1.198 hồ sơ tiếp nhận qua hình thức trực tuyến, giảm 34,7% so với tháng trước.\n");
  f.clear();
  ASSERT_TRUE(CheckComparisons(count, Month(6, 2020), june, &archive, schemas_, rules_, &f).ok());
  EXPECT_TRUE(f.empty()) << f[0].message;
}

TEST_F(ComparisonTest, BadRulesAreErrors) {
  ComparisonRules r;
  EXPECT_FALSE(ComparisonRules::Parse("ref\t-x\tthang truoc\n", "t", &r).ok());
  EXPECT_FALSE(ComparisonRules::Parse("ref\tmonth\tthang \\d+\n", "t", &r).ok());  // no (?P<m>)
  EXPECT_FALSE(ComparisonRules::Parse("compare\tonline\ttruc tuyen {X}%\n", "t", &r).ok());
  EXPECT_FALSE(ComparisonRules::Parse("ref\t-1\t(unclosed\n", "t", &r).ok());
  EXPECT_TRUE(ComparisonRules::Parse("ref\t-1\tthang truoc\nword\tup\ttang\n"
                                     "compare\tonline\ttruc tuyen {DIR} so voi {REF}\n", "t", &r).ok());
}

}  // namespace
}  // namespace sohoa
