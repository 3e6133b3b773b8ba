// sohoa ingest: the whole pipeline over files and folders into the archive.
// Workers process documents in parallel; this (main) thread is the only
// writer, storing results in input order so a run's archive does not depend
// on timing.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/options.h"
#include "pipeline/cli/output.h"
#include "pipeline/core/files.h"
#include "pipeline/core/json.h"
#include "pipeline/ingest/isolation.h"
#include "pipeline/pipeline.h"
#include "pipeline/store/store.h"

#ifndef SOHOA_VERSION
#define SOHOA_VERSION "unknown"
#endif

namespace sohoa::cli {

namespace {

constexpr int kExitSomeFailed = 1;
constexpr int kExitInterrupted = 130;

std::atomic<bool> g_stop{false};

extern "C" void OnSignal(int) { g_stop.store(true); }

CommandSpec IngestSpec() {
  CommandSpec spec;
  spec.name = "ingest";
  spec.usage = "sohoa ingest [options] PATH... [--db FILE]";
  spec.summary = "Run the whole pipeline over files and folders and store the results in the archive.";
  spec.description =
      "Folders are walked recursively in sorted order and every supported file is taken\n"
      "(.txt .md .pdf .png .jpg .jpeg .tif .tiff); files named on the command line are\n"
      "always taken. Each document goes through extraction, normalisation, restoration,\n"
      "metadata, tables and checks, and is stored in one transaction: whole or not at all.\n"
      "Carry-over between periods is checked against the archive: when a report arrives,\n"
      "it and the previous and next reports of the same body are re-checked.\n"
      "\n"
      "A file whose content (SHA-256) is already stored as ok is skipped, so re-running\n"
      "is cheap and adds nothing twice; --force redoes it. A file that fails is recorded\n"
      "with its error and the run goes on. Ctrl-C (SIGINT/SIGTERM) stops after the\n"
      "documents being processed; the archive stays consistent and the next run resumes.\n"
      "Progress goes to stderr (a bar on a terminal, one line per file otherwise); the\n"
      "summary goes to stdout.\n"
      "\n"
      "Exit codes: 0 every file stored or skipped; 1 some files failed (recorded in the\n"
      "archive, see 'sohoa findings' and the documents table); 2 usage; 11 archive error\n"
      "(locked, read-only, newer schema, disk full: nothing was changed for the file\n"
      "being stored); 130 interrupted (the archive is consistent; run again to resume).";
  spec.flags = {{"db", "FILE", "sohoa.db", "the archive (SQLite); created when missing"},
                {"force", "", "", "process files again even when their content is already stored"},
                {"busy-timeout", "MS", "10000",
                 "wait this long for another process's lock on the archive before failing"}};
  for (FlagSpec f : ExtractionFlags()) {
    if (f.name == "jobs") f.help = "documents processed in parallel (the archive has one writer)";
    spec.flags.push_back(f);
  }
  spec.examples =
      "  sohoa ingest fixtures --db sohoa.db\n"
      "  sohoa ingest --jobs 2 reports/2019 reports/2020 --db archive.db\n"
      "  sohoa ingest --force --ocr=always scans/ --db archive.db\n";
  return spec;
}

bool Supported(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* kExts[] = {".txt", ".md", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"};
  for (const char* e : kExts)
    if (ext == e) return true;
  return false;
}

// Files to ingest: folders walked recursively (sorted, hidden entries
// skipped), files given by name always taken.
Status CollectFiles(const std::vector<std::string>& args, std::vector<std::string>* files) {
  namespace fs = std::filesystem;
  for (const std::string& arg : args) {
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) return Status::NotFound(arg + ": no such file or folder");
    if (!fs::is_directory(st)) {
      files->push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Status::IoError(arg + ": cannot read folder: " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) return Status::IoError(arg + ": cannot read folder: " + ec.message());
      const fs::path& p = it->path();
      if (p.filename().string().rfind('.', 0) == 0) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && Supported(p)) found.push_back(p.string());
    }
    std::sort(found.begin(), found.end());
    files->insert(files->end(), found.begin(), found.end());
  }
  return Status::Ok();
}

struct Job {
  std::string path;
  std::string hash;
  uint64_t size = 0;
  Status read_status;  // the file could not be read
};

struct Result {
  Status status;
  ProcessedDocument processed;
};

// Progress on stderr: a redrawn bar on a terminal, one line per file otherwise.
class Progress {
 public:
  Progress(int total, bool tty) : total_(total), tty_(tty), start_(Clock::now()) {}

