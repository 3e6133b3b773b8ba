#include "tests/testing/process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sohoa::testing {

pid_t SpawnQuiet(const std::string& binary, const std::vector<std::string>& args) {
  // The argument vector is built before fork: the child only calls
  // async-signal-safe functions.
  std::vector<std::string> copy = args;
  std::string bin = binary;
  std::vector<char*> argv;
  argv.push_back(bin.data());
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  if (pid <= 0 || ::waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace sohoa::testing
