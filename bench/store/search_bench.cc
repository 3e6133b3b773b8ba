// search_bench: `sohoa search` latency on a large archive, SQLite (FTS5) and
// PostgreSQL (GIN over tsvector).
// The archive: every .txt file under REPORTS (bench/scale/gen_reports.py
// writes 10,000 distinct monthly reports in a minute) stored as a document of
// its pages, straight through the archive's StoreDocument (the pipeline's
// tables and checks are not what is measured, and would take an hour here).
// Then each query 20 times: median and worst wall time, hits in all.
// Usage: search_bench REPORTS SQLITE_FILE [POSTGRES_CONNINFO]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/files.h"
#include "pipeline/store/postgres.h"
#include "pipeline/store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

int Run(const std::vector<std::string>& paths, const std::string& location) {
  std::unique_ptr<sohoa::SqlArchive> archive;
  if (sohoa::Status s = sohoa::SqlArchive::Open(location, sohoa::ArchiveOptions(), &archive);
      !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  auto t0 = Clock::now();
  size_t pages = 0, bytes = 0;
  for (const std::string& p : paths) {
    std::string text;
    if (!sohoa::ReadFileBytes(p, &text).ok()) continue;
    sohoa::Document doc;
    doc.path = p;
    doc.format = "text";
    doc.pages = sohoa::PagesFromText(text, sohoa::WordSource::kPlainText);
    pages += doc.pages.size();
    bytes += text.size();
    sohoa::DocumentRecord r;
    r.path = p;
    r.content_hash = sohoa::Sha256Hex(text);
    r.size_bytes = text.size();
    r.doc = &doc;
    if (sohoa::Status s = archive->StoreDocument(0, r); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
  }
  const double load = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("%s: %zu documents, %zu pages, %.1f MB of text stored in %.1f s\n",
              sohoa::MaskPassword(location).c_str(), paths.size(), pages, bytes / 1e6, load);
  // A rare word, common words, a phrase, a prefix, words that meet on few pages.
  const char* kQueries[] = {"quyet dinh", "\"hanh chinh cong\"", "dak lak", "tiep nhan*",
                            "ho so tre han", "trung tam phuc vu", "khong co tu nay"};
  for (const char* q : kQueries) {
    std::vector<double> ms;
    int total = 0;
    for (int i = 0; i < 20; ++i) {
      sohoa::SearchQuery sq;
      sq.text = q;
      std::vector<sohoa::SearchHit> hits;
      auto t = Clock::now();
      if (sohoa::Status s = archive->Search(sq, &hits, &total); !s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 1;
      }
      ms.push_back(1000 * std::chrono::duration<double>(Clock::now() - t).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("  %-22s %6d pages match; 20 hits with snippets: median %7.1f ms, worst %7.1f ms\n",
                q, total, ms[ms.size() / 2], ms.back());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: search_bench REPORTS SQLITE_FILE [POSTGRES_CONNINFO]\n");
    return 2;
  }
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1]))
    if (e.is_regular_file() && e.path().extension() == ".txt") paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  std::remove(argv[2]);
  int rc = Run(paths, argv[2]);
  if (rc == 0 && argc > 3) rc = Run(paths, argv[3]);
  return rc;
}
