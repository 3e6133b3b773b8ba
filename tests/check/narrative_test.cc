// Narrative claims of the sample reports: found, matched to the tables,
// checked against their own percentages and against each other.
#include <gtest/gtest.h>

#include "bench/check/table_fixture.h"
#include "pipeline/check/narrative.h"
#include "pipeline/core/files.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

class NarrativeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(CheckSchemas::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &schemas_).ok());
    Status s = NarrativeRules::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &rules_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  static Document Seed(const std::string& name) {
    Document doc;
    doc.pages = PagesFromText(testing::ReadFile(testing::Fixture("seeds/" + name)),
                              WordSource::kPlainText);
    return doc;
  }
  static std::vector<Table> Tables(const std::string& name) {
    std::vector<Table> t;
    EXPECT_TRUE(LoadTableFixture(testing::Fixture("check/" + name), &t).ok());
    return t;
  }
  std::vector<Finding> Check(const Document& doc, const std::vector<Table>& tables) {
    std::vector<Finding> f;
    CheckNarrative(doc, tables, schemas_, rules_, &f);
    return f;
  }
  CheckSchemas schemas_;
  NarrativeRules rules_;
};

std::string Dump(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) out += f.message + "\n";
  return out;
}

std::map<std::string, double> Counts(const std::vector<Claim>& claims) {
  std::map<std::string, double> out;
  for (const Claim& c : claims)
    if (c.count && !out.count(c.key)) out[c.key] = *c.count;
  return out;
}

TEST(FoldForClaimsTest, LowersStripsAndCollapses) {
  EXPECT_EQ(FoldForClaims("  Đã giải quyết <b>10.170</b>  hồ sơ (*chiếm*)"),
            "da giai quyet 10.170 ho so ( chiem )");
}

TEST_F(NarrativeTest, FindsTheClaimsOf000) {
  std::map<std::string, double> c = Counts(rules_.FindClaims(Seed("000_eec36b514c44fab6.txt")));
  EXPECT_EQ(c["received_total"], 12746);
  EXPECT_EQ(c["received_carryover"], 2008);
  EXPECT_EQ(c["received_new"], 10738);
  EXPECT_EQ(c["resolved_total"], 10170);
  EXPECT_EQ(c["resolved_in_time"], 10161);
  EXPECT_EQ(c["resolved_late"], 9);
  EXPECT_EQ(c["pending_total"], 2576);
  EXPECT_EQ(c["pending_ontime"], 2559);
  EXPECT_EQ(c["pending_overdue"], 17);
  EXPECT_EQ(c["returned"], 6);
  EXPECT_EQ(c["online"], 1198);
  EXPECT_EQ(c["ratings_total"], 995);
  int percents = 0;
  for (const Claim& x : rules_.FindClaims(Seed("000_eec36b514c44fab6.txt"))) percents += x.percent.has_value();
  EXPECT_GE(percents, 9);
}

TEST_F(NarrativeTest, SamplesWithTablesAgreeWithThem) {
  EXPECT_TRUE(Check(Seed("000_eec36b514c44fab6.txt"), Tables("000_tables.tsv")).empty())
      << Dump(Check(Seed("000_eec36b514c44fab6.txt"), Tables("000_tables.tsv")));
  EXPECT_TRUE(Check(Seed("002_e06f4918bee2bbad.txt"), Tables("002_tables.tsv")).empty())
      << Dump(Check(Seed("002_e06f4918bee2bbad.txt"), Tables("002_tables.tsv")));
  EXPECT_TRUE(Check(Seed("004_c1665277c84d2c10.txt"), Tables("004_tables.tsv")).empty());
}

TEST_F(NarrativeTest, Sample003OnlineShareContradictsItsOwnFigures) {
  Document doc = Seed("003_fdc46fb5b852ba72.txt");
  std::map<std::string, double> c = Counts(rules_.FindClaims(doc));
  EXPECT_EQ(c["received_total"], 3028);
  EXPECT_EQ(c["online_new"], 119);
  EXPECT_EQ(c["direct_new"], 1952);
  EXPECT_EQ(c["received_carryover"], 957);
  EXPECT_EQ(c["resolved_total"], 2111);
  EXPECT_EQ(c["pending_total"], 917);
  std::vector<Finding> f = Check(doc, {});
  ASSERT_EQ(f.size(), 1u) << Dump(f);
  EXPECT_EQ(f[0].kind, FindingKind::kNarrative);
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_NEAR(*f[0].stated, 0.06, 1e-9);
  EXPECT_NEAR(*f[0].expected, 100.0 * 119 / 3028, 1e-9);
  EXPECT_GT(f[0].line, 0);
  EXPECT_NE(f[0].message.find("0,06"), std::string::npos) << f[0].message;
}

