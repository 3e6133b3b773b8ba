// ExtractDocument on the fixtures, with fake OCR engines (fast; no Tesseract).
#include "pipeline/ingest/ingest.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "tests/ingest/fake_engines.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::FailingEngine;
using testing::Fixture;
using testing::FixedWordsEngine;
using testing::W;

bool HasNote(const Document& doc, const std::string& level, const std::string& part) {
  for (const Note& n : doc.notes)
    if (n.level == level && n.message.find(part) != std::string::npos) return true;
  return false;
}

class IngestTest : public ::testing::Test {
 protected:
  IngestTest() : engine({W("Trung", 10, 10, 60, 30), W("tâm", 70, 10, 100, 30)}) {
    options.engine = &engine;
    options.jobs = 2;
    options.isolate = false;  // the fake counts its calls in this process
    // These pages hold a ruled table; its cell-wise reading (ruled_grid_test,
    // cell_reader_test) would call the fake once per cell. Here: page OCR.
    options.ruled_tables = false;
  }
  FixedWordsEngine engine;
  IngestOptions options;
  Document doc;
};

TEST_F(IngestTest, BornDigitalPdfTextLayerWithFontsAndPoints) {
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/000_page1.pdf"), options, &doc).ok());
  EXPECT_EQ(engine.calls, 0);
  EXPECT_EQ(doc.format, "pdf");
  ASSERT_EQ(doc.pages.size(), 1u);
  const Page& p = doc.pages[0];
  EXPECT_EQ(p.unit, BoxUnit::kPdfPoints);
  EXPECT_EQ(p.source, WordSource::kTextLayer);
  EXPECT_EQ(p.rotation, 0);
  ASSERT_GT(p.lines.size(), 20u);
  EXPECT_EQ(p.lines[0].Text(), "BÁO CÁO");
  EXPECT_EQ(p.lines[0].words[0].font, "DejaVuSerif");
  EXPECT_NE(p.Text().find("Trung tâm đã nhận được 12.746 hồ sơ TTHC"), std::string::npos);
  // Top-to-bottom: every line starts below the previous one.
  for (size_t i = 1; i < p.lines.size(); ++i) EXPECT_GT(p.lines[i].box.y0, p.lines[i - 1].box.y0);
  EXPECT_EQ(doc.content_hash.size(), 64u);
}

TEST_F(IngestTest, RotatedPageComesOutUprightAndInOrder) {
  Document plain;
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/000_page1.pdf"), options, &plain).ok());
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/000_page1_rotate90.pdf"), options, &doc).ok());
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].rotation, 90);
  EXPECT_EQ(doc.Text(), plain.Text());
  EXPECT_DOUBLE_EQ(doc.pages[0].width, plain.pages[0].width);
  const Box& b = doc.pages[0].lines[0].words[0].box;
  const Box& pb = plain.pages[0].lines[0].words[0].box;
  EXPECT_NEAR(b.x0, pb.x0, 0.5);
  EXPECT_NEAR(b.y0, pb.y0, 0.5);
}

TEST_F(IngestTest, LegacyFontLayerIsKeptNotOcrd) {
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/legacy_font_tcvn3.pdf"), options, &doc).ok());
  EXPECT_EQ(engine.calls, 0);
  EXPECT_EQ(doc.pages[0].source, WordSource::kTextLayer);
  EXPECT_NE(doc.Text().find("Céng hßa"), std::string::npos);
  EXPECT_EQ(doc.pages[0].lines[0].words[0].font, ".VnTime");
  EXPECT_TRUE(HasNote(doc, "info", ".VnTime"));
}

TEST_F(IngestTest, ScannedPdfPageIsRenderedAndOcrd) {
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/000_page1_scan.pdf"), options, &doc).ok());
  EXPECT_EQ(engine.calls, 1);
  const Page& p = doc.pages[0];
  EXPECT_EQ(p.source, WordSource::kOcr);
  EXPECT_EQ(p.ocr_reason, "no text layer");
  EXPECT_EQ(p.unit, BoxUnit::kPixels);
  EXPECT_EQ(p.dpi, 300);
  EXPECT_NEAR(engine.last_width, 2570, 3);  // the page is 616.8 pt wide
  EXPECT_EQ(doc.Text(), "Trung tâm");
}

