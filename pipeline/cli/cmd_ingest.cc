// sohoa ingest: the whole pipeline over files and folders into the archive.
// The run itself is IngestFiles (pipeline/ingest_run.h); this file parses
// flags, handles signals and shows progress.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/options.h"
#include "pipeline/cli/output.h"
#include "pipeline/core/json.h"
#include "pipeline/ingest_run.h"
#include "pipeline/pipeline.h"
#include "pipeline/store/postgres.h"
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
      "(.txt .md .tsv .csv .html .htm .docx .doc .rtf .odt .pdf .png .jpg .jpeg .tif\n"
      ".tiff); files named on the command line are always taken. Symlinked folders are\n"
      "not followed; a folder or file that cannot be read, a FIFO or a device is recorded\n"
      "as a failed input; other files are counted.\n"
      "Each document goes through extraction, normalisation, restoration, metadata,\n"
      "tables and checks, and is stored in one transaction: whole or not at all.\n"
      "Carry-over between periods is checked against the archive: when a report arrives,\n"
      "it and the previous and next reports of the same body are re-checked.\n"
      "\n"
      "A file whose content (SHA-256) is already stored as ok is skipped, so re-running\n"
      "is cheap and adds nothing twice; --force redoes it. The same bytes under another\n"
      "name (a report saved twice) are stored once, and `findings` reports the copy as a\n"
      "duplicate naming both files. A file that fails is recorded\n"
      "with its error and the run goes on. Ctrl-C (SIGINT/SIGTERM) stops after the\n"
      "documents being processed; the archive stays consistent and the next run resumes.\n"
      "Progress goes to stderr (a bar on a terminal, one line per file otherwise); the\n"
      "summary goes to stdout.\n"
      "\n"
      "Many workers, one archive: with --db naming a PostgreSQL database, any number of\n"
      "'sohoa ingest' processes on any number of machines may run over the same files\n"
      "at once. Each document is claimed by its content hash before it is processed, so\n"
      "none is processed twice; a worker that dies (killed, machine lost) loses only its\n"
      "claims, which the others take over once their lease lapses; each worker ends\n"
      "when every document of its list is stored. --shard I/N instead splits the list\n"
      "itself between N copies started by a scheduler. See docs/distributed.md.\n"
      "\n"
      "Exit codes: 0 every file stored or skipped; 1 some files failed (recorded in the\n"
      "archive, see 'sohoa findings' and the documents table); 2 usage; 11 archive error\n"
      "(locked, read-only, newer schema, disk full: nothing was changed for the file\n"
      "being stored); 130 interrupted (the archive is consistent; run again to resume).";
  spec.flags = {{"db", "ARCHIVE", "sohoa.db",
                 "the archive: an SQLite file (created when missing), or a PostgreSQL database "
                 "shared by many workers (postgresql://user@host/db or \"host=... dbname=...\"; "
                 "the password best in ~/.pgpass or PGPASSWORD)"},
                {"lease", "SECONDS", "300",
                 "PostgreSQL: a worker's claim on a document lasts this long unless renewed (it "
                 "renews every third of it); a dead worker's documents are taken over after it"},
                {"force", "", "", "process files again even when their content is already stored"},
                {"busy-timeout", "MS", "10000",
                 "wait this long for another process's lock on the archive before failing"},
                {"shard", "I/N", "",
                 "take only shard I (0..N-1) of N: the files whose content hash falls in it; N "
                 "copies with I = 0..N-1 take every file once (Slurm arrays, Kubernetes Indexed "
                 "Jobs)"},
                {"verbose", "", "", "list the files under the folders that are not report kinds"}};
  for (FlagSpec f : ExtractionFlags()) {
    if (f.name == "jobs") f.help = "documents processed in parallel (the archive has one writer)";
    spec.flags.push_back(f);
  }
  spec.examples =
      "  sohoa ingest fixtures --db sohoa.db\n"
      "  sohoa ingest --jobs 2 reports/2019 reports/2020 --db archive.db\n"
      "  sohoa ingest --force --ocr=always scans/ --db archive.db\n"
      "  sohoa ingest --shard \"$SLURM_ARRAY_TASK_ID/8\" reports/ --db archive.db\n";
  return spec;
}

// Progress on stderr: a redrawn bar on a terminal, one line per file otherwise.
class Progress : public IngestObserver {
 public:
  explicit Progress(bool tty) : tty_(tty), start_(Clock::now()) {}

