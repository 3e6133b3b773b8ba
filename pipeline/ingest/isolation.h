// Runs the extraction of one untrusted document (Poppler parsing and
// rendering, Leptonica decoding, Tesseract OCR) in a forked worker process,
// so that a crash, a runaway loop or memory exhaustion in those libraries
// becomes a Status for that file and the batch goes on.
//
// The worker gets setrlimit limits (RLIMIT_AS memory, RLIMIT_CPU time; the
// memory limit is skipped in AddressSanitizer builds, which reserve terabytes
// of address space), reports each finished page to the parent (the parent
// kills it when no page finishes within `idle_seconds`), and sends the
// Document back over a pipe (doc_wire.h).
//
// Outcomes: worker killed by a signal -> EngineFailure naming the signal;
// SIGXCPU (CPU limit) or no progress -> Timeout; out of memory (bad_alloc) ->
// EngineFailure; otherwise the worker's own Status and Document.
//
// Caveat: fork() copies only the calling thread; if other threads of the
// parent hold a library lock at that moment the worker may block on it, and
// is then killed by the idle limit (Timeout). Thread-safe otherwise.
#ifndef SOHOA_INGEST_ISOLATION_H_
#define SOHOA_INGEST_ISOLATION_H_

#include <functional>
#include <string>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace sohoa {

struct IsolationLimits {
  long long memory_bytes = 0;  // RLIMIT_AS of the worker; 0 = unlimited
  int cpu_seconds = 0;         // RLIMIT_CPU of the worker; 0 = unlimited
  int idle_seconds = 180;      // longest wait for the next finished page
};

// False in AddressSanitizer builds: their allocator (clang 14) takes no
// lock around fork(), so a worker forked while another thread allocates can
// block forever on the allocator lock (seen in CI). Callers that run
// isolated extractions on several threads use one thread there.
bool ForkIsSafeWithOtherThreads();

// `extract` runs in the worker; it calls `page_done(page_number)` after each
// page, which the parent forwards to `on_page_done` (may be empty).
using IsolatedExtraction =
    std::function<Status(const std::function<void(int)>& page_done, Document* doc)>;

Status RunIsolated(const std::string& path, const IsolationLimits& limits,
                   const IsolatedExtraction& extract,
                   const std::function<void(int)>& on_page_done, Document* doc);

}  // namespace sohoa

#endif  // SOHOA_INGEST_ISOLATION_H_
