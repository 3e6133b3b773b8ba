// Special files and folder trees given to sohoa (issue 23): symlink loops,
// FIFOs, devices and files of other kinds are each accounted for; none
// blocks, crashes or stops the batch.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::Fixture;
using testing::RunSohoa;
using testing::TempDir;

std::string StoredStatuses(const std::string& db) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(raw, "SELECT path, status FROM documents ORDER BY path", -1, &st, nullptr);
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string path = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    out += std::filesystem::path(path).filename().string() + "=" +
           reinterpret_cast<const char*>(sqlite3_column_text(st, 1)) + "\n";
  }
  sqlite3_finalize(st);
  sqlite3_close(raw);
  return out;
}

TEST(SpecialInputsE2eTest, EveryFileUnderAFolderIsAccountedFor) {
  namespace fs = std::filesystem;
  const std::string dir = TempDir() + "/shelf";
  fs::create_directories(dir + "/sub");
  fs::copy_file(Fixture("seeds/003_fdc46fb5b852ba72.txt"), dir + "/a.txt");
  fs::copy_file(Fixture("seeds/004_c1665277c84d2c10.txt"), dir + "/sub/b.txt");
  fs::create_symlink("self", dir + "/self.txt");  // a loop
  fs::create_directory_symlink(".", dir + "/sub/up");  // a folder loop, not followed
  ASSERT_EQ(mkfifo((dir + "/pipe.txt").c_str(), 0600), 0);
  { std::ofstream(dir + "/budget.xlsx") << "not a report kind"; }
  const std::string db = TempDir() + "/s.db";
  auto r = RunSohoa({"ingest", dir, "--db", db, "--verbose"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // some inputs failed, the others stored
  EXPECT_NE(r.out.find("4 files: 2 stored, 0 skipped (already in the archive), 2 failed"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2 other files"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("budget.xlsx"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("pipe.txt: not a regular file (a FIFO"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("self.txt: cannot read"), std::string::npos) << r.err;
  EXPECT_EQ(StoredStatuses(db), "a.txt=ok\npipe.txt=failed\nself.txt=failed\nb.txt=ok\n");
}

TEST(SpecialInputsE2eTest, FifoAndDevicesAreRefusedWithoutBlocking) {
  const std::string fifo = TempDir() + "/named.txt";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // A FIFO with no writer would block open(); /dev/zero would never end.
  for (const std::string& path : {fifo, std::string("/dev/zero")}) {
    auto r = RunSohoa({"text", path});
    EXPECT_EQ(r.exit_code, 3) << path << ": " << r.err;
    EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
  }
  auto r = RunSohoa({"ingest", fifo, Fixture("seeds/003_fdc46fb5b852ba72.txt"), "--db",
                     TempDir() + "/f.db"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("1 stored"), std::string::npos) << r.out;
}

// Regression (issue 23): a WAL archive on a read-only mount could not be
// queried (SQLite needs its -shm file); reading commands fall back to
// immutable mode. Needs root to bind-mount; skipped elsewhere.
TEST(SpecialInputsE2eTest, ArchiveOnAReadOnlyMountCanBeQueried) {
  const std::string dir = TempDir();
  const std::string src = dir + "/src", mnt = dir + "/mnt";
  std::filesystem::create_directories(src);
  std::filesystem::create_directories(mnt);
  auto r = RunSohoa({"ingest", Fixture("seeds/000_eec36b514c44fab6.txt"), "--db", src + "/a.db"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  if (std::system(("mount --bind '" + src + "' '" + mnt + "' 2>/dev/null && mount -o remount,ro,bind '" +
                   mnt + "' 2>/dev/null").c_str()) != 0) {
    std::system(("umount '" + mnt + "' 2>/dev/null").c_str());
    GTEST_SKIP() << "cannot bind-mount read-only here (not root?)";
  }
  auto series = RunSohoa({"series", "--db", mnt + "/a.db"});
  auto findings = RunSohoa({"findings", "--db", mnt + "/a.db"});
  std::system(("umount '" + mnt + "'").c_str());
  EXPECT_EQ(series.exit_code, 0) << series.err;
  EXPECT_NE(series.out.find("\n2020-06,month"), std::string::npos) << series.out;
  EXPECT_EQ(findings.exit_code, 0) << findings.err;
}

TEST(SpecialInputsE2eTest, OutputNeverReplacesAnInputOrADevice) {
  const std::string dir = TempDir();
  const std::string report = dir + "/r.txt";
  std::filesystem::copy_file(Fixture("seeds/003_fdc46fb5b852ba72.txt"), report);
  const std::string before = testing::ReadFile(report);
  std::filesystem::create_hard_link(report, dir + "/hard.txt");
  std::filesystem::create_symlink(report, dir + "/soft.csv");
  for (const std::string& out : {report, dir + "/hard.txt", dir + "/soft.csv",
                                 std::string("/dev/null"), std::string("/proc/self/fd/1")}) {
    auto r = RunSohoa({"check", "--restore=off", "--apply-suggestions", out, report});
    EXPECT_EQ(r.exit_code, 2) << out << ": " << r.err;
    EXPECT_NE(r.err.find("refusing to write the output over"), std::string::npos) << r.err;
  }
  EXPECT_EQ(testing::ReadFile(report), before);
  auto r = RunSohoa({"check", "--restore=off", "--apply-suggestions", "-", report});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists("-"));
}

// The exports too: `series`/`findings -o` once renamed their file over a
// device node, a FIFO or the archive itself.
TEST(SpecialInputsE2eTest, ExportsNeverReplaceTheArchiveOrASpecialFile) {
  const std::string dir = TempDir();
  const std::string db = dir + "/a.db";
  auto r = RunSohoa({"ingest", Fixture("seeds/000_eec36b514c44fab6.txt"), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string archive = testing::ReadFile(db);
  const std::string fifo = dir + "/fifo", link = dir + "/link.csv";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  std::filesystem::create_symlink(db, link);
  std::vector<std::string> outs = {db, link, fifo, "/proc/self/fd/1"};
  const std::string node = dir + "/null";  // a device node of our own (as root)
  if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) outs.push_back(node);
  for (const std::string& out : outs) {
    for (const std::vector<std::string>& cmd :
         {std::vector<std::string>{"series", "--db", db, "-o", out},
          {"series", "--db", db, "--format", "xlsx", "-o", out},
          {"findings", "--db", db, "--format", "csv", "-o", out},
          {"findings", "--db", db, "--format", "xlsx", "-o", out}}) {
      auto e = RunSohoa(cmd);
      EXPECT_EQ(e.exit_code, 2) << cmd[0] << " -o " << out << ": " << e.err;
      EXPECT_NE(e.err.find("refusing to write the output over"), std::string::npos) << e.err;
    }
  }
  struct stat st;
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  if (::lstat(node.c_str(), &st) == 0) EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(testing::ReadFile(db), archive);
  // "-" is stdout, not a file named "-".
  const std::string cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  auto s = RunSohoa({"series", "--db", db, "-o", "-"});
  std::filesystem::current_path(cwd);
  EXPECT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("2020-06,month"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir + "/-"));
}

// A PDF of many blank pages (a few hundred KB) would be hours of OCR: above
// --max-pages it is refused at once with exit 8, and the batch goes on.
TEST(SpecialInputsE2eTest, PdfWithMorePagesThanTheCapIsRefusedAtOnce) {
  const std::string dir = TempDir();
  const std::string pdf = dir + "/in/blank_2500.pdf";
  std::filesystem::create_directories(dir + "/in");
  {
    const int n = 2500;
    std::vector<std::string> objs = {"<< /Type /Catalog /Pages 2 0 R >>"};
    std::string kids;
    for (int i = 0; i < n; ++i) kids += std::to_string(3 + i) + " 0 R ";
    objs.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
    for (int i = 0; i < n; ++i) objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
    std::string out = "%PDF-1.4\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objs.size(); ++i) {
      offsets.push_back(out.size());
      out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
    }
    const size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t o : offsets) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
      out += line;
    }
    out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    std::ofstream(pdf, std::ios::binary) << out;
  }
  auto r = RunSohoa({"text", pdf});
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_NE(r.err.find("PDF has 2500 pages, more than the 2000"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  // Raised, the cap lets it through (to "no text", without OCR).
  auto raised = RunSohoa({"text", "--max-pages", "3000", "--ocr", "never", pdf});
  EXPECT_EQ(raised.exit_code, 4) << raised.err;
  EXPECT_EQ(RunSohoa({"text", "--max-pages", "0", pdf}).exit_code, 2);
  // In a batch: refused, recorded, the report beside it stored.
  std::filesystem::copy_file(Fixture("seeds/000_eec36b514c44fab6.txt"), dir + "/in/report.txt");
  auto batch = RunSohoa({"ingest", dir + "/in", "--db", dir + "/a.db"});
  EXPECT_EQ(batch.exit_code, 1) << batch.err;
  EXPECT_EQ(StoredStatuses(dir + "/a.db"), "blank_2500.pdf=failed\nreport.txt=ok\n");
}

TEST(SpecialInputsE2eTest, FileNamesWithControlCharactersStayOnOneLine) {
  const std::string bad = TempDir() + "/forged\nsohoa: fake.txt: ok\x1b[2J.txt";
  { std::ofstream(bad) << ""; }  // empty: exit 4, one error line
  auto r = RunSohoa({"text", bad});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos);
  EXPECT_NE(r.err.find("forged\\nsohoa"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sohoa