TEST_F(NarrativeTest, ChangedNumberContradictsTheTable) {
  std::string text = testing::ReadFile(testing::Fixture("seeds/000_eec36b514c44fab6.txt"));
  size_t at = text.find("Đã giải quyết 10.170");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("Đã giải quyết 10.170").size(), "Đã giải quyết 10.710");
  Document doc;
  doc.pages = PagesFromText(text, WordSource::kPlainText);
  std::vector<Finding> f = Check(doc, Tables("000_tables.tsv"));
  bool found = false;
  for (const Finding& x : f)
    found |= x.column == "resolved_total" && x.stated == 10710 && x.expected == 10170 &&
             x.suspect && x.suspect->suggested == 10170.0;
  EXPECT_TRUE(found) << Dump(f);
}

TEST_F(NarrativeTest, ClaimsAreCheckedAgainstEachOtherWithoutTables) {
  std::string text = testing::ReadFile(testing::Fixture("seeds/003_fdc46fb5b852ba72.txt"));
  size_t at = text.find("chuyển qua 957");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("chuyển qua 957").size(), "chuyển qua 951");
  Document doc;
  doc.pages = PagesFromText(text, WordSource::kPlainText);
  std::vector<Finding> f = Check(doc, {});
  bool sum = false;
  for (const Finding& x : f) sum |= x.message.find("do not add up") != std::string::npos;
  EXPECT_TRUE(sum) << Dump(f);
}

// Scopes and enumerations, on small texts written here.
class NarrativeScopeTest : public NarrativeTest {
 protected:
  static Document Text(const std::string& text) {
    Document doc;
    doc.pages = PagesFromText(text, WordSource::kPlainText);
    return doc;
  }
  static ReportMeta September2021() {
    ReportMeta meta;
    meta.period_kind = "month";
    meta.period_year = 2021;
    meta.period_index = 9;
    meta.period_determined = true;
    return meta;
  }
  std::vector<Finding> CheckText(const std::string& text) {
    std::vector<Finding> f;
    CheckNarrative(Text(text), September2021(), {}, schemas_, rules_, &f);
    return f;
  }
  static int Count(const std::vector<Finding>& f, Severity s) {
    int n = 0;
    for (const Finding& x : f) n += x.severity == s;
    return n;
  }
};

// Issue 16: "trả trước hạn 6.881 hồ sơ; trả đúng hạn 710 hồ sơ; quá hạn 17
// hồ sơ" was read as "trước hạn và đúng hạn = 710".
TEST_F(NarrativeScopeTest, RegressionEarlyOnTimeLateIsNotInTimeEqualsOnTime) {
  const std::string text =
      "- Số hồ sơ đã giải quyết 7.608 hồ sơ, trong đó: trả trước hạn 6.881 hồ sơ; trả đúng hạn 710 "
      "hồ sơ; quá hạn 17 hồ sơ.\n";
  std::map<std::string, double> c = Counts(rules_.FindClaims(Text(text), September2021()));
  EXPECT_EQ(c["resolved_early"], 6881);
  EXPECT_EQ(c["resolved_ontime"], 710);
  EXPECT_EQ(c["resolved_late"], 17);
  EXPECT_EQ(c.count("resolved_in_time"), 0u);
  EXPECT_TRUE(CheckText(text).empty()) << Dump(CheckText(text));
  // One figure wrong: the sum says so.
  std::string wrong = text;
  wrong.replace(wrong.find("6.881"), 5, "6.981");
  EXPECT_EQ(Count(CheckText(wrong), Severity::kError), 1) << Dump(CheckText(wrong));
}

// A rate between the total and its "trong đó" parts ("đạt tỷ lệ 88,92 %;")
// cut the enumeration off, so a wrong part went unseen; "(kỳ trước 04, mới
// tiếp nhận 16)" is the count carried over, not a period.
TEST_F(NarrativeScopeTest, RateBeforeTrongDoKeepsTheEnumeration) {
  const std::string text =
      "Đã giải quyết xong 11.316 hồ sơ TTHC, đạt tỷ lệ 88,92 %; trong đó giải quyết trước hạn 9824, "
      "đúng hạn 1342, trễ hạn 150 hồ sơ TTHC.\n"
      "- Đối với Sở Nội vụ: tổng số 20 hồ sơ TTHC (kỳ trước 04, mới tiếp nhận 16); đã giải quyết 18 hồ sơ.\n";
  std::vector<Finding> f = CheckText(text);
  EXPECT_TRUE(f.empty()) << Dump(f);
  std::string wrong = text;
  wrong.replace(wrong.find("9824"), 4, "10529");
  EXPECT_EQ(Count(CheckText(wrong), Severity::kError), 1) << Dump(CheckText(wrong));
}

