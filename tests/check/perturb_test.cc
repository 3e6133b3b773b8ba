// A small fixed-seed run of the perturbation benchmark with minimum rates:
// fails when detection, localisation or suggestion regress, or when a clean
// table gets an error finding. (The full run is bench/check.)
#include <gtest/gtest.h>

#include "bench/check/perturb.h"
#include "bench/check/table_fixture.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

TEST(PerturbationTest, MinimumRatesOnAFixedSeedRun) {
  CheckSchemas schemas;
  OcrDistance ocr;
  ASSERT_TRUE(CheckSchemas::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &schemas).ok());
  ASSERT_TRUE(OcrDistance::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &ocr).ok());
  std::vector<std::vector<Table>> seeds;
  for (const char* name : {"000_tables.tsv", "002_tables.tsv", "004_tables.tsv"}) {
    seeds.emplace_back();
    ASSERT_TRUE(LoadTableFixture(testing::Fixture(std::string("check/") + name), &seeds.back()).ok());
  }
  BenchResult r = RunPerturbation(500, 900, seeds, schemas, ocr);
  FaultStats all = r.Faults();
  std::string report = FormatBenchResult("fixed-seed run", r);
  ASSERT_GT(all.cases, 250) << report;
  ASSERT_GT(r.clean_cases, 20) << report;
  // Every fault breaks a relation of a known schema and must be detected;
  // with inferred relations a changed percentage may match another basis.
  for (const char* base : {"random", "seed"})
    EXPECT_EQ(r.by_base.at(base).detected, r.by_base.at(base).cases) << base << "\n" << report;
  EXPECT_GE(all.detected, 0.99 * all.cases) << report;
  // Where two relations cross at the cell it must be located and repaired.
  EXPECT_GE(r.crossed.located, 0.95 * r.crossed.cases) << report;
  EXPECT_GE(r.crossed.suggested_right, 0.90 * r.crossed.cases) << report;
  EXPECT_GE(all.located, 0.93 * all.cases) << report;
  // Columns only a column total covers: row bounds, ranked columns and
  // mis-added totals single out the row in most cases.
  EXPECT_GE(r.single_relation.located, 0.6 * r.single_relation.cases) << report;
  EXPECT_LE(all.misnamed, 0.01 * all.cases) << report;
  EXPECT_EQ(r.clean_with_error, 0) << report;
}

TEST(PerturbationTest, GeneratedTablesAreClean) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 20; ++i) {
    Table t = RandomResultsTable(rng, 12);
    ASSERT_TRUE(t.total && t.percent);
    std::vector<Table> tables{t};
    Fault f;
    ASSERT_TRUE(InjectFault(FaultKind::kOcrConfusion, rng, &tables, &f));
    EXPECT_NE(f.original_text, f.new_text);
  }
}

}  // namespace
}  // namespace sohoa
