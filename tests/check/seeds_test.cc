// The whole check stage on the sample reports as the tables stage parses
// them (no typed-in tables): the consistent appendices give no finding, and
// the Hà Nam report's 0,06% online share is flagged.
#include <gtest/gtest.h>

#include "pipeline/check/check.h"
#include "pipeline/tables/tables.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

struct Checked {
  std::vector<Table> tables;
  std::vector<Finding> findings;
};

Checked CheckSeed(const std::string& name) {
  Document doc;
  doc.path = name;
  doc.pages = PagesFromText(testing::ReadFile(testing::Fixture("seeds/" + name)),
                            WordSource::kPlainText);
  Checked out;
  TableOptions to;
  to.dictionaries_dir = SOHOA_DICTIONARIES_DIR_FOR_TESTS;
  EXPECT_TRUE(ParseTables(doc, to, &out.tables, &out.findings).ok());
  out.findings.clear();  // parse findings are the tables stage's business
  CheckOptions co;
  co.dictionaries_dir = SOHOA_DICTIONARIES_DIR_FOR_TESTS;
  EXPECT_TRUE(CheckDocument(doc, ReportMeta(), out.tables, nullptr, co, &out.findings).ok());
  return out;
}

std::string Dump(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) out += std::string(SeverityName(f.severity)) + ": " + f.message + "\n";
  return out;
}

TEST(SeedsCheckTest, ConsistentSamplesGiveNoFinding) {
  for (const char* name : {"000_eec36b514c44fab6.txt", "002_e06f4918bee2bbad.txt",
                           "004_c1665277c84d2c10.txt"}) {
    Checked c = CheckSeed(name);
    EXPECT_FALSE(c.tables.empty()) << name;
    EXPECT_TRUE(c.findings.empty()) << name << "\n" << Dump(c.findings);
  }
}

TEST(SeedsCheckTest, Sample003ZeroPointZeroSixPercentIsFlagged) {
  Checked c = CheckSeed("003_fdc46fb5b852ba72.txt");
  ASSERT_EQ(c.findings.size(), 1u) << Dump(c.findings);
  EXPECT_EQ(c.findings[0].kind, FindingKind::kNarrative);
  EXPECT_EQ(c.findings[0].severity, Severity::kError);
  EXPECT_NEAR(*c.findings[0].stated, 0.06, 1e-9);
}

TEST(SeedsCheckTest, OneMisreadCellInAParsedTableIsRepaired) {
  std::string text = testing::ReadFile(testing::Fixture("seeds/000_eec36b514c44fab6.txt"));
  // Sở Tư pháp's row: "Đã giải quyết" 398 misread as 393.
  const std::string row = "12 Sở Tư pháp 608 140 468 398 392";
  size_t at = text.find(row);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, row.size(), "12 Sở Tư pháp 608 140 468 393 392");
  Document doc;
  doc.pages = PagesFromText(text, WordSource::kPlainText);
  std::vector<Table> tables;
  std::vector<Finding> findings;
  TableOptions to;
  to.dictionaries_dir = SOHOA_DICTIONARIES_DIR_FOR_TESTS;
  ASSERT_TRUE(ParseTables(doc, to, &tables, &findings).ok());
  findings.clear();
  CheckOptions co;
  co.dictionaries_dir = SOHOA_DICTIONARIES_DIR_FOR_TESTS;
  ASSERT_TRUE(CheckDocument(doc, ReportMeta(), tables, nullptr, co, &findings).ok());
  ASSERT_FALSE(findings.empty());
  for (const Finding& f : findings) {
    ASSERT_TRUE(f.suspect && f.suspect->suggested) << f.message;
    EXPECT_EQ(f.suspect->column, "resolved_total");
    EXPECT_EQ(*f.suspect->suggested, 398);
    EXPECT_GT(f.line, 0);
  }
}

}  // namespace
}  // namespace sohoa
