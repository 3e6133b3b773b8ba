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
