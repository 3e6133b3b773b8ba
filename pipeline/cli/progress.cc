#include "pipeline/cli/progress.h"

#include <unistd.h>

#include <cstdio>

#include "pipeline/cli/output.h"

namespace sohoa::cli {

PageProgress::PageProgress(bool enabled, int files) : enabled_(enabled), files_(files) {}

PageProgress::~PageProgress() { Clear(); }

bool PageProgress::ShouldShow(bool quiet) { return !quiet && isatty(STDERR_FILENO) == 1; }

void PageProgress::StartFile(const std::string& path, PipelineOptions* options) {
  if (!enabled_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++file_;
    pages_ = done_ = 0;
    const size_t slash = path.find_last_of('/');
    name_ = Printable(slash == std::string::npos ? path : path.substr(slash + 1));
    file_start_ = Clock::now();
  }
  options->ingest.on_page_count = [this](int pages) { PageCount(pages); };
  options->ingest.on_page_done = [this](int) { PageDone(); };
}

void PageProgress::PageCount(int pages) {
  std::lock_guard<std::mutex> lock(mu_);
  pages_ = pages;
  file_start_ = Clock::now();
  Draw();
}

void PageProgress::PageDone() {
  std::lock_guard<std::mutex> lock(mu_);
  ++done_;
  Draw();
}

void PageProgress::Draw() {
  const double secs = std::chrono::duration<double>(Clock::now() - file_start_).count() + 1e-9;
  const double rate = done_ / secs;
  std::string line = "file " + std::to_string(file_) + "/" + std::to_string(files_) + "  page " +
                     std::to_string(done_) + "/" + std::to_string(pages_);
  char buf[64];
  if (done_ > 0) {
    const int left = static_cast<int>((pages_ - done_) / rate);
    std::snprintf(buf, sizeof buf, "  %.2f pages/s  left %d:%02d", rate, left / 60, left % 60);
    line += buf;
  }
  line += "  " + name_;
  if (line.size() > 79) line.resize(79);  // one terminal line, redrawn in place
  std::fprintf(stderr, "\r\x1b[K%s", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void PageProgress::Clear() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (!drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace sohoa::cli
