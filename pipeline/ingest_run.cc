#include "pipeline/ingest_run.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/core/files.h"
#include "pipeline/ingest/isolation.h"

namespace sohoa {

namespace {

// Processed documents allowed to wait for the writer, per worker: enough to
// keep the workers busy while one is stored, few enough that memory does not
// depend on the run's length.
constexpr size_t kWindowPerWorker = 2;

bool Supported(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* kExts[] = {".txt",  ".md",  ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff",
                                ".html", ".htm", ".docx", ".doc", ".rtf", ".odt", ".tsv", ".csv"};
  for (const char* e : kExts)
    if (ext == e) return true;
  return false;
}

struct Job {
  std::string path;  // shown and recorded as given
  std::string hash;
  uint64_t size = 0;
  Status read_status;  // the file could not be read
};

struct Result {
  Status status;
  ProcessedDocument processed;
  // Shared archives: another worker has the document (kHeld: still working
  // on it; kDone: stored it); nothing was processed here.
  ClaimResult claim = ClaimResult::kGranted;
};

// Work list: files whose content is not yet stored as ok (or all with
// force); the same content twice in one run is taken once.
Status PlanJobs(const std::vector<InputFile>& files, const IngestRunOptions& options,
                SqliteArchive* archive, RunCounts* counts, int* other_shards,
                std::vector<Job>* todo) {
  const bool force = options.force;
  std::unordered_map<std::string, std::string> seen;  // hashes taken this run -> path
  for (const InputFile& file : files) {
    const std::string& path = file.path;
    Job job;
    job.path = path;
    std::string bytes;
    job.read_status = file.problem.ok() ? ReadFileBytes(path, &bytes) : file.problem;
    if (job.read_status.ok()) {
      job.hash = Sha256Hex(bytes);
      job.size = bytes.size();
      if (ShardOf(job.hash, options.shard_count) != options.shard_index) {
        ++*other_shards;
        continue;
      }
      // A byte-identical copy under another name is stored once; its path
      // is recorded so that `findings` reports the duplicate.
      if (auto it = seen.find(job.hash); it != seen.end()) {
        if (it->second != path) {
          if (Status s = archive->RecordCopy(path, job.hash, job.size); !s.ok()) return s;
        }
        ++counts->skipped;
        continue;
      }
      seen.emplace(job.hash, path);
      std::string stored, stored_path;
      if (Status s = archive->DocumentStatus(job.hash, &stored, &stored_path); !s.ok()) return s;
      if (stored == "ok" && !force) {
        if (stored_path != path) {
          if (Status s = archive->RecordCopy(path, job.hash, job.size); !s.ok()) return s;
        }
        ++counts->skipped;
        continue;
      }
    } else {
      // Unreadable: recorded under its path so the failure is visible
      // (once, when a folder and a file in it are both named).
      job.hash = "unreadable:" + path;
      if (ShardOf(Sha256Hex(path), options.shard_count) != options.shard_index) {
        ++*other_shards;
        continue;
      }
      if (!seen.emplace(job.hash, path).second) {
        ++counts->skipped;
        continue;
      }
    }
    todo->push_back(std::move(job));
  }
  return Status::Ok();
}

// Workers that process todo[i] at most `window` documents ahead of the
// writer, which takes the results in order.
class WorkerPool {
 public:
  WorkerPool(const std::vector<Job>& todo, int threads, size_t window,
             std::function<Result(size_t)> process, const std::atomic<bool>& stop)
      : todo_(todo), window_(window), process_(std::move(process)), stop_(stop),
        results_(todo.size()) {
    running_ = threads;
    for (int t = 0; t < threads; ++t) threads_.emplace_back([this] { Work(); });
  }
  ~WorkerPool() { Join(); }
  WorkerPool(const WorkerPool&) = delete;  // owns threads
  WorkerPool& operator=(const WorkerPool&) = delete;

