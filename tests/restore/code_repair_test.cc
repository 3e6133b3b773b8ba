#include "pipeline/restore/code_repair.h"

#include <gtest/gtest.h>

#include "pipeline/restore/syllables.h"

namespace sohoa::restore {
namespace {

class CodeRepairTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(CodeRepairer::Load(std::string(SOHOA_DICTIONARIES_DIR_FOR_TESTS) +
                                       "/domain/abbreviations.tsv", &codes_).ok());
  }
  std::string Fix(const std::string& code) {
    std::string out;
    return codes_.Repair(code, &out) ? out : code;
  }
  CodeRepairer codes_;
};

TEST_F(CodeRepairTest, StrippedDocumentCodes) {
  EXPECT_EQ(Fix("3502/QD-UBND"), "3502/QĐ-UBND");
  EXPECT_EQ(Fix("61/2018/ND-CP"), "61/2018/NĐ-CP");
  EXPECT_EQ(Fix("01/2018/TT-VPCP"), "01/2018/TT-VPCP");
}

// Issue 18: an office letter (Bộ, Sở, Phòng) before a known abbreviation
// ("BLĐTBXH", "SGDĐT") is restored too; the dictionary lists only the part.
TEST_F(CodeRepairTest, OfficeLetterBeforeAKnownAbbreviation) {
  EXPECT_EQ(Fix("15/2022/TT-BLDTBXH"), "15/2022/TT-BLĐTBXH");
  EXPECT_EQ(Fix("120/KH-SGDDT"), "120/KH-SGDĐT");
  std::string out;
  ASSERT_TRUE(codes_.RestoreAbbreviation("PGDDT", &out));
  EXPECT_EQ(out, "PGDĐT");
  EXPECT_FALSE(codes_.RestoreAbbreviation("PXYZ", &out));
}

TEST_F(CodeRepairTest, AbbreviationsWithoutACodeGetTheirMarksBack) {
  std::string out;
  ASSERT_TRUE(codes_.RestoreAbbreviation("HDND", &out));
  EXPECT_EQ(out, "HĐND");
  ASSERT_TRUE(codes_.RestoreAbbreviation("NQ-HDND", &out));
  EXPECT_EQ(out, "NQ-HĐND");
  ASSERT_TRUE(codes_.RestoreAbbreviation("VPDKDD", &out));
  EXPECT_EQ(out, "VPĐKĐĐ");
  EXPECT_FALSE(codes_.RestoreAbbreviation("UBND", &out));     // nothing lost
  EXPECT_FALSE(codes_.RestoreAbbreviation("TTPVHCC", &out));  // not known
  EXPECT_FALSE(codes_.RestoreAbbreviation("Hdnd", &out));     // not in capitals
}

TEST_F(CodeRepairTest, NameWordsOutsideTheOrthography) {
  const SyllableSet& syl = SyllableSet::Get();
  ASSERT_TRUE(codes_.AddNameWords(std::string(SOHOA_DICTIONARIES_DIR_FOR_TESTS) + "/domain/places.tsv",
                                  [&](const std::string& w) { return syl.Id(w) != kUnk; })
                  .ok());
  std::string out;
  ASSERT_TRUE(codes_.RestoreNameWord("Dak", &out));
  EXPECT_EQ(out, "Đắk");
  ASSERT_TRUE(codes_.RestoreNameWord("LAK", &out));
  EXPECT_EQ(out, "LẮK");
  EXPECT_FALSE(codes_.RestoreNameWord("Nong", &out));  // a syllable: the decoder's job
  EXPECT_FALSE(codes_.RestoreNameWord("Krong", &out));  // no marks to restore
  EXPECT_EQ(codes_.AddNameWords("/nonexistent/places.tsv", [](const std::string&) { return false; }).code(),
            Status::Code::kNotFound);
}

TEST_F(CodeRepairTest, OcrDamagedCodes) {
  EXPECT_EQ(Fix("6112018/NI)-CP"), "61/2018/NĐ-CP");
  EXPECT_EQ(Fix("12/NQ-HDND"), "12/NQ-HĐND");
}

TEST_F(CodeRepairTest, LeavesWhatItDoesNotKnow) {
  EXPECT_EQ(Fix("12/2020"), "12/2020");          // a date
  EXPECT_EQ(Fix("abc/xyz"), "abc/xyz");
  EXPECT_EQ(Fix("6112018/XYZ"), "6112018/XYZ");  // no known type: no "/" invented
}

TEST_F(CodeRepairTest, Abbreviations) {
  EXPECT_TRUE(codes_.IsAbbreviation("TTHC"));
  EXPECT_TRUE(codes_.IsAbbreviation("UBND"));
  EXPECT_TRUE(codes_.IsAbbreviation("III"));
  EXPECT_FALSE(codes_.IsAbbreviation("tthc"));
  EXPECT_FALSE(codes_.IsAbbreviation("Trung"));
}

// Regression: "TTg" (Thủ tướng), a line of its own in a report, was
// "restored" to "Từ": mixed case was never taken for an abbreviation. It is
// one when spelt as the table spells it, and only then.
TEST_F(CodeRepairTest, MixedCaseAbbreviationAsTheTableSpellsIt) {
  EXPECT_TRUE(codes_.IsAbbreviation("TTg"));
  EXPECT_FALSE(codes_.IsAbbreviation("Ttg"));
  EXPECT_FALSE(codes_.IsAbbreviation("tTG"));
}

}  // namespace
}  // namespace sohoa::restore
