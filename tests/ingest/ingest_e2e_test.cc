// End-to-end: build/sohoa text on the text-layer fixtures (fast, no OCR).
#include <gtest/gtest.h>

#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::Fixture;
using testing::RunSohoa;

TEST(IngestE2eTest, BornDigitalPdfKeepsDiacritics) {
  auto r = RunSohoa({"text", "--restore=off", Fixture("pdf/000_page1.pdf")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Trung tâm đã nhận được 12.746 hồ sơ TTHC"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Nghị định số 61/2018/NĐ-CP"), std::string::npos);
  EXPECT_EQ(r.err, "");
}

TEST(IngestE2eTest, RotatedPdfGivesTheSameText) {
  auto a = RunSohoa({"text", "--restore=off", Fixture("pdf/000_page1.pdf")});
  auto b = RunSohoa({"text", "--restore=off", Fixture("pdf/000_page1_rotate90.pdf")});
  EXPECT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
}

TEST(IngestE2eTest, JsonHasFontsPointsAndRotation) {
  auto r = RunSohoa({"text", "--json", "--restore=off", Fixture("pdf/000_page1_rotate90.pdf")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"unit\":\"pt\""), std::string::npos);
  EXPECT_NE(r.out.find("\"rotation\":90"), std::string::npos);
  EXPECT_NE(r.out.find("\"font\":\"DejaVuSerif\""), std::string::npos);
  EXPECT_NE(r.out.find("\"source\":\"text_layer\""), std::string::npos);
}

TEST(IngestE2eTest, OcrNeverOnImageIsEmptyNamingTheFile) {
  auto r = RunSohoa({"text", "--restore=off", "--ocr=never", Fixture("images/000_page1_300dpi.png")});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("000_page1_300dpi.png"), std::string::npos);
  EXPECT_NE(r.err.find("--ocr=never"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