TEST_F(NarrativeScopeTest, DungHanAloneIsInTime) {
  std::map<std::string, double> c = Counts(rules_.FindClaims(
      Text("- Số hồ sơ đã giải quyết 2.111 hồ sơ, trong đó: Trả đúng thời hạn 2.108 hồ sơ; quá hạn 03 "
           "hồ sơ.\n"),
      September2021()));
  EXPECT_EQ(c["resolved_in_time"], 2108);
  EXPECT_EQ(c["resolved_late"], 3);
}

// Issue 29: the quarter's figure was reported as contradicting the month's.
TEST_F(NarrativeScopeTest, RegressionQuarterFigureIsNotTheMonths) {
  const std::string text =
      "1. Kết quả tháng 9/2021\n"
      "Tháng 9/2021, Trung tâm tiếp nhận mới 10.000 hồ sơ; đã giải quyết 9.000 hồ sơ.\n"
      "2. Kết quả quý III/2021\n"
      "Quý III/2021, Trung tâm tiếp nhận mới 31.000 hồ sơ; đã giải quyết 29.500 hồ sơ.\n"
      "3. Lũy kế từ đầu năm\n"
      "- Đã giải quyết 80.000 hồ sơ.\n"
      "- Cùng kỳ năm trước: đã giải quyết 75.000 hồ sơ.\n";
  std::vector<Claim> claims = rules_.FindClaims(Text(text), September2021());
  std::map<double, std::string> period;
  for (const Claim& c : claims)
    if (c.count) period[*c.count] = c.scope.period;
  EXPECT_EQ(period[9000], "month 9/2021");
  EXPECT_EQ(period[29500], "quarter 3/2021");
  EXPECT_EQ(period[80000], "year_to_date");
  EXPECT_EQ(period[75000], "last_year");
  std::vector<Finding> f = CheckText(text);
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
}

// Issue 29: each level's figure was reported as contradicting the total.
TEST_F(NarrativeScopeTest, RegressionLevelFiguresAreNotTheProvinceTotal) {
  const std::string text =
      "Quý III/2021, toàn tỉnh đã tiếp nhận 30.000 hồ sơ, đã giải quyết 28.000 hồ sơ.\n"
      "Với cấp tỉnh, đã giải quyết 9.500 hồ sơ.\n"
      "Với cấp huyện, 12 huyện, thành phố đã giải quyết 8.000 hồ sơ.\n"
      "Với cấp xã, đã giải quyết 10.500 hồ sơ.\n";
  std::vector<Finding> f = CheckText(text);
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
}

// A scale run: each district's line ("+ UBND xã Nam Phương: tiếp nhận 481
// hồ sơ (kỳ trước chuyển sang 337, mới 144); ...") was compared with the
// whole report's figures, an error per figure. An item led by a body's name
// and a colon is about that body.
TEST_F(NarrativeScopeTest, RegressionDistrictItemsAreNotTheWholeReport) {
  const std::string text =
      "- Đã nhận được 2.079 hồ sơ TTHC, trong đó: kỳ trước chuyển sang 366 hồ sơ, tiếp nhận mới "
      "1.713 hồ sơ; đã giải quyết 1.567 hồ sơ.\n"
      "Cụ thể từng đơn vị:\n"
      "+ UBND xã Nam Phương: tiếp nhận 481 hồ sơ (kỳ trước chuyển sang 337, mới 144); đã\n"
      "giải quyết 463 hồ sơ, trong đó trước hạn 41, đúng hạn 397, quá hạn 25.\n"
      "+ Huyện Vĩnh Thạnh: tiếp nhận 1.598 hồ sơ (kỳ trước chuyển sang 29, mới 1.569); đã\n"
      "giải quyết 1.104 hồ sơ.\n";
  std::vector<Claim> claims = rules_.FindClaims(Text(text), September2021());
  std::map<double, std::string> subject;
  for (const Claim& c : claims)
    if (c.count) subject[*c.count] = c.scope.subject;
  EXPECT_EQ(subject[2079], "");
  EXPECT_EQ(subject[481], "body:ubnd xa nam phuong");
  EXPECT_EQ(subject[463], "body:ubnd xa nam phuong");
  EXPECT_EQ(subject[1598], "body:huyen vinh thanh");
  std::vector<Finding> f = CheckText(text);
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
  // The whole report's own figure, changed, is still an error.
  std::string wrong = text;
  wrong.replace(wrong.find("1.713"), 5, "1.813");
  EXPECT_EQ(Count(CheckText(wrong), Severity::kError), 1) << Dump(CheckText(wrong));
  // "Số" folds like "Sở": an item led by "Số hồ sơ ...:" is the whole's.
  const std::string items =
      "- Số hồ sơ từ kỳ trước chuyển qua: 366 hồ sơ;\n"
      "- Số hồ sơ tiếp nhận mới trong kỳ: 1.713 hồ sơ;\n"
      "- Tổng số hồ sơ tiếp nhận: 2.079 hồ sơ.\n";
  for (const Claim& c : rules_.FindClaims(Text(items), September2021())) EXPECT_EQ(c.scope.subject, "");
}

