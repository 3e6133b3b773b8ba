// store_bench: archive ingestion throughput.
//   1. documents/s of `sohoa ingest` over a generated archive of text
//      reports (tests/store/archive_generator.h), --jobs 1 and --jobs 2;
//   2. where the time goes per document (extract, analyse, store) in-process;
//   3. pages/s of `sohoa ingest` over the scanned fixtures (OCR), --jobs 1
//      and 2, and the share of time spent in extraction (OCR) for them.
// Usage: store_bench [REPORTS] (default 96).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/files.h"
#include "pipeline/ingest_run.h"
#include "pipeline/pipeline.h"
#include "pipeline/store/store.h"
#include "tests/store/archive_generator.h"
#include "tests/testing/process.h"

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Runs sohoa with args, output discarded; returns wall seconds, -1 on failure.
double TimeSohoa(const std::vector<std::string>& args) {
  auto t = Clock::now();
  const int code =
      sohoa::testing::WaitExit(sohoa::testing::SpawnQuiet(SOHOA_BINARY_FOR_BENCH, args));
  if (code < 0 || code > 1) return -1;
  return Since(t);
}

std::string TempDir() {
  std::string tmpl = "/tmp/sohoa-store-bench-XXXXXX";
  if (!mkdtemp(tmpl.data())) std::abort();
  return tmpl;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sohoa;
  const int reports = argc > 1 ? std::atoi(argv[1]) : 96;
  const std::string dir = TempDir();
  testing::GeneratorOptions go;
  go.months = reports;
  go.plant_faults = false;
  auto archive = testing::GenerateArchive(go);
  if (!testing::WriteArchive(archive, dir)) return 3;
  std::printf("store_bench: %d generated text reports (%zu cells each)\n", reports,
              archive.figures.size() / reports);

  for (int jobs : {1, 2}) {
    std::string db = dir + "/bench" + std::to_string(jobs) + ".db";
    double secs = TimeSohoa({"ingest", "--jobs", std::to_string(jobs), dir, "--db", db});
    if (secs < 0) {
      std::printf("  ingest --jobs %d: failed\n", jobs);
      continue;
    }
    std::printf("  ingest --jobs %d: %.2f s, %.1f documents/s (%.1f per core used)\n", jobs, secs,
                reports / secs, reports / secs / jobs);
    double again = TimeSohoa({"ingest", "--jobs", std::to_string(jobs), dir, "--db", db});
    std::printf("  re-run (all skipped): %.2f s\n", again);
  }

  // Per-stage time in one process, one thread.
  PipelineOptions options;
  options.ingest.jobs = 1;
  std::unique_ptr<Restorer> restorer;
  if (!Restorer::Open(RestoreOptions(), &restorer).ok()) restorer.reset();
  std::unique_ptr<SqliteArchive> store;
  if (Status s = SqliteArchive::Open(dir + "/inproc.db", ArchiveOptions(), &store); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 11;
  }
  double extract = 0, analyse = 0, write = 0;
  for (const auto& [name, text] : archive.files) {
    ProcessedDocument pd;
    auto t = Clock::now();
    if (!ExtractText(dir + "/" + name, options, restorer.get(), &pd.doc).ok()) continue;
    extract += Since(t);
    t = Clock::now();
    (void)AnalyzeDocument(options, nullptr, &pd);
    analyse += Since(t);
    t = Clock::now();
    DocumentRecord rec;
    rec.path = name;
    rec.content_hash = Sha256Hex(text);
    rec.size_bytes = text.size();
    rec.doc = &pd.doc;
    rec.meta = &pd.meta;
    rec.tables = &pd.tables;
    rec.findings = &pd.findings;
    (void)StoreWithCarryover(store.get(), 0, rec, options.check, nullptr);
    write += Since(t);
  }
  const double all = extract + analyse + write;
  std::printf("  in-process per document: extract+normalize+restore %.1f ms (%.0f%%), "
              "meta+tables+check %.1f ms (%.0f%%), store+carry-over re-check %.1f ms (%.0f%%)\n",
              1000 * extract / reports, 100 * extract / all, 1000 * analyse / reports,
              100 * analyse / all, 1000 * write / reports, 100 * write / all);

  // Scans: every image/scanned-PDF fixture, OCR'd.
  const std::string fixtures = SOHOA_FIXTURES_DIR_FOR_BENCH;
  const std::vector<std::string> scans = {fixtures + "/images/000_page1_300dpi.png",
                                          fixtures + "/images/000_page1_scan.jpg",
                                          fixtures + "/images/002_two_pages.tif",
                                          fixtures + "/pdf/000_page1_scan.pdf"};
  int pages = 0;
  double ocr = 0, rest = 0;
  for (const std::string& path : scans) {
    ProcessedDocument pd;
    auto t = Clock::now();
    Status s = ExtractDocument(path, options.ingest, &pd.doc);
    ocr += Since(t);
    if (!s.ok()) {
      std::printf("  scan %s: %s\n", path.c_str(), s.ToString().c_str());
      continue;
    }
    pages += static_cast<int>(pd.doc.pages.size());
    t = Clock::now();
    (void)NormalizeDocument(options.normalize, &pd.doc);
    if (restorer) (void)restorer->RestoreDocument(&pd.doc);
    (void)AnalyzeDocument(options, nullptr, &pd);
    rest += Since(t);
  }
  if (pages > 0) {
    std::printf("  scans in-process: %d pages, extraction (OCR) %.1f s = %.1f%% of the time, "
                "everything else %.2f s = %.1f%%\n",
                pages, ocr, 100 * ocr / (ocr + rest), rest, 100 * rest / (ocr + rest));
    for (int jobs : {1, 2}) {
      std::vector<std::string> args = {"ingest", "--jobs", std::to_string(jobs)};
      args.insert(args.end(), scans.begin(), scans.end());
      args.push_back("--db");
      args.push_back(dir + "/scans" + std::to_string(jobs) + ".db");
      double secs = TimeSohoa(args);
      if (secs > 0)
        std::printf("  ingest scans --jobs %d: %.1f s, %.2f pages/s\n", jobs, secs, pages / secs);
    }
  }
  std::filesystem::remove_all(dir);
  return 0;
}
