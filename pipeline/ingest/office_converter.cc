#include "pipeline/ingest/office_converter.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "pipeline/core/files.h"

namespace sohoa {

namespace {

bool Executable(const std::string& p) { return !p.empty() && ::access(p.c_str(), X_OK) == 0; }

// Removes the conversion's directory whatever happens.
struct TempDir {
  std::string path;
  ~TempDir() {
    if (path.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// Last non-empty line of soffice's output, for the error message.
std::string LastLine(const std::string& log_path) {
  std::string log;
  if (!ReadFileBytes(log_path, &log, 1 << 20).ok()) return "";
  std::string last;
  size_t pos = 0;
  while (pos < log.size()) {
    size_t nl = log.find('\n', pos);
    if (nl == std::string::npos) nl = log.size();
    std::string line = log.substr(pos, nl - pos);
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
    pos = nl + 1;
  }
  return last.size() > 200 ? last.substr(0, 200) : last;
}

}  // namespace

std::string FindSoffice() {
  if (const char* env = std::getenv("SOHOA_SOFFICE")) return Executable(env) ? env : "";
  if (const char* path = std::getenv("PATH")) {
    std::string p = path;
    size_t pos = 0;
    while (pos <= p.size()) {
      size_t colon = p.find(':', pos);
      if (colon == std::string::npos) colon = p.size();
      std::string dir = p.substr(pos, colon - pos);
      if (!dir.empty() && Executable(dir + "/soffice")) return dir + "/soffice";
      pos = colon + 1;
    }
  }
  const std::string fallback = "/usr/lib/libreoffice/program/soffice";
  return Executable(fallback) ? fallback : "";
}

Status ConvertToDocx(const std::string& path, std::string_view bytes, const std::string& extension,
                     int timeout_seconds, std::string* docx, double* seconds) {
  const auto start = std::chrono::steady_clock::now();
  const std::string soffice = FindSoffice();
  if (soffice.empty())
    return Status::Unsupported(path + ": reading ." + extension +
                               " needs LibreOffice (soffice), which is not installed: install "
                               "the Debian package libreoffice-writer");
  const char* tmp_env = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp_env && *tmp_env ? tmp_env : "/tmp") + "/sohoa-convert-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data()))
    return Status::IoError(path + ": cannot create a temporary directory for LibreOffice");
  TempDir dir{buf.data()};
  const std::string input = dir.path + "/input." + extension;
  const std::string outdir = dir.path + "/out";
  const std::string log = dir.path + "/soffice.log";
  {
    std::ofstream f(input, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) return Status::IoError(path + ": cannot write the temporary copy for LibreOffice");
  }
  // Everything the child needs is built before fork (only async-signal-safe
  // calls between fork and exec).
  std::vector<std::string> args = {soffice,
                                   "-env:UserInstallation=file://" + dir.path + "/profile",
                                   "--headless", "--invisible", "--norestore", "--nologo",
                                   "--nodefault", "--nolockcheck", "--convert-to", "docx",
                                   "--outdir", outdir, input};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // LibreOffice writes under $HOME: the conversion's own directory.
  std::string home = "HOME=" + dir.path;
  std::vector<char*> envp;
  for (char** e = environ; e && *e; ++e)
    if (std::strncmp(*e, "HOME=", 5) != 0) envp.push_back(*e);
  envp.push_back(home.data());
  envp.push_back(nullptr);
  const int cpu = timeout_seconds > 0 ? timeout_seconds + 10 : 0;
  pid_t pid = ::fork();
  if (pid < 0) return Status::EngineFailure(path + ": cannot start LibreOffice (fork failed)");
  if (pid == 0) {
    ::setpgid(0, 0);
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in >= 0) ::dup2(in, 0);
    if (out >= 0) {
      ::dup2(out, 1);
      ::dup2(out, 2);
    }
    if (cpu > 0) {
      struct rlimit rl = {static_cast<rlim_t>(cpu), static_cast<rlim_t>(cpu)};
      ::setrlimit(RLIMIT_CPU, &rl);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also from here: no race with the child's own call
  int status = 0;
  bool timed_out = false;
  while (true) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) break;
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (timeout_seconds > 0 && elapsed > timeout_seconds) {
      timed_out = true;
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-pid, SIGKILL);  // helpers soffice may have left in its group
  if (seconds)
    *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (timed_out)
    return Status::Timeout(path + ": LibreOffice did not convert the ." + extension +
                           " within " + std::to_string(timeout_seconds) + " s (killed)");
  if (WIFSIGNALED(status))
    return Status::EngineFailure(path + ": LibreOffice crashed converting the ." + extension +
                                 " (signal " + std::to_string(WTERMSIG(status)) + ")");
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    return Status::Unsupported(path + ": cannot run " + soffice +
                               ": install the Debian package libreoffice-writer");
  Status s = ReadFileBytes(outdir + "/input.docx", docx);
  if (!s.ok()) {
    std::string why = LastLine(log);
    return Status::Corrupt(path + ": LibreOffice could not convert the ." + extension +
                           (why.empty() ? std::string(" (no output)") : " (" + why + ")"));
  }
  return Status::Ok();
}

}  // namespace sohoa
