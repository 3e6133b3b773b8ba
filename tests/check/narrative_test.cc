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
  std::vector<Finding> CheckText(const std::string& text, const std::vector<Table>& tables = {}) {
    std::vector<Finding> f;
    CheckNarrative(Text(text), September2021(), tables, schemas_, rules_, &f);
    return f;
  }
  std::map<double, FigureScope> ScopeByCount(const std::string& text) {
    std::map<double, FigureScope> out;
    for (const Claim& c : rules_.FindClaims(Text(text), September2021()))
      if (c.count && !out.count(*c.count)) out[*c.count] = c.scope;
    return out;
  }
  // A results table: one row per unit, then the total row.
  static Table Results(const std::vector<std::pair<std::string, std::vector<double>>>& rows,
                       const std::vector<double>& total) {
    Table t;
    t.id = "PL-I";
    t.schema = "results";
    for (const char* k : {"received_total", "resolved_total", "resolved_early", "resolved_ontime",
                          "resolved_late"}) {
      Column c;
      c.key = k;
      c.header = {k};
      t.columns.push_back(c);
    }
    auto row = [](const std::string& unit, const std::vector<double>& v) {
      Row r;
      r.unit = unit;
      for (double x : v) {
        Cell c;
        c.value = x;
        r.cells.push_back(c);
      }
      return r;
    };
    for (const auto& [unit, v] : rows) t.rows.push_back(row(unit, v));
    t.total = row("Tổng cộng", total);
    return t;
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
  // A September report's "lũy kế từ đầu năm" is the nine months.
  EXPECT_EQ(period[80000], "nine_months/2021");
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

// A lead-in about the whole province ("Trong tháng, toàn tỉnh tiếp nhận
// ...") goes on for the items after it; a comparison with last year ends
// with its own item. Both were left unclear, so nothing after them was
// checked.
TEST_F(NarrativeScopeTest, ProvinceLeadInGoesOnAndLastYearDoesNot) {
  const std::string text =
      "1. Kết quả trong kỳ báo cáo\n"
      "Trong tháng, toàn tỉnh tiếp nhận 30.898 hồ sơ (số tồn kỳ trước: 3.008; số mới tiếp nhận: 27.890).\n"
      "+ Đã giải quyết 23.654 hồ sơ; trong đó trước hạn 19.781 hồ sơ, đúng hạn 3.604 hồ sơ, trễ hạn 269 "
      "hồ sơ.\n"
      "So với cùng kỳ năm trước (26.837 hồ sơ), số hồ sơ mới tiếp nhận tăng 1.053 hồ sơ.\n"
      "- Số hồ sơ đang giải quyết: 7.244 hồ sơ (trong hạn 7.076, quá hạn 168).\n";
  std::map<double, FigureScope> s = ScopeByCount(text);
  for (double v : {23654.0, 19781.0, 7244.0, 7076.0}) {
    EXPECT_TRUE(s[v].clear) << v << ": " << s[v].why;
    EXPECT_EQ(s[v].subject, "province") << v;
    EXPECT_EQ(s[v].period, "month 9/2021") << v;
  }
  EXPECT_EQ(Count(CheckText(text), Severity::kError), 0) << Dump(CheckText(text));
  std::string wrong = text;
  wrong.replace(wrong.find("7.076"), 5, "7.176");
  EXPECT_EQ(Count(CheckText(wrong), Severity::kError), 1) << Dump(CheckText(wrong));
}

// "Tính từ ngày 01/01/2021 đến ngày 30/9/2021" in a September report is the
// year to date, as "Lũy kế từ đầu năm" and "lũy kế 9 tháng" are.
TEST_F(NarrativeScopeTest, RangeFromTheFirstOfJanuaryIsTheYearToDate) {
  std::map<double, FigureScope> s = ScopeByCount(
      "1. Lũy kế từ đầu năm\n"
      "Tính từ ngày 01/01/2021 đến ngày 30/9/2021, Trung tâm đã tiếp nhận mới 103.631 hồ sơ.\n"
      "- Tổng số hồ sơ tiếp nhận lũy kế 9 tháng năm 2021: 101.536 hồ sơ.\n"
      "- Số hồ sơ đã giải quyết 99.532 hồ sơ.\n");
  EXPECT_EQ(s[103631].period, "nine_months/2021");
  EXPECT_EQ(s[99532].period, "nine_months/2021");
  EXPECT_TRUE(s[99532].clear) << s[99532].why;
}

// A narrative figure of one body or level is checked against its own row of
// the appendix, and the levels' check names the one figure no cell confirms.
TEST_F(NarrativeScopeTest, BodyAndLevelFiguresAreCheckedAgainstTheirRows) {
  Table units = Results({{"Sở Tư pháp", {200, 150, 100, 45, 5}},
                         {"Sở Tài nguyên và Môi trường", {65, 48, 46, 2, 0}}},
                        {265, 198, 146, 47, 5});
  const std::string text =
      "Đối với Sở Tài nguyên và Môi trường: tổng số 65 hồ sơ (kỳ trước 05, mới tiếp nhận 60); đã giải "
      "quyết 48 hồ sơ.\n";
  EXPECT_EQ(Count(CheckText(text, {units}), Severity::kError), 0) << Dump(CheckText(text, {units}));
  std::string wrong = text;
  wrong.replace(wrong.find("48 hồ sơ"), 2, "148");
  std::vector<Finding> f = CheckText(wrong, {units});
  ASSERT_EQ(Count(f, Severity::kError), 1) << Dump(f);
  EXPECT_EQ(*f[0].stated, 148);
  EXPECT_EQ(*f[0].suspect->suggested, 48);

  Table levels = Results({{"Các sở, ban, ngành cấp tỉnh", {15000, 12779, 8000, 4779, 0}},
                          {"Cấp huyện", {17000, 16732, 9000, 7732, 0}},
                          {"UBND các xã, phường, thị trấn", {18000, 17142, 10000, 7142, 0}}},
                         {50000, 46653, 27000, 19653, 0});
  const std::string by_level =
      "Trong tháng, toàn tỉnh đã trả kết quả 46.653 hồ sơ (các sở, ban, ngành cấp tỉnh 12.778; cấp "
      "huyện 16.732; cấp xã 17.142).\n";
  f = CheckText(by_level, {levels});
  ASSERT_GE(Count(f, Severity::kError), 1) << Dump(f);
  for (const Finding& x : f)
    if (x.severity == Severity::kError) {
      EXPECT_EQ(*x.stated, 12778) << Dump(f);
      EXPECT_EQ(*x.expected, 12779) << Dump(f);
    }
}

// Rates with a decimal point ("đạt 94.76%") and x/y rates were not read.
TEST_F(NarrativeScopeTest, RatesWithADecimalPointAndXOverY) {
  const std::string text =
      "- Số hồ sơ giải quyết đúng hạn và trước hạn là 324.346/324.378 hồ sơ, đạt 99.99%; trễ hạn 32 hồ "
      "sơ.\n"
      "+ Có 6.946 hồ sơ tiếp nhận qua hình thức trực tuyến (chiếm 20.1 % trên tổng số 34607 hồ sơ).\n";
  EXPECT_EQ(Count(CheckText(text), Severity::kError), 0) << Dump(CheckText(text));
  for (auto [from, to, stated] : {std::tuple{"99.99", "94.76", 94.76}, {"20.1 ", "13.5 ", 13.5}}) {
    std::string wrong = text;
    wrong.replace(wrong.find(from), std::string(from).size(), to);
    std::vector<Finding> f = CheckText(wrong);
    ASSERT_EQ(Count(f, Severity::kError), 1) << Dump(f);
    EXPECT_NEAR(*f[0].stated, stated, 1e-9) << Dump(f);
  }
}

// Items with the number first ("(60.610 hồ sơ trả kết quả trước hạn; ...)")
// and new files by channel (trực tiếp + bưu chính + trực tuyến).
TEST_F(NarrativeScopeTest, NumberFirstItemsAndChannels) {
  const std::string text =
      "- Kết quả: đã trả kết quả 73.257 hồ sơ (60.610 hồ sơ trả kết quả trước hạn; 12.379 hồ sơ đúng "
      "hạn; 268 hồ sơ quá hạn).\n"
      "+ Số hồ sơ tiếp nhận mới là 6848 hồ sơ, trong đó: tiếp nhận trực tiếp 4868 hồ sơ, qua dịch vụ "
      "bưu chính công ích 218 hồ sơ, tiếp nhận trực tuyến 1762 hồ sơ.\n";
  std::map<std::string, double> c = Counts(rules_.FindClaims(Text(text), September2021()));
  EXPECT_EQ(c["resolved_early"], 60610);
  EXPECT_EQ(c["resolved_ontime"], 12379);
  EXPECT_EQ(c["resolved_late"], 268);
  EXPECT_EQ(c["postal"], 218);
  EXPECT_EQ(Count(CheckText(text), Severity::kError), 0) << Dump(CheckText(text));
  for (auto [from, to] : {std::pair{"60.610", "60.620"}, {" 218 ", " 18 "}}) {
    std::string wrong = text;
    wrong.replace(wrong.find(from), std::string(from).size(), to);
    EXPECT_EQ(Count(CheckText(wrong), Severity::kError), 1) << from << "\n" << Dump(CheckText(wrong));
  }
}

// A rate over a total named only in words, in an item under the province's
// heading, may be over the issuer's own total: checked against any stated
// figure of that total, else only noted.
TEST_F(NarrativeScopeTest, RatingsRateUnderTheProvinceHeadingIsNotAnError) {
  const std::string text =
      "1. Kết quả tại Trung tâm\n"
      "- Số hồ sơ giải quyết đúng hạn và trước hạn là 12.017/12.094 hồ sơ, đạt 99,36%; trễ hạn 77 hồ sơ.\n"
      "2. Tình hình giải quyết TTHC trên địa bàn tỉnh\n"
      "Trong tháng, toàn tỉnh đã giải quyết 43.429 hồ sơ.\n"
      "- Có 1.425 ý kiến đánh giá của tổ chức, cá nhân thông qua máy đánh giá mức độ hài lòng (chiếm "
      "11,78% hồ sơ đã giải quyết).\n";
  EXPECT_EQ(Count(CheckText(text), Severity::kError), 0) << Dump(CheckText(text));
  std::string unstated = text;
  unstated.erase(unstated.find("- Số hồ sơ giải quyết"), unstated.find("2. Tình") - unstated.find("- Số hồ sơ giải quyết"));
  std::vector<Finding> f = CheckText(unstated);
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
  EXPECT_GE(Count(f, Severity::kInfo), 1) << Dump(f);
}

// A sum broken through a figure the text does not state: the finding states
// a stated figure, not the derived one.
TEST_F(NarrativeScopeTest, BrokenSumStatesAStatedFigure) {
  std::vector<Finding> f = CheckText(
      "Đã giải quyết xong 11.316 hồ sơ TTHC, đạt tỷ lệ 88,92 %; trong đó giải quyết trước hạn 10529, "
      "đúng hạn 1342, trễ hạn 150 hồ sơ TTHC.\n");
  ASSERT_EQ(Count(f, Severity::kError), 1) << Dump(f);
  EXPECT_EQ(*f[0].stated, 11316) << Dump(f);
}

// A block of another period under a lead-in ("Về kết quả lũy kế từ đầu
// năm:", "2. Kết quả từ ngày 01/01/2021 đến nay") with an a)/b)/c) list whose
// items say "trong kỳ", and last year's figures in a parenthesis after "so
// với cùng kỳ năm trước": none of them is the month's.
TEST_F(NarrativeScopeTest, OtherPeriodBlocksAndLastYearInParentheses) {
  const std::string text =
      "1. Kết quả tháng 9\n"
      "a) Công tác tiếp nhận, giải quyết hồ sơ\n"
      "Trung tâm đã nhận được 1.574 hồ sơ, trong đó: kỳ trước chuyển sang 258 hồ sơ, tiếp nhận mới "
      "1.316 hồ sơ.\n"
      "- Số hồ sơ đã giải quyết 1.295 hồ sơ.\n"
      "Về kết quả lũy kế từ đầu năm 2021:\n"
      "a) Tiếp nhận: tổng số hồ sơ tiếp nhận trong kỳ: 4.449 hồ sơ.\n"
      "b) Giải quyết: đã giải quyết 3.699 hồ sơ.\n"
      "c) Đang giải quyết: 750 hồ sơ.\n"
      "So với cùng kỳ năm trước (tiếp nhận 1.229 hồ sơ, đã giải quyết 1.124 hồ sơ), số hồ sơ tiếp nhận "
      "tăng 28,1%.\n"
      "2. Kết quả từ ngày 01/01/2021 đến nay\n"
      "- Đã giải quyết 3.699 hồ sơ.\n";
  std::map<double, FigureScope> s = ScopeByCount(text);
  EXPECT_EQ(s[1295].period, "month 9/2021");
  EXPECT_EQ(s[3699].period, "nine_months/2021") << s[3699].why;
  EXPECT_EQ(s[750].period, "nine_months/2021") << s[750].why;
  EXPECT_EQ(s[1229].period, "last_year");
  EXPECT_EQ(s[1124].period, "last_year");
  std::vector<Finding> f = CheckText(text);
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
}

// The files returned or withdrawn, when the text counts them, are a third
// part of the files received; when it does not (or the appendix does not),
// received = resolved + pending.
TEST_F(NarrativeScopeTest, ReturnedFilesAreAThirdPartOnlyWhenTheTextSaysSo) {
  const std::string with =
      "- Trung tâm đã nhận được 13.449 hồ sơ.\n"
      "- Số hồ sơ đã giải quyết 11.315 hồ sơ.\n"
      "- Số hồ sơ đang giải quyết 2.117 hồ sơ.\n"
      "- Số hồ sơ trả lại, công dân rút hồ sơ: 17 (mười bảy) hồ sơ.\n";
  EXPECT_EQ(Count(CheckText(with), Severity::kError), 0) << Dump(CheckText(with));
  const std::string apart =
      "- Trung tâm đã nhận được 13.432 hồ sơ.\n"
      "- Số hồ sơ đã giải quyết 11.315 hồ sơ.\n"
      "- Số hồ sơ đang giải quyết 2.117 hồ sơ.\n"
      "+ Có 19 hồ sơ bị trả lại do nội dung chưa đạt yêu cầu.\n";
  EXPECT_EQ(Count(CheckText(apart), Severity::kError), 0) << Dump(CheckText(apart));
  std::string wrong = with;
  wrong.replace(wrong.find("2.117"), 5, "2.171");
  EXPECT_GE(Count(CheckText(wrong), Severity::kError), 1) << Dump(CheckText(wrong));
}

// Communes listed one by one with their verbs are bodies, not the whole.
TEST_F(NarrativeScopeTest, CommunesListedWithTheirVerbsAreBodies) {
  const std::string text =
      "- Toàn huyện đã tiếp nhận 1.640 hồ sơ.\n"
      "Kết quả cụ thể tại cấp xã: xã Thiện Mỹ tiếp nhận 627 hồ sơ; xã Thanh Nguyên tiếp nhận 632 hồ "
      "sơ.\n"
      "+ Đối với UBND xã Đồng Hóa: đã tiếp nhận 381 hồ sơ, giải quyết 300 hồ sơ.\n";
  std::map<double, FigureScope> s = ScopeByCount(text);
  EXPECT_EQ(s[627].subject.rfind("body:", 0), 0u) << s[627].subject;
  EXPECT_EQ(s[632].subject.rfind("body:", 0), 0u) << s[632].subject;
  EXPECT_EQ(s[381].subject.rfind("body:", 0), 0u) << s[381].subject;
  EXPECT_EQ(Count(CheckText(text), Severity::kError), 0) << Dump(CheckText(text));
}

// A report whose title is about the whole province ("... trên địa bàn tỉnh
// quý 3/2019") has the province as its whole: its unmarked figures are the
// total the levels add up to.
TEST_F(NarrativeScopeTest, TitleOnTheProvinceMakesItTheWhole) {
  const std::string text =
      "Tình hình, kết quả giải quyết thủ tục hành chính trên địa bàn tỉnh tháng 9/2021\n"
      "- Số hồ sơ đã giải quyết 21.897 hồ sơ.\n"
      "Số hồ sơ đã giải quyết là 21.897 hồ sơ (cấp tỉnh 7.665; cấp huyện 6.070; cấp xã 8.162).\n";
  std::map<double, FigureScope> s = ScopeByCount(text);
  EXPECT_EQ(s[21897].subject, "province");
  EXPECT_EQ(Count(CheckText(text), Severity::kError), 0) << Dump(CheckText(text));
  std::string wrong = text;
  wrong.replace(wrong.find("7.665"), 5, "3.665");
  std::vector<Finding> f = CheckText(wrong);
  ASSERT_EQ(Count(f, Severity::kError), 1) << Dump(f);
  // 21.897 is stated twice, so confirmed: one of the levels is wrong, and
  // the text does not say which.
  EXPECT_EQ(*f[0].stated, 21897) << Dump(f);
  EXPECT_NE(f[0].message.find("one of the levels is wrong"), std::string::npos) << Dump(f);
  // A centre's report keeps its own whole.
  std::map<double, FigureScope> centre = ScopeByCount(
      "Kết quả hoạt động tại Trung tâm Phục vụ hành chính công tháng 9/2021\n"
      "- Số hồ sơ đã giải quyết 21.897 hồ sơ.\n");
  EXPECT_EQ(centre[21897].subject, "");
}


// Issue 16 (archive_b): a text figure measured against an appendix whose
// columns were read under other keys (a pdftotext header misread) sits in
// the total row under another column: a warning that says so, not an error
// blaming the text. A figure found nowhere in the row stays an error.
TEST_F(NarrativeScopeTest, FigureUnderAnotherColumnOfTheTotalRowIsNoError) {
  // The resolved and received columns swapped in the reading.
  Table t = Results({{"Sở Y tế", {900, 1000, 600, 280, 20}}}, {900, 1000, 600, 280, 20});
  std::vector<Finding> f = CheckText("Trong tháng 9/2021, Trung tâm đã giải quyết 900 hồ sơ.\n", {t});
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
  ASSERT_EQ(Count(f, Severity::kWarning), 1) << Dump(f);
  EXPECT_NE(f[0].message.find("other keys"), std::string::npos) << f[0].message;
  f = CheckText("Trong tháng 9/2021, Trung tâm đã giải quyết 950 hồ sơ.\n", {t});
  EXPECT_EQ(Count(f, Severity::kError), 1) << Dump(f);
}

// Figures read by OCR (the text's page, or the appendix's) may be misread as
// likely as misstated: the mismatch is a warning naming the low confidence.
TEST_F(NarrativeScopeTest, FiguresReadByOcrAreNoError) {
  Table t = Results({{"Sở Y tế", {1000, 900, 600, 280, 20}}}, {1000, 900, 600, 280, 20});
  const std::string text = "Trong tháng 9/2021, Trung tâm đã giải quyết 960 hồ sơ.\n";
  Document plain = Text(text);
  std::vector<Finding> f;
  CheckNarrative(plain, September2021(), {t}, schemas_, rules_, &f);
  EXPECT_EQ(Count(f, Severity::kError), 1) << Dump(f);
  Document scanned = Text(text);
  for (Page& p : scanned.pages) p.source = WordSource::kOcr;
  f.clear();
  CheckNarrative(scanned, September2021(), {t}, schemas_, rules_, &f);
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
  ASSERT_EQ(Count(f, Severity::kWarning), 1) << Dump(f);
  EXPECT_NE(f[0].message.find("low-confidence reading"), std::string::npos) << f[0].message;
  Table ocr_table = t;
  ocr_table.box_unit = BoxUnit::kPixels;
  f.clear();
  CheckNarrative(plain, September2021(), {ocr_table}, schemas_, rules_, &f);
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
  EXPECT_EQ(Count(f, Severity::kWarning), 1) << Dump(f);
}

// False errors of a second narr2 set (seed 5252): "năm ngoái" is last year;
// a "•" or "-" item led by a district or commune is that body's; a heading
// "2. Kết quả năm 2019" names the year; the year to date of a month from
// the 16th to the 15th is not the quarter.
TEST_F(NarrativeScopeTest, RegressionLastYearBulletsYearHeadingAndShiftedMonths) {
  const std::string text =
      "1. Kết quả tháng 9\n"
      "- Số hồ sơ đã giải quyết 3.058 hồ sơ; đang giải quyết 439 hồ sơ.\n"
      "• UBND huyện Châu Thành: tiếp nhận 567 hồ sơ; đã giải quyết 424 hồ sơ; đang giải quyết 143 hồ sơ.\n"
      "- UBND thị trấn Phú Lộc tiếp nhận 828 hồ sơ, đã giải quyết 642 hồ sơ.\n"
      "So với cùng kỳ năm ngoái (tiếp nhận 934 hồ sơ, đã giải quyết 710 hồ sơ), số hồ sơ tiếp nhận tăng "
      "5,2%.\n"
      "2. Kết quả năm 2021\n"
      "- Số hồ sơ đã giải quyết 23.501 hồ sơ.\n";
  std::map<double, FigureScope> s = ScopeByCount(text);
  EXPECT_EQ(s[424].subject.rfind("body:", 0), 0u) << s[424].subject;
  EXPECT_EQ(s[642].subject.rfind("body:", 0), 0u) << s[642].subject;
  EXPECT_EQ(s[710].period, "last_year");
  EXPECT_EQ(s[23501].period, "year/2021");
  EXPECT_EQ(Count(CheckText(text), Severity::kError), 0) << Dump(CheckText(text));
  // The whole's own figure, stated twice and changed once, is still an error.
  std::string wrong = text;
  wrong.replace(wrong.find("439"), 3, "493");
  wrong.replace(wrong.find("• UBND"), 0, "- Đang giải quyết 439 hồ sơ.\n");
  EXPECT_EQ(Count(CheckText(wrong), Severity::kError), 1) << Dump(CheckText(wrong));

  ReportMeta shifted;
  shifted.period_kind = "month";
  shifted.period_year = 2019;
  shifted.period_index = 3;
  shifted.period_from = "2019-02-16";
  shifted.period_to = "2019-03-15";
  shifted.period_determined = true;
  const std::string blocks =
      "2. Kết quả từ ngày 01/01/2019 đến nay\n"
      "- Đã giải quyết 16.182 hồ sơ.\n"
      "3. Kết quả quý 1/2019\n"
      "- Đã giải quyết 18.585 hồ sơ.\n";
  std::map<double, std::string> period;
  for (const Claim& c : rules_.FindClaims(Text(blocks), shifted))
    if (c.count) period[*c.count] = c.scope.period;
  EXPECT_EQ(period[16182], "year_to_date");
  EXPECT_EQ(period[18585], "quarter 1/2019");
  // Under a "lũy kế" heading, an item naming the span ("Lũy kế 3 tháng ...")
  // is that span, not unclear.
  const std::string span =
      "3. Lũy kế từ đầu năm\n"
      "Lũy kế quý 1/2019, tổng số 9.000 hồ sơ.\n"
      "- Đã giải quyết 8.000 hồ sơ.\n";
  int read = 0;
  for (const Claim& c : rules_.FindClaims(Text(span), shifted)) {
    if (!c.count || *c.count != 8000) continue;
    ++read;
    EXPECT_TRUE(c.scope.clear) << c.scope.why;
    EXPECT_EQ(c.scope.period, "quarter 1/2019");
  }
  EXPECT_EQ(read, 1);
  std::vector<Finding> f;
  CheckNarrative(Text(blocks), shifted, {}, schemas_, rules_, &f);
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
}

// A figure stated again under another numbered heading whose period no
// marker names may be of another period: a note, not an error; under one
// heading it is still an error.
TEST_F(NarrativeScopeTest, RepeatedFigureUnderAnUnnamedHeadingIsOnlyNoted) {
  const std::string text =
      "1. Kết quả thực hiện\n"
      "- Số hồ sơ đã giải quyết 8.346 hồ sơ.\n"
      "2. Kết quả chung\n"
      "- Số hồ sơ đã giải quyết 23.501 hồ sơ.\n";
  std::vector<Finding> f = CheckText(text);
  EXPECT_EQ(Count(f, Severity::kError), 0) << Dump(f);
  EXPECT_EQ(Count(f, Severity::kInfo), 1) << Dump(f);
  const std::string one =
      "1. Kết quả thực hiện\n"
      "- Số hồ sơ đã giải quyết 8.346 hồ sơ.\n"
      "- Số hồ sơ đã giải quyết 23.501 hồ sơ.\n";
  EXPECT_EQ(Count(CheckText(one), Severity::kError), 1) << Dump(CheckText(one));
}

// The a)/b)/c) style with one item a line ("b) Giải quyết: đã giải quyết N
// hồ sơ, gồm:" then "• Trước hạn: A hồ sơ"), counts in parentheses without
// "hồ sơ" ("đã giải quyết 3.058 (1.910 trước hạn, ...)", "mới 3.036") and
// the on-time rate in its usual words: read, and a wrong one found.
TEST_F(NarrativeScopeTest, BulletListsCountsInParenthesesAndOnTimeRates) {
  const std::string list =
      "a) Tiếp nhận: tổng số hồ sơ tiếp nhận trong kỳ: 7.239 hồ sơ.\n"
      "   + Từ kỳ trước chuyển sang: 1.053\n"
      "   + Tiếp nhận mới trong kỳ: 6.186 (trực tuyến: 2.510; trực tiếp: 3.661; qua dịch vụ bưu chính "
      "công ích: 15)\n"
      "b) Giải quyết: đã giải quyết 6.089 hồ sơ, gồm:\n"
      "   • Trước hạn: 4.693 hồ sơ\n"
      "   • Đúng hạn: 1.374 hồ sơ\n"
      "   • Quá hạn: 22 hồ sơ\n"
      "   Tỷ lệ giải quyết đúng hạn (kể cả trước hạn) đạt 99,64 %.\n"
      "c) Đang giải quyết: 1.150 hồ sơ.\n";
  std::map<std::string, double> c = Counts(rules_.FindClaims(Text(list), September2021()));
  EXPECT_EQ(c["received_total"], 7239);
  EXPECT_EQ(c["received_carryover"], 1053);
  EXPECT_EQ(c["received_new"], 6186);
  EXPECT_EQ(c["online_new"], 2510);
  EXPECT_EQ(c["postal"], 15);
  EXPECT_EQ(c["resolved_early"], 4693);
  EXPECT_EQ(c["resolved_ontime"], 1374);
  EXPECT_EQ(c["resolved_late"], 22);
  EXPECT_EQ(Count(CheckText(list), Severity::kError), 0) << Dump(CheckText(list));
  for (const char* wrong_figure : {"1.053", "4.693", "99,64", "3.661"}) {
    std::string wrong = list;
    size_t at = wrong.find(wrong_figure);
    wrong.replace(at, 1, wrong[at] == '9' ? "8" : "9");
    EXPECT_GE(Count(CheckText(wrong), Severity::kError), 1) << wrong_figure << "\n" << Dump(CheckText(wrong));
  }
  const std::string compact =
      "+ Sáu tháng đầu năm 2021, trên địa bàn tỉnh tiếp nhận 3.497 hồ sơ (kỳ trước chuyển sang 461, "
      "mới 3.036), đã giải quyết 3.058 (1.910 trước hạn, 1.091 đúng hạn, 57 quá hạn), đang giải quyết "
      "439; tỷ lệ giải quyết trước và đúng hạn đạt 98,1%. Đã giải quyết 3.058 hồ sơ, đạt tỷ lệ 87,4%; trong đó giải quyết trước và đúng hạn 3.001 hồ "
      "sơ (tỷ lệ 98,14%), trễ hạn 57 hồ sơ.\n";
  std::vector<Claim> claims = rules_.FindClaims(Text(compact), September2021());
  c = Counts(claims);
  EXPECT_EQ(c["received_new"], 3036);
  EXPECT_EQ(c["resolved_total"], 3058);
  EXPECT_EQ(c["resolved_early"], 1910);
  EXPECT_EQ(c["pending_total"], 439);
  for (const Claim& x : claims) EXPECT_EQ(x.scope.period, "half 1/2021") << x.key;
  EXPECT_EQ(Count(CheckText(compact), Severity::kError), 0) << Dump(CheckText(compact));
  for (const char* wrong_figure : {"98,1%", "1.910", "98,14"}) {
    std::string wrong = compact;
    wrong.replace(wrong.find(wrong_figure), 2, "90");
    EXPECT_GE(Count(CheckText(wrong), Severity::kError), 1) << wrong_figure << "\n" << Dump(CheckText(wrong));
  }
}

}  // namespace
}  // namespace sohoa