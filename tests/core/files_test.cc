#include "pipeline/core/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

TEST(FilesTest, Sha256KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string million(1000000, 'a');
  EXPECT_EQ(Sha256Hex(million),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(FilesTest, ReadMissingFileIsNotFound) {
  std::string out;
  Status s = ReadFileBytes("/nonexistent/x.txt", &out);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_NE(s.message().find("/nonexistent/x.txt"), std::string::npos);
}

TEST(FilesTest, AtomicWriteLeavesNoTemporary) {
  std::string dir = testing::TempDir();
  std::string path = dir + "/out.txt";
  ASSERT_TRUE(WriteFileAtomically(path, "xin chào").ok());
  std::string back;
  ASSERT_TRUE(ReadFileBytes(path, &back).ok());
  EXPECT_EQ(back, "xin chào");
  Status bad = WriteFileAtomically(dir + "/missing-dir/out.txt", "x");
  EXPECT_FALSE(bad.ok());
}

}  // namespace
}  // namespace sohoa
