// End-to-end: words of born-digital PDFs whose text layer comes in pieces
// (fixtures/pdf_words, made by scripts/make_pdf_word_fixtures.py; and
// fixtures/pdf_displaced, made by scripts/make_displaced_pdf_fixture.py).
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::Fixture;
using testing::RunSohoa;

std::map<std::string, int> WordCounts(const std::string& text) {
  std::map<std::string, int> counts;
  std::istringstream in(text);
  for (std::string w; in >> w;) ++counts[w];
  return counts;
}

// Regression: LibreOffice draws marked letters missing from the document's
// font with a fallback font, and the words came out as "K ế t qu ả".
TEST(PdfWordsE2eTest, FallbackGlyphsDoNotSplitWords) {
  auto r = RunSohoa({"text", "--restore=off", Fixture("pdf_words/libreoffice.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(Fixture("pdf_words/libreoffice.txt"));
  std::stringstream source;
  source << in.rdbuf();
  std::map<std::string, int> want = WordCounts(source.str()), got = WordCounts(r.out);
  int right = 0, total = 0;
  for (const auto& [word, n] : want) {
    total += n;
    right += std::min(n, got[word]);
  }
  EXPECT_EQ(right, total) << r.out;
  EXPECT_NE(r.out.find("UBND TỈNH KON TUM"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Kết quả giải quyết thủ tục hành chính"), std::string::npos);
}

// Issue #26: a TCVN3 / VNI text layer drawn by a fallback font decodes
// cleanly, so its pages keep the text layer (no OCR) and say so in a note.
TEST(PdfWordsE2eTest, LegacyTextLayerDrawnByFallbackFontIsDecodedNotOcrd) {
  for (const char* name : {"pdf_words/tcvn3.pdf", "pdf_words/vni.pdf"}) {
    auto r = RunSohoa({"text", "--json", "--restore=off", Fixture(name)});
    ASSERT_EQ(r.exit_code, 0) << name << r.err;
    EXPECT_EQ(r.out.find("\"source\":\"ocr\""), std::string::npos) << name;
    auto t = RunSohoa({"text", "--restore=off", Fixture(name)});
    EXPECT_NE(t.out.find("Trung tâm đã tiếp nhận 2.822 hồ sơ"), std::string::npos) << name << t.out;
  }
}

// Issue 30: marked letters drawn raised or lowered off the baseline (and an
// acute drawn apart over its letter) came out as lines of their own and the
// words with gaps ("T NG H P K T QU"). Every line comes back whole, with
// restoration on as well as off.
TEST(PdfWordsE2eTest, LettersDrawnOffTheBaselineGoBackIntoTheirWords) {
  std::ifstream in(Fixture("pdf_displaced/displaced.txt"));
  std::stringstream want;
  want << in.rdbuf();
  for (const char* restore : {"--restore=off", "--restore=auto"}) {
    auto r = RunSohoa({"text", restore, Fixture("pdf_displaced/displaced.pdf")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, want.str()) << restore;
  }
}

}  // namespace
}  // namespace sohoa
