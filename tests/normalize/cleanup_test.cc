// Clean-up, tone placement, line continuation, reflow, per-font decisions in a
// document, and robustness on arbitrary bytes.
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalize.h"

namespace sohoa {
namespace {

class CleanupTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv("SOHOA_DICTIONARIES", SOHOA_DICTIONARIES_DIR_FOR_TESTS, 1); }
};

TEST_F(CleanupTest, RemovesInvisiblesAndControlsKeepsLayoutWhitespace) {
  size_t controls = 0;
  EXPECT_EQ(CleanText("ph\xC2\xAD\xC3\xA1t\xE2\x80\x8Btri\xE1\xBB\x83n\xC2\xA0xa\x01\tb\n\fc\xEF\xBB\xBF",
                      &controls),
            "pháttriển xa\tb\n\fc");
  EXPECT_EQ(controls, 1u);
  EXPECT_EQ(CleanText("plain ascii\n"), "plain ascii\n");
}

TEST_F(CleanupTest, ToneStyleOnlyForOaOeUyWithoutCoda) {
  EXPECT_EQ(ApplyToneStyle("Hòa bình, thủy lợi, khỏe, hoàn thành, quý", ToneStyle::kNew),
            "Hoà bình, thuỷ lợi, khoẻ, hoàn thành, quý");
  EXPECT_EQ(ApplyToneStyle("HOÀ, Thuý", ToneStyle::kOld), "HÒA, Thúy");
  EXPECT_EQ(ApplyToneStyle("hòa", ToneStyle::kKeep), "hòa");
  EXPECT_EQ(CanonicalTone("hòa"), CanonicalTone("hoà"));
  EXPECT_EQ(CanonicalTone("thúy"), "thuý");
}

Page PageOf(const std::string& text) {
  return PageFromText(text, 1, WordSource::kTextLayer);
}

TEST_F(CleanupTest, ContinuationRules) {
  Page p = PageOf(
      "BÁO CÁO KẾT QUẢ\n"            // heading: no
      "hoạt động của Trung tâm phục\n"  // continues
      "vụ hành chính công.\n"          // sentence end: no
      "Hồ sơ tiếp nhận phát-\n"        // hyphenated
      "sinh trong kỳ\n"                // next line is a table row: no
      "1 120 118\n"
      "tổng cộng");
  MarkContinuations(&p);
  EXPECT_FALSE(p.lines[0].continues);
  EXPECT_TRUE(p.lines[1].continues);
  EXPECT_FALSE(p.lines[1].hyphenated);
  EXPECT_FALSE(p.lines[2].continues);
  EXPECT_TRUE(p.lines[3].continues);
  EXPECT_TRUE(p.lines[3].hyphenated);
  EXPECT_FALSE(p.lines[4].continues);
  EXPECT_FALSE(p.lines[5].continues);
  Document doc;
  doc.pages.push_back(p);
  EXPECT_EQ(ReflowText(doc),
            "BÁO CÁO KẾT QUẢ\nhoạt động của Trung tâm phục vụ hành chính công.\n"
            "Hồ sơ tiếp nhận phátsinh trong kỳ\n1 120 118\ntổng cộng");
  EXPECT_EQ(doc.pages[0].lines.size(), 7u);  // never merged
}

Word W(const std::string& text, const std::string& font, WordSource source) {
  Word w;
  w.text = text;
  w.font = font;
  w.source = source;
  w.trailing = " ";
  return w;
}

TEST_F(CleanupTest, DecidesPerFontSpanAndNotes) {
  Document doc;
  doc.format = "pdf";
  doc.encoding = "utf-8";
  Page page;
  page.number = 1;
  page.source = WordSource::kTextLayer;
  Line l1, l2, l3;
  for (const char* t : {"Céng", "hßa", "x·", "héi"})
    l1.words.push_back(W(t, "ABCDEF+.VnTime", WordSource::kTextLayer));
  for (const char* t : {"Cộng", "hòa", "xã", "hội"})
    l2.words.push_back(W(t, "TimesNewRomanPSMT", WordSource::kTextLayer));
  // OCR words are never decoded, only cleaned.
  l3.words.push_back(W("Céng", "", WordSource::kOcr));
  page.lines = {l1, l2, l3};
  doc.pages.push_back(page);
  std::vector<EncodingSpan> spans;
  ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc, &spans).ok());
  EXPECT_EQ(doc.pages[0].lines[0].Text(), "Cộng hòa xã hội ");
  EXPECT_EQ(doc.pages[0].lines[0].words[0].original, "Céng");
  EXPECT_EQ(doc.pages[0].lines[0].words[0].encoding, "tcvn3");
  EXPECT_EQ(doc.pages[0].lines[1].Text(), "Cộng hòa xã hội ");
  EXPECT_TRUE(doc.pages[0].lines[1].words[0].encoding.empty());
  EXPECT_EQ(doc.pages[0].lines[2].words[0].text, "Céng");
  EXPECT_EQ(doc.encoding, "mixed");
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].reason, "font name");
  bool noted = false;
  for (const Note& n : doc.notes)
    noted = noted || n.message.find("font 'ABCDEF+.VnTime': decoded as tcvn3") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST_F(CleanupTest, Tcvn3CapitalsFromContextWithoutFontName) {
  NormalizeOptions o;
  NormalizeResult r;
  // "CỘNG HÒA XÃ HỘI" typed with an H font: ASCII capitals + lower-case slots.
  ASSERT_TRUE(NormalizeBytes("C\xE9NG H\xDF" "A X\xB7 H\xE9I\nH\xB5 N\xE9i", o, &r).ok());
  EXPECT_EQ(r.text, "CỘNG HÒA XÃ HỘI\nHà Nội");
  bool noted = false;
  for (const Note& n : r.notes) noted = noted || n.message.find("ambiguous") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST_F(CleanupTest, ArbitraryBytesNeverCrashAndNeverLoseLength) {
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string bytes(rng() % 200, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    for (const char* from : {"auto", "utf8", "utf16", "cp1258", "tcvn3", "vni", "viscii", "viqr"}) {
      NormalizeOptions o;
      o.from = from;
      NormalizeResult r;
      ASSERT_TRUE(NormalizeBytes(bytes, o, &r).ok()) << from;
      EXPECT_TRUE(IsValidUtf8(r.text)) << from;
      // Nothing disappears: every printable ASCII byte of an 8-bit input is
      // still there (as itself, or as the base of a letter).
      std::string f = from;
      if (f == "tcvn3" || f == "vni" || f == "viscii" || f == "cp1258") {
        size_t printable = 0;
        for (char c : bytes) printable += (c >= 0x20 && c < 0x7F) ? 1 : 0;
        EXPECT_GE(Utf8Length(r.text), printable) << from;
      }
    }
  }
}

}  // namespace
}  // namespace sohoa