TEST_F(IngestTest, DpiOptionSetsRenderResolution) {
  options.dpi = 150;
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/000_page1_scan.pdf"), options, &doc).ok());
  EXPECT_NEAR(engine.last_width, 1285, 3);
  EXPECT_EQ(doc.pages[0].dpi, 150);
}

TEST_F(IngestTest, OcrModes) {
  options.ocr = OcrMode::kAlways;
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/000_page1.pdf"), options, &doc).ok());
  EXPECT_EQ(engine.calls, 1);
  EXPECT_EQ(doc.pages[0].ocr_reason, "--ocr=always");

  options.ocr = OcrMode::kNever;
  Status s = ExtractDocument(Fixture("pdf/000_page1_scan.pdf"), options, &doc);
  EXPECT_EQ(s.code(), Status::Code::kEmpty);
  EXPECT_NE(s.message().find("--ocr=never"), std::string::npos);
  s = ExtractDocument(Fixture("images/000_page1_300dpi.png"), options, &doc);
  EXPECT_EQ(s.code(), Status::Code::kEmpty);
  EXPECT_NE(s.message().find("000_page1_300dpi.png"), std::string::npos);
  EXPECT_EQ(engine.calls, 1);
}

TEST_F(IngestTest, ReplacementCharTextLayerGoesToOcr) {
  ASSERT_TRUE(ExtractDocument(Fixture("broken/fffd_text_layer.pdf"), options, &doc).ok());
  EXPECT_EQ(engine.calls, 1);
  EXPECT_NE(doc.pages[0].ocr_reason.find("U+FFFD"), std::string::npos);
}

TEST_F(IngestTest, GarbageThresholdIsTheOption) {
  // At threshold 0 nothing is garbage: the U+FFFD rule still applies, but a
  // clean layer is kept even at a high threshold it passes.
  options.garbage_threshold = 0.9;
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/000_page1.pdf"), options, &doc).ok());
  EXPECT_EQ(engine.calls, 0);
  options.garbage_threshold = 0.0;
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/legacy_font_tcvn3.pdf"), options, &doc).ok());
  EXPECT_FALSE(HasNote(doc, "info", ".VnTime"));  // not even considered garbage
}

TEST_F(IngestTest, PngIsOcrdAsOnePage) {
  ASSERT_TRUE(ExtractDocument(Fixture("images/000_page1_300dpi.png"), options, &doc).ok());
  EXPECT_EQ(doc.format, "image");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].dpi, 300);
  EXPECT_EQ(doc.pages[0].ocr_reason, "image");
  EXPECT_EQ(engine.last_language, "vie");
}

TEST_F(IngestTest, MultiPageTiffGivesEveryPageInOrder) {
  ASSERT_TRUE(ExtractDocument(Fixture("images/002_two_pages.tif"), options, &doc).ok());
  EXPECT_EQ(engine.calls, 2);
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[0].number, 1);
  EXPECT_EQ(doc.pages[1].number, 2);
  EXPECT_EQ(doc.Text(), "Trung tâm\fTrung tâm");
}

TEST_F(IngestTest, ExtensionThatLiesIsReadByContentWithWarning) {
  ASSERT_TRUE(ExtractDocument(Fixture("broken/jpeg_named.pdf"), options, &doc).ok());
  EXPECT_EQ(doc.format, "image");
  EXPECT_TRUE(HasNote(doc, "warning", "file name says pdf but the content is jpeg"));
}

TEST_F(IngestTest, HugeImageRefusedFromHeaderWithoutDecoding) {
  Status s = ExtractDocument(Fixture("broken/huge_20000x20000.png"), options, &doc);
  EXPECT_EQ(s.code(), Status::Code::kTooLarge);
  EXPECT_NE(s.message().find("20000x20000"), std::string::npos);
  EXPECT_EQ(engine.calls, 0);  // refused from the header, never decoded or OCR'd
}

