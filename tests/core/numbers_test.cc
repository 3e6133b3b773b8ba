#include "pipeline/core/numbers.h"

#include <gtest/gtest.h>

namespace sohoa {
namespace {

TEST(NumbersTest, VietnameseFormat) {
  EXPECT_EQ(ParseVietnameseNumber("12.746"), 12746);
  EXPECT_EQ(ParseVietnameseNumber("1.234.567"), 1234567);
  EXPECT_EQ(ParseVietnameseNumber("79,79"), 79.79);
  EXPECT_EQ(ParseVietnameseNumber("0,06%"), 0.06);
  EXPECT_EQ(ParseVietnameseNumber("100,00"), 100);
  EXPECT_EQ(ParseVietnameseNumber("09"), 9);
  EXPECT_EQ(ParseVietnameseNumber("-5"), -5);
  EXPECT_EQ(ParseVietnameseNumber("9.4"), 9.4);  // not a thousands group
}

TEST(NumbersTest, RejectsNonNumbers) {
  EXPECT_FALSE(ParseVietnameseNumber(""));
  EXPECT_FALSE(ParseVietnameseNumber("-"));
  EXPECT_FALSE(ParseVietnameseNumber("Sở"));
  EXPECT_FALSE(ParseVietnameseNumber("1.23.4"));
  EXPECT_FALSE(ParseVietnameseNumber("12.746,5,1"));
  EXPECT_FALSE(ParseVietnameseNumber("61/2018"));
  EXPECT_FALSE(ParseVietnameseNumber("1,"));
}

TEST(NumbersTest, Formats) {
  EXPECT_EQ(FormatVietnameseNumber(12746), "12.746");
  EXPECT_EQ(FormatVietnameseNumber(79.79, 2), "79,79");
  EXPECT_EQ(FormatVietnameseNumber(999), "999");
  EXPECT_EQ(FormatVietnameseNumber(1000000), "1.000.000");
  EXPECT_EQ(FormatVietnameseNumber(0.066, 2), "0,07");
}

}  // namespace
}  // namespace sohoa
