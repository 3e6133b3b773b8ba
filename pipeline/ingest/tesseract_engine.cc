#include "pipeline/ingest/tesseract_engine.h"

#include "pipeline/ingest/ingest.h"
#include "pipeline/ingest/page_image.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <vector>

#include <leptonica/allheaders.h>
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
  if (osd_) osd_->End();
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
  whitelist_.clear();
  invert_ = true;
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
  switch (options.layout) {
    case OcrLayout::kPage: api_->SetPageSegMode(tesseract::PSM_AUTO); break;
    case OcrLayout::kBlock: api_->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK); break;
    case OcrLayout::kLine: api_->SetPageSegMode(tesseract::PSM_SINGLE_LINE); break;
    case OcrLayout::kWord: api_->SetPageSegMode(tesseract::PSM_SINGLE_WORD); break;
  }
  // A cell or line crop is never white on black: no second, inverted
  // reading of its doubtful lines (it costs as much as the first).
  const bool invert = options.layout == OcrLayout::kPage;
  if (invert != invert_) {
    api_->SetVariable("tessedit_do_invert", invert ? "1" : "0");
    invert_ = invert;
  }
  if (options.whitelist != whitelist_) {
    api_->SetVariable("tessedit_char_whitelist", options.whitelist.c_str());
    whitelist_ = options.whitelist;
  }
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
  if (options.layout == OcrLayout::kPage && options.whitelist.empty()) RecoverLoneMarks(&monitor, words);
  api_->Clear();
  return Status::Ok();
}

namespace {

struct Region {
  int x0, y0, x1, y1;
};

// Only numbers are taken from the second pass: a speck, a stamp or a
// signature stroke read alone is more often a letter or a mark than text.
bool IsNumberLike(const std::string& t) {
  bool digit = false;
  for (char c : t) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '.' && c != ',' && c != '%' && c != '-') return false;
  }
  return digit;
}

double MedianHeight(const std::vector<OcrWord>& words) {
  std::vector<double> h;
  for (const OcrWord& w : words)
    if (w.box.height() > 0) h.push_back(w.box.height());
  if (h.empty()) return 0;
  std::nth_element(h.begin(), h.begin() + h.size() / 2, h.end());
  return h[h.size() / 2];
}

}  // namespace

