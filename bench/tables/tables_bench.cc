// Measures the tables stage: appendix tables parsed per second from text
// (one thread), and cell accuracy on the held-aside generated tables
// (seeds from kHeldAsideSeedBegin; never used by tests or for tuning).
//   tables_bench [--docs N] [--heldout N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>

#include "pipeline/core/document.h"
#include "pipeline/core/files.h"
#include "pipeline/tables/tables.h"
#include "tests/tables/table_generator.h"

using namespace sohoa;
using namespace sohoa::testing;

int main(int argc, char** argv) {
  int docs = 2000, heldout = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--docs")) docs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--heldout")) heldout = std::atoi(argv[i + 1]);
  }
  std::unique_ptr<TableParser> parser;
  TableOptions o;
  o.dictionaries_dir = SOHOA_DICTIONARIES_DIR_FOR_BENCH;
  if (Status s = TableParser::Open(o, &parser); !s.ok()) {
    std::fprintf(stderr, "tables_bench: %s\n", s.message().c_str());
    return 1;
  }

  // Accuracy on the held-aside set.
  std::map<std::string, CellScore> by_shape;
  CellScore all;
  for (int i = 0; i < heldout; ++i) {
    GeneratedDocument g = GenerateDocument(kHeldAsideSeedBegin + i);
    Document doc;
    doc.pages = PagesFromText(g.text, WordSource::kPlainText);
    std::vector<Table> tables;
    std::vector<Finding> findings;
    parser->Parse(doc, &tables, &findings);
    CellScore s;
    ScoreTables(g.truth, tables, &s);
    for (CellScore* d : {&all, &by_shape[g.shape]}) {
      d->cells += s.cells;
      d->correct += s.correct;
      d->tables += s.tables;
      d->tables_found += s.tables_found;
    }
    if (s.correct != s.cells && all.errors.size() < 10)
      all.errors.push_back("seed " + std::to_string(kHeldAsideSeedBegin + i) + " (" + g.shape + "): " +
                           (s.errors.empty() ? "" : s.errors[0]));
  }
  std::printf("held-aside set: %d documents (seeds %llu..%llu)\n", heldout,
              static_cast<unsigned long long>(kHeldAsideSeedBegin),
              static_cast<unsigned long long>(kHeldAsideSeedBegin + heldout - 1));
  std::printf("  all   : %ld/%ld cells right (%.4f%%), tables %ld/%ld with id, schema and period right\n",
              all.correct, all.cells, 100.0 * all.correct / std::max(1L, all.cells), all.tables_found, all.tables);
  for (const auto& [shape, s] : by_shape)
    std::printf("  %-6s: %ld/%ld cells right (%.4f%%), tables %ld/%ld\n", shape.c_str(), s.correct, s.cells,
                100.0 * s.correct / std::max(1L, s.cells), s.tables_found, s.tables);
  for (const std::string& e : all.errors) std::printf("  error: %s\n", e.c_str());

  // Throughput: documents built once, parsed in a timed loop.
  std::vector<Document> corpus;
  size_t ntables = 0, ncells = 0;
  for (int i = 0; i < docs; ++i) {
    GeneratedDocument g = GenerateDocument(2000000 + i);
    Document doc;
    doc.pages = PagesFromText(g.text, WordSource::kPlainText);
    corpus.push_back(std::move(doc));
  }
  auto t0 = std::chrono::steady_clock::now();
  for (const Document& d : corpus) {
    std::vector<Table> tables;
    std::vector<Finding> findings;
    parser->Parse(d, &tables, &findings);
    ntables += tables.size();
    for (const Table& t : tables) ncells += (t.rows.size() + 2) * t.columns.size();
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("throughput (1 thread, text): %zu tables in %.3f s = %.0f tables/s (%.0f cells/s)\n", ntables, secs,
              ntables / secs, ncells / secs);
  return 0;
}
