// One ingest run, in one place: files and folders in, the archive updated.
//   in:  paths (files and folders), options, an open archive
//   out: every document stored (or recorded as failed) in input order, the
//        run recorded in the archive's `runs` table, counts for a summary.
// The order inside a run:
//   walk the paths (folders recursively, sorted)     -> input list
//   hash each file; skip content already stored ok   -> work list
//   N workers: ProcessDocument (extract -> normalize -> restore -> meta ->
//              tables -> check), at most a few documents ahead of the writer
//   the writer (the calling thread), in input order, one write transaction
//              per document (StoreWithCarryover): archive.StoreDocument, then
//              the carry-over check of the document and of its stored
//              neighbours, whose findings replace their carry-over findings;
//              each document is dropped once stored.
// Memory does not grow with the number of documents: the work list holds
// paths and hashes only, and at most `kWindowPerWorker` processed documents
// per worker wait for the writer.
// Not thread-safe: one run per archive object at a time; the observer is
// called from the calling thread only.
#ifndef SOHOA_PIPELINE_INGEST_RUN_H_
#define SOHOA_PIPELINE_INGEST_RUN_H_

#include <atomic>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/pipeline.h"
#include "pipeline/store/store.h"

namespace sohoa {

struct IngestRunOptions {
  PipelineOptions pipeline;  // per-document stages (pipeline.ingest.jobs is ignored: 1 per document)
  int jobs = 1;              // documents processed in parallel
  bool force = false;        // process content that is already stored as ok
  std::string version;       // sohoa version, recorded with the run
  std::string options_json;  // the run's options, recorded with the run
  // --shard I/N: only the files whose content hash falls in shard I of N
  // (0 <= I < N), so N copies of the same command (a Slurm job array, a
  // Kubernetes Indexed Job) split the files between them without talking
  // to each other; the split does not depend on the order of the walk or on
  // where the files are mounted. Unreadable files go by their path.
  int shard_index = 0, shard_count = 1;
  // When set (e.g. by a SIGINT handler), the run stops after the documents
  // in hand are stored; the archive stays consistent.
  const std::atomic<bool>* stop = nullptr;
  // For tests that interrupt a run: after this many documents are stored the
  // run waits until `stop` is set (or the process is killed), so the moment
  // of the interruption does not depend on timing. Negative: off. The CLI
  // sets it from SOHOA_TEST_HOLD_AFTER.
  int hold_after_stored = -1;
};

enum class IngestOutcome { kStored, kFailed };

struct IngestEvent {
  std::string path;
  IngestOutcome outcome = IngestOutcome::kStored;
  Status status;  // why it failed
  int pages = 0;
  int findings = 0;
};

// Progress of a run; every call comes from the thread that called IngestFiles.
class IngestObserver {
 public:
  virtual ~IngestObserver() = default;
  // A path given to the run that could not be walked; the run goes on.
  virtual void InputFailed(const Status& /*status*/) {}
  // The number of files that will be processed (after skipping stored ones).
  virtual void Planned(int /*documents*/) {}
  virtual void Done(const IngestEvent& /*event*/) {}
  // A file under a folder that is not of a kind sohoa reads (by its name).
  virtual void NotAReport(const std::string& /*path*/) {}
};

struct IngestSummary {
  RunCounts counts;
  bool inputs_failed = false;  // some path given could not be walked
  bool interrupted = false;    // stopped by options.stop before the end
  int not_processed = 0;       // documents left for the next run
  int other_files = 0;         // files under the folders that are not report kinds
  int other_shards = 0;        // files left to the other shards (--shard)
};

// Walks `paths` and stores every document in `archive`. Returns an archive
// error (nothing of the document being stored was kept) or OK; failures of
// single documents are recorded in the archive and counted, not returned.
Status IngestFiles(const std::vector<std::string>& paths, const IngestRunOptions& options,
                   const Restorer* restorer, SqliteArchive* archive, IngestObserver* observer,
                   IngestSummary* summary);

// Stores one document (or its failure record) and, for a report whose
// period is determined, re-checks the carry-over of it and of the reports
// just before and after it (core/adjacent_period.h) against the archive as
// it now is, replacing their carry-over findings: all in one write of the
// archive (SqlArchive::Write), so that the check sees every document stored
// before, whichever process or worker stored it, and a document is stored
// with its carry-over findings or not at all. Each report is checked once,
// from its stored tables. *findings_total (may be null): the document's
// findings after that (0 for a failure record).
Status StoreWithCarryover(SqlArchive* archive, int64_t run_id, const DocumentRecord& record,
                          const CheckOptions& options, int* findings_total);

// The shard (0..count-1) of a file with this content hash (hex SHA-256).
int ShardOf(const std::string& content_hash, int count);

// What a walk of the paths found.
struct InputFile {
  std::string path;
  Status problem;  // not OK: cannot be read (unreadable folder, symlink loop, FIFO ...)
};
struct InputFiles {
  std::vector<InputFile> files;    // report kinds, and entries that could not be read
  std::vector<std::string> other;  // files of other kinds, not read
};

// The files `ingest` takes from `path`: a folder walked recursively (sorted,
// hidden entries skipped, symlinked folders not followed, report kinds by
// extension; every other file listed in `other`, every entry that cannot be
// read kept with its problem, so nothing is passed over in silence); a file
// given by name is always taken. An error when `path` itself does not exist.
Status CollectInputFiles(const std::string& path, InputFiles* out);

}  // namespace sohoa

#endif  // SOHOA_PIPELINE_INGEST_RUN_H_
