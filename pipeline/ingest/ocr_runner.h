// Runs OCR for the pages of one document on `jobs` worker threads, one OCR
// engine per worker (created lazily), results in page order. Cleans what
// the engine returns (invalid UTF-8, absurd boxes, confidences out of range)
// and enforces the per-page time limit.
// Thread-safe: RunOcrPages may be called from several threads at once.
#ifndef SOHOA_INGEST_OCR_RUNNER_H_
#define SOHOA_INGEST_OCR_RUNNER_H_

#include <functional>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/ocr_engine.h"
#include "pipeline/core/status.h"
#include "pipeline/ingest/ingest.h"

namespace sohoa {

struct OcrPageJob {
  int page_number = 0;     // 1-based, for messages and Page::number
  std::string reason;      // Page::ocr_reason
};

struct OcrPageResult {
  Page page;
  std::vector<Note> notes;
};

// Supplies the image of job `index`; called from worker threads (callers
// serialise what is not thread-safe inside it).
using ImageSource = std::function<Status(size_t index, Image* image)>;

// Fills results[i] for every job. On failure returns the status of the
// first failing page (in page order), naming `path` and the page; the
// remaining pages are skipped.
Status RunOcrPages(const std::string& path, const IngestOptions& options,
                   const std::vector<OcrPageJob>& jobs, const ImageSource& images,
                   std::vector<OcrPageResult>* results);

// The ruled grids of a scanned page (see IngestOptions::ruled_tables).
struct ScanGrids {
  bool prepared = false;  // page_image holds the corrected page
  // The page turned upright and deskewed, the grids' areas blanked: what the
  // page OCR reads. Boxes of the page are in its coordinates.
  Image page_image;
  std::vector<Grid> grids;              // read cell by cell
  std::vector<std::vector<Line>> rows;  // one line per grid row, per grid
};

// Turns the page upright, deskews it, finds its ruled grids and reads their
// cells with `engine` (orientation and skew reported in `notes`). A page the
// image analysis cannot handle is left as it is (prepared false); engine
// failures are returned.
Status ReadScanGrids(const Image& image, const OcrOptions& ocr, OcrEngine* engine, ScanGrids* out,
                     std::vector<Note>* notes, int page_number);

// Inserts each grid's rows among the page's lines where the grid stands
// (before the first line below its middle), sets Grid::first_line, adds the
// grids to the page and renumbers Line::source_line.
void InsertGridRows(std::vector<Grid> grids, std::vector<std::vector<Line>> rows, Page* page);

// One page: recognise `image` with `engine` and build the page (exposed for
// tests). Not thread-safe for one `engine`.
Status OcrOnePage(const std::string& path, const IngestOptions& options, const OcrPageJob& job,
                  const Image& image, OcrEngine* engine, OcrPageResult* result);

}  // namespace sohoa

#endif  // SOHOA_INGEST_OCR_RUNNER_H_
