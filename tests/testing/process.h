// Test and benchmark helper: starts a program as a child process and waits
// for it, for tests that run several sohoa processes at once or interrupt
// one (and benchmarks that time them). No gtest dependency, so bench/ links
// it too. Not thread-safe (fork).
#ifndef SOHOA_TESTS_TESTING_PROCESS_H_
#define SOHOA_TESTS_TESTING_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace sohoa::testing {

// Starts `binary` with `args` (no shell), its stdout and stderr going to
// /dev/null; the child's pid, or -1 when fork failed. The child exits 127
// when the binary cannot be run.
pid_t SpawnQuiet(const std::string& binary, const std::vector<std::string>& args);

// Waits for `pid`: its exit code, or 128 + the number of the signal that
// ended it (as a shell reports it); -1 when it cannot be waited for.
int WaitExit(pid_t pid);

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_TESTING_PROCESS_H_
