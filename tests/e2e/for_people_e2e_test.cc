// End-to-end: what the commands give people (issue 19): `sohoa text -o DIR`
// and headers between documents, `sohoa findings` as a table, and progress
// on stderr only when it is a terminal.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::Fixture;
using testing::ReadFile;
using testing::RunSohoa;
using testing::TempDir;

const char kSeed003[] = "seeds/003_fdc46fb5b852ba72.txt";
const char kSeed004[] = "seeds/004_c1665277c84d2c10.txt";

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(TextOutputDirTest, OneTxtPerInputNamedAfterIt) {
  const std::string out = TempDir() + "/text";  // created by the command
  auto r = RunSohoa({"text", "-o", out, Fixture(kSeed003), Fixture(kSeed004)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");  // nothing on stdout with -o
  const std::string a = ReadFile(out + "/003_fdc46fb5b852ba72.txt.txt");
  const std::string b = ReadFile(out + "/004_c1665277c84d2c10.txt.txt");
  EXPECT_NE(b.find("Sóc Trăng"), std::string::npos);
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a.find("==>"), std::string::npos);  // no header inside a file
  // The same text as on stdout for that one input.
  auto single = RunSohoa({"text", Fixture(kSeed004)});
  EXPECT_EQ(single.out, b);
}

TEST(TextOutputDirTest, FolderIsWalkedLikeIngestAndClashesGetANumber) {
  const std::string in = TempDir();
  std::filesystem::create_directories(in + "/2020/q1");
  std::filesystem::create_directories(in + "/2021");
  WriteText(in + "/2020/q1/bao_cao.txt", "Báo cáo tháng 1\n");
  WriteText(in + "/2021/bao_cao.txt", "Báo cáo tháng 2\n");
  WriteText(in + "/2021/notes.xyz", "not a report kind\n");
  const std::string out = TempDir();
  auto r = RunSohoa({"text", in, "--output", out, "--restore=off"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Sorted walk: 2020/q1 first, so it keeps the plain name.
  EXPECT_NE(ReadFile(out + "/bao_cao.txt.txt").find("tháng 1"), std::string::npos);
  EXPECT_NE(ReadFile(out + "/bao_cao.txt (2).txt").find("tháng 2"), std::string::npos);
  EXPECT_FALSE(Exists(out + "/notes.xyz.txt"));
  // No temporary files left behind (written atomically).
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(out)) {
    ++files;
    EXPECT_EQ(e.path().string().find(".tmp"), std::string::npos) << e.path();
  }
  EXPECT_EQ(files, 2);
}

TEST(TextOutputDirTest, FailingInputIsOneLineAndTheBatchGoesOn) {
  const std::string in = TempDir();
  WriteText(in + "/empty.txt", "");
  const std::string out = TempDir();
  auto r = RunSohoa({"text", "-o", out, "/nonexistent/a.pdf", in + "/empty.txt", Fixture(kSeed004)});
  EXPECT_EQ(r.exit_code, 4);  // the largest of 3 (not found) and 4 (empty)
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 2) << r.err;
  EXPECT_NE(r.err.find("/nonexistent/a.pdf"), std::string::npos);
  EXPECT_NE(r.err.find("empty.txt"), std::string::npos);
  EXPECT_FALSE(Exists(out + "/empty.txt.txt"));
  EXPECT_NE(ReadFile(out + "/004_c1665277c84d2c10.txt.txt").find("Sóc Trăng"), std::string::npos);
}

TEST(TextOutputDirTest, OutputFolderThatIsAFileIsAnError) {
  const std::string dir = TempDir();
  WriteText(dir + "/file", "x");
  auto r = RunSohoa({"text", "-o", dir + "/file", Fixture(kSeed004)});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("not a folder"), std::string::npos);
}

