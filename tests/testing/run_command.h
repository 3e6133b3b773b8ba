// Test helper: runs the built sohoa binary and captures exit code, stdout
// and stderr, for end-to-end tests.
#ifndef SOHOA_TESTS_TESTING_RUN_COMMAND_H_
#define SOHOA_TESTS_TESTING_RUN_COMMAND_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace sohoa::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs SOHOA_BINARY with `args` (no shell), optional stdin contents.
CommandResult RunSohoa(const std::vector<std::string>& args, const std::string& stdin_data = "");

// Starts SOHOA_BINARY with `args` in the background, output discarded
// (testing/process.h); wait for it with WaitExit.
pid_t SpawnSohoa(const std::vector<std::string>& args);

// Path of a file under fixtures/.
std::string Fixture(const std::string& relative);
// A fresh empty temporary directory for this test.
std::string TempDir();
std::string ReadFile(const std::string& path);

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_TESTING_RUN_COMMAND_H_
