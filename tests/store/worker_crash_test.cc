// Issue 8's promise end to end below the CLI: an OCR engine that crashes
// (abort(), what a Tesseract assertion does) inside the isolation worker
// while a batch is being ingested fails only that file; the other files of
// the batch are stored, the failure is recorded, and the archive passes
// SQLite's integrity check.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/files.h"
#include "pipeline/pipeline.h"
#include "pipeline/store/store.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

class AbortingEngine : public OcrEngine {
 public:
  Status Recognize(const Image&, const OcrOptions&, std::vector<OcrWord>*) override {
    std::abort();
  }
};

std::string QueryText(SqliteArchive* a, const std::string& sql) {
  std::string out;
  sqlite3_exec(
      a->db()->raw(), sql.c_str(),
      [](void* o, int n, char** v, char**) {
        for (int i = 0; i < n; ++i) *static_cast<std::string*>(o) += v[i] ? v[i] : "";
        return 0;
      },
      &out, nullptr);
  return out;
}

TEST(WorkerCrashTest, CrashInOcrWorkerLeavesTheRestOfTheBatchAndTheArchiveIntact) {
  AbortingEngine aborting;
  PipelineOptions options;
  options.ingest.isolate = true;
  options.ingest.engine = &aborting;
  options.ingest.jobs = 1;
  options.restore = false;

  std::string dir = testing::TempDir();
  std::unique_ptr<SqliteArchive> archive;
  ASSERT_TRUE(SqliteArchive::Open(dir + "/a.db", ArchiveOptions(), &archive).ok());

  const std::vector<std::string> batch = {
      testing::Fixture("seeds/000_eec36b514c44fab6.txt"),
      testing::Fixture("images/002_two_pages.tif"),  // OCR'd: the engine aborts
      testing::Fixture("seeds/004_c1665277c84d2c10.txt"),
  };
  std::vector<std::string> hashes;
  for (const std::string& path : batch) {
    std::string bytes;
    ASSERT_TRUE(ReadFileBytes(path, &bytes).ok());
    hashes.push_back(Sha256Hex(bytes));
    ProcessedDocument out;
    Status s = ProcessDocument(path, options, nullptr, archive.get(), &out);
    DocumentRecord rec;
    rec.path = path;
    rec.content_hash = hashes.back();
    rec.size_bytes = bytes.size();
    rec.status = s;
    if (s.ok()) {
      rec.doc = &out.doc;
      rec.meta = &out.meta;
      rec.tables = &out.tables;
      rec.findings = &out.findings;
    }
    ASSERT_TRUE(archive->StoreDocument(0, rec).ok()) << path;
  }

  std::string status;
  ASSERT_TRUE(archive->DocumentStatus(hashes[0], &status).ok());
  EXPECT_EQ(status, "ok");
  ASSERT_TRUE(archive->DocumentStatus(hashes[1], &status).ok());
  EXPECT_EQ(status, "failed");
  ASSERT_TRUE(archive->DocumentStatus(hashes[2], &status).ok());
  EXPECT_EQ(status, "ok");
  EXPECT_EQ(QueryText(archive.get(), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryText(archive.get(), "PRAGMA foreign_key_check"), "");

  // The stored documents' figures are all there: 000's Phụ lục I total.
  SeriesQuery q;
  q.metric = "received_total";
  std::vector<SeriesRow> rows;
  ASSERT_TRUE(archive->Series(q, &rows).ok());
  bool found_total_unit = false;
  for (const SeriesRow& r : rows)
    if (r.value && *r.value == 5290) found_total_unit = true;  // Công an tỉnh, June 2020
  EXPECT_TRUE(found_total_unit);
}

}  // namespace
}  // namespace sohoa
