#include "pipeline/core/syllable.h"

#include <gtest/gtest.h>

namespace sohoa {
namespace {

TEST(SyllableTest, AcceptsRealSyllables) {
  for (const char* w : {"người", "Nguyễn", "tổ", "chức", "quyết", "định", "giải", "gì", "khuyến",
                        "nghiệp", "hòa", "hoà", "thuý", "thúy", "Trung", "tâm", "ĐƯỜNG", "ý",
                        "kiến", "yêu", "oanh", "quốc", "gia", "giữa", "hướng", "khuya"}) {
    EXPECT_TRUE(IsVietnameseSyllable(w)) << w;
  }
}

TEST(SyllableTest, RejectsNonSyllables) {
  for (const char* w : {"t6", "chirc", "QuySt", "hi~n", "TTHC", "ci", "ce", "nge", "ghe1",
                        "ngha", "kha'", "quoa", "bác1", "xyz", "strong", "thực hiện", "càc",
                        "hoạtt", "mảt"}) {
    EXPECT_FALSE(IsVietnameseSyllable(w)) << w;
  }
}

TEST(SyllableTest, StoppedRhymesTakeOnlySacOrNang) {
  EXPECT_TRUE(IsVietnameseSyllable("các"));
  EXPECT_TRUE(IsVietnameseSyllable("hạt"));
  EXPECT_FALSE(IsVietnameseSyllable("càc"));
  EXPECT_FALSE(IsVietnameseSyllable("hãt"));
  EXPECT_FALSE(IsVietnameseSyllable("cach"));
}

TEST(SyllableTest, Parts) {
  SyllableParts p;
  ASSERT_TRUE(ParseSyllable("Người", &p));
  EXPECT_EQ(p.onset, "ng");
  EXPECT_EQ(p.rhyme, "ươi");
  EXPECT_EQ(p.tone, Tone::kHuyen);
  ASSERT_TRUE(ParseSyllable("quyết", &p));
  EXPECT_EQ(p.onset, "qu");
  EXPECT_EQ(p.rhyme, "yêt");
  EXPECT_EQ(p.tone, Tone::kSac);
}

TEST(SyllableTest, LetterHelpers) {
  EXPECT_EQ(ToLowerVietnamese("ĐƯỜNG Sở"), "đường sở");
  EXPECT_EQ(StripDiacritics("Người Đường hồ sơ"), "Nguoi Duong ho so");
  EXPECT_EQ(StripTone("người"), "ngươi");
  char32_t b;
  Tone t;
  bool up;
  ASSERT_TRUE(SplitLetter(U'Ẫ', &b, &t, &up));
  EXPECT_EQ(b, U'â');
  EXPECT_EQ(t, Tone::kNga);
  EXPECT_TRUE(up);
  EXPECT_EQ(ComposeLetter(U'ư', Tone::kNang, false), U'ự');
}

}  // namespace
}  // namespace sohoa
