// End-to-end: build/sohoa text on every file of the broken-input corpus
// (fixtures/broken/README.md): the documented exit code, one line on stderr
// naming the file, the batch goes on, and no input is modified.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>

#include "pipeline/core/files.h"
#include "tests/ingest/broken_cases.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::Case;
using testing::Fixture;
using testing::kFastCases;
using testing::RunSohoa;

size_t CountLines(const std::string& s) { return std::count(s.begin(), s.end(), '\n'); }
class BrokenE2eTest : public ::testing::TestWithParam<Case> {};

TEST_P(BrokenE2eTest, ExitCodeAndOneLineNamingTheFile) {
  const Case& c = GetParam();
  std::string path = Fixture(c.file);
  auto r = RunSohoa({"text", "--restore=off", path});
  EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
  std::string error_line;  // the last stderr line is the error; warnings may precede it
  size_t last = r.err.rfind('\n', r.err.size() - 2);
  error_line = r.err.substr(last == std::string::npos ? 0 : last + 1);
  EXPECT_NE(error_line.find(path), std::string::npos) << r.err;
  EXPECT_NE(error_line.find(c.message), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

INSTANTIATE_TEST_SUITE_P(Corpus, BrokenE2eTest, ::testing::ValuesIn(kFastCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string n = info.param.file + 7;  // after "broken/"
                           for (char& ch : n)
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

TEST(BrokenE2eSingleTest, CorruptXrefIsRebuiltByPoppler) {
  auto r = RunSohoa({"text", "--restore=off", Fixture("broken/corrupt_xref.pdf")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Trung tâm đã nhận được 12.746 hồ sơ"), std::string::npos);
}

TEST(BrokenE2eSingleTest, InvalidUtf8GoesToNormalizeAsBytes) {
  auto r = RunSohoa({"text", "--restore=off", Fixture("broken/invalid_utf8.txt")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Only warnings from normalize about the guessed encoding, no error line.
  size_t warnings = 0;
  for (size_t pos = 0; (pos = r.err.find(": warning: ", pos)) != std::string::npos; ++pos) ++warnings;
  EXPECT_EQ(warnings, CountLines(r.err)) << r.err;
  // Whatever normalize makes of it, the output is valid UTF-8 with the ASCII kept.
  EXPECT_NE(r.out.find('a'), std::string::npos);
}

// A zip member named "../../../../tmp/sohoa_evil.txt" is never used as a
// path: the document is read, nothing is written outside.
TEST(BrokenE2eSingleTest, ZipMemberPathIsNeverAFilePath) {
  std::remove("/tmp/sohoa_evil.txt");
  auto r = RunSohoa({"text", "--restore=off", Fixture("broken/path_traversal.docx")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Báo cáo tháng 5\n");
  EXPECT_FALSE(std::ifstream("/tmp/sohoa_evil.txt").good());
}

// Speed is measured in bench/, not here: this pins the behaviour (refused,
// exit 8, one line naming the file) without a wall-clock limit that a busy
// machine would break.
TEST(BrokenE2eSingleTest, FiftyMegabyteLineIsRefused) {
  std::string dir = testing::TempDir();
  // 20 MB in one line: under the plain-text size limit, over the line limit.
  // 50 MB: over the plain-text size limit (32 MiB), refused before reading lines.
  for (int megabytes : {20, 50}) {
    std::string path = dir + "/long_line" + std::to_string(megabytes) + ".txt";
    {
      std::ofstream out(path, std::ios::binary);
      std::string chunk(1 << 20, 'a');
      for (size_t i = 0; i < chunk.size(); i += 7) chunk[i] = ' ';
      for (int i = 0; i < megabytes; ++i) out << chunk;
    }
    auto r = RunSohoa({"text", "--restore=off", path});
    EXPECT_EQ(r.exit_code, 8) << r.err;
    EXPECT_NE(r.err.find(path), std::string::npos);
    if (megabytes == 20)
      EXPECT_NE(r.err.find("line 1 is 20971520 bytes long"), std::string::npos) << r.err;
    else
      EXPECT_NE(r.err.find("52428800 bytes of plain text, more than the 32 MiB"), std::string::npos)
          << r.err;
    EXPECT_EQ(CountLines(r.err), 1u);
  }
}

}  // namespace
}  // namespace sohoa
