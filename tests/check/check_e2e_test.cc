// End-to-end: `sohoa check` on the sample reports.
#include <gtest/gtest.h>

#include "tests/testing/run_command.h"

namespace sohoa::testing {
namespace {

TEST(CheckE2eTest, HelpTeachesEveryOption) {
  CommandResult r = RunSohoa({"check", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s : {"--json", "--strict", "--previous", "--apply-suggestions", "sohoa check"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
}

TEST(CheckE2eTest, Sample003OnlineShareIsFlagged) {
  std::string path = Fixture("seeds/003_fdc46fb5b852ba72.txt");
  CommandResult r = RunSohoa({"check", "--json", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"findings\":["), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"kind\":\"narrative\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0,06"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"severity\":\"error\""), std::string::npos) << r.out;
  CommandResult strict = RunSohoa({"check", "--strict", path});
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
  EXPECT_NE(strict.out.find("0,06"), std::string::npos) << strict.out;
}

TEST(CheckE2eTest, ConsistentSamplesHaveNoFindings) {
  for (const char* name : {"seeds/000_eec36b514c44fab6.txt", "seeds/002_e06f4918bee2bbad.txt",
                           "seeds/004_c1665277c84d2c10.txt"}) {
    CommandResult r = RunSohoa({"check", "--json", "--strict", Fixture(name)});
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("{\"findings\":[]}"), std::string::npos) << name << "\n" << r.out;
  }
}

TEST(CheckE2eTest, MissingInputIsExit3AndOthersGoOn) {
  CommandResult r = RunSohoa({"check", "/nonexistent/x.txt", Fixture("seeds/003_fdc46fb5b852ba72.txt")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("/nonexistent/x.txt"), std::string::npos);
  EXPECT_NE(r.out.find("0,06"), std::string::npos);
}

TEST(CheckE2eTest, NoInputIsUsageError) {
  EXPECT_EQ(RunSohoa({"check"}).exit_code, 2);
  EXPECT_EQ(RunSohoa({"check", "--bogus", "x"}).exit_code, 2);
}

}  // namespace
}  // namespace sohoa::testing
