#include "pipeline/core/text_util.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/syllable.h"

namespace sohoa {
namespace {

using Strings = std::vector<std::string>;

TEST(TextUtilTest, SplitFieldsKeepsEmptyFields) {
  EXPECT_EQ(SplitFields("a\t\tb", '\t'), (Strings{"a", "", "b"}));
  EXPECT_EQ(SplitFields("a\t", '\t'), (Strings{"a", ""}));
  EXPECT_EQ(SplitFields("", '\t'), (Strings{""}));
}

TEST(TextUtilTest, SplitNonEmptyDropsEmptyPieces) {
  EXPECT_EQ(SplitNonEmpty("  Sở  Tư pháp ", ' '), (Strings{"Sở", "Tư", "pháp"}));
  EXPECT_TRUE(SplitNonEmpty("   ", ' ').empty());
}

TEST(TextUtilTest, ForEachDataLineSkipsCommentsAndCountsEveryLine) {
  std::vector<std::pair<std::string, int>> seen;
  ForEachDataLine("# header\nQĐ\tQuyết định\r\n\nNĐ\tNghị định", [&](std::string_view l, int n) {
    seen.emplace_back(std::string(l), n);
    return true;
  });
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], (std::pair<std::string, int>{"QĐ\tQuyết định", 2}));
  EXPECT_EQ(seen[1], (std::pair<std::string, int>{"NĐ\tNghị định", 4}));
}

TEST(TextUtilTest, ForEachDataLineStopsWhenAsked) {
  int calls = 0;
  ForEachDataLine("a\nb\nc\n", [&](std::string_view, int) { return ++calls < 2; });
  EXPECT_EQ(calls, 2);
}

TEST(TextUtilTest, UpperAndLowerVietnameseRoundTrip) {
  EXPECT_EQ(ToUpperVietnamese("Người đứng đầu, số 12"), "NGƯỜI ĐỨNG ĐẦU, SỐ 12");
  EXPECT_EQ(ToLowerVietnamese("NGƯỜI ĐỨNG ĐẦU"), "người đứng đầu");
  EXPECT_EQ(StripDiacritics("Đường Phục vụ"), "Duong Phuc vu");
  EXPECT_EQ(StripTone("người"), "ngươi");
}

TEST(TextUtilTest, CapitalizeFirstChangesOnlyTheFirstLetter) {
  EXPECT_EQ(CapitalizeFirst("đắk lắk"), "Đắk lắk");
  EXPECT_EQ(CapitalizeFirst("ở"), "Ở");
  EXPECT_EQ(CapitalizeFirst("1a"), "1a");
  EXPECT_EQ(CapitalizeFirst(""), "");
}

}  // namespace
}  // namespace sohoa
