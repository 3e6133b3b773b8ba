// Fault-injecting OCR engines for the ingest tests (the OcrEngine interface
// from core): they crash, hang, throw, return bad UTF-8 or absurd boxes.
#ifndef SOHOA_TESTS_INGEST_FAKE_ENGINES_H_
#define SOHOA_TESTS_INGEST_FAKE_ENGINES_H_

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/core/ocr_engine.h"

namespace sohoa::testing {

// Returns the same words for every page; counts calls.
class FixedWordsEngine : public OcrEngine {
 public:
  explicit FixedWordsEngine(std::vector<OcrWord> words) : words_(std::move(words)) {}
  Status Recognize(const Image& image, const OcrOptions& options,
                   std::vector<OcrWord>* words) override {
    ++calls;
    last_width = image.width;
    last_language = options.language;
    *words = words_;
    return Status::Ok();
  }
  std::atomic<int> calls{0};
  int last_width = 0;
  std::string last_language;

 private:
  std::vector<OcrWord> words_;
};

inline OcrWord W(const std::string& text, double x0, double y0, double x1, double y1,
                 float conf = 0.9f, int block = 1, int line = 1) {
  OcrWord w;
  w.text = text;
  w.box = {x0, y0, x1, y1};
  w.confidence = conf;
  w.block = block;
  w.line = line;
  return w;
}

// Fails like a crashed engine would report it.
class FailingEngine : public OcrEngine {
 public:
  Status Recognize(const Image&, const OcrOptions&, std::vector<OcrWord>*) override {
    return Status::EngineFailure("simulated crash");
  }
};

class ThrowingEngine : public OcrEngine {
 public:
  Status Recognize(const Image&, const OcrOptions&, std::vector<OcrWord>*) override {
    throw std::runtime_error("std::bad_alloc in the engine");
  }
};

// Ignores its deadline: sleeps `ms` and then returns words.
class HangingEngine : public OcrEngine {
 public:
  explicit HangingEngine(int ms) : ms_(ms) {}
  Status Recognize(const Image&, const OcrOptions&, std::vector<OcrWord>* words) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms_));
    *words = {W("muộn", 0, 0, 10, 10)};
    return Status::Ok();
  }

 private:
  int ms_;
};

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_INGEST_FAKE_ENGINES_H_
