#include "tests/testing/chromium.h"

#include <array>
#include <cstdio>
#include <filesystem>

namespace sohoa::testing {

std::string Chromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (std::filesystem::exists(p)) return p;
  return "";
}

std::string DumpDom(const std::string& chromium, const std::string& file) {
  const std::string cmd = chromium +
                          " --headless --no-sandbox --disable-gpu --no-first-run "
                          "--virtual-time-budget=2000 --dump-dom 'file://" +
                          file + "' 2>/dev/null";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    ::pclose(p);
  }
  return out;
}

}  // namespace sohoa::testing
