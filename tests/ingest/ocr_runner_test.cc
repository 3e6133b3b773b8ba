#include "pipeline/ingest/ocr_runner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <mutex>
#include <set>
#include <thread>

#include "pipeline/core/utf8.h"
#include "tests/ingest/fake_engines.h"

namespace sohoa {
namespace {

using testing::FailingEngine;
using testing::FixedWordsEngine;
using testing::HangingEngine;
using testing::ThrowingEngine;
using testing::W;

Image Blank(int w = 100, int h = 80) {
  Image img;
  img.width = w;
  img.height = h;
  img.stride = w;
  img.dpi = 300;
  img.pixels.assign(static_cast<size_t>(w) * h, 255);
  return img;
}

OcrPageJob Job(int n) { return {n, "image"}; }

TEST(OcrOnePageTest, BuildsPixelPageWithLinesAndConfidence) {
  FixedWordsEngine engine({W("Trung", 1, 1, 30, 10, 0.9f, 1, 1), W("tâm", 32, 1, 50, 10, 0.8f, 1, 1),
                           W("hồ", 1, 20, 15, 30, 0.7f, 1, 2)});
  IngestOptions o;
  OcrPageResult r;
  ASSERT_TRUE(OcrOnePage("a.png", o, Job(3), Blank(), &engine, &r).ok());
  EXPECT_EQ(r.page.number, 3);
  EXPECT_EQ(r.page.unit, BoxUnit::kPixels);
  EXPECT_EQ(r.page.dpi, 300);
  EXPECT_EQ(r.page.source, WordSource::kOcr);
  EXPECT_EQ(r.page.ocr_reason, "image");
  EXPECT_EQ(r.page.Text(), "Trung tâm\nhồ");
  EXPECT_TRUE(r.notes.empty());
}

TEST(OcrOnePageTest, InvalidUtf8BecomesReplacementWithWarning) {
  FixedWordsEngine engine({W("h\xE1\xBB", 1, 1, 30, 10), W("\xFF\xFEsơ", 32, 1, 50, 10)});
  OcrPageResult r;
  ASSERT_TRUE(OcrOnePage("a.png", IngestOptions(), Job(1), Blank(), &engine, &r).ok());
  EXPECT_TRUE(IsValidUtf8(r.page.Text()));
  EXPECT_NE(r.page.Text().find("\xEF\xBF\xBD"), std::string::npos);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0].level, "warning");
  EXPECT_NE(r.notes[0].message.find("2 word(s) with invalid UTF-8"), std::string::npos);
}

TEST(OcrOnePageTest, AbsurdBoxesAndConfidencesAreClamped) {
  FixedWordsEngine engine({W("một", -50, -5, 1e9, 40, 7.5f), W("hai", 90, 70, 10, 5, -1.0f),
                           W("ba", NAN, 0, 10, 10, NAN), W(" \t", 0, 0, 5, 5)});
  OcrPageResult r;
  ASSERT_TRUE(OcrOnePage("a.png", IngestOptions(), Job(1), Blank(100, 80), &engine, &r).ok());
  ASSERT_EQ(r.page.lines.size(), 1u);
  const std::vector<Word>& words = r.page.lines[0].words;
  ASSERT_EQ(words.size(), 3u);  // the whitespace-only word is dropped
  for (const Word& w : words) {
    EXPECT_GE(w.box.x0, 0);
    EXPECT_LE(w.box.x1, 100);
    EXPECT_GE(w.box.y0, 0);
    EXPECT_LE(w.box.y1, 80);
    EXPECT_LE(w.box.x0, w.box.x1);
    EXPECT_GE(w.confidence, 0.0f);
    EXPECT_LE(w.confidence, 1.0f);
  }
  EXPECT_EQ(r.notes.size(), 2u);  // boxes, confidences
}

TEST(OcrOnePageTest, EngineFailureNamesFileAndPage) {
  FailingEngine engine;
  OcrPageResult r;
  Status s = OcrOnePage("/x/scan.pdf", IngestOptions(), Job(4), Blank(), &engine, &r);
  EXPECT_EQ(s.code(), Status::Code::kEngineFailure);
  EXPECT_NE(s.message().find("/x/scan.pdf: page 4"), std::string::npos);
  EXPECT_NE(s.message().find("simulated crash"), std::string::npos);
}

TEST(OcrOnePageTest, ExceptionBecomesEngineFailure) {
  ThrowingEngine engine;
  OcrPageResult r;
  Status s = OcrOnePage("a.png", IngestOptions(), Job(1), Blank(), &engine, &r);
  EXPECT_EQ(s.code(), Status::Code::kEngineFailure);
  EXPECT_NE(s.message().find("bad_alloc"), std::string::npos);
}

TEST(OcrOnePageTest, EngineThatOverrunsTheTimeLimitTimesOut) {
  HangingEngine engine(1300);
  IngestOptions o;
  o.page_timeout_seconds = 1;
  OcrPageResult r;
  Status s = OcrOnePage("a.png", o, Job(2), Blank(), &engine, &r);
  EXPECT_EQ(s.code(), Status::Code::kTimeout);
  EXPECT_NE(s.message().find("page 2"), std::string::npos);
}

