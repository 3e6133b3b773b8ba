// Wordings of the narrative that bench/archive_c showed unread: "còn N hồ
// sơ đang giải quyết" (the count before the words). Small texts written here.
#include <gtest/gtest.h>

#include "pipeline/check/narrative.h"
#include "pipeline/core/files.h"

namespace sohoa {
namespace {

class NarrativeWordingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status s = NarrativeRules::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &rules_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  std::map<std::string, double> Counts(const std::string& text) {
    Document doc;
    doc.pages = PagesFromText(text, WordSource::kPlainText);
    std::map<std::string, double> out;
    for (const Claim& c : rules_.FindClaims(doc))
      if (c.count && !out.count(c.key)) out[c.key] = *c.count;
    return out;
  }
  NarrativeRules rules_;
};

TEST_F(NarrativeWordingTest, ConNHoSoDangGiaiQuyetIsThePendingTotal) {
  std::map<std::string, double> c = Counts(
      "2. Giải quyết: đã giải quyết 4.538 hồ sơ (98,9% giải quyết trước và đúng hạn), trả quá hạn 64 hồ "
      "sơ; còn 1.052 hồ sơ đang giải quyết.\n");
  EXPECT_EQ(c["resolved_total"], 4538);
  EXPECT_EQ(c["pending_total"], 1052);
  EXPECT_EQ(Counts("Đến cuối tháng còn lại 37 hồ sơ chưa giải quyết.\n")["pending_total"], 37);
  // "còn hạn" is the pending files within their time, not "còn N".
  EXPECT_EQ(Counts("Đang giải quyết còn hạn 12 hồ sơ.\n").count("pending_total"), 0u);
}

}  // namespace
}  // namespace sohoa
