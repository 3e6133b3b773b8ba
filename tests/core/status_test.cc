#include "pipeline/core/status.h"

#include <gtest/gtest.h>

namespace sohoa {
namespace {

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
  EXPECT_EQ(ExitCodeFor(s), 0);
}

TEST(StatusTest, CarriesCodeAndMessage) {
  Status s = Status::Corrupt("a.pdf: broken xref");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_EQ(s.ToString(), "corrupt: a.pdf: broken xref");
}

TEST(StatusTest, ExitCodesAreTheDocumentedOnes) {
  EXPECT_EQ(ExitCodeFor(Status::InvalidArgument("")), 2);
  EXPECT_EQ(ExitCodeFor(Status::NotFound("")), 3);
  EXPECT_EQ(ExitCodeFor(Status::IoError("")), 3);
  EXPECT_EQ(ExitCodeFor(Status::Empty("")), 4);
  EXPECT_EQ(ExitCodeFor(Status::Corrupt("")), 5);
  EXPECT_EQ(ExitCodeFor(Status::Encrypted("")), 6);
  EXPECT_EQ(ExitCodeFor(Status::Unsupported("")), 7);
  EXPECT_EQ(ExitCodeFor(Status::TooLarge("")), 8);
  EXPECT_EQ(ExitCodeFor(Status::Timeout("")), 9);
  EXPECT_EQ(ExitCodeFor(Status::EngineFailure("")), 10);
  EXPECT_EQ(ExitCodeFor(Status::ArchiveError("")), 11);
  EXPECT_EQ(ExitCodeFor(Status::Internal("")), 12);
}

}  // namespace
}  // namespace sohoa
