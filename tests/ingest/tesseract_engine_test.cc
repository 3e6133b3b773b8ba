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

}  // namespace
}  // namespace sohoa
