// End-to-end OCR: build/sohoa text on the image-only PDF, the PNG and the
// multi-page TIFF (slow: real Tesseract, a few seconds each). The asserted
// words are ones Tesseract `vie` reads correctly at 300 dpi on these pages.
#include <gtest/gtest.h>

#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::Fixture;
using testing::RunSohoa;

void ExpectHas(const std::string& out, const std::string& s) {
  EXPECT_NE(out.find(s), std::string::npos) << "missing '" << s << "' in:\n" << out;
}

TEST(IngestOcrE2eTest, ImageOnlyPdf) {
  auto r = RunSohoa({"text", "--restore=off", "--jobs", "1", Fixture("pdf/000_page1_scan.pdf")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ExpectHas(r.out, "Trung tâm");
  ExpectHas(r.out, "hồ sơ");
  ExpectHas(r.out, "Sóc Trăng");
  ExpectHas(r.out, "hành chính công");
}

TEST(IngestOcrE2eTest, PngWithJsonShowsOcrSourceAndConfidence) {
  auto r = RunSohoa({"text", "--json", "--restore=off", Fixture("images/000_page1_300dpi.png")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ExpectHas(r.out, "\"source\":\"ocr\"");
  ExpectHas(r.out, "\"unit\":\"px\"");
  ExpectHas(r.out, "\"text\":\"Trăng\"");
  ExpectHas(r.out, "\"text\":\"nhận\"");
}

TEST(IngestOcrE2eTest, MultiPageTiffPagesInOrder) {
  auto r = RunSohoa({"text", "--restore=off", "--jobs", "2", Fixture("images/002_two_pages.tif")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  size_t ff = r.out.find('\f');
  ASSERT_NE(ff, std::string::npos) << r.out;
  // Page 1 opens with the online-filing paragraph, page 2 is after the form feed.
  std::string p1 = r.out.substr(0, ff), p2 = r.out.substr(ff);
  ExpectHas(p1, "hồ sơ trực tuyến");
  ExpectHas(p1, "tiếp nhận");
  ExpectHas(p2, "Bưu điện tỉnh");
  ExpectHas(p2, "Chủ tịch UBND");
  EXPECT_EQ(p2.find("hồ sơ trực tuyến; có"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
