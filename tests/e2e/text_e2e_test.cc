// End-to-end: build/sohoa text on fixtures and on broken inputs.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::Fixture;
using testing::RunSohoa;

TEST(TextE2eTest, PlainTextFixtureKeepsDiacritics) {
  auto r = RunSohoa({"text", Fixture("seeds/000_eec36b514c44fab6.txt")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Trung tâm đã nhận được 12.746 hồ sơ"), std::string::npos);
  EXPECT_NE(r.out.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
}

TEST(TextE2eTest, JsonListsWordsWithSource) {
  auto r = RunSohoa({"text", "--json", Fixture("seeds/004_c1665277c84d2c10.txt")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"documents\":["), std::string::npos);
  EXPECT_NE(r.out.find("\"text\":\"UBND\""), std::string::npos);
  EXPECT_NE(r.out.find("\"source\":\"text\""), std::string::npos);
}

// A text file larger than the window (pipeline.h, 256 KiB) is read window by
// window: made of copies of one report separated by form feeds, every window
// holds whole copies, and each copy comes out as the report alone does.
// (Reports whose restoration depends on the whole document's statistics may
// come out differently in a larger window; these do not.)
std::string RepeatedReport(const std::string& fixture, size_t at_least, int* copies,
                           std::string* one_path) {
  std::string report = testing::ReadFile(Fixture(fixture));
  while (!report.empty() && report.back() == '\n') report.pop_back();
  std::string joined;
  *copies = 0;
  while (joined.size() < at_least) {
    if (*copies > 0) joined += '\f';
    joined += report;
    ++*copies;
  }
  const std::string base = testing::TempDir() + "/" + std::to_string(at_least) + "_" +
                           fixture.substr(fixture.rfind('/') + 1);
  *one_path = base + ".one.txt";
  std::ofstream(*one_path, std::ios::binary) << report;
  std::ofstream(base, std::ios::binary) << joined;
  return base;
}

TEST(TextE2eTest, LargeTextInWindowsMatchesEachReportAlone) {
  for (const std::string fixture : {"seeds/000_eec36b514c44fab6.txt", "encodings/tcvn3.txt",
                                    "encodings/vni_mojibake.txt"}) {
    int copies = 0;
    std::string one_path;
    const std::string path = RepeatedReport(fixture, 700 << 10, &copies, &one_path);
    auto one = RunSohoa({"text", one_path});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    ASSERT_FALSE(one.out.empty());
    one.out.pop_back();  // the final newline
    std::string expected;
    for (int i = 0; i < copies; ++i) expected += (i ? "\f" : "") + one.out;
    auto all = RunSohoa({"text", path});
    ASSERT_EQ(all.exit_code, 0) << all.err;
    EXPECT_TRUE(all.out == expected + "\n") << fixture << ": " << all.out.size() << " bytes, expected "
                                            << expected.size() + 1;
    // The same into a folder: written whole.
    const std::string dir = testing::TempDir() + "/windows_out";
    auto to_dir = RunSohoa({"text", path, "-o", dir});
    ASSERT_EQ(to_dir.exit_code, 0) << to_dir.err;
    const std::string written =
        testing::ReadFile(dir + "/" + path.substr(path.rfind('/') + 1) + ".txt");
    EXPECT_TRUE(written == expected + "\n") << fixture;
  }
}

// A warning's byte offset in a large text read in windows counts from the
// file's start, not from its window's.
TEST(TextE2eTest, LargeTextWarningNamesTheByteInTheWholeFile) {
  std::string text;
  while (text.size() < (600 << 10)) text += "Trung tâm đã nhận được 12.746 hồ sơ.\n\n";
  const size_t bad = text.size();
  text += "Số hồ sơ \xFF trả lại.\n";
  const std::string path = testing::TempDir() + "/late_bad_byte.txt";
  std::ofstream(path, std::ios::binary) << text;
  auto r = RunSohoa({"text", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string at = "late_bad_byte.txt: byte " + std::to_string(bad + std::string("Số hồ sơ ").size()) +
                         ": warning: invalid UTF-8";
  EXPECT_NE(r.err.find(at), std::string::npos) << r.err;
}

TEST(TextE2eTest, LargeTextWithAnOverlongLineFailsWithNothingWritten) {
  std::string text;
  while (text.size() < (600 << 10)) text += "Trung tâm đã nhận được 12.746 hồ sơ.\n";
  text += std::string((1 << 20) + 10, 'x') + "\n";
  const std::string path = testing::TempDir() + "/overlong_large.txt";
  std::ofstream(path, std::ios::binary) << text;
  auto r = RunSohoa({"text", path});
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("overlong_large.txt: line"), std::string::npos) << r.err;
}

TEST(TextE2eTest, MissingFileNamesTheFileAndBatchGoesOn) {
  auto r = RunSohoa({"text", "/nonexistent/a.pdf", Fixture("seeds/004_c1665277c84d2c10.txt")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("/nonexistent/a.pdf"), std::string::npos);
  EXPECT_NE(r.out.find("Sóc Trăng"), std::string::npos);  // the second file was processed
}

TEST(TextE2eTest, EmptyFileIsExitCode4) {
  std::string dir = testing::TempDir();
  std::string path = dir + "/empty.txt";
  std::ofstream(path).close();
  auto r = RunSohoa({"text", path});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("empty.txt"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);  // one line
}

TEST(TextE2eTest, UnknownOptionIsUsageError) {
  auto r = RunSohoa({"text", "--bogus", "x.txt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--bogus"), std::string::npos);
}

TEST(TextE2eTest, HelpExplainsOptionsWithExample) {
  auto r = RunSohoa({"text", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--ocr=MODE"), std::string::npos);
  EXPECT_NE(r.out.find("Examples:"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
