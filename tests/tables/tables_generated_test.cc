// The parser on generated tables with known truth (dev seeds only; the
// held-aside seeds are measured by bench/tables, never tested or tuned on).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>

#include "pipeline/core/document.h"
#include "pipeline/tables/tables.h"
#include "tests/tables/table_generator.h"

namespace sohoa::testing {
namespace {

TEST(GeneratedTablesTest, EveryCellOfEveryDevSeedIsRight) {
  std::unique_ptr<TableParser> parser;
  TableOptions o;
  o.dictionaries_dir = SOHOA_DICTIONARIES_DIR_FOR_TESTS;
  ASSERT_TRUE(TableParser::Open(o, &parser).ok());
  CellScore total;
  std::map<std::string, CellScore> by_shape;
  for (uint64_t seed = kDevSeedBegin; seed < kDevSeedEnd; ++seed) {
    GeneratedDocument g = GenerateDocument(seed);
    Document doc;
    doc.pages = PagesFromText(g.text, WordSource::kPlainText);
    std::vector<Table> tables;
    std::vector<Finding> findings;
    parser->Parse(doc, &tables, &findings);
    CellScore s;
    ScoreTables(g.truth, tables, &s);
    EXPECT_EQ(s.correct, s.cells) << "seed " << seed << " (" << g.shape << "): "
                                  << (s.errors.empty() ? "" : s.errors[0]);
    EXPECT_EQ(s.tables_found, s.tables) << "seed " << seed << ": " << (s.errors.empty() ? "" : s.errors[0]);
    EXPECT_TRUE(findings.empty()) << "seed " << seed << ": " << findings[0].message;
    total.cells += s.cells;
    total.correct += s.correct;
  }
  std::printf("dev seeds: %ld/%ld cells right\n", total.correct, total.cells);
}

TEST(GeneratedTablesTest, GeneratorIsDeterministicAndVaried) {
  EXPECT_EQ(GenerateDocument(7).text, GenerateDocument(7).text);
  EXPECT_NE(GenerateDocument(7).text, GenerateDocument(8).text);
  std::set<std::string> shapes;
  for (uint64_t s = 1; s < 40; ++s) shapes.insert(GenerateDocument(s).shape);
  EXPECT_EQ(shapes.size(), 4u);
}

}  // namespace
}  // namespace sohoa::testing