  void InputFailed(const Status& s) override { PrintError(s); }
  void NotAReport(const std::string& path) override {
    if (verbose_) std::fprintf(stderr, "sohoa ingest: not read (not a report kind): %s\n", Printable(path).c_str());
  }
  void set_verbose(bool v) { verbose_ = v; }
  void Planned(int documents) override { total_ = documents; }
  void Done(const IngestEvent& e) override {
    if (e.outcome == IngestOutcome::kStored) {
      Done(e.path,
           "stored (" + std::to_string(e.pages) + (e.pages == 1 ? " page, " : " pages, ") +
               std::to_string(e.findings) + " findings)",
           e.pages);
      return;
    }
    Done(e.path, "failed (" + std::string(Status::CodeName(e.status.code())) + ")", 0);
    if (tty_) std::fputc('\n', stderr);
    PrintError(e.status);
  }

  void Done(const std::string& path, const std::string& what, int pages) {
    ++done_;
    pages_ += pages;
    const double secs =
        std::chrono::duration<double>(Clock::now() - start_).count() + 1e-9;
    const double rate = done_ / secs;
    if (!tty_) {
      std::fprintf(stderr, "sohoa ingest: [%d/%d] %s %s\n", done_, total_, what.c_str(),
                   Printable(path).c_str());
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
  int total_ = 0, done_ = 0, pages_ = 0;
  bool tty_;
  bool verbose_ = false;
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
  for (const char* name : {"ocr", "ocr-threshold", "lang", "dpi", "from", "tone-style", "restore", "shard"})
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
  const int busy_ms = flags.GetInt("busy-timeout", -1);
  if (busy_ms < 0) return UsageError("ingest", "--busy-timeout must be a number of milliseconds");
  const std::string db_path = flags.Get("db");
  const int lease = flags.GetInt("lease", -1);
  if (lease < 1) return UsageError("ingest", "--lease must be a number of seconds (1 or more)");
  int shard_index = 0, shard_count = 1;
  if (flags.Has("shard")) {
    const std::string v = flags.Get("shard");
    char tail = 0;
    if (std::sscanf(v.c_str(), "%d/%d%c", &shard_index, &shard_count, &tail) != 2 ||
        shard_count < 1 || shard_index < 0 || shard_index >= shard_count)
      return UsageError("ingest", "--shard must be I/N with 0 <= I < N (e.g. 0/4), not '" + v + "'");
  }

  ArchiveOptions ao;
  ao.busy_timeout_ms = busy_ms;
  ao.lease_seconds = lease;
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

  IngestRunOptions run;
  run.pipeline = options;
  run.jobs = jobs;
  run.force = flags.Has("force");
  run.version = SOHOA_VERSION;
  run.options_json = OptionsJson(flags, flags.positional(), jobs);
  run.stop = &g_stop;
  if (const char* hold = std::getenv("SOHOA_TEST_HOLD_AFTER")) run.hold_after_stored = std::atoi(hold);
  run.shard_index = shard_index;
  run.shard_count = shard_count;

  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  struct sigaction old_int {}, old_term {};
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  Progress progress(isatty(STDERR_FILENO) == 1);
  progress.set_verbose(flags.Has("verbose"));
  IngestSummary summary;
  Status s = IngestFiles(flags.positional(), run, restorer.get(), archive.get(), &progress,
                         &summary);
  progress.Finish();
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  if (!s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  const RunCounts& counts = summary.counts;
  std::printf("sohoa ingest: %d files: %d stored, %d skipped (already in the archive), %d failed; "
              "%d findings; %d pages in %.1f s -> %s\n",
              counts.files, counts.stored, counts.skipped, counts.failed, counts.findings,
              counts.pages, progress.Seconds(), MaskPassword(db_path).c_str());
  if (shard_count > 1)
    std::printf("sohoa ingest: shard %d/%d: %d files left to the other shards\n", shard_index,
                shard_count, summary.other_shards);
  if (summary.other_files > 0)
    std::printf("sohoa ingest: %d other files under the folders are not report kinds and were not "
                "read (--verbose lists them)\n",
                summary.other_files);
  if (summary.interrupted) {
    std::printf("sohoa ingest: interrupted; %d files not processed; run the same command again "
                "to resume\n",
                summary.not_processed);
    return kExitInterrupted;
  }
  return counts.failed > 0 || summary.inputs_failed ? kExitSomeFailed : 0;
}

}  // namespace sohoa::cli
