#include "pipeline/ingest/isolation.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <mutex>
#include <new>

#include "pipeline/ingest/doc_wire.h"

#if defined(__SANITIZE_ADDRESS__)
#define SOHOA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOHOA_ASAN 1
#endif
#endif

namespace sohoa {

namespace {

constexpr char kProgress = 'P';
constexpr char kResult = 'R';
constexpr size_t kHeader = 1 + sizeof(uint64_t);

bool WriteAll(int fd, const char* data, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    data += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

void WriteFrame(int fd, char type, const std::string& payload) {
  static std::mutex mu;  // pages finish on several worker threads
  std::string frame(1, type);
  uint64_t n = payload.size();
  frame.append(reinterpret_cast<const char*>(&n), sizeof n);
  frame += payload;
  std::lock_guard<std::mutex> lock(mu);
  WriteAll(fd, frame.data(), frame.size());
}

[[noreturn]] void RunWorker(int fd, const IsolationLimits& limits,
                            const IsolatedExtraction& extract, Document* doc) {
  ::signal(SIGPIPE, SIG_DFL);
#ifndef SOHOA_ASAN
  if (limits.memory_bytes > 0) {
    rlimit r{static_cast<rlim_t>(limits.memory_bytes), static_cast<rlim_t>(limits.memory_bytes)};
    ::setrlimit(RLIMIT_AS, &r);
  }
#endif
  if (limits.cpu_seconds > 0) {
    // Soft limit sends SIGXCPU (terminates); the hard limit a second later SIGKILL.
    rlimit r{static_cast<rlim_t>(limits.cpu_seconds), static_cast<rlim_t>(limits.cpu_seconds + 1)};
    ::setrlimit(RLIMIT_CPU, &r);
  }
  Status s;
  try {
    s = extract([fd](int page) {
      std::string p(reinterpret_cast<const char*>(&page), sizeof page);
      WriteFrame(fd, kProgress, p);
    }, doc);
  } catch (const std::bad_alloc&) {
    s = Status::EngineFailure(doc->path + ": out of memory in the extraction worker");
  } catch (const std::exception& e) {
    s = Status::EngineFailure(doc->path + ": extraction worker failed: " + e.what());
  } catch (...) {
    s = Status::EngineFailure(doc->path + ": extraction worker failed");
  }
  WriteFrame(fd, kResult, EncodeResult(s, *doc));
  ::close(fd);
  ::_exit(0);  // no atexit handlers, no flushing of the parent's stdio buffers
}

Status Reap(const std::string& path, pid_t pid, const IsolationLimits& limits, int* wstatus) {
  while (::waitpid(pid, wstatus, 0) < 0) {
    if (errno != EINTR) return Status::Internal(path + ": lost the extraction worker");
  }
  return Status::Ok();
}

}  // namespace

bool ForkIsSafeWithOtherThreads() {
#ifdef SOHOA_ASAN
  return false;
#else
  return true;
#endif
}

Status RunIsolated(const std::string& path, const IsolationLimits& limits,
                   const IsolatedExtraction& extract,
                   const std::function<void(int)>& on_page_done, Document* doc) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    return Status::Internal(path + ": cannot create a pipe for the worker: " + std::strerror(errno));
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return Status::Internal(path + ": cannot start the extraction worker: " + std::strerror(errno));
  }
  if (pid == 0) {
    ::close(fds[0]);
    RunWorker(fds[1], limits, extract, doc);
  }
  ::close(fds[1]);
  const int fd = fds[0];
  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + std::chrono::seconds(limits.idle_seconds);
  std::string buf, result;
  bool have_result = false, timed_out = false;
  char chunk[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fd, POLLIN, 0};
    int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
    if (rc < 0 && errno == EINTR) continue;
    if (rc == 0) continue;  // re-check the deadline
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: the worker is done or dead
    buf.append(chunk, static_cast<size_t>(n));
    // Consume complete frames.
    size_t pos = 0;
    while (buf.size() - pos >= kHeader) {
      uint64_t len;
      std::memcpy(&len, buf.data() + pos + 1, sizeof len);
      if (buf.size() - pos - kHeader < len) break;
      char type = buf[pos];
      std::string_view payload(buf.data() + pos + kHeader, len);
      if (type == kProgress && len == sizeof(int)) {
        int page;
        std::memcpy(&page, payload.data(), sizeof page);
        deadline = Clock::now() + std::chrono::seconds(limits.idle_seconds);
        if (on_page_done) on_page_done(page);
      } else if (type == kResult) {
        result.assign(payload);
        have_result = true;
      }
      pos += kHeader + len;
    }
    buf.erase(0, pos);
  }
  ::close(fd);
  if (timed_out) ::kill(pid, SIGKILL);
  int wstatus = 0;
  if (Status s = Reap(path, pid, limits, &wstatus); !s.ok()) return s;
  if (timed_out)
    return Status::Timeout(path + ": extraction worker finished no page in " +
                           std::to_string(limits.idle_seconds) + " s; killed");
  if (have_result) {
    Status s;
    if (!DecodeResult(result, &s, doc))
      return Status::EngineFailure(path + ": extraction worker returned a malformed result");
    return s;
  }
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    if (sig == SIGXCPU)
      return Status::Timeout(path + ": extraction worker exceeded its CPU time limit of " +
                             std::to_string(limits.cpu_seconds) + " s");
    return Status::EngineFailure(path + ": PDF/OCR worker crashed (signal " + std::to_string(sig) +
                                 ", " + strsignal(sig) + ")");
  }
  return Status::EngineFailure(path + ": extraction worker exited with code " +
                               std::to_string(WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1) +
                               " without a result");
}

}  // namespace sohoa