TEST(TextStdoutTest, SeveralDocumentsAreSeparatedByAHeaderLine) {
  auto r = RunSohoa({"text", Fixture(kSeed003), Fixture(kSeed004)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string h3 = "==> " + Fixture(kSeed003) + " <==\n";
  const std::string h4 = "==> " + Fixture(kSeed004) + " <==\n";
  ASSERT_EQ(r.out.rfind(h3, 0), 0u) << r.out.substr(0, 200);  // first line
  const size_t at4 = r.out.find(h4);
  ASSERT_NE(at4, std::string::npos);
  EXPECT_NE(r.out.find("Sóc Trăng", at4), std::string::npos);
}

TEST(TextStdoutTest, OneDocumentHasNoHeader) {
  auto r = RunSohoa({"text", Fixture(kSeed004)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("==>"), std::string::npos);
}

TEST(TextStdoutTest, JsonAndOutputDirCannotBeCombined) {
  auto r = RunSohoa({"text", "--json", "-o", TempDir(), Fixture(kSeed004)});
  EXPECT_EQ(r.exit_code, 2);
}

// An archive with one report that has a finding (seed 003's 0,06% claim).
std::string ArchiveWithFindings() {
  const std::string db = TempDir() + "/a.db";
  auto r = RunSohoa({"ingest", Fixture(kSeed003), Fixture(kSeed004), "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return db;
}

TEST(FindingsTableTest, NotATerminalKeepsCsvByDefault) {
  const std::string db = ArchiveWithFindings();
  auto r = RunSohoa({"findings", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("document,period,page,line,kind,severity", 0), 0u) << r.out;
}

TEST(FindingsTableTest, TableHasAlignedColumnsAndACount) {
  const std::string db = ArchiveWithFindings();
  auto csv = RunSohoa({"findings", "--db", db, "--format", "csv"});
  const long rows = std::count(csv.out.begin(), csv.out.end(), '\n') - 1;
  ASSERT_GT(rows, 0) << "the archive should have findings";
  auto r = RunSohoa({"findings", "--db", db, "--format", "table"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string header = r.out.substr(0, r.out.find('\n'));
  for (const char* col : {"document", "period", "unit", "column", "read", "suggested", "message"})
    EXPECT_NE(header.find(col), std::string::npos) << col;
  EXPECT_LT(header.find("document"), header.find("period"));
  EXPECT_LT(header.find("suggested"), header.find("message"));
  EXPECT_NE(r.out.find("003_fdc46fb5b852ba72.txt"), std::string::npos);  // base name
  EXPECT_NE(r.out.find(std::to_string(rows) + (rows == 1 ? " finding\n" : " findings\n")),
            std::string::npos)
      << r.out;
  // The header, one line per finding, the count.
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), rows + 2);
}

TEST(FindingsTableTest, TableIsCutToColumns) {
  const std::string db = ArchiveWithFindings();
  setenv("COLUMNS", "60", 1);
  auto r = RunSohoa({"findings", "--db", db, "--format", "table"});
  unsetenv("COLUMNS");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t start = 0;
  while (start < r.out.size()) {
    size_t end = r.out.find('\n', start);
    std::string line = r.out.substr(start, end - start);
    size_t width = 0;  // code points, as the terminal shows them
    for (unsigned char c : line) width += (c & 0xC0) != 0x80;
    EXPECT_LE(width, 60u) << line;
    start = end + 1;
  }
}

TEST(FindingsTableTest, UnknownFormatIsUsageError) {
  auto r = RunSohoa({"findings", "--db", "x.db", "--format", "xml"});
  EXPECT_EQ(r.exit_code, 2);
}

// Runs `command` under script(1), so that stdout and stderr are a terminal.
// Returns what the terminal showed, or "" when script(1) is missing.
std::string RunOnTerminal(const std::string& command) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) return "";
  const std::string log = TempDir() + "/typescript";
  const std::string line = "script -qec '" + command + "; true' " + log + " >/dev/null 2>&1 </dev/null";
  if (std::system(line.c_str()) != 0) return "";
  return ReadFile(log);
}

TEST(ProgressTest, NotATerminalShowsNoProgress) {
  for (const char* cmd : {"text", "tables", "check"}) {
    auto r = RunSohoa({cmd, Fixture("pdf/000_page1.pdf")});
    EXPECT_EQ(r.err.find("pages/s"), std::string::npos) << cmd << ": " << r.err;
    EXPECT_EQ(r.err.find('\r'), std::string::npos) << cmd;
  }
}

TEST(ProgressTest, TerminalShowsPagesAndQuietHidesThem) {
  const std::string bin = SOHOA_BINARY;
  const std::string pdf = Fixture("pdf/000_page1.pdf");
  for (const char* cmd : {"text", "tables", "check"}) {
    // stdout to /dev/null so that only stderr reaches the terminal.
    const std::string shown =
        RunOnTerminal(bin + " " + cmd + " " + pdf + " " + pdf + " >/dev/null");
    if (shown.empty()) GTEST_SKIP() << "script(1) not available";
    EXPECT_NE(shown.find("file 2/2  page 1/1"), std::string::npos) << cmd << ": " << shown;
    EXPECT_NE(shown.find("pages/s"), std::string::npos) << cmd;
    EXPECT_NE(shown.find("left 0:"), std::string::npos) << cmd;
    const std::string quiet =
        RunOnTerminal(bin + " " + cmd + " --quiet " + pdf + " >/dev/null");
    EXPECT_EQ(quiet.find("pages/s"), std::string::npos) << cmd << ": " << quiet;
  }
}

TEST(ProgressTest, FindingsOnATerminalIsATable) {
  const std::string db = ArchiveWithFindings();
  const std::string shown = RunOnTerminal(std::string(SOHOA_BINARY) + " findings --db " + db);
  if (shown.empty()) GTEST_SKIP() << "script(1) not available";
  EXPECT_NE(shown.find("suggested"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("document,period,page"), std::string::npos) << shown;
}

}  // namespace
}  // namespace sohoa