// Tesseract's layout analysis drops small isolated marks, most often a lone
// digit in a narrow table column ("1", "0"): no text line is found around
// them. Ink left uncovered by every recognised word, of the size of a
// character, is grouped into word-sized regions and each region recognised
// on its own as a single word; a number read with confidence joins the
// line it sits on. Costs one connected-component pass over the page and
// one small recognition per region (a few ms each).
void TesseractEngine::RecoverLoneMarks(tesseract::ETEXT_DESC* monitor, std::vector<OcrWord>* words) {
  const double h = MedianHeight(*words);
  if (h < 4) return;
  Pix* bin = api_->GetThresholdedImage();
  if (bin == nullptr) return;
  const int W = pixGetWidth(bin), H = pixGetHeight(bin);
  Boxa* comps = pixConnCompBB(bin, 8);
  pixDestroy(&bin);
  if (comps == nullptr) return;
  std::vector<Region> marks;
  for (int i = 0; i < boxaGetCount(comps); ++i) {
    int x, y, w, hh;
    if (boxaGetBoxGeometry(comps, i, &x, &y, &w, &hh) != 0) continue;
    // Character-sized: a digit is about a word's height (accents and dots
    // are smaller, ruling lines far longer).
    if (hh < 0.45 * h || hh > 1.3 * h || w > 1.2 * h || w * hh < 0.02 * h * h) continue;
    const double cx = x + w / 2.0, cy = y + hh / 2.0;
    bool covered = false;
    for (const OcrWord& ow : *words)
      if (cx >= ow.box.x0 - 0.2 * h && cx <= ow.box.x1 + 0.2 * h && cy >= ow.box.y0 - 0.2 * h &&
          cy <= ow.box.y1 + 0.2 * h) {
        covered = true;
        break;
      }
    if (!covered) marks.push_back({x, y, x + w, y + hh});
  }
  boxaDestroy(&comps);
  if (marks.empty() || marks.size() > 400) return;  // a picture, not text
  // Marks side by side on one line ("10") make one region.
  std::sort(marks.begin(), marks.end(), [](const Region& a, const Region& b) { return a.x0 < b.x0; });
  std::vector<Region> regions;
  std::vector<bool> used(marks.size(), false);
  for (size_t i = 0; i < marks.size(); ++i) {
    if (used[i]) continue;
    Region r = marks[i];
    used[i] = true;
    for (size_t j = i + 1; j < marks.size(); ++j) {
      if (used[j]) continue;
      const Region& m = marks[j];
      if (m.x0 - r.x1 > 0.6 * h) break;
      double overlap = std::min(r.y1, m.y1) - std::max(r.y0, m.y0);
      if (overlap < 0.5 * std::min(r.y1 - r.y0, m.y1 - m.y0)) continue;
      r = {std::min(r.x0, m.x0), std::min(r.y0, m.y0), std::max(r.x1, m.x1), std::max(r.y1, m.y1)};
      used[j] = true;
    }
    regions.push_back(r);
  }
  const int pad = static_cast<int>(0.4 * h);
  api_->SetPageSegMode(tesseract::PSM_SINGLE_WORD);
  std::vector<OcrWord> found;
  for (const Region& r : regions) {
    if (monitor->deadline_exceeded()) break;
    int x0 = std::max(0, r.x0 - pad), y0 = std::max(0, r.y0 - pad);
    int x1 = std::min(W, r.x1 + pad), y1 = std::min(H, r.y1 + pad);
    api_->SetRectangle(x0, y0, x1 - x0, y1 - y0);
    if (api_->Recognize(monitor) != 0) continue;
    std::vector<OcrWord> got;
    ReadWords(&got);
    for (OcrWord& w : got) {
      if (w.confidence < kRecoveredMinConfidence || !IsNumberLike(w.text)) continue;
      found.push_back(std::move(w));
    }
  }
  api_->SetPageSegMode(tesseract::PSM_AUTO);
  // Each found word joins the line it sits on (its block and line number),
  // after the words left of it.
  for (OcrWord& f : found) {
    const double fc = (f.box.y0 + f.box.y1) / 2;
    int best = -1;
    double best_dx = 1e18;
    for (size_t i = 0; i < words->size(); ++i) {
      const OcrWord& w = (*words)[i];
      if (std::fabs((w.box.y0 + w.box.y1) / 2 - fc) > 0.5 * h) continue;
      double dx = std::fabs((w.box.x0 + w.box.x1) / 2 - (f.box.x0 + f.box.x1) / 2);
      if (dx < best_dx) best_dx = dx, best = static_cast<int>(i);
    }
    if (best < 0) {
      f.block = words->empty() ? 1 : words->back().block + 1;
      f.line = words->empty() ? 1 : words->back().line + 1;
      words->push_back(std::move(f));
      continue;
    }
    f.block = (*words)[best].block;
    f.line = (*words)[best].line;
    // Insert among the words of that line by x.
    size_t first = best, last = best;
    while (first > 0 && (*words)[first - 1].block == f.block && (*words)[first - 1].line == f.line) --first;
    while (last + 1 < words->size() && (*words)[last + 1].block == f.block && (*words)[last + 1].line == f.line)
      ++last;
    size_t at = first;
    while (at <= last && (*words)[at].box.x0 < f.box.x0) ++at;
    words->insert(words->begin() + static_cast<std::ptrdiff_t>(at), std::move(f));
  }
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

Status TesseractEngine::DetectOrientation(const Image& image, PageOrientation* out) {
  *out = PageOrientation();
  if (!osd_) {
    auto osd = std::make_unique<tesseract::TessBaseAPI>();
    osd->SetVariable("debug_file", "/dev/null");
    if (osd->Init(nullptr, "osd") != 0)
      return Status::EngineFailure("Tesseract cannot load 'osd' (is osd.traineddata installed?)");
    osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    osd_ = std::move(osd);
  }
  struct PixDeleter {
    void operator()(Pix* p) const { pixDestroy(&p); }
  };
  std::unique_ptr<Pix, PixDeleter> pix(ImageToPix(image));
  if (!pix) return Status::InvalidArgument("image buffer does not match its size");
  int dpi = image.dpi > 0 ? image.dpi : 300;
  // OSD classifies a sample of blobs: more pixels than kOsdDpi buy nothing
  // but time.
  if (dpi > kOsdDpi) {
    const float f = static_cast<float>(kOsdDpi) / dpi;
    pix.reset(pixScaleAreaMap(pix.get(), f, f));
    if (!pix) return Status::EngineFailure("page image cannot be reduced for OSD");
    dpi = kOsdDpi;
  }
  osd_->SetImage(pix.get());
  osd_->SetSourceResolution(dpi);
  int degrees = 0;
  float conf = 0, script_conf = 0;
  const char* script = nullptr;
  const bool found = osd_->DetectOrientationScript(&degrees, &conf, &script, &script_conf);
  osd_->Clear();
  if (!found) return Status::Empty("too little text to tell the orientation");
  // Tesseract reports how far the page is turned clockwise; undoing it takes
  // the rest of the full turn.
  out->quarter_turns = ((360 - degrees) % 360) / 90;
  out->confidence = conf;
  return Status::Ok();
}

}  // namespace sohoa
