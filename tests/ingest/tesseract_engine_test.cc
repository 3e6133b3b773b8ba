// The real Tesseract engine on the 300-dpi PNG fixture (slow: ~2 s).
#include "pipeline/ingest/tesseract_engine.h"

#include <gtest/gtest.h>

#include "pipeline/ingest/image_reader.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

Image LoadPng() {
  std::string bytes = testing::ReadFile(testing::Fixture("images/000_page1_300dpi.png"));
  std::unique_ptr<ImageReader> reader;
  Status s = ImageReader::Open("png", bytes, InputFormat::kPng, 100'000'000, &reader);
  EXPECT_TRUE(s.ok()) << s.ToString();
  Image img;
  bool assumed = true;
  EXPECT_TRUE(reader->Decode(0, 300, &img, &assumed).ok());
  EXPECT_FALSE(assumed);  // the PNG states 300 dpi
  return img;
}

TEST(TesseractEngineTest, RecognisesVietnameseWithBoxesAndConfidences) {
  Image img = LoadPng();
  TesseractEngine engine;
  std::vector<OcrWord> words;
  OcrOptions o;
  ASSERT_TRUE(engine.Recognize(img, o, &words).ok());
  ASSERT_GT(words.size(), 200u);
  std::string all;
  int lines = 0, last_line = -1;
  for (const OcrWord& w : words) {
    all += w.text + " ";
    EXPECT_GE(w.confidence, 0.0f);
    EXPECT_LE(w.confidence, 1.0f);
    EXPECT_GE(w.box.x0, 0);
    EXPECT_LE(w.box.x1, img.width);
    EXPECT_LT(w.box.y0, w.box.y1);
    if (w.line != last_line) ++lines, last_line = w.line;
  }
  EXPECT_NE(all.find("Trung tâm"), std::string::npos);
  EXPECT_NE(all.find("hồ sơ"), std::string::npos);
  EXPECT_NE(all.find("Sóc Trăng"), std::string::npos);
  EXPECT_GE(lines, 25);
}

Image Turned(const Image& img, int quarter_turns_clockwise) {
  Image out = img;
  for (int t = 0; t < quarter_turns_clockwise; ++t) {
    Image r;
    r.width = out.height;
    r.height = out.width;
    r.stride = r.width;
    r.dpi = out.dpi;
    r.pixels.resize(out.pixels.size());
    for (int y = 0; y < out.height; ++y)
      for (int x = 0; x < out.width; ++x)
        r.pixels[static_cast<size_t>(x) * r.stride + (out.height - 1 - y)] =
            out.pixels[static_cast<size_t>(y) * out.stride + x];
    out = std::move(r);
  }
  return out;
}

TEST(TesseractEngineTest, OrientationOfTurnedPagesIsFound) {
  Image img = LoadPng();
  TesseractEngine engine;
  for (int scanned : {0, 1, 2, 3}) {
    PageOrientation o;
    ASSERT_TRUE(engine.DetectOrientation(Turned(img, scanned), &o).ok());
    // The turns that undo the scan's turn.
    EXPECT_EQ(o.quarter_turns, (4 - scanned) % 4) << "page scanned turned " << 90 * scanned;
    if (scanned != 0) EXPECT_GE(o.confidence, 6.0f);
  }
}

TEST(TesseractEngineTest, DeadlineGivesTimeout) {
  Image img = LoadPng();
  TesseractEngine engine;
  std::vector<OcrWord> words;
  OcrOptions o;
  o.timeout_ms = 1;  // far less than a page needs
  Status s = engine.Recognize(img, o, &words);
  EXPECT_EQ(s.code(), Status::Code::kTimeout) << s.ToString();
}

TEST(TesseractEngineTest, MissingLanguageIsEngineFailure) {
  Image img = LoadPng();
  TesseractEngine engine;
  std::vector<OcrWord> words;
  OcrOptions o;
  o.language = "xx_no_such_language";
  Status s = engine.Recognize(img, o, &words);
  EXPECT_EQ(s.code(), Status::Code::kEngineFailure);
  EXPECT_NE(s.message().find("xx_no_such_language"), std::string::npos);
}

// A strip of a 300-dpi table scan (fixtures/tables, made by
// scripts/make_table_fixtures.py) where Tesseract's layout analysis alone
// drops the lone digits of a narrow column ("1", "0", "1" and "14" in rows
// 5-8): the second pass over uncovered ink puts each back in its row, left
// of the next column's number.
TEST(TesseractEngineTest, LoneDigitsDroppedByLayoutAreRecovered) {
  std::string bytes = testing::ReadFile(testing::Fixture("tables/lone_digits_300dpi.png"));
  std::unique_ptr<ImageReader> reader;
  ASSERT_TRUE(ImageReader::Open("png", bytes, InputFormat::kPng, 100'000'000, &reader).ok());
  Image img;
  bool assumed = true;
  ASSERT_TRUE(reader->Decode(0, 300, &img, &assumed).ok());
  TesseractEngine engine;
  std::vector<OcrWord> words;
  ASSERT_TRUE(engine.Recognize(img, OcrOptions(), &words).ok());
  // The first number after each unit name, in the order the engine gives.
  auto first_number_after = [&](const std::string& name) -> std::string {
    for (size_t i = 0; i < words.size(); ++i) {
      if (words[i].text != name) continue;
      for (size_t j = i + 1; j < words.size() && words[j].line == words[i].line; ++j)
        if (!words[j].text.empty() && words[j].text[0] >= '0' && words[j].text[0] <= '9') return words[j].text;
      return "(none on its line)";
    }
    return "(no " + name + ")";
  };
  EXPECT_EQ(first_number_after("tư"), "14");     // Sở Kế hoạch và Đầu tư 14 109
  EXPECT_EQ(first_number_after("nghệ"), "1");    // Sở Khoa học và Công nghệ 1 2
  EXPECT_EQ(first_number_after("hội"), "0");     // ... Thương binh và Xã hội 0 4
  EXPECT_EQ(first_number_after("vụ"), "1");      // Sở Nội vụ 1 34
}

}  // namespace
}  // namespace sohoa