  // The result of todo[i], waiting for it; empty when the workers stopped
  // before taking it. Must be called with i = 0, 1, 2, ... in order.
  std::optional<Result> Take(size_t i) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return results_[i].has_value() || running_ == 0; });
    std::optional<Result> r = std::move(results_[i]);
    results_[i].reset();
    taken_ = i + 1;
    cv_.notify_all();
    return r;
  }

  void Join() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      quit_ = true;
      cv_.notify_all();
    }
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

 private:
  void Work() {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return quit_ || stop_.load() || next_ < taken_ + window_; });
        if (quit_ || stop_.load() || next_ >= todo_.size()) break;
        i = next_++;
      }
      Result r = process_(i);
      std::lock_guard<std::mutex> lock(mu_);
      results_[i] = std::move(r);
      cv_.notify_all();
    }
    std::lock_guard<std::mutex> lock(mu_);
    --running_;
    cv_.notify_all();
  }

  const std::vector<Job>& todo_;
  const size_t window_;
  const std::function<Result(size_t)> process_;
  const std::atomic<bool>& stop_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::optional<Result>> results_;  // filled only within the window
  size_t next_ = 0, taken_ = 0;
  int running_ = 0;
  bool quit_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

int ShardOf(const std::string& content_hash, int count) {
  if (count <= 1) return 0;
  // The first 60 bits of the hash: uniform, whatever the file names.
  uint64_t v = 0;
  for (size_t i = 0; i < 15 && i < content_hash.size(); ++i) {
    const char c = content_hash[i];
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
    v = v * 16 + static_cast<uint64_t>(d);
  }
  return static_cast<int>(v % static_cast<uint64_t>(count));
}

namespace {

// Walks one folder level by level, entries sorted, without following
// symlinked folders (a symlink loop cannot recurse) and without throwing:
// a folder or entry that cannot be read becomes a problem entry.
void WalkFolder(const std::filesystem::path& dir, InputFiles* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    out->files.push_back({dir.string(), Status::IoError(dir.string() + ": cannot read folder: " +
                                                        ec.message())});
    return;
  }
  std::vector<fs::path> entries;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) {
      out->files.push_back({dir.string(), Status::IoError(dir.string() +
                                                          ": cannot read folder: " + ec.message())});
      break;
    }
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  for (const fs::path& p : entries) {
    if (p.filename().string().rfind('.', 0) == 0) continue;  // hidden
    fs::file_status link = fs::symlink_status(p, ec);
    if (!ec && fs::is_directory(link)) {
      WalkFolder(p, out);
      continue;
    }
    fs::file_status target = fs::status(p, ec);  // follows a symlink to a file
    if (ec) {
      out->files.push_back({p.string(), Status::IoError(p.string() + ": cannot read: " +
                                                        ec.message())});
      continue;
    }
    if (fs::is_directory(target)) {
      out->other.push_back(p.string() + " (symlink to a folder, not followed)");
      continue;
    }
    if (!Supported(p)) {
      out->other.push_back(p.string());
      continue;
    }
    if (!fs::is_regular_file(target)) {
      out->files.push_back({p.string(), CheckRegularFile(p.string())});
      continue;
    }
    out->files.push_back({p.string(), Status::Ok()});
  }
}

}  // namespace

Status CollectInputFiles(const std::string& arg, InputFiles* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(arg, ec);
  if (ec || !fs::exists(st)) {
    if (fs::is_symlink(fs::symlink_status(arg, ec)))
      return Status::IoError(arg + ": cannot follow the symbolic link");
    return Status::NotFound(arg + ": no such file or folder");
  }
  if (fs::is_directory(st)) {
    WalkFolder(arg, out);
    return Status::Ok();
  }
  // A file named on the command line is always taken; a FIFO, device or
  // socket fails when read (never opened blocking).
  out->files.push_back({arg, Status::Ok()});
  return Status::Ok();
}

