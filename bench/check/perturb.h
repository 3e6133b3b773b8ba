// Perturbation benchmark for the check stage: realistic clean tables
// (random figures that satisfy every identity, and the sample reports'
// tables), one injected fault each (an OCR digit confusion, a dropped or
// doubled digit, transposed digits, a thousands separator read as a decimal
// comma, a wrong total, a wrong percentage) or none (clean controls), and
// the rates at which CheckTable detects, locates and repairs them.
// Deterministic for a seed range. Not synchronised.
#ifndef SOHOA_BENCH_CHECK_PERTURB_H_
#define SOHOA_BENCH_CHECK_PERTURB_H_

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "pipeline/check/ocr_distance.h"
#include "pipeline/check/schema.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/table.h"

namespace sohoa {

enum class FaultKind {
  kClean, kOcrConfusion, kDroppedDigit, kDoubledDigit, kTransposedDigits, kLostSeparator,
  kWrongTotal, kWrongPercent,
};
constexpr int kFaultKinds = 8;
const char* FaultKindName(FaultKind kind);

struct Fault {
  FaultKind kind = FaultKind::kClean;
  std::string table;
  int row = -1;  // as SuspectCell::row
  std::string column;
  double original = 0;
  std::string original_text, new_text;
};

// A clean "results" table (Phụ lục I) of `units` rows with random figures.
Table RandomResultsTable(std::mt19937_64& rng, int units);
// A clean "satisfaction" table (Phụ lục II).
Table RandomSatisfactionTable(std::mt19937_64& rng, int units);
// The same table with its keys and schema removed: identities must be inferred.
Table Anonymised(const Table& t);
// Injects one fault of `kind` into a random suitable cell; false if none fits.
bool InjectFault(FaultKind kind, std::mt19937_64& rng, std::vector<Table>* tables, Fault* fault);

struct FaultStats {
  int cases = 0;
  int detected = 0;         // some finding (error or warning)
  int detected_error = 0;
  int located = 0;          // a suspect names exactly the faulty cell
  int suggested_right = 0;  // ... and suggests the original value
  int ambiguous = 0;        // reported alternatives instead of one cell
  int misnamed = 0;         // a suggestion for another cell (and none for the faulty one)
};

struct BenchResult {
  std::map<FaultKind, FaultStats> by_kind;
  // Faults in a cell where two relations cross (a row identity and a column
  // total, a column total and a percentage, a percentage cell) versus cells
  // only a column total covers (columns outside every identity).
  FaultStats crossed, single_relation;
  std::map<std::string, FaultStats> by_base;  // "random", "seed", "inferred"
  std::map<std::string, FaultStats> single_by_column;  // single-relation faults per column key
  int clean_cases = 0, clean_with_error = 0, clean_with_warning = 0;
  int tables_checked = 0;
  double seconds = 0;
  FaultStats Faults() const;  // all faulty cases together
};

// Runs cases for seeds [begin, end). `seed_tables`: the samples' tables.
// With `ocr_confidence`, cells carry simulated OCR confidences: clean cells
// uniform in [0.80, 0.99], a cell damaged by an OCR-like fault in [0.45, 0.90]
// (overlapping: a misread is often, not always, less confident).
BenchResult RunPerturbation(uint64_t begin, uint64_t end,
                            const std::vector<std::vector<Table>>& seed_tables,
                            const CheckSchemas& schemas, const OcrDistance& ocr,
                            bool ocr_confidence = false);

std::string FormatBenchResult(const std::string& title, const BenchResult& r);

// Narrative faults: one figure stated in a sample's body text changed (an
// OCR-like edit of its digits); the finding must name that figure and, when
// a table gives it, suggest the original. `docs` pairs a seed text with its
// typed-in tables (empty for a report without appendix).
struct NarrativeDoc {
  std::string name;
  std::string text;
  std::vector<Table> tables;
};
struct NarrativeBench {
  FaultStats stats;      // located = a narrative finding on the changed figure
  int clean_errors = 0;  // error findings on the unchanged texts
};
NarrativeBench RunNarrativePerturbation(uint64_t begin, uint64_t end,
                                        const std::vector<NarrativeDoc>& docs,
                                        const std::string& dictionaries_dir);

}  // namespace sohoa

#endif  // SOHOA_BENCH_CHECK_PERTURB_H_
