#include "pipeline/ingest/format.h"

#include <gtest/gtest.h>

#include <string>

namespace sohoa {
namespace {

TEST(SniffFormatTest, MagicBytes) {
  EXPECT_EQ(SniffFormat("%PDF-1.7\n..."), InputFormat::kPdf);
  EXPECT_EQ(SniffFormat("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"), InputFormat::kPng);
  EXPECT_EQ(SniffFormat("\xFF\xD8\xFF\xE0\0\x10JFIF"), InputFormat::kJpeg);
  EXPECT_EQ(SniffFormat(std::string("II*\0\x08\0\0\0", 8)), InputFormat::kTiff);
  EXPECT_EQ(SniffFormat(std::string("MM\0*\0\0\0\x08", 8)), InputFormat::kTiff);
  EXPECT_EQ(SniffFormat("GIF89a...."), InputFormat::kGif);
}

TEST(SniffFormatTest, PdfHeaderAfterJunkIsStillPdf) {
  EXPECT_EQ(SniffFormat(std::string(300, ' ') + "%PDF-1.4"), InputFormat::kPdf);
}

TEST(SniffFormatTest, BmpNeedsAPlausibleDibHeader) {
  std::string bmp = "BM" + std::string(12, '\0');
  bmp += std::string("\x28\0\0\0", 4) + std::string(10, '\0');
  EXPECT_EQ(SniffFormat(bmp), InputFormat::kBmp);
  // A text file that happens to start with "BM" stays text.
  EXPECT_EQ(SniffFormat("BMW và xe máy: 12 hồ sơ đăng ký mới trong tháng"), InputFormat::kText);
}

TEST(SniffFormatTest, TextByContent) {
  EXPECT_EQ(SniffFormat("Trung tâm đã nhận được 12.746 hồ sơ\n"), InputFormat::kText);
  EXPECT_EQ(SniffFormat("C\xE9ng h\xDF" "a x\xB7 h\xE9i\n"), InputFormat::kText);  // TCVN3 bytes
  EXPECT_EQ(SniffFormat("\xFF\xFEh\0i\0"), InputFormat::kText);                    // UTF-16LE BOM
  EXPECT_EQ(SniffFormat(std::string("ab\0cd", 5)), InputFormat::kUnknown);
  EXPECT_EQ(SniffFormat(std::string(100, '\x01')), InputFormat::kUnknown);
}

TEST(FormatFromExtensionTest, CaseInsensitiveAndOnlyTheLastDot) {
  EXPECT_EQ(FormatFromExtension("/a/b/Report.PDF"), InputFormat::kPdf);
  EXPECT_EQ(FormatFromExtension("scan.tif"), InputFormat::kTiff);
  EXPECT_EQ(FormatFromExtension("scan.jpeg"), InputFormat::kJpeg);
  EXPECT_EQ(FormatFromExtension("notes.md"), InputFormat::kText);
  EXPECT_EQ(FormatFromExtension("dir.pdf/file"), InputFormat::kUnknown);
  EXPECT_EQ(FormatFromExtension("archive.tar.gz"), InputFormat::kUnknown);
}

}  // namespace
}  // namespace sohoa
