// The LibreOffice converter (pipeline/ingest/office_converter.h) with fake
// soffice programs: one that hangs is killed at the time limit (with the
// helpers it started), one that writes nothing is Corrupt, a missing one names
// the Debian package.
#include "pipeline/ingest/office_converter.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>

#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

std::string FakeSoffice(const std::string& body) {
  std::string path = testing::TempDir() + "/soffice";
  std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
  ::chmod(path.c_str(), 0755);
  return path;
}

class OfficeConverterTest : public ::testing::Test {
 protected:
  void TearDown() override { ::unsetenv("SOHOA_SOFFICE"); }
};

TEST_F(OfficeConverterTest, HungConverterIsKilledAtTheTimeLimit) {
  std::string pidfile = testing::TempDir() + "/child.pid";
  // The fake starts a helper in its process group, as soffice starts soffice.bin.
  ::setenv("SOHOA_SOFFICE", FakeSoffice("sleep 60 & echo $! > " + pidfile + "\nsleep 60").c_str(), 1);
  std::string docx;
  auto start = std::chrono::steady_clock::now();
  Status s = ConvertToDocx("x.doc", "bytes", "doc", 1, &docx, nullptr);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(s.code(), Status::Code::kTimeout) << s.ToString();
  EXPECT_NE(s.message().find("within 1 s (killed)"), std::string::npos) << s.message();
  EXPECT_LT(took, 10);
  std::string pid = testing::ReadFile(pidfile);
  ASSERT_FALSE(pid.empty());
  // The helper was killed with its group (it may linger as a zombie of init
  // for a moment; signal 0 fails once it is gone).
  bool gone = false;
  for (int i = 0; i < 50 && !gone; ++i) {
    gone = ::kill(std::atoi(pid.c_str()), 0) != 0 ||
           testing::ReadFile("/proc/" + std::to_string(std::atoi(pid.c_str())) + "/stat")
                   .find(") Z") != std::string::npos;
    if (!gone) ::usleep(100000);
  }
  EXPECT_TRUE(gone);
}

TEST_F(OfficeConverterTest, NoOutputIsCorruptWithTheConvertersMessage) {
  ::setenv("SOHOA_SOFFICE", FakeSoffice("echo 'Error: source file could not be loaded'").c_str(), 1);
  std::string docx;
  Status s = ConvertToDocx("x.doc", "bytes", "doc", 30, &docx, nullptr);
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_NE(s.message().find("could not convert the .doc (Error: source file could not be loaded)"),
            std::string::npos)
      << s.message();
}

TEST_F(OfficeConverterTest, OutputIsReadFromTheConversionDirectory) {
  // argv: ... --outdir DIR INPUT; the fake copies the input as DIR/input.docx.
  ::setenv("SOHOA_SOFFICE",
           FakeSoffice("for a; do prev=$out; out=$a; done\nmkdir -p \"$prev\"\n"
                       "cp \"$out\" \"$prev/input.docx\"").c_str(), 1);
  std::string docx;
  double seconds = -1;
  Status s = ConvertToDocx("x.rtf", "{\\rtf1 hello}", "rtf", 30, &docx, &seconds);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(docx, "{\\rtf1 hello}");
  EXPECT_GE(seconds, 0);
}

TEST_F(OfficeConverterTest, MissingConverterNamesThePackage) {
  ::setenv("SOHOA_SOFFICE", "/nonexistent/soffice", 1);
  std::string docx;
  Status s = ConvertToDocx("x.doc", "bytes", "doc", 30, &docx, nullptr);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported);
  EXPECT_NE(s.message().find("libreoffice-writer"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