TEST(OcrOnePageTest, TinyImageIsNotSentToTheEngine) {
  FixedWordsEngine engine({W("x", 0, 0, 1, 1)});
  OcrPageResult r;
  ASSERT_TRUE(OcrOnePage("a.pdf", IngestOptions(), Job(1), Blank(1, 1), &engine, &r).ok());
  EXPECT_EQ(engine.calls, 0);
  EXPECT_TRUE(r.page.lines.empty());
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].message.find("too small"), std::string::npos);
}

// Reports a fixed orientation for every page; reads nothing.
class TurningEngine : public FixedWordsEngine {
 public:
  TurningEngine(int quarter_turns, float confidence) : FixedWordsEngine({}), turns_(quarter_turns), conf_(confidence) {}
  Status DetectOrientation(const Image&, PageOrientation* out) override {
    out->quarter_turns = turns_;
    out->confidence = conf_;
    return Status::Ok();
  }

 private:
  int turns_;
  float conf_;
};

bool HasNote(const OcrPageResult& r, const std::string& part) {
  for (const Note& n : r.notes)
    if (n.message.find(part) != std::string::npos) return true;
  return false;
}

TEST(OcrOnePageTest, PageTurnedSidewaysIsTurnedByTheEnginesOrientation) {
  TurningEngine engine(1, 12.0f);
  OcrPageResult r;
  ASSERT_TRUE(OcrOnePage("a.png", IngestOptions(), Job(1), Blank(300, 200), &engine, &r).ok());
  // The page, its boxes and what the engine reads are on the turned page.
  EXPECT_EQ(r.page.width, 200);
  EXPECT_EQ(r.page.height, 300);
  EXPECT_EQ(engine.last_width, 200);
  EXPECT_TRUE(HasNote(r, "turned upright (rotated 90 degrees clockwise"));
}

TEST(OcrOnePageTest, UnsureOrientationLeavesThePageAsScanned) {
  TurningEngine engine(2, 3.0f);
  OcrPageResult r;
  ASSERT_TRUE(OcrOnePage("a.png", IngestOptions(), Job(1), Blank(300, 200), &engine, &r).ok());
  EXPECT_EQ(r.page.width, 300);
  EXPECT_EQ(engine.last_width, 300);
  EXPECT_TRUE(HasNote(r, "read as scanned"));
}

// Each page's image carries its page number in its width; the engine echoes it.
class EchoWidthEngine : public OcrEngine {
 public:
  Status Recognize(const Image& image, const OcrOptions&, std::vector<OcrWord>* words) override {
    std::this_thread::sleep_for(std::chrono::milliseconds((image.width * 7) % 13));
    *words = {W("trang" + std::to_string(image.width - 100), 0, 0, 5, 5)};
    std::lock_guard<std::mutex> lock(mu);
    threads.insert(std::this_thread::get_id());
    return Status::Ok();
  }
  static std::mutex mu;
  static std::set<std::thread::id> threads;
};
std::mutex EchoWidthEngine::mu;
std::set<std::thread::id> EchoWidthEngine::threads;

TEST(RunOcrPagesTest, ParallelWorkersKeepPageOrderAndOwnTheirEngines) {
  IngestOptions o;
  o.jobs = 3;
  std::atomic<int> engines{0};
  o.engine_factory = [&] {
    ++engines;
    return std::unique_ptr<OcrEngine>(new EchoWidthEngine());
  };
  std::vector<OcrPageJob> jobs;
  for (int i = 1; i <= 12; ++i) jobs.push_back(Job(i));
  std::vector<OcrPageResult> results;
  Status s = RunOcrPages("doc.tif", o, jobs,
                         [](size_t i, Image* img) {
                           *img = Blank(101 + static_cast<int>(i), 20);
                           return Status::Ok();
                         },
                         &results);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(results.size(), 12u);
  for (int i = 0; i < 12; ++i) {
    EXPECT_EQ(results[i].page.number, i + 1);
    EXPECT_EQ(results[i].page.Text(), "trang" + std::to_string(i + 1));
  }
  EXPECT_LE(engines.load(), 3);
  EXPECT_GE(engines.load(), 1);
  EXPECT_EQ(static_cast<int>(EchoWidthEngine::threads.size()), engines.load());
}

TEST(RunOcrPagesTest, FirstFailingPageInPageOrderIsReported) {
  IngestOptions o;
  o.jobs = 2;
  FixedWordsEngine engine({W("ok", 0, 0, 5, 5)});
  o.engine = &engine;
  std::vector<OcrPageJob> jobs = {Job(1), Job(2), Job(3)};
  std::vector<OcrPageResult> results;
  Status s = RunOcrPages("doc.tif", o, jobs,
                         [](size_t i, Image* img) {
                           if (i == 1) return Status::Corrupt("doc.tif: page 2 image data is damaged");
                           *img = Blank();
                           return Status::Ok();
                         },
                         &results);
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_NE(s.message().find("page 2"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
