// A synthetic archive of consecutive monthly reports in the seeds' style
// (Sóc Trăng Centre, heading, narrative, tab-separated "Phụ lục I" results
// table), with known figures whose carry-over is consistent month to month,
// and a few planted faults. Used by the store end-to-end test and the store
// benchmark. Deterministic for a given seed.
#ifndef SOHOA_TESTS_STORE_ARCHIVE_GENERATOR_H_
#define SOHOA_TESTS_STORE_ARCHIVE_GENERATOR_H_

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace sohoa::testing {

struct PlantedFault {
  std::string period;       // "2021-07"
  std::string kind;         // "column_total", "carryover"
  std::string unit;         // canonical unit, or "Tổng cộng"
  std::string metric;       // column key
  std::string description;
};

struct GeneratedArchive {
  // file name -> contents
  std::vector<std::pair<std::string, std::string>> files;
  // (period "YYYY-MM", unit canonical or "Tổng cộng", metric key) -> value as written
  std::map<std::tuple<std::string, std::string, std::string>, double> figures;
  std::vector<PlantedFault> faults;
  std::vector<std::string> units;    // canonical names, table order
  std::vector<std::string> metrics;  // column keys, table order
};

struct GeneratorOptions {
  int first_year = 2021;
  int first_month = 1;
  int months = 24;
  unsigned seed = 7;
  bool plant_faults = true;
};

GeneratedArchive GenerateArchive(const GeneratorOptions& options);

// Writes the files into `dir` (which must exist); returns false on error.
bool WriteArchive(const GeneratedArchive& archive, const std::string& dir);

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_STORE_ARCHIVE_GENERATOR_H_
