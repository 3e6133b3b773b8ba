#include "pipeline/ingest/text_quality.h"

#include <gtest/gtest.h>

#include <sstream>

namespace sohoa {
namespace {

std::vector<std::string> Split(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

TEST(TextQualityTest, ValidTokens) {
  for (const char* t : {"người", "Trung", "(chiếm", "99,91%;", "12.746", "TTHC", "UBND",
                        "61/2018/NĐ-CP", "23/4/2018", "II.", "“Một"})
    EXPECT_TRUE(IsValidToken(t)) << t;
  for (const char* t : {"xqzt", "Céng", "hßa", "ViÖt", "abcdefghij", "TOOLONGABBR"})
    EXPECT_FALSE(IsValidToken(t)) << t;
}

TEST(TextQualityTest, ReportSentenceIsFine) {
  TextQuality q = MeasureTextQuality(Split(
      "- Trung tâm đã nhận được 12.746 hồ sơ TTHC, trong đó: + Kỳ trước chuyển sang: 2.008 hồ sơ"));
  EXPECT_GT(q.valid_share(), 0.95);
  EXPECT_EQ(GarbageReason(q, 0.5), "");
}

TEST(TextQualityTest, PunctuationOnlyTokensDoNotCount) {
  TextQuality q = MeasureTextQuality({"-", "+", "hồ", "sơ", "...", ":"});
  EXPECT_EQ(q.tokens, 2u);
  EXPECT_EQ(q.valid, 2u);
}

TEST(TextQualityTest, GarbageBelowThreshold) {
  TextQuality q = MeasureTextQuality(Split("Xq#z kwrt pphh zzv hồ qqq"));
  EXPECT_LT(q.valid_share(), 0.5);
  EXPECT_NE(GarbageReason(q, 0.5).find("garbage"), std::string::npos);
  EXPECT_EQ(GarbageReason(q, 0.1), "");  // the threshold is the option
}

TEST(TextQualityTest, EmptyAndReplacementCharacters) {
  EXPECT_EQ(GarbageReason(MeasureTextQuality({}), 0.5), "no text layer");
  TextQuality q = MeasureTextQuality({"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "hồ"});
  EXPECT_NE(GarbageReason(q, 0.5).find("U+FFFD"), std::string::npos);
}

TEST(TextQualityTest, Tcvn3MojibakeLooksLikeGarbageToTheRule) {
  // Why the legacy-font exception exists: this is exact text in TCVN3.
  TextQuality q = MeasureTextQuality(Split("Céng hßa x· héi chñ nghÜa ViÖt Nam"));
  EXPECT_NE(GarbageReason(q, 0.5), "");
}

TEST(TextQualityTest, LegacyFontNames) {
  for (const char* f : {".VnTime", ".VnTimeH", ".VnArial", "VNI-Times", "VN-Times", "VNtimes new roman"})
    EXPECT_TRUE(IsLegacyVietnameseFont(f)) << f;
  for (const char* f : {"TimesNewRomanPSMT", "DejaVuSerif", "Arial", "Vinhan", ""})
    EXPECT_FALSE(IsLegacyVietnameseFont(f)) << f;
}

}  // namespace
}  // namespace sohoa