Status StoreWithCarryover(SqlArchive* archive, int64_t run_id, const DocumentRecord& record,
                          const CheckOptions& options, int* findings_total) {
  if (findings_total) *findings_total = 0;
  SqlArchive::Write write(archive);
  Status s = write.Begin();
  if (!s.ok()) return s;
  int64_t doc_id = 0;
  if (s = archive->StoreDocument(run_id, record, &doc_id); !s.ok()) return s;
  if (!record.status.ok() || record.doc == nullptr) return write.Commit();
  // The carry-over of one stored report against the archive as it now is.
  auto recheck = [&](const StoredReport& report) {
    std::vector<Finding> carryover;
    if (options.carryover)
      if (Status c = CheckCarryover(report.meta, report.tables, archive, &carryover); !c.ok())
        return c;
    return archive->ReplaceFindings(report.archive_id, FindingKind::kCarryover, carryover);
  };
  if (record.meta && record.meta->period_determined) {
    // The report as stored, then its neighbours.
    StoredReport stored;
    if (s = archive->LoadDocument(doc_id, &stored, nullptr); !s.ok()) return s;
    if (s = recheck(stored); !s.ok()) return s;
    for (int direction : {-1, +1}) {
      std::optional<StoredReport> neighbour;
      if (s = archive->FindAdjacentReport(*record.meta, direction, &neighbour); !s.ok()) return s;
      if (neighbour && neighbour->archive_id != doc_id)
        if (s = recheck(*neighbour); !s.ok()) return s;
    }
  }
  if (findings_total)
    if (s = archive->CountFindings(doc_id, findings_total); !s.ok()) return s;
  return write.Commit();
}

