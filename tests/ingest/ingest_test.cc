// ExtractDocument on the fixtures, with fake OCR engines (fast; no Tesseract).
#include "pipeline/ingest/ingest.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "pipeline/core/files.h"
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

namespace sohoa {
namespace {

// Plain text read in windows (ExtractDocumentWindows): what the windows
// hold, where they are cut, which inputs stay whole.
class TextWindowsTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = testing::TempDir() + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  struct Piece {
    std::string text;
    char joined_by;
    size_t pages;
    std::string hash;
  };
  std::vector<Piece> Windows(const std::string& path, size_t window, Status* status) {
    std::vector<Piece> out;
    *status = ExtractDocumentWindows(path, options, window, [&](Document* doc, char joined_by, size_t) {
      out.push_back({doc->Text(), joined_by, doc->pages.size(), doc->content_hash});
      return Status::Ok();
    });
    return out;
  }
  IngestOptions options;
};

// Lines of words, a blank line every 7 lines, a form feed every 40.
std::string Report(int lines) {
  std::string text;
  for (int i = 1; i <= lines; ++i) {
    text += "Dòng " + std::to_string(i) + ": tiếp nhận " + std::to_string(i * 37) + " hồ sơ\t" +
            std::to_string(i % 9) + "\n";
    if (i % 7 == 0) text += "\n";
    if (i % 40 == 0) text += "\f";
  }
  return text;
}

TEST_F(TextWindowsTest, WindowsJoinedGiveTheFileBackAndCutAtPagesOrParagraphs) {
  const std::string text = Report(400);
  const std::string path = Write("windows.txt", text);
  Status s;
  const std::vector<Piece> pieces = Windows(path, 1000, &s);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_GT(pieces.size(), 10u);
  std::string joined;
  for (const Piece& p : pieces) {
    if (p.joined_by) joined += p.joined_by;
    joined += p.text;
    // No window goes past its size (no line here is longer than it).
    EXPECT_LE(p.text.size(), 1000u);
    // Each carries the whole file's hash, not its own.
    EXPECT_EQ(p.hash, pieces[0].hash);
  }
  EXPECT_EQ(joined, text);
  EXPECT_EQ(pieces[0].joined_by, 0);
  // Blank lines lie in every window's second half: never a cut in mid-paragraph.
  for (size_t i = 1; i < pieces.size(); ++i) {
    EXPECT_NE(pieces[i].joined_by, 0);
    if (pieces[i].joined_by == '\n') {
      EXPECT_EQ(pieces[i].text[0], '\n') << "window " << i << " starts inside a paragraph";
    }
  }
}

TEST_F(TextWindowsTest, FormFeedPreferredToABlankLine) {
  // A form feed and later a blank line, both in the second half.
  const std::string text = std::string(600, 'a') + "\f" + std::string(100, 'b') + "\n\n" +
                           std::string(600, 'c') + "\n";
  Status s;
  const std::vector<Piece> pieces = Windows(Write("ff.txt", text), 1000, &s);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_GE(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].text, std::string(600, 'a'));
  EXPECT_EQ(pieces[1].joined_by, '\f');
}

TEST_F(TextWindowsTest, LineLongerThanTheWindowIsCutAfterIt) {
  const std::string text = std::string(1500, 'x') + "\nshort line\n";
  Status s;
  const std::vector<Piece> pieces = Windows(Write("long.txt", text), 1000, &s);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].text, std::string(1500, 'x'));
  EXPECT_EQ(pieces[1].joined_by, '\n');
  EXPECT_EQ(pieces[1].text, "short line\n");
}

TEST_F(TextWindowsTest, LegacyBytesAreCutByByteAndDecodedPerWindow) {
  // TCVN3 bytes (not UTF-8): each window goes to normalize undecoded.
  std::string line = "Tr\xAA\xEAng ph\xB8t tri\xD3n \xAE\xE9i m\xE1i\n\n";
  std::string text;
  while (text.size() < 5000) text += line;
  Status s;
  size_t windows = 0;
  s = ExtractDocumentWindows(Write("tcvn3.txt", text), options, 1000,
                             [&](Document* doc, char, size_t) {
                               ++windows;
                               EXPECT_FALSE(doc->undecoded_bytes.empty());
                               EXPECT_EQ(doc->encoding, "8-bit");
                               return Status::Ok();
                             });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_GT(windows, 4u);
}

TEST_F(TextWindowsTest, SmallHtmlAndUtf16InputsAreOneWholeDocument) {
  Status s;
  const std::string text = Report(60);
  EXPECT_EQ(Windows(Write("small.txt", text), text.size(), &s).size(), 1u);
  EXPECT_EQ(Windows(Write("nowindow.txt", text), 0, &s).size(), 1u);
  std::string html = "<html><body><table><tr><td>Số hồ sơ</td><td>12</td></tr></table>";
  while (html.size() < 5000) html += "<p>Dòng tiếp nhận hồ sơ</p>\n";
  html += "</body></html>\n";
  const std::vector<Piece> h = Windows(Write("page.html", html), 1000, &s);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(h.size(), 1u);
  std::string utf16 = "\xFF\xFE";
  for (int i = 0; i < 3000; ++i) utf16 += (i % 50 == 49) ? std::string("\n\0", 2) : std::string("a\0", 2);
  EXPECT_EQ(Windows(Write("utf16.txt", utf16), 1000, &s).size(), 1u);
  ASSERT_TRUE(s.ok()) << s.message();
}

TEST_F(TextWindowsTest, OverlongLineFailsBeforeAnyWindow) {
  options.max_line_bytes = 2000;
  const std::string text = Report(200) + std::string(3000, 'y') + "\n";
  Status s;
  const std::vector<Piece> pieces = Windows(Write("overlong.txt", text), 1000, &s);
  EXPECT_EQ(s.code(), Status::Code::kTooLarge);
  EXPECT_TRUE(pieces.empty());
}

}  // namespace
}  // namespace sohoa

namespace sohoa {
namespace {

// ingest's plan hashes every file; the worker's extraction takes that hash
// instead of hashing the bytes again (issue 17).
TEST(IngestHashTest, KnownHashIsTakenNotComputedAgain) {
  const std::string path = testing::Fixture("seeds/000_eec36b514c44fab6.txt");
  IngestOptions options;
  Document computed, given;
  ASSERT_TRUE(ExtractDocument(path, options, &computed).ok());
  EXPECT_EQ(computed.content_hash, Sha256Hex(testing::ReadFile(path)));
  options.content_hash = "plan-hash";
  ASSERT_TRUE(ExtractDocument(path, options, &given).ok());
  EXPECT_EQ(given.content_hash, "plan-hash");
  EXPECT_EQ(given.Text(), computed.Text());
}

}  // namespace
}  // namespace sohoa
