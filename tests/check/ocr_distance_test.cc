#include <gtest/gtest.h>

#include "pipeline/check/ocr_distance.h"

namespace sohoa {
namespace {

class OcrDistanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(OcrDistance::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &ocr_).ok());
  }
  OcrDistance ocr_;
};

TEST_F(OcrDistanceTest, ConfusionsAreCheaperThanOtherSubstitutions) {
  EXPECT_EQ(ocr_.Cost("398", 398), 0.0);
  EXPECT_LT(ocr_.Cost("393", 398), ocr_.Cost("392", 398));
  EXPECT_LT(ocr_.Cost("1.798", 1198), 1.0);
  EXPECT_NEAR(ocr_.Cost("392", 398), 1.0, 1e-9);
}

TEST_F(OcrDistanceTest, DroppedDoubledTransposedAndSeparator) {
  EXPECT_NEAR(ocr_.Cost("2.08", 2008), 0.5, 1e-9);    // a doubled 0 lost
  EXPECT_NEAR(ocr_.Cost("1.234", 134), 0.7, 1e-9);    // a digit added
  EXPECT_NEAR(ocr_.Cost("10.710", 10170), 0.6, 1e-9); // neighbours swapped
  EXPECT_NEAR(ocr_.Cost("12,746", 12746), 0.2, 1e-9); // separator read as a comma
  EXPECT_GT(ocr_.Cost("5", 12746), 2.0);
}

TEST_F(OcrDistanceTest, EditsCountsMisreadings) {
  EXPECT_EQ(ocr_.Edits("12.746", 12746), 0);
  EXPECT_EQ(ocr_.Edits("12.796", 12746), 1);   // any digit for another
  EXPECT_EQ(ocr_.Edits("1.276", 12746), 1);    // dropped
  EXPECT_EQ(ocr_.Edits("10.710", 10170), 1);   // swapped neighbours
  EXPECT_EQ(ocr_.Edits("12,746", 12746), 1);   // separator
  EXPECT_EQ(ocr_.Edits("1", 44), 2);           // cheap edits, but two of them
  EXPECT_EQ(ocr_.Edits("1.147", 1104), 2);
}

TEST_F(OcrDistanceTest, BadDictionaryLineIsAnError) {
  OcrDistance d;
  EXPECT_FALSE(OcrDistance::Parse("3 8 x\n", "test", &d).ok());
  EXPECT_FALSE(OcrDistance::Parse("38 1 0.5\n", "test", &d).ok());
  EXPECT_TRUE(OcrDistance::Parse("# c\n3 8 0.1\n", "test", &d).ok());
  EXPECT_NEAR(d.SubstitutionCost('8', '3'), 0.1, 1e-9);
}

}  // namespace
}  // namespace sohoa
