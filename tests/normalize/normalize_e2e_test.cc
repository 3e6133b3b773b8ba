// End-to-end: build/sohoa normalize on fixtures/encodings (made by
// scripts/make_encoding_fixtures.py with glibc iconv and the VNI/VIQR rules),
// bad input, tone style, reflow; and sohoa text on a PDF whose text layer
// uses the TCVN3 fonts .VnTime and .VnTimeH.
#include <string>

#include <gtest/gtest.h>

#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::Fixture;
using testing::ReadFile;
using testing::RunSohoa;

TEST(NormalizeE2eTest, EveryEncodingFixtureDecodesToTheExpectedText) {
  const std::string expected = ReadFile(Fixture("encodings/expected.txt"));
  ASSERT_FALSE(expected.empty());
  const char* files[] = {"tcvn3", "tcvn3_mojibake", "vni", "vni_mojibake", "viscii",
                         "viscii_mojibake", "cp1258", "cp1258_mojibake", "viqr",
                         "utf16le_bom", "utf16be", "nfd"};
  for (const char* f : files) {
    auto r = RunSohoa({"normalize", Fixture(std::string("encodings/") + f + ".txt")});
    EXPECT_EQ(r.exit_code, 0) << f << r.err;
    EXPECT_EQ(r.out, expected) << f;
  }
}

TEST(NormalizeE2eTest, JsonReportsEncodingAndConfidence) {
  auto r = RunSohoa({"normalize", "--json", Fixture("encodings/vni.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"encoding\":\"vni\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"candidates\""), std::string::npos);
  EXPECT_NE(r.out.find("\"confidence\""), std::string::npos);
}

TEST(NormalizeE2eTest, StdinAndForcedEncoding) {
  auto r = RunSohoa({"normalize", "--from=viqr", "-"}, "Vie^.t Nam\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "Việt Nam\n");
}

TEST(NormalizeE2eTest, InvalidUtf8KeepsReplacementAndNamesTheByte) {
  // A UTF-8 text with one stray byte at offset 11 ("Việt" is 6 bytes).
  std::string in = "Việt Nam \xFF hòa bình\n";
  auto r = RunSohoa({"normalize", "-"}, in);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "Việt Nam \xEF\xBF\xBD hòa bình\n");
  EXPECT_NE(r.err.find("stdin: byte 11: warning"), std::string::npos) << r.err;
}

TEST(NormalizeE2eTest, TruncatedUtf16IsReportedNotDropped) {
  std::string in("\xFF\xFE" "A\0B\0C", 7);
  auto r = RunSohoa({"normalize", "-"}, in);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "AB\xEF\xBF\xBD");
  EXPECT_NE(r.err.find("byte 6: warning"), std::string::npos) << r.err;
}

TEST(NormalizeE2eTest, ToneStyleConverts) {
  auto r = RunSohoa({"normalize", "--tone-style=new", "-"}, "hòa thúy khỏe hoàn\n");
  EXPECT_EQ(r.out, "hoà thuý khoẻ hoàn\n");
  r = RunSohoa({"normalize", "--tone-style=old", "-"}, "hoà thuý khoẻ quý\n");
  EXPECT_EQ(r.out, "hòa thúy khỏe quý\n");
}

TEST(NormalizeE2eTest, ReflowJoinsContinuedLinesButNotTableRows) {
  std::string in =
      "Trung tâm đã tiếp nhận hồ sơ và giải\n"
      "quyết đúng hạn theo quy định.\n"
      "1\tSở Tư pháp\t120\t118\n"
      "2\tSở Y tế\t80\t80\n";
  auto r = RunSohoa({"normalize", "--reflow", "-"}, in);
  EXPECT_EQ(r.out,
            "Trung tâm đã tiếp nhận hồ sơ và giải quyết đúng hạn theo quy định.\n"
            "1\tSở Tư pháp\t120\t118\n"
            "2\tSở Y tế\t80\t80\n");
}

TEST(NormalizeE2eTest, MissingFileAndBadFlag) {
  auto r = RunSohoa({"normalize", "/nonexistent/x.txt"});
  EXPECT_EQ(r.exit_code, 3);
  r = RunSohoa({"normalize", "--from=klingon", "-"}, "x");
  EXPECT_EQ(r.exit_code, 2);
}

TEST(NormalizeE2eTest, HelpHasExamples) {
  auto r = RunSohoa({"normalize", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--from"), std::string::npos);
  EXPECT_NE(r.out.find("sohoa normalize --from=tcvn3"), std::string::npos);
}

// Needs ingest's PDF text layer (poppler-cpp): the fonts' names decide,
// .VnTimeH words become capitals, '-' that poppler gives for TCVN3's ư is put back.
TEST(NormalizeE2eTest, TcvnFontPdfThroughSohoaText) {
  auto r = RunSohoa({"text", "--restore=off", Fixture("pdf_tcvn3/vntime.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ReadFile(Fixture("pdf_tcvn3/vntime.expected.txt")));
  auto j = RunSohoa({"text", "--restore=off", "--json", Fixture("pdf_tcvn3/vntime.pdf")});
  EXPECT_NE(j.out.find("\"font\":\".VnTimeH\""), std::string::npos);
  EXPECT_NE(j.out.find("\"encoding\":\"tcvn3\""), std::string::npos);
}

}  // namespace
}  // namespace sohoa
