// Page progress on stderr for the commands that extract (text, tables,
// check): "file 2/5  page 7/12  1.4 pages/s  left 0:04  NAME", redrawn in
// place. Shown only when stderr is a terminal and --quiet is not given;
// otherwise every call does nothing, so stdout and logs stay clean.
// Thread-safe: IngestOptions::on_page_done is called from worker threads.
#ifndef SOHOA_CLI_PROGRESS_H_
#define SOHOA_CLI_PROGRESS_H_

#include <chrono>
#include <mutex>
#include <string>

#include "pipeline/pipeline.h"

namespace sohoa::cli {

class PageProgress {
 public:
  // `enabled`: normally ShouldShow(quiet).
  PageProgress(bool enabled, int files);
  PageProgress(const PageProgress&) = delete;  // its address is captured by the callbacks
  PageProgress& operator=(const PageProgress&) = delete;
  ~PageProgress();

  // True when stderr is a terminal and `quiet` is false.
  static bool ShouldShow(bool quiet);

  // Starts file `path` and points options->ingest's page callbacks here.
  void StartFile(const std::string& path, PipelineOptions* options);
  // Erases the line (before an error or the next file's output is printed).
  void Clear();

 private:
  using Clock = std::chrono::steady_clock;
  void PageCount(int pages);
  void PageDone();
  void Draw();  // mu_ held

  const bool enabled_;
  const int files_;
  std::mutex mu_;
  int file_ = 0;
  int pages_ = 0, done_ = 0;
  std::string name_;
  Clock::time_point file_start_;
  bool drawn_ = false;
};

}  // namespace sohoa::cli

#endif  // SOHOA_CLI_PROGRESS_H_
