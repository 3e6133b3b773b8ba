#include "pipeline/ingest/ocr_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include <leptonica/allheaders.h>

#include "pipeline/core/utf8.h"
#include "pipeline/ingest/cell_reader.h"
#include "pipeline/ingest/layout.h"
#include "pipeline/ingest/page_image.h"
#include "pipeline/ingest/photo_page.h"
#include "pipeline/ingest/ruled_grid.h"
#include "pipeline/ingest/tesseract_engine.h"

namespace sohoa {

namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Below this Tesseract refuses the image ("Image too small to scale").
constexpr int kMinOcrSide = 8;
// Tesseract's OSD confidence needed to turn a page. Turned table pages of
// the scans2 dev set came back at 11-18; a heavily photocopied upright page
// was once called upside down at 3.6. Turning an upright page loses all of
// it, leaving a turned one loses no more than today: the bar is high.
constexpr float kMinOrientConfidence = 6.0f;

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

Status ReadScanGrids(const Image& image, const OcrOptions& ocr, OcrEngine* engine, ScanGrids* out,
                     std::vector<Note>* notes, int page_number) {
  // A photographed page is found, straightened and evened out first; a scan
  // passes unchanged.
  PhotoPage photo;
  if (!PreparePhoto(image, PhotoOptions(), &photo).ok()) photo.photo = false;
  for (const std::string& n : photo.notes) notes->push_back({"ingest", "info", n, page_number, -1});
  if (photo.photo && photo.outline != PhotoOutline::kNone) {
    char buf[200];
    const auto& c = photo.corners;
    std::snprintf(buf, sizeof buf,
                  "photo: boxes are on the straightened page; its corners in the photo are "
                  "(%.0f,%.0f) (%.0f,%.0f) (%.0f,%.0f) (%.0f,%.0f)",
                  c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
    notes->push_back({"ingest", "info", buf, page_number, -1});
  }
  const Image& source = photo.photo ? photo.page : image;
  // Which way up, before anything else reads the page. The engine's detector
  // may fail or be absent (fakes): the page is then read as scanned.
  PageImageOptions prep;
  PageOrientation orientation;
  if (engine->DetectOrientation(source, &orientation).ok() && orientation.quarter_turns != 0) {
    char buf[160];
    if (orientation.confidence >= kMinOrientConfidence) {
      prep.quarter_turns = orientation.quarter_turns;
      std::snprintf(buf, sizeof buf,
                    "page turned upright (rotated %d degrees clockwise; orientation confidence %.1f); "
                    "boxes are on the turned page",
                    90 * orientation.quarter_turns, orientation.confidence);
    } else {
      std::snprintf(buf, sizeof buf,
                    "page may be turned by %d degrees (orientation confidence %.1f, below %.1f): read as scanned",
                    90 * ((4 - orientation.quarter_turns) & 3), orientation.confidence, kMinOrientConfidence);
    }
    notes->push_back({"ingest", "info", buf, page_number, -1});
  }
  // A low-resolution page is scaled up only when it holds a ruled grid
  // (cells read one by one gained on 150-dpi scangen pages; tables read
  // from the page's text lines lost on scans2: docs/tables.md).
  prep.upscale = false;
  std::unique_ptr<PageImage> prepared;
  if (!PageImage::Analyse(source, prep, &prepared).ok()) return Status::Ok();  // OCR as given
  Pix* rules_raw = nullptr;
  std::vector<RuledGrid> ruled = FindRuledGrids(prepared->grey_pix(), prepared->dpi(), &rules_raw, nullptr, prepared->ink());
  PixPtr rules(rules_raw);
  if (!ruled.empty() && source.dpi_stated && source.dpi >= PageImage::kMinStatedDpi && source.dpi < PageImage::kMinDpi) {
    PageImageOptions up = prep;
    up.upscale = true;
    std::unique_ptr<PageImage> scaled;
    if (PageImage::Analyse(source, up, &scaled).ok() && scaled->scaled_from_dpi() != 0) {
      Pix* scaled_rules = nullptr;
      std::vector<RuledGrid> again = FindRuledGrids(scaled->grey_pix(), scaled->dpi(), &scaled_rules, nullptr, scaled->ink());
      PixPtr owned(scaled_rules);
      if (!again.empty()) {
        prepared = std::move(scaled);
        ruled = std::move(again);
        rules = std::move(owned);
      }
    }
  }
  const int dpi = prepared->dpi();
  if (prepared->smoothed())
    notes->push_back({"ingest", "info", "bilevel page smoothed before reading", page_number, -1});
  if (prepared->scaled_from_dpi() != 0)
    notes->push_back({"ingest", "info",
                      "page scaled from " + std::to_string(prepared->scaled_from_dpi()) + " to " +
                          std::to_string(dpi) + " dpi; boxes are at " + std::to_string(dpi) + " dpi",
                      page_number, -1});
  if (prepared->skew_degrees() != 0) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "page deskewed by %.2f degrees", prepared->skew_degrees());
    notes->push_back({"ingest", "info", buf, page_number, -1});
  }
  out->prepared = true;
  out->page_image = prepared->grey();
  if (ruled.empty()) {
    if (photo.photo)
      notes->push_back({"ingest", "warning",
                        photo.outline == PhotoOutline::kNone
                            ? "photo: no page edge, no table frame and no ruled table found"
                            : "photo: no ruled table found on the straightened page",
                        page_number, -1});
    return Status::Ok();
  }
  // The cells are read from the ink without the grids' rules (grown by a
  // pixel so that their antialiased edges go too). Only rule pixels near a
  // grid's rule lines: the mask of long strokes also holds the stems of
  // tall letters, which are text.
  const int W = pixGetWidth(rules.get()), H = pixGetHeight(rules.get());
  PixPtr bands(pixCreate(W, H, 1));
  if (!bands) return Status::Ok();
  for (const RuledGrid& rg : ruled) {
    const int b = static_cast<int>(std::ceil(rg.rule_thickness / 2)) + std::max(3, dpi / 100);
    const int fx0 = static_cast<int>(rg.frame.x0) - b, fx1 = static_cast<int>(rg.frame.x1) + b;
    const int fy0 = static_cast<int>(rg.frame.y0) - b, fy1 = static_cast<int>(rg.frame.y1) + b;
    for (double y : rg.row_rules)
      pixRasterop(bands.get(), fx0, static_cast<int>(y) - b, fx1 - fx0, 2 * b + 1, PIX_SET, nullptr, 0, 0);
    for (double x : rg.col_rules)
      pixRasterop(bands.get(), static_cast<int>(x) - b, fy0, 2 * b + 1, fy1 - fy0, PIX_SET, nullptr, 0, 0);
  }
  PixPtr grid_rules(pixAnd(nullptr, rules.get(), bands.get()));
  PixPtr grown(grid_rules ? pixDilateBrick(nullptr, grid_rules.get(), 3, 3) : nullptr);
  PixPtr clean(grown ? pixSubtract(nullptr, prepared->ink(), grown.get()) : nullptr);
  if (!clean) return Status::Ok();
  for (const RuledGrid& rg : ruled) {
    Grid grid;
    std::vector<Line> rows;
    if (Status s = ReadRuledGrid(rg, clean.get(), prepared->grey_pix(), dpi, engine, ocr, &grid, &rows); !s.ok()) return s;
    // Cells under glare are not trusted, whatever the engine read there. The
    // glare areas are on the photo's page before PageImage's turn and
    // deskew, which only rotate a little or by quarter turns: they are
    // compared when the page was not turned.
    if (!photo.glare.empty() && prepared->quarter_turns() == 0) {
      int washed = 0;
      for (GridCell& cell : grid.cells)
        if (GlareCover(photo, cell.box) > 0.25 && !cell.text.empty()) {
          cell.confidence = std::min(cell.confidence, 0.2f);
          ++washed;
        }
      if (washed > 0)
        notes->push_back({"ingest", "warning",
                          "photo: " + std::to_string(washed) + " cell(s) under glare, read with low confidence",
                          page_number, -1});
    }
    out->grids.push_back(std::move(grid));
    out->rows.push_back(std::move(rows));
    // The page OCR does not see the grid again.
    const int m = static_cast<int>(std::ceil(rg.rule_thickness)) + 2;
    Image& img = out->page_image;
    const int x0 = std::max(0, static_cast<int>(rg.frame.x0) - m), x1 = std::min(img.width, static_cast<int>(rg.frame.x1) + m);
    const int y0 = std::max(0, static_cast<int>(rg.frame.y0) - m), y1 = std::min(img.height, static_cast<int>(rg.frame.y1) + m);
    for (int y = y0; y < y1; ++y)
      std::fill(&img.pixels[static_cast<size_t>(y) * img.stride + x0], &img.pixels[static_cast<size_t>(y) * img.stride + x1], 255);
  }
  return Status::Ok();
}