  void Done(const std::string& path, const std::string& what, int pages) {
    ++done_;
    pages_ += pages;
    const double secs =
        std::chrono::duration<double>(Clock::now() - start_).count() + 1e-9;
    const double rate = done_ / secs;
    if (!tty_) {
      std::fprintf(stderr, "sohoa ingest: [%d/%d] %s %s\n", done_, total_, what.c_str(),
                   path.c_str());
      return;
    }
    const int width = 24;
    int filled = total_ > 0 ? done_ * width / total_ : width;
    std::string bar(filled, '#');
    bar.resize(width, '.');
    int eta = rate > 0 ? static_cast<int>((total_ - done_) / rate) : 0;
    std::fprintf(stderr, "\r[%s] %d/%d files  %d pages  %.1f files/s  ETA %d:%02d ", bar.c_str(),
                 done_, total_, pages_, rate, eta / 60, eta % 60);
    std::fflush(stderr);
  }
  void Finish() {
    if (tty_ && done_ > 0) std::fputc('\n', stderr);
  }
  double Seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  int total_, done_ = 0, pages_ = 0;
  bool tty_;
  Clock::time_point start_;
};

std::string OptionsJson(const Flags& flags, const std::vector<std::string>& paths, int jobs) {
  JsonWriter j;
  j.BeginObject();
  j.Key("paths").BeginArray();
  for (const std::string& p : paths) j.String(p);
  j.EndArray();
  j.Key("jobs").Int(jobs);
  j.Key("force").Bool(flags.Has("force"));
  for (const char* name : {"ocr", "ocr-threshold", "lang", "dpi", "from", "tone-style", "restore"})
    j.Key(name).String(flags.Get(name));
  j.EndObject();
  return j.str();
}

}  // namespace

