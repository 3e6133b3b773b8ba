// The forked extraction worker: crashes, hangs, CPU and memory limits become
// a Status for that file and the next file still comes out.
#include "pipeline/ingest/isolation.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "pipeline/ingest/doc_wire.h"
#include "pipeline/ingest/ingest.h"
#include "tests/ingest/fake_engines.h"
#include "tests/testing/run_command.h"

#if defined(__SANITIZE_ADDRESS__)
#define SOHOA_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOHOA_TEST_ASAN 1
#endif
#endif

namespace sohoa {
namespace {

using testing::Fixture;
using testing::W;

class AbortingEngine : public OcrEngine {
 public:
  Status Recognize(const Image&, const OcrOptions&, std::vector<OcrWord>*) override {
    std::abort();  // what a Tesseract assertion failure does
  }
};

class SegfaultingEngine : public OcrEngine {
 public:
  Status Recognize(const Image&, const OcrOptions&, std::vector<OcrWord>*) override {
    volatile int* p = nullptr;
    *p = 1;
    return Status::Ok();
  }
};

TEST(IsolationTest, WorkerCrashFailsOnlyThatFileAndTheBatchGoesOn) {
  AbortingEngine aborting;
  testing::FixedWordsEngine fine({W("Trung", 0, 0, 10, 10), W("tâm", 12, 0, 20, 10)});
  IngestOptions o;
  o.isolate = true;
  o.engine = &aborting;
  o.ruled_tables = false;  // page OCR only: the fake answers one word set per call
  std::vector<std::string> batch = {Fixture("images/002_two_pages.tif"),
                                    Fixture("pdf/000_page1.pdf"),
                                    Fixture("images/000_page1_300dpi.png")};
  std::vector<Status> results;
  std::vector<Document> docs(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (i == 2) o.engine = &fine;
    results.push_back(ExtractDocument(batch[i], o, &docs[i]));
  }
  EXPECT_EQ(results[0].code(), Status::Code::kEngineFailure);
  EXPECT_NE(results[0].message().find("002_two_pages.tif"), std::string::npos);
  EXPECT_NE(results[0].message().find("crashed (signal 6"), std::string::npos)
      << results[0].message();
  ASSERT_TRUE(results[1].ok()) << results[1].ToString();
  EXPECT_NE(docs[1].Text().find("Trung tâm đã nhận được 12.746 hồ sơ"), std::string::npos);
  ASSERT_TRUE(results[2].ok()) << results[2].ToString();
  EXPECT_EQ(docs[2].Text(), "Trung tâm");
  EXPECT_EQ(docs[2].pages[0].source, WordSource::kOcr);
}

// Under AddressSanitizer a SEGV is caught and reported by ASan itself (the
// worker then exits with code 1, still EngineFailure), and its report would
// count against the sanitizer build, so this case runs in normal builds only.
#ifndef SOHOA_TEST_ASAN
TEST(IsolationTest, SegfaultInWorkerIsEngineFailure) {
  SegfaultingEngine engine;
  IngestOptions o;
  o.engine = &engine;  // isolation is on by default
  Document doc;
  Status s = ExtractDocument(Fixture("pdf/000_page1_scan.pdf"), o, &doc);
  EXPECT_EQ(s.code(), Status::Code::kEngineFailure);
  EXPECT_NE(s.message().find("signal 11"), std::string::npos) << s.message();
}
#endif

TEST(IsolationTest, IsolatedResultEqualsInProcessResult) {
  IngestOptions o;
  Document a, b;
  o.isolate = false;
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/000_page1_rotate90.pdf"), o, &a).ok());
  o.isolate = true;
  std::mutex mu;
  std::vector<int> pages;
  o.on_page_done = [&](int p) {
    std::lock_guard<std::mutex> lock(mu);
    pages.push_back(p);
  };
  ASSERT_TRUE(ExtractDocument(Fixture("pdf/000_page1_rotate90.pdf"), o, &b).ok());
  EXPECT_EQ(EncodeResult(Status::Ok(), a), EncodeResult(Status::Ok(), b));
  EXPECT_EQ(pages, std::vector<int>{1});  // progress crossed the process boundary
}

TEST(IsolationTest, WorkerStatusComesBack) {
  IngestOptions o;
  Document doc;
  Status s = ExtractDocument(Fixture("broken/encrypted.pdf"), o, &doc);
  EXPECT_EQ(s.code(), Status::Code::kEncrypted);
  EXPECT_NE(s.message().find("encrypted.pdf"), std::string::npos);
}

TEST(IsolationTest, HungWorkerIsKilledAfterIdleLimit) {
  IsolationLimits limits;
  limits.idle_seconds = 1;
  Document doc;
  Status s = RunIsolated(
      "hang.pdf", limits,
      [](const std::function<void(int)>&, Document*) {
        std::this_thread::sleep_for(std::chrono::seconds(30));
        return Status::Ok();
      },
      nullptr, &doc);
  EXPECT_EQ(s.code(), Status::Code::kTimeout);
  EXPECT_NE(s.message().find("hang.pdf"), std::string::npos);
}

TEST(IsolationTest, CpuLimitIsTimeout) {
  IsolationLimits limits;
  limits.cpu_seconds = 1;
  Document doc;
  Status s = RunIsolated(
      "spin.pdf", limits,
      [](const std::function<void(int)>&, Document*) {
        volatile unsigned long sink = 0;
        for (;;) sink = sink + 1;
        return Status::Ok();
      },
      nullptr, &doc);
  EXPECT_EQ(s.code(), Status::Code::kTimeout);
  EXPECT_NE(s.message().find("CPU time limit"), std::string::npos) << s.message();
}

#ifndef SOHOA_TEST_ASAN  // ASan needs unlimited address space
TEST(IsolationTest, MemoryLimitIsEngineFailure) {
  IsolationLimits limits;
  limits.memory_bytes = 256LL << 20;
  Document doc;
  doc.path = "big.tif";
  Status s = RunIsolated(
      "big.tif", limits,
      [](const std::function<void(int)>&, Document*) {
        // Reserved, not touched: the address-space limit refuses it at once.
        std::vector<std::unique_ptr<char[]>> hog;
        for (int i = 0; i < 64; ++i) hog.emplace_back(new char[64 << 20]);  // 4 GB
        return Status::Ok();
      },
      nullptr, &doc);
  EXPECT_EQ(s.code(), Status::Code::kEngineFailure);
  EXPECT_NE(s.message().find("out of memory"), std::string::npos) << s.message();
}
#endif

TEST(DocWireTest, RoundTripAndMalformedInput) {
  Document d;
  d.path = "a.pdf";
  d.format = "pdf";
  d.pages.push_back(PageFromText("Trung tâm\nhồ sơ", 1, WordSource::kOcr));
  d.pages[0].lines[0].words[0].alternatives = {"Trùng"};
  d.pages[0].ocr_reason = "image";
  d.AddNote("ingest", "warning", "x", 1, 7);
  Grid g;
  g.structure = "ruled";
  g.box = {10, 20, 300, 400};
  g.rows = 2, g.cols = 3, g.first_line = 0;
  g.cells.push_back({0, 0, 1, 2, "Số hồ sơ", {10, 20, 200, 60}, 0.9f});
  g.cells.push_back({1, 2, 1, 1, "12.746", {200, 60, 300, 100}, 0.75f});
  d.pages[0].grids.push_back(g);
  std::string bytes = EncodeResult(Status::Timeout("slow"), d);
  Status s;
  Document back;
  ASSERT_TRUE(DecodeResult(bytes, &s, &back));
  EXPECT_EQ(s.code(), Status::Code::kTimeout);
  EXPECT_EQ(s.message(), "slow");
  EXPECT_EQ(back.Text(), d.Text());
  ASSERT_EQ(back.pages[0].grids.size(), 1u);
  const Grid& bg = back.pages[0].grids[0];
  EXPECT_EQ(bg.structure, "ruled");
  EXPECT_EQ(bg.cols, 3);
  ASSERT_EQ(bg.cells.size(), 2u);
  EXPECT_EQ(bg.cells[0].col_span, 2);
  EXPECT_EQ(bg.cells[1].text, "12.746");
  EXPECT_EQ(bg.cells[1].box.x1, 300);
  EXPECT_FLOAT_EQ(bg.cells[1].confidence, 0.75f);
  EXPECT_EQ(EncodeResult(s, back), bytes);
  for (size_t cut : {size_t{0}, size_t{3}, bytes.size() / 2, bytes.size() - 1})
    EXPECT_FALSE(DecodeResult(std::string_view(bytes).substr(0, cut), &s, &back)) << cut;
  std::string flipped = bytes;
  flipped[10] ^= 0x7F;  // inside the status message length
  EXPECT_FALSE(DecodeResult(flipped, &s, &back));
}

}  // namespace
}  // namespace sohoa