void InsertGridRows(std::vector<Grid> grids, std::vector<std::vector<Line>> rows, Page* page) {
  for (size_t g = 0; g < grids.size(); ++g) {
    const double centre = (grids[g].box.y0 + grids[g].box.y1) / 2;
    size_t at = 0;
    while (at < page->lines.size() && (page->lines[at].box.y0 + page->lines[at].box.y1) / 2 < centre) ++at;
    // Grids inserted earlier shift the lines after them.
    for (Grid& other : page->grids)
      if (other.first_line >= static_cast<int>(at)) other.first_line += static_cast<int>(rows[g].size());
    grids[g].first_line = static_cast<int>(at);
    page->lines.insert(page->lines.begin() + static_cast<std::ptrdiff_t>(at), std::make_move_iterator(rows[g].begin()),
                       std::make_move_iterator(rows[g].end()));
    page->grids.push_back(std::move(grids[g]));
  }
  for (size_t i = 0; i < page->lines.size(); ++i) page->lines[i].source_line = static_cast<int>(i) + 1;
}

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
  ScanGrids scan;
  const Image* page_image = &image;
  try {
    if (options.ruled_tables) s = ReadScanGrids(image, oo, engine, &scan, &result->notes, job.page_number);
    if (s.ok()) {
      if (scan.prepared) {
        page_image = &scan.page_image;
        page.width = scan.page_image.width;
        page.height = scan.page_image.height;
        page.dpi = scan.page_image.dpi;
      }
      s = engine->Recognize(*page_image, oo, &words);
    }
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
    if (!ClampBox(&w.box, page_image->width, page_image->height)) {
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
  InsertGridRows(std::move(scan.grids), std::move(scan.rows), &page);
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
