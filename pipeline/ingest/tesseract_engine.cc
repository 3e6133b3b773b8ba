#include "pipeline/ingest/tesseract_engine.h"

#include "pipeline/ingest/ingest.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <vector>

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

namespace sohoa {

namespace {

void LimitOpenMpThreads() {
  static std::once_flag once;
  // Must happen before the first Init: OpenMP reads it once per process.
  std::call_once(once, [] { ::setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0); });
}

}  // namespace

void ReexecWithOpenMpThreadLimit() {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (cmdline.empty()) return;
  std::vector<std::string> args;
  for (size_t pos = 0; pos < cmdline.size();) {
    size_t end = cmdline.find('\0', pos);
    if (end == std::string::npos) end = cmdline.size();
    args.push_back(cmdline.substr(pos, end - pos));
    pos = end + 1;
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  std::fflush(nullptr);
  ::execv("/proc/self/exe", argv.data());
  // exec failed: carry on with the variable set (too late for libgomp).
}

TesseractEngine::TesseractEngine() { LimitOpenMpThreads(); }
TesseractEngine::~TesseractEngine() {
  if (api_) api_->End();
}

Status TesseractEngine::Init(const std::string& language) {
  if (api_ && language == language_) return Status::Ok();
  if (api_) api_->End();
  api_ = std::make_unique<tesseract::TessBaseAPI>();
  // Tesseract's diagnostics ("Estimating resolution...") would interleave
  // with sohoa's one-line messages on stderr.
  api_->SetVariable("debug_file", "/dev/null");
  if (api_->Init(nullptr, language.c_str()) != 0) {
    api_.reset();
    return Status::EngineFailure("Tesseract cannot load language '" + language +
                                 "' (is tesseract-ocr-" + language + " installed?)");
  }
  api_->SetPageSegMode(tesseract::PSM_AUTO);
  language_ = language;
  return Status::Ok();
}

Status TesseractEngine::Recognize(const Image& image, const OcrOptions& options,
                                  std::vector<OcrWord>* words) {
  words->clear();
  if (Status s = Init(options.language); !s.ok()) return s;
  if (image.width <= 0 || image.height <= 0 || image.channels < 1 || image.channels > 4 ||
      image.stride < image.width * image.channels ||
      image.pixels.size() < static_cast<size_t>(image.stride) * image.height)
    return Status::InvalidArgument("image buffer does not match its size");
  api_->SetImage(image.pixels.data(), image.width, image.height, image.channels, image.stride);
  api_->SetSourceResolution(image.dpi);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(options.timeout_ms);
  int rc = api_->Recognize(&monitor);
  if (monitor.deadline_exceeded()) {
    api_->Clear();
    return Status::Timeout("OCR took longer than the page time limit (" +
                           std::to_string(options.timeout_ms / 1000) + " s)");
  }
  if (rc != 0) {
    api_->Clear();
    return Status::EngineFailure("Tesseract failed to recognise the page");
  }
  ReadWords(words);
  api_->Clear();
  return Status::Ok();
}

void TesseractEngine::ReadWords(std::vector<OcrWord>* words) {
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  if (!it) return;  // nothing found on the page
  int block = 0, line = 0;
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) ++block;
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
    std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!text || text[0] == 0) continue;
    int x0, y0, x1, y1;
    if (!it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1)) continue;
    OcrWord w;
    w.text = text.get();
    w.box = {static_cast<double>(x0), static_cast<double>(y0), static_cast<double>(x1),
             static_cast<double>(y1)};
    w.confidence = it->Confidence(tesseract::RIL_WORD) / 100.0f;
    w.block = block;
    w.line = line;
    words->push_back(std::move(w));
  } while (it->Next(tesseract::RIL_WORD));
}

}  // namespace sohoa