TEST_F(NarrativeScopeTest, LevelsThatDoNotAddUpToTheProvinceAreAnError) {
  const std::string text =
      "Trong tháng 9, toàn tỉnh tổng số hồ sơ tiếp nhận 24.801 hồ sơ TTHC, trong đó: cấp tỉnh 8.049 "
      "hồ sơ TTHC; UBND cấp huyện 7.132 hồ sơ TTHC; cấp xã 9.619 hồ sơ TTHC.\n";
  std::vector<Finding> f = CheckText(text);
  ASSERT_EQ(Count(f, Severity::kError), 1) << Dump(f);
  const Finding& e = f[0];
  EXPECT_EQ(*e.stated, 24801);
  EXPECT_EQ(*e.expected, 24800);
  ASSERT_EQ(e.scopes.size(), 4u);
  EXPECT_EQ(e.scopes[0].subject, "province");
  EXPECT_EQ(e.scopes[1].subject, "level_tinh");
  EXPECT_EQ(e.scopes[2].subject, "level_huyen");
  EXPECT_EQ(e.scopes[3].subject, "level_xa");
  for (const FigureScopeNote& s : e.scopes) EXPECT_EQ(s.period, "month 9/2021");
  std::string fixed = text;
  fixed.replace(fixed.find("24.801"), 6, "24.800");
  EXPECT_EQ(Count(CheckText(fixed), Severity::kError), 0) << Dump(CheckText(fixed));
}

TEST_F(NarrativeScopeTest, FigureAfterAClauseOfAnotherPeriodIsOnlyNoted) {
  // "trong quý III" scopes its clause; what follows is open.
  const std::string text =
      "- Đã giải quyết 3.000 hồ sơ.\n"
      "- Đang giải quyết 500 hồ sơ.\n"
      "- Tiếp nhận mới 3.100 hồ sơ trong quý III, đã giải quyết 2.900 hồ sơ.\n";
  std::vector<Finding> f = CheckText(text);
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
  EXPECT_GE(Count(f, Severity::kInfo), 1) << Dump(f);
}

TEST_F(NarrativeScopeTest, ComparisonFindingsCarryBothScopes) {
  std::vector<Finding> f = CheckText(
      "- Đã giải quyết 3.000 hồ sơ, trong đó trước hạn 2.000 hồ sơ, đúng hạn 900 hồ sơ, quá hạn 90 "
      "hồ sơ.\n");
  ASSERT_EQ(Count(f, Severity::kError), 1) << Dump(f);
  EXPECT_EQ(f[0].scopes.front().role, "total");
  EXPECT_GE(f[0].scopes.size(), 3u);
  for (const FigureScopeNote& s : f[0].scopes) {
    EXPECT_EQ(s.period, "month 9/2021");
    EXPECT_EQ(s.subject, "");
  }
}

TEST_F(NarrativeScopeTest, ApproximateAndRangeFiguresAreNotClaims) {
  std::vector<Claim> claims = rules_.FindClaims(
      Text("- Trung bình mỗi ngày tiếp nhận khoảng 155 - 255 hồ sơ.\n- Đã giải quyết hơn 1.000 hồ "
           "sơ.\n"),
      September2021());
  EXPECT_TRUE(claims.empty());
}

TEST_F(NarrativeScopeTest, CountWithADecimalCommaIsAnError) {
  std::vector<Finding> f = CheckText("- Trung tâm đã nhận được 6,175 hồ sơ TTHC.\n");
  ASSERT_EQ(Count(f, Severity::kError), 1) << Dump(f);
  EXPECT_EQ(*f[0].suspect->suggested, 6175);
}

}  // namespace
}  // namespace sohoa
