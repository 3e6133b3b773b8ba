#include "pipeline/core/utf8.h"

#include <gtest/gtest.h>

namespace sohoa {
namespace {

TEST(Utf8Test, ValidVietnamese) {
  EXPECT_TRUE(IsValidUtf8("Cộng hòa xã hội chủ nghĩa Việt Nam"));
  EXPECT_EQ(Utf8Length("Việt"), 4u);
}

TEST(Utf8Test, FindsFirstInvalidByte) {
  std::string s = "abc\xC3";  // truncated 2-byte sequence
  EXPECT_EQ(FirstInvalidUtf8(s), 3u);
  EXPECT_EQ(FirstInvalidUtf8("ab\xFF" "cd"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("\xC0\x80"), 0u);       // overlong
  EXPECT_EQ(FirstInvalidUtf8("\xED\xA0\x80"), 0u);   // surrogate
}

TEST(Utf8Test, ReplacesInvalidBytesVisibly) {
  EXPECT_EQ(ToValidUtf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(ToValidUtf8("ổn"), "ổn");
}

TEST(Utf8Test, U32RoundTrip) {
  std::string s = "Đường 𝄞";
  EXPECT_EQ(U32ToUtf8(Utf8ToU32(s)), s);
}

}  // namespace
}  // namespace sohoa
