#include <gtest/gtest.h>

#include "bench/check/table_fixture.h"
#include "pipeline/check/apply.h"
#include "pipeline/check/table_check.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

TEST(ApplySuggestionsTest, CorrectsACopyAndListsTheChange) {
  std::vector<Table> tables;
  ASSERT_TRUE(LoadTableFixture(testing::Fixture("check/000_tables.tsv"), &tables).ok());
  Table& t = tables[0];
  t.rows[11].cells[t.ColumnIndex("resolved_total")] = MakeCell("393");
  CheckSchemas schemas;
  OcrDistance ocr;
  ASSERT_TRUE(CheckSchemas::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &schemas).ok());
  ASSERT_TRUE(OcrDistance::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &ocr).ok());
  std::vector<Finding> findings;
  CheckTable(t, schemas, ocr, TableCheckOptions(), &findings);
  ASSERT_GE(findings.size(), 2u);  // row identity and column total, one cell
  std::vector<AppliedChange> changes;
  std::vector<Table> fixed = ApplySuggestions(tables, findings, &changes);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].old_text, "393");
  EXPECT_EQ(changes[0].new_text, "398");
  EXPECT_EQ(changes[0].row_label, "Sở Tư pháp");
  EXPECT_EQ(tables[0].rows[11].cells[t.ColumnIndex("resolved_total")].text, "393");  // untouched
  EXPECT_EQ(*fixed[0].rows[11].cells[t.ColumnIndex("resolved_total")].value, 398);
  std::vector<Finding> after;
  CheckTable(fixed[0], schemas, ocr, TableCheckOptions(), &after);
  EXPECT_TRUE(after.empty());
  std::string csv = TablesToCsv("a.txt", fixed);
  EXPECT_NE(csv.find("a.txt,PL-I,11,12,Sở Tư pháp,resolved_total,398,398\n"), std::string::npos)
      << csv.substr(0, 400);
}

}  // namespace
}  // namespace sohoa
