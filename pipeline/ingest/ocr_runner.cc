#include "pipeline/ingest/ocr_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "pipeline/core/utf8.h"
#include "pipeline/ingest/layout.h"
#include "pipeline/ingest/tesseract_engine.h"

namespace sohoa {

namespace {

// Below this Tesseract refuses the image ("Image too small to scale").
constexpr int kMinOcrSide = 8;

std::string PagePrefix(const std::string& path, int page) {
  return path + ": page " + std::to_string(page) + ": ";
}

// Clamps a box to the image; false when nothing of it is left.
bool ClampBox(Box* b, double w, double h) {
  if (!std::isfinite(b->x0) || !std::isfinite(b->y0) || !std::isfinite(b->x1) ||
      !std::isfinite(b->y1))
    return false;
  if (b->x0 > b->x1) std::swap(b->x0, b->x1);
  if (b->y0 > b->y1) std::swap(b->y0, b->y1);
  b->x0 = std::clamp(b->x0, 0.0, w);
  b->x1 = std::clamp(b->x1, 0.0, w);
  b->y0 = std::clamp(b->y0, 0.0, h);
  b->y1 = std::clamp(b->y1, 0.0, h);
  return true;
}

}  // namespace

Status OcrOnePage(const std::string& path, const IngestOptions& options, const OcrPageJob& job,
                  const Image& image, OcrEngine* engine, OcrPageResult* result) {
  Page& page = result->page;
  page = Page();
  page.number = job.page_number;
  page.width = image.width;
  page.height = image.height;
  page.unit = BoxUnit::kPixels;
  page.dpi = image.dpi;
  page.source = WordSource::kOcr;
  page.ocr_reason = job.reason;
  if (image.width < kMinOcrSide || image.height < kMinOcrSide) {
    result->notes.push_back({"ingest", "warning",
                             "page is " + std::to_string(image.width) + "x" +
                                 std::to_string(image.height) + " pixels, too small to OCR",
                             job.page_number, -1});
    return Status::Ok();
  }
  OcrOptions oo;
  oo.language = options.ocr_language;
  oo.timeout_ms = options.page_timeout_seconds * 1000;
  std::vector<OcrWord> words;
  auto start = std::chrono::steady_clock::now();
  Status s;
  try {
    s = engine->Recognize(image, oo, &words);
  } catch (const std::exception& e) {
    s = Status::EngineFailure(std::string("exception: ") + e.what());
  } catch (...) {
    s = Status::EngineFailure("unknown exception");
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  if (s.code() == Status::Code::kTimeout ||
      (s.ok() && elapsed > std::chrono::milliseconds(oo.timeout_ms)))
    return Status::Timeout(PagePrefix(path, job.page_number) +
                           "OCR exceeded the page time limit of " +
                           std::to_string(options.page_timeout_seconds) + " s");
  if (!s.ok())
    return Status::EngineFailure(PagePrefix(path, job.page_number) +
                                 "OCR engine failed: " + s.message());
  size_t bad_utf8 = 0, bad_boxes = 0, bad_conf = 0;
  std::vector<OcrWord> clean;
  clean.reserve(words.size());
  for (OcrWord& w : words) {
    if (!IsValidUtf8(w.text)) {
      ++bad_utf8;
      w.text = ToValidUtf8(w.text);
    }
    // Whitespace inside an engine "word" would break the one-word model.
    w.text.erase(std::remove_if(w.text.begin(), w.text.end(),
                                [](char c) { return c == ' ' || c == '\n' || c == '\t' ||
                                                    c == '\r' || c == '\f'; }),
                 w.text.end());
    if (w.text.empty()) continue;
    Box before = w.box;
    if (!ClampBox(&w.box, image.width, image.height)) {
      w.box = Box();
      ++bad_boxes;
    } else if (before.x0 != w.box.x0 || before.y0 != w.box.y0 || before.x1 != w.box.x1 ||
               before.y1 != w.box.y1) {
      ++bad_boxes;
    }
    if (!(w.confidence >= 0 && w.confidence <= 1)) {
      ++bad_conf;
      w.confidence = std::isfinite(w.confidence) ? std::clamp(w.confidence, 0.0f, 1.0f) : 0.0f;
    }
    clean.push_back(std::move(w));
  }
  auto warn = [&](size_t n, const char* what) {
    if (n == 0) return;
    result->notes.push_back({"ingest", "warning",
                             "OCR engine returned " + std::to_string(n) + " word(s) " + what,
                             job.page_number, -1});
  };
  warn(bad_utf8, "with invalid UTF-8 (replaced by U+FFFD)");
  warn(bad_boxes, "with boxes outside the page (clamped)");
  warn(bad_conf, "with confidence outside 0..1 (clamped)");
  page.lines = LinesFromOcrWords(clean);
  return Status::Ok();
}

Status RunOcrPages(const std::string& path, const IngestOptions& options,
                   const std::vector<OcrPageJob>& jobs, const ImageSource& images,
                   std::vector<OcrPageResult>* results) {
  results->assign(jobs.size(), OcrPageResult());
  if (jobs.empty()) return Status::Ok();
  std::vector<Status> statuses(jobs.size());
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex shared_engine_mu;
  auto worker = [&] {
    std::unique_ptr<OcrEngine> own;
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();) {
      if (failed.load()) break;
      Image image;
      Status s = images(i, &image);
      if (s.ok()) {
        if (options.engine != nullptr) {
          std::lock_guard<std::mutex> lock(shared_engine_mu);
          s = OcrOnePage(path, options, jobs[i], image, options.engine, &(*results)[i]);
        } else {
          if (!own) {
            own = options.engine_factory ? options.engine_factory()
                                         : std::make_unique<TesseractEngine>();
          }
          s = own ? OcrOnePage(path, options, jobs[i], image, own.get(), &(*results)[i])
                  : Status::EngineFailure(path + ": OCR engine could not be created");
        }
      }
      if (!s.ok()) {
        statuses[i] = s;
        failed.store(true);
      } else if (options.on_page_done) {
        options.on_page_done(jobs[i].page_number);
      }
    }
  };
  int n = options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  n = std::clamp(n, 1, static_cast<int>(jobs.size()));
  std::vector<std::thread> threads;
  for (int t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  for (const Status& s : statuses)
    if (!s.ok()) return s;
  return Status::Ok();
}

}  // namespace sohoa
