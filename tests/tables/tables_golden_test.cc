// The appendices of samples 000 (text-layer shape), 002 (tab-separated,
// three-level header) and 004 (markdown/HTML) against golden JSON checked
// by hand against the sample text, compared cell by cell.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <memory>

#include "pipeline/cli/output.h"
#include "pipeline/core/document.h"
#include "pipeline/tables/tables.h"
#include "tests/tables/golden_compare.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::Fixture;
using testing::JsonValue;
using testing::ParseJsonOrDie;
using testing::ReadFile;

class GoldenTest : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(GoldenTest, EveryCellMatchesTheGolden) {
  const auto [seed, golden] = GetParam();
  Document doc;
  doc.pages = PagesFromText(ReadFile(Fixture(seed)), WordSource::kPlainText);
  std::unique_ptr<TableParser> parser;
  TableOptions options;
  options.dictionaries_dir = SOHOA_DICTIONARIES_DIR_FOR_TESTS;
  ASSERT_TRUE(TableParser::Open(options, &parser).ok());
  std::vector<Table> tables;
  std::vector<Finding> findings;
  parser->Parse(doc, &tables, &findings);
  EXPECT_TRUE(findings.empty()) << findings.front().message;
  JsonWriter j;
  j.BeginArray();
  for (const Table& t : tables) cli::WriteTableJson(t, &j);
  j.EndArray();
  JsonValue got = ParseJsonOrDie(j.str());
  JsonValue want = ParseJsonOrDie(ReadFile(std::string(SOHOA_SOURCE_DIR) + "/tests/tables/golden/" + golden));
  testing::ExpectTablesEq(want["tables"], got);
}

INSTANTIATE_TEST_SUITE_P(Samples, GoldenTest,
                         ::testing::Values(std::make_pair("seeds/000_eec36b514c44fab6.txt", "000.json"),
                                           std::make_pair("seeds/002_e06f4918bee2bbad.txt", "002.json"),
                                           std::make_pair("seeds/004_c1665277c84d2c10.txt", "004.json")));

// The golden files themselves: one wrong cell in a copy must be caught.
TEST(GoldenCompare, CatchesOneChangedCell) {
  JsonValue want = ParseJsonOrDie(ReadFile(std::string(SOHOA_SOURCE_DIR) + "/tests/tables/golden/000.json"));
  JsonValue changed = want;
  changed.object[1].second.array[0].object[7].second.array[3].object[3].second.array[5].number += 1;
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
    testing::ExpectTablesEq(want["tables"], changed["tables"]);
  }
  EXPECT_EQ(failures.size(), 1);
}

}  // namespace
}  // namespace sohoa