Status IngestFiles(const std::vector<std::string>& paths, const IngestRunOptions& options,
                   const Restorer* restorer, SqliteArchive* archive, IngestObserver* observer,
                   IngestSummary* summary) {
  IngestObserver quiet;
  if (observer == nullptr) observer = &quiet;
  static const std::atomic<bool> kNeverStop{false};
  const std::atomic<bool>& stop = options.stop ? *options.stop : kNeverStop;
  *summary = IngestSummary();
  RunCounts& counts = summary->counts;

  InputFiles inputs;
  for (const std::string& path : paths) {
    if (Status s = CollectInputFiles(path, &inputs); !s.ok()) {
      observer->InputFailed(s);
      summary->inputs_failed = true;
    }
  }
  summary->other_files = static_cast<int>(inputs.other.size());
  for (const std::string& other : inputs.other) observer->NotAReport(other);
  std::vector<Job> todo;
  if (Status s = PlanJobs(inputs.files, options, archive, &counts, &summary->other_shards, &todo);
      !s.ok())
    return s;
  counts.files = static_cast<int>(inputs.files.size()) - summary->other_shards;
  inputs = InputFiles();

  int64_t run_id = 0;
  if (Status s = archive->BeginRun(options.version, options.options_json, &run_id); !s.ok())
    return s;
  observer->Planned(static_cast<int>(todo.size()));

  PipelineOptions doc_options = options.pipeline;
  doc_options.ingest.jobs = 1;  // parallel across documents, not pages
  // Shared archives: each document is claimed before it is processed; an
  // archive error while claiming stops the run like one while storing.
  std::mutex claim_error_mu;
  Status claim_error;
  auto process = [&](size_t i) {
    Result r;
    if (archive->shared()) {
      Status s = archive->Claim(todo[i].hash, options.force, &r.claim);
      if (!s.ok()) {
        std::lock_guard<std::mutex> lock(claim_error_mu);
        if (claim_error.ok()) claim_error = s;
        r.claim = ClaimResult::kHeld;
      }
      if (r.claim != ClaimResult::kGranted) return r;
    }
    if (!todo[i].read_status.ok()) {
      r.status = todo[i].read_status;
      return r;
    }
    try {
      // The plan read and hashed the file: its hash is not computed again.
      PipelineOptions file_options = doc_options;
      file_options.ingest.content_hash = todo[i].hash;
      r.status = ProcessDocument(todo[i].path, file_options, restorer, nullptr, &r.processed);
    } catch (const std::exception& e) {
      r.status = Status::Internal(todo[i].path + ": " + e.what());
    }
    return r;
  };

  int threads = std::min<int>(std::max(1, options.jobs), std::max<size_t>(1, todo.size()));
  // Isolated extraction forks; where fork() is not safe while other threads
  // allocate (sanitizer builds), documents are processed one at a time.
  if (doc_options.ingest.isolate && !ForkIsSafeWithOtherThreads()) threads = 1;
  // With one job the documents are processed on this thread, between the
  // stores: the isolation worker is then forked from a process with no other
  // thread running.
  std::optional<WorkerPool> pool;
  if (threads > 1) pool.emplace(todo, threads, kWindowPerWorker * threads, process, stop);

  Status archive_error;
  size_t handled = 0;
  std::vector<size_t> held;  // claimed by another worker that was still on them
  auto store = [&](size_t i, Result* r) -> Status {
    if (r->claim == ClaimResult::kDone) {
      ++counts.skipped;  // stored by another worker meanwhile
      return Status::Ok();
    }
    DocumentRecord rec;
    rec.path = todo[i].path;
    rec.content_hash = todo[i].hash;
    rec.size_bytes = todo[i].size;
    rec.status = r->status;
    if (r->status.ok()) {
      rec.doc = &r->processed.doc;
      rec.meta = &r->processed.meta;
      rec.tables = &r->processed.tables;
      rec.findings = &r->processed.findings;
    }
    IngestEvent event;
    event.path = todo[i].path;
    if (Status s = StoreWithCarryover(archive, run_id, rec, doc_options.check, &event.findings);
        !s.ok())
      return s;
    event.pages = r->status.ok() ? static_cast<int>(r->processed.doc.pages.size()) : 0;
    counts.pages += event.pages;
    if (r->status.ok()) {
      ++counts.stored;
      counts.findings += event.findings;
    } else {
      ++counts.failed;
      event.outcome = IngestOutcome::kFailed;
      event.status = r->status;
    }
    observer->Done(event);
    return Status::Ok();
  };
  auto claim_failed = [&]() {
    std::lock_guard<std::mutex> lock(claim_error_mu);
    return claim_error;
  };
  for (size_t i = 0; i < todo.size(); ++i) {
    std::optional<Result> r;
    if (!pool) {
      if (stop.load()) break;
      r = process(i);
    } else {
      r = pool->Take(i);
      if (!r) break;  // stopped before this one was taken
    }
    if (Status s = claim_failed(); !s.ok()) {
      archive_error = s;
      break;
    }
    if (r->claim == ClaimResult::kHeld) {
      held.push_back(i);
      ++handled;
      continue;
    }
    if (Status s = store(i, &*r); !s.ok()) {
      archive_error = s;
      break;
    }
    ++handled;
    r.reset();  // the document is dropped once stored
    if (static_cast<int>(handled) == options.hold_after_stored)
      while (!stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (pool) pool->Join();
  // Documents other workers were on when this one reached them: wait for
  // them to be stored, or take them over when their worker's lease lapses
  // (it died), so that the run ends with every document of its list stored.
  for (int round = 0; archive_error.ok() && !held.empty() && !stop.load(); ++round) {
    if (round > 0) std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::vector<size_t> still;
    for (size_t i : held) {
      if (stop.load()) {
        still.push_back(i);
        continue;
      }
      Result r = process(i);
      if (Status s = claim_failed(); !s.ok()) {
        archive_error = s;
        break;
      }
      if (r.claim == ClaimResult::kHeld) {
        still.push_back(i);
        continue;
      }
      if (Status s = store(i, &r); !s.ok()) {
        archive_error = s;
        break;
      }
    }
    held = std::move(still);
  }
  if (!held.empty()) handled -= std::min(handled, held.size());
  summary->interrupted = stop.load() && archive_error.ok() && handled < todo.size();
  summary->not_processed = static_cast<int>(todo.size() - handled);

  const std::string state =
      !archive_error.ok() ? "failed" : summary->interrupted ? "interrupted" : "finished";
  Status fin = archive->FinishRun(run_id, counts, state);
  // Claims on documents not stored go back at once (an interrupted run),
  // rather than when their lease lapses.
  if (Status rel = archive->ReleaseClaims(); fin.ok()) fin = rel;
  if (!archive_error.ok()) return archive_error;
  return fin;
}

}  // namespace sohoa