TEST_F(IngestTest, PdfPageThatWouldRenderTooLargeIsRefusedBeforeRendering) {
  options.max_image_pixels = 1'000'000;
  Status s = ExtractDocument(Fixture("pdf/000_page1_scan.pdf"), options, &doc);
  EXPECT_EQ(s.code(), Status::Code::kTooLarge);
  EXPECT_NE(s.message().find("page 1"), std::string::npos);
  EXPECT_EQ(engine.calls, 0);
}

TEST_F(IngestTest, EngineFailureFailsTheDocument) {
  FailingEngine failing;
  options.engine = &failing;
  Status s = ExtractDocument(Fixture("images/002_two_pages.tif"), options, &doc);
  EXPECT_EQ(s.code(), Status::Code::kEngineFailure);
  EXPECT_NE(s.message().find("002_two_pages.tif: page 1"), std::string::npos);
}

TEST_F(IngestTest, BrokenPdfs) {
  EXPECT_EQ(ExtractDocument(Fixture("broken/encrypted.pdf"), options, &doc).code(),
            Status::Code::kEncrypted);
  EXPECT_EQ(ExtractDocument(Fixture("broken/truncated.pdf"), options, &doc).code(),
            Status::Code::kCorrupt);
  EXPECT_EQ(ExtractDocument(Fixture("broken/zero_pages.pdf"), options, &doc).code(),
            Status::Code::kEmpty);
  Status s = ExtractDocument(Fixture("broken/one_pixel_page.pdf"), options, &doc);
  EXPECT_EQ(s.code(), Status::Code::kEmpty);
  EXPECT_EQ(engine.calls, 0);
  ASSERT_TRUE(ExtractDocument(Fixture("broken/corrupt_xref.pdf"), options, &doc).ok());
  EXPECT_NE(doc.Text().find("hồ sơ"), std::string::npos);
}

TEST_F(IngestTest, PlainTextPathsStillWork) {
  std::string dir = testing::TempDir();
  std::ofstream(dir + "/a.txt", std::ios::binary) << "\xEF\xBB\xBFhồ sơ\n";
  ASSERT_TRUE(ExtractDocument(dir + "/a.txt", options, &doc).ok());
  EXPECT_EQ(doc.Text(), "hồ sơ\n");
  std::ofstream(dir + "/b.md", std::ios::binary) << "C\xE9ng h\xDF" "a\n";
  ASSERT_TRUE(ExtractDocument(dir + "/b.md", options, &doc).ok());
  EXPECT_EQ(doc.undecoded_bytes, "C\xE9ng h\xDF" "a\n");
  // Text by content even without a text extension.
  std::ofstream(dir + "/report", std::ios::binary) << "Trung tâm\n";
  ASSERT_TRUE(ExtractDocument(dir + "/report", options, &doc).ok());
  EXPECT_EQ(doc.format, "text");
}

TEST_F(IngestTest, OverlongLineIsTooLarge) {
  options.max_line_bytes = 100;
  std::string dir = testing::TempDir();
  std::ofstream(dir + "/long.txt", std::ios::binary) << "ngắn\n" << std::string(101, 'a') << "\n";
  Status s = ExtractDocument(dir + "/long.txt", options, &doc);
  EXPECT_EQ(s.code(), Status::Code::kTooLarge);
  EXPECT_NE(s.message().find("line 2 is 101 bytes"), std::string::npos);
}

TEST_F(IngestTest, UnknownBinaryIsUnsupported) {
  std::string dir = testing::TempDir();
  std::ofstream(dir + "/x.bin", std::ios::binary) << std::string("\0\1\2\3PK\3\4", 8);
  Status s = ExtractDocument(dir + "/x.bin", options, &doc);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported);
  EXPECT_NE(s.message().find("x.bin"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
