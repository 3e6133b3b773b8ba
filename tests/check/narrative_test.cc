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

}  // namespace
}  // namespace sohoa
