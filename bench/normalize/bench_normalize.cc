// bench_normalize: throughput of the normalize stage on one core.
//   - NFC pass-through of clean UTF-8 (--from=utf8 and --from=auto)
//   - each legacy decoding (raw bytes and mojibake), whole NormalizeBytes path
// Input: the seed reports (fixtures/seeds) repeated to ~8 MB, encoded with the
// stage's own encoders. Prints MB/s of input bytes (best of 3 runs) per CPU
// second of this thread (the machine is shared, so wall-clock time would
// measure the other jobs too), and the wall-clock figure beside it.
#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "pipeline/core/files.h"
#include "pipeline/normalize/legacy_codec.h"
#include "pipeline/normalize/normalize.h"

namespace {

using sohoa::NormalizeBytes;
using sohoa::NormalizeOptions;
using sohoa::NormalizeResult;
namespace ni = sohoa::normalize_internal;

std::string SeedText() {
  std::string dir = std::string(SOHOA_FIXTURES_DIR) + "/seeds";
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 4 && n.substr(n.size() - 4) == ".txt") names.push_back(n);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  std::string all;
  for (const std::string& n : names) {
    std::string t;
    if (sohoa::ReadFileBytes(dir + "/" + n, &t).ok()) all += t;
  }
  return all;
}

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct Rate {
  double cpu = 0, wall = 0;  // MB/s
};

Rate Best(const std::string& input, const std::string& from) {
  NormalizeOptions o;
  o.from = from;
  Rate best;
  for (int run = 0; run < 3; ++run) {
    NormalizeResult r;
    double c0 = ThreadCpuSeconds();
    auto t0 = std::chrono::steady_clock::now();
    if (!NormalizeBytes(input, o, &r).ok()) return {};
    auto t1 = std::chrono::steady_clock::now();
    double c1 = ThreadCpuSeconds();
    best.cpu = std::max(best.cpu, input.size() / 1e6 / (c1 - c0));
    best.wall = std::max(best.wall, input.size() / 1e6 / std::chrono::duration<double>(t1 - t0).count());
  }
  return best;
}

void Print(const std::string& what, const std::string& input, const std::string& from) {
  Rate r = Best(input, from);
  std::printf("  %-30s %8.1f MB/s per CPU second   (%6.1f MB/s wall clock)\n", what.c_str(), r.cpu,
              r.wall);
}

std::string AsCp1252Chars(const std::string& bytes) {
  // Mojibake shape for the benchmark: each byte as the Latin-1 character
  // (the legacy encodings' letters are all in 0xA0-0xFF or ASCII here).
  std::string out;
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else {
      out.push_back(static_cast<char>(0xC0 | (b >> 6)));
      out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
    }
  }
  return out;
}

}  // namespace

int main() {
  if (!std::getenv("SOHOA_DICTIONARIES")) setenv("SOHOA_DICTIONARIES", SOHOA_DICTIONARIES_DIR_FOR_BENCH, 1);
  std::string seed = SeedText();
  if (seed.empty()) {
    std::fprintf(stderr, "bench_normalize: no seed texts in %s/seeds\n", SOHOA_FIXTURES_DIR);
    return 1;
  }
  // Only what every legacy encoding can hold: drop other non-ASCII characters.
  std::string clean;
  {
    NormalizeOptions o;
    NormalizeResult r;
    NormalizeBytes(seed, o, &r);
    clean = r.text;
  }
  std::string utf8;
  while (utf8.size() < 8'000'000) utf8 += clean;
  std::printf("normalize throughput, one thread, input %.1f MB (seed reports repeated)\n",
              utf8.size() / 1e6);
  Print("utf-8 NFC pass-through", utf8, "utf8");
  Print("utf-8 auto (with detection)", utf8, "auto");
  std::string ascii;
  for (char c : utf8)
    if (static_cast<unsigned char>(c) < 0x80) ascii.push_back(c);
  Print("ascii pass-through", ascii, "utf8");

  struct Legacy {
    const char* name;
    ni::Legacy codec;
  };
  for (Legacy l : {Legacy{"tcvn3", ni::Legacy::kTcvn3}, Legacy{"vni", ni::Legacy::kVni},
                   Legacy{"viscii", ni::Legacy::kViscii}}) {
    sohoa::Status s;
    const ni::LegacyCodec* codec = ni::GetCodec(l.codec, &s);
    if (codec == nullptr) {
      std::fprintf(stderr, "bench_normalize: %s\n", s.ToString().c_str());
      return 1;
    }
    std::string bytes;
    codec->Encode(utf8, &bytes);
    Print(std::string(l.name) + " bytes, --from", bytes, l.name);
    Print(std::string(l.name) + " bytes, auto", bytes, "auto");
    Print(std::string(l.name) + " mojibake, --from", AsCp1252Chars(bytes), l.name);
  }
  Print("viqr, --from", ni::EncodeViqr(utf8), "viqr");
  return 0;
}