int RunIngest(const Args& args) {
  static const CommandSpec spec = IngestSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("ingest", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  if (flags.positional().empty()) return UsageError("ingest", "no file or folder given");
  PipelineOptions options;
  if (Status s = ReadExtractionFlags(flags, &options); !s.ok())
    return UsageError("ingest", s.message());
  const int jobs = std::max(1, options.ingest.jobs);
  options.ingest.jobs = 1;  // parallel across documents, not pages
  const int busy_ms = flags.GetInt("busy-timeout", -1);
  if (busy_ms < 0) return UsageError("ingest", "--busy-timeout must be a number of milliseconds");
  const std::string db_path = flags.Get("db");
  const bool force = flags.Has("force");

  std::vector<std::string> files;
  int exit_code = 0;
  for (const std::string& arg : flags.positional()) {
    Status s = CollectFiles({arg}, &files);
    if (!s.ok()) {
      PrintError(s);
      exit_code = kExitSomeFailed;
    }
  }

  ArchiveOptions ao;
  ao.busy_timeout_ms = busy_ms;
  std::unique_ptr<SqliteArchive> archive;
  if (Status s = SqliteArchive::Open(db_path, ao, &archive); !s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  std::unique_ptr<Restorer> restorer;
  if (options.restore) {
    if (Status s = OpenRestorer(flags, &restorer); !s.ok()) {
      PrintError(s);
      return ExitCodeFor(s);
    }
  }

  // Which files need work: content already stored as ok is skipped; the same
  // content twice in one run is stored once.
  RunCounts counts;
  counts.files = static_cast<int>(files.size());
  std::vector<Job> todo;
  std::map<std::string, std::string> seen;  // hash -> first path this run
  for (const std::string& path : files) {
    Job job;
    job.path = path;
    std::string bytes;
    job.read_status = ReadFileBytes(path, &bytes);
    if (job.read_status.ok()) {
      job.hash = Sha256Hex(bytes);
      job.size = bytes.size();
      if (seen.count(job.hash)) {
        ++counts.skipped;
        continue;
      }
      seen[job.hash] = path;
      std::string stored;
      if (Status s = archive->DocumentStatus(job.hash, &stored); !s.ok()) {
        PrintError(s);
        return ExitCodeFor(s);
      }
      if (stored == "ok" && !force) {
        ++counts.skipped;
        continue;
      }
    } else {
      // Unreadable: recorded under its path so the failure is visible.
      job.hash = "unreadable:" + path;
    }
    todo.push_back(std::move(job));
  }

  int64_t run_id = 0;
  if (Status s = archive->BeginRun(SOHOA_VERSION, OptionsJson(flags, flags.positional(), jobs),
                                   &run_id);
      !s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }

  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  struct sigaction old_int {}, old_term {};
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);

  // Workers fill `results` by index; this thread stores them in order.
  std::vector<std::optional<Result>> results(todo.size());
  std::mutex mu;
  std::condition_variable cv;
  std::atomic<size_t> next{0};
  int running = 0;
  // Extracts and analyses todo[i] (in a worker thread, or inline with --jobs 1).
  auto process = [&](size_t i) {
    Result r;
    if (!todo[i].read_status.ok()) {
      r.status = todo[i].read_status;
    } else {
      try {
        r.status = ProcessDocument(todo[i].path, options, restorer.get(), nullptr, &r.processed);
      } catch (const std::exception& e) {
        r.status = Status::Internal(todo[i].path + ": " + e.what());
      }
    }
    return r;
  };
  auto worker = [&] {
    for (;;) {
      if (g_stop.load()) break;
      size_t i = next.fetch_add(1);
      if (i >= todo.size()) break;
      Result r = process(i);
      std::lock_guard<std::mutex> lock(mu);
      results[i] = std::move(r);
      cv.notify_all();
    }
    std::lock_guard<std::mutex> lock(mu);
    --running;
    cv.notify_all();
  };
  int threads = std::min<int>(jobs, std::max<size_t>(1, todo.size()));
  // Isolated extraction forks; where fork() is not safe while other threads
  // allocate (sanitizer builds), documents are processed one at a time.
  if (options.ingest.isolate && !ForkIsSafeWithOtherThreads()) threads = 1;
  // With one job the documents are processed on this thread, between the
  // stores: the isolation worker is then forked from a process with no other
  // thread running.
  const bool inline_jobs = threads == 1;
  std::vector<std::thread> pool;
  running = inline_jobs ? 0 : threads;
  if (!inline_jobs)
    for (int t = 0; t < threads; ++t) pool.emplace_back(worker);

  const CarryoverCheck recheck = [&](const Document& text, const StoredReport& report,
                                     Archive* a, std::vector<Finding>* out) {
    return CheckDocument(text, report.meta, report.tables, a, options.check, out);
  };
  Progress progress(static_cast<int>(todo.size()), isatty(STDERR_FILENO) == 1);
  Status archive_error;
  for (size_t i = 0; i < todo.size(); ++i) {
    std::optional<Result> r;
    if (inline_jobs) {
      if (g_stop.load()) break;
      r = process(i);
    } else {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return results[i].has_value() || running == 0; });
      if (!results[i]) break;  // stopped before this one was taken
      r = std::move(results[i]);
      results[i].reset();
    }
    const Job& job = todo[i];
    DocumentRecord rec;
    rec.path = job.path;
    rec.content_hash = job.hash;
    rec.size_bytes = job.size;
    rec.status = r->status;
    if (r->status.ok()) {
      rec.doc = &r->processed.doc;
      rec.meta = &r->processed.meta;
      rec.tables = &r->processed.tables;
      rec.findings = &r->processed.findings;
    }
    int findings = 0;
    Status s = archive->StoreDocument(run_id, rec, recheck, &findings);
    if (!s.ok()) {
      archive_error = s;
      g_stop.store(true);
      break;
    }
    const int pages = r->status.ok() ? static_cast<int>(r->processed.doc.pages.size()) : 0;
    counts.pages += pages;
    if (r->status.ok()) {
      ++counts.stored;
      counts.findings += findings;
      progress.Done(job.path,
                    "stored (" + std::to_string(pages) + (pages == 1 ? " page, " : " pages, ") +
                        std::to_string(findings) + " findings)",
                    pages);
    } else {
      ++counts.failed;
      progress.Done(job.path, "failed (" + std::string(Status::CodeName(r->status.code())) + ")",
                    0);
      if (isatty(STDERR_FILENO)) std::fputc('\n', stderr);
      PrintError(r->status);
    }
  }
  const bool interrupted = g_stop.load() && archive_error.ok();
  g_stop.store(true);
  for (std::thread& t : pool) t.join();
  progress.Finish();
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);

  const std::string state =
      !archive_error.ok() ? "failed" : interrupted ? "interrupted" : "finished";
  Status fin = archive->FinishRun(run_id, counts, state);
  if (!archive_error.ok()) {
    PrintError(archive_error);
    return ExitCodeFor(archive_error);
  }
  if (!fin.ok()) {
    PrintError(fin);
    return ExitCodeFor(fin);
  }
  const int left = counts.files - counts.stored - counts.skipped - counts.failed;
  std::printf("sohoa ingest: %d files: %d stored, %d skipped (already in the archive), %d failed; "
              "%d findings; %d pages in %.1f s -> %s\n",
              counts.files, counts.stored, counts.skipped, counts.failed, counts.findings,
              counts.pages, progress.Seconds(), db_path.c_str());
  if (interrupted) {
    std::printf("sohoa ingest: interrupted; %d files not processed; run the same command again "
                "to resume\n",
                left);
    return kExitInterrupted;
  }
  if (counts.failed > 0) exit_code = kExitSomeFailed;
  return exit_code;
}

}  // namespace sohoa::cli
