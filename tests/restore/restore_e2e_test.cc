// End-to-end: build/sohoa restore on fixtures.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using sohoa::testing::Fixture;
using sohoa::testing::ReadFile;
using sohoa::testing::RunSohoa;

TEST(RestoreE2eTest, StrippedFixtureComesBackWithTheSameLines) {
  auto r = RunSohoa({"restore", "--mode=stripped", Fixture("restore/stripped_004.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string truth = ReadFile(Fixture("seeds/004_c1665277c84d2c10.txt"));
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), std::count(truth.begin(), truth.end(), '\n'));
  // Word by word against the clean original (same lines, same words).
  std::istringstream a(r.out), b(truth);
  std::string wa, wb;
  int total = 0, same = 0;
  while (a >> wa && b >> wb) {
    ++total;
    same += wa == wb;
  }
  EXPECT_GT(total, 900);
  EXPECT_GT(static_cast<double>(same) / total, 0.93) << same << "/" << total;
  EXPECT_NE(r.err.find("repaired"), std::string::npos);
}

TEST(RestoreE2eTest, AutoModeKeepsCleanTextByteIdentical) {
  const std::string clean = ReadFile(Fixture("seeds/003_fdc46fb5b852ba72.txt"));
  auto r = RunSohoa({"restore", "-"}, clean);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, clean);
  EXPECT_NE(r.err.find("leave alone"), std::string::npos);
}

TEST(RestoreE2eTest, JsonReportsTokensAndLowConfidence) {
  auto r = RunSohoa({"restore", "--json", "--mode=stripped", "-"}, "Trung tam Phuc vu hanh chinh cong\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"original\":\"tam\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"chosen\":\"tâm\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"low_confidence\""), std::string::npos);
  EXPECT_NE(r.out.find("\"alternatives\""), std::string::npos);
}

TEST(RestoreE2eTest, BadInputAndFlags) {
  auto missing = RunSohoa({"restore", "/nonexistent/x.txt"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("/nonexistent/x.txt"), std::string::npos);
  auto bad = RunSohoa({"restore", "-"}, std::string("caf\xe9 au lait\n"));
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("UTF-8"), std::string::npos);
  EXPECT_EQ(RunSohoa({"restore", "--mode=fancy", "-"}, "").exit_code, 2);
  auto help = RunSohoa({"restore", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--mode"), std::string::npos);
  auto empty = RunSohoa({"restore", "-"}, "");
  EXPECT_EQ(empty.exit_code, 0);
  EXPECT_EQ(empty.out, "");
}

TEST(RestoreE2eTest, LmInfoDescribesTheModel) {
  auto r = RunSohoa({"lm", "info"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("syllables"), std::string::npos);
}

// --tone-style places the tone of restored oa/oe/uy syllables: the two runs
// differ exactly where an old-style "òa" becomes a new-style "oà".
TEST(RestoreE2eTest, ToneStyleFlagPlacesRestoredTones) {
  const std::string in = "Uy ban nhan dan tinh Hoa Binh, so Khoa hoc va Cong nghe\n";
  auto old_style = RunSohoa({"restore", "--mode=stripped", "--tone-style=old", "-"}, in);
  auto new_style = RunSohoa({"restore", "--mode=stripped", "--tone-style=new", "-"}, in);
  ASSERT_EQ(old_style.exit_code, 0) << old_style.err;
  ASSERT_EQ(new_style.exit_code, 0) << new_style.err;
  EXPECT_NE(old_style.out.find("Hòa"), std::string::npos) << old_style.out;
  EXPECT_NE(new_style.out.find("Hoà"), std::string::npos) << new_style.out;
  EXPECT_EQ(new_style.out.find("Hòa"), std::string::npos) << new_style.out;
  auto bad = RunSohoa({"restore", "--tone-style=middle", "-"}, in);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--tone-style"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
