// bench_check: the perturbation benchmark of the check stage. Prints, per
// fault kind, the detection, localisation and correct-suggestion rates and
// the false alarms on clean controls, for a tuning seed range and for a
// held-aside range never used while tuning, plus throughput.
//   bench_check [--cases N] [--only tuning|held-aside] [--dictionaries DIR] [--fixtures DIR]
// (--only tuning while developing: the held-aside seeds are for the final numbers.)
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/check/perturb.h"
#include "bench/check/table_fixture.h"
#include "pipeline/core/files.h"

using namespace sohoa;

int main(int argc, char** argv) {
  int cases = 5000;
  std::string dictionaries = SOHOA_BENCH_DICTIONARIES_DIR;
  std::string fixtures = SOHOA_BENCH_FIXTURES_DIR;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--cases") cases = std::atoi(argv[i + 1]);
    else if (flag == "--dictionaries") dictionaries = argv[i + 1];
    else if (flag == "--fixtures") fixtures = argv[i + 1];
    else if (flag == "--only") only = argv[i + 1];
  }
  CheckSchemas schemas;
  OcrDistance ocr;
  Status s = CheckSchemas::Load(dictionaries, &schemas);
  if (s.ok()) s = OcrDistance::Load(dictionaries, &ocr);
  std::vector<std::vector<Table>> seed_tables;
  for (const char* name : {"000_tables.tsv", "002_tables.tsv", "004_tables.tsv"}) {
    if (!s.ok()) break;
    seed_tables.emplace_back();
    s = LoadTableFixture(fixtures + "/check/" + name, &seed_tables.back());
  }
  if (!s.ok()) {
    std::fprintf(stderr, "bench_check: %s\n", s.ToString().c_str());
    return 1;
  }
  // Seeds 1..: the range tuned on. 1'000'000..: held aside, never tuned on.
  if (only != "held-aside") {
    BenchResult tune = RunPerturbation(1, 1 + cases, seed_tables, schemas, ocr);
    std::fputs(FormatBenchResult("tuning seeds [1, " + std::to_string(1 + cases) + ")", tune).c_str(),
               stdout);
    BenchResult tune_conf =
        RunPerturbation(1, 1 + cases, seed_tables, schemas, ocr, /*ocr_confidence=*/true);
    std::fputs(FormatBenchResult("tuning seeds, with simulated OCR confidences", tune_conf).c_str(),
               stdout);
  }
  if (only != "tuning") {
    BenchResult held = RunPerturbation(1000000, 1000000 + cases, seed_tables, schemas, ocr);
    BenchResult held_conf = RunPerturbation(1000000, 1000000 + cases, seed_tables, schemas, ocr,
                                            /*ocr_confidence=*/true);
    std::fputs(FormatBenchResult("held-aside seeds [1000000, " + std::to_string(1000000 + cases) + ")",
                                 held).c_str(),
               stdout);
    std::fputs(FormatBenchResult("held-aside seeds, with simulated OCR confidences", held_conf).c_str(),
               stdout);
  }
  // Narrative: the sample texts with one stated figure changed.
  std::vector<NarrativeDoc> docs;
  const char* texts[] = {"000_eec36b514c44fab6.txt", "002_e06f4918bee2bbad.txt",
                         "003_fdc46fb5b852ba72.txt"};
  for (int i = 0; i < 3; ++i) {
    NarrativeDoc d;
    d.name = texts[i];
    if (Status st = ReadFileBytes(fixtures + "/seeds/" + texts[i], &d.text); !st.ok()) {
      std::fprintf(stderr, "bench_check: %s\n", st.ToString().c_str());
      return 1;
    }
    if (i < 2) d.tables = seed_tables[i];
    docs.push_back(d);
  }
  for (auto [title, from] : {std::pair{"tuning", 1}, {"held-aside", 1000000}}) {
    if (!only.empty() && only != title) continue;
    NarrativeBench n = RunNarrativePerturbation(from, from + cases / 5, docs, dictionaries);
    auto pct = [](int a, int b) { return b ? 100.0 * a / b : 0.0; };
    std::printf("narrative (%s): %d changed figures, detected %.1f%%, as error %.1f%%, "
                "the changed figure named %.1f%%, original suggested %.1f%%; error findings on "
                "the unchanged texts: %d\n",
                title, n.stats.cases, pct(n.stats.detected, n.stats.cases),
                pct(n.stats.detected_error, n.stats.cases), pct(n.stats.located, n.stats.cases),
                pct(n.stats.suggested_right, n.stats.cases), n.clean_errors);
  }
  return 0;
}
