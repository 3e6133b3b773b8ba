// ingest: turns an input file into a Document (pages -> lines -> words).
//   in:  a path to a .txt/.md file, a PDF (text layer or scanned), an image
//        (PNG, JPEG, TIFF incl. multi-page), HTML (or text with HTML tables),
//        Word .docx, or .doc/.rtf/.odt (converted to .docx by LibreOffice)
//   out: Document with words, boxes, confidences and sources; plain text that
//        is neither UTF-8 nor UTF-16 is left in Document::undecoded_bytes for
//        the normalize stage.
// The input file is only read. ExtractDocument is thread-safe.
#ifndef SOHOA_INGEST_INGEST_H_
#define SOHOA_INGEST_INGEST_H_

#include <functional>
#include <memory>
#include <string>

#include "pipeline/core/document.h"
#include "pipeline/core/ocr_engine.h"
#include "pipeline/core/status.h"
#include "pipeline/ingest/docx_reader.h"
#include "pipeline/ingest/html_reader.h"

namespace sohoa {

enum class OcrMode { kAuto, kAlways, kNever };

// Plain text larger than this is refused (TooLarge, exit 8): a report is a
// few hundred KB, and the whole-document stages (tables, check, store) need
// about 115 times a text's size in memory (ExtractDocumentWindows keeps
// `sohoa text` to a window's worth). Every other input is bounded by
// kMaxInputBytes (core/files.h).
constexpr size_t kMaxPlainTextBytes = size_t{32} << 20;

// Formats: detected from the content (magic bytes), not the name; a file
// whose extension disagrees is read as what it is, with a warning note.
// Plain text by extension (.txt/.md/.text) or by content.
//
// OCR decisions (--ocr): auto OCRs PDF pages whose text layer is empty or
// garbage (see text_quality.h; legacy-font layers are kept for normalize),
// and every image; always OCRs every page; never keeps text layers only. An
// image with --ocr=never has no text to give: Status::Empty naming the file.
// A document that yields no word at all is Status::Empty.
//
// Failures: any OCR'd page that fails makes the whole document fail, with
// the page named: engine error or exception -> EngineFailure, page time limit
// -> Timeout (Tesseract's deadline; an engine that ignores its deadline is
// caught when it returns late). Engine output is distrusted: invalid UTF-8
// becomes U+FFFD, boxes are clamped to the page, confidences to 0..1, each
// with a warning note.
struct IngestOptions {
  // auto: OCR pages whose text layer is empty or garbage; always; never.
  OcrMode ocr = OcrMode::kAuto;
  // A text layer is garbage when fewer than this share of its tokens are
  // Vietnamese syllables, numbers or known abbreviations.
  double garbage_threshold = 0.5;
  int dpi = 300;                    // rendering resolution for OCR
  int jobs = 0;                     // pages in parallel; 0 = number of cores
  int page_timeout_seconds = 120;   // per OCR'd page
  std::string ocr_language = "vie";
  // Ruled tables (ruled_grid.h): on OCR'd pages the page is turned upright,
  // deskewed and binarised (page_image.h), its ruled grids found and read
  // cell by cell (cell_reader.h), the rest of the page OCR'd with the grids
  // masked; text-layer pages are rendered at `grid_dpi` to find their grids
  // and their words placed into the cells. Each grid becomes Page::grids
  // plus one tab-separated line per grid row.
  bool ruled_tables = true;
  int grid_dpi = 100;
  long long max_image_pixels = 100'000'000;  // larger images are refused (TooLarge)
  // A PDF or multi-page image with more pages is refused (TooLarge) before
  // any page is read: 10,000 blank pages would otherwise be hours of OCR.
  int max_pages = 2000;
  // Plain-text lines longer than this are refused (TooLarge): such a file is
  // not a line-oriented report, and later stages work line by line.
  size_t max_line_bytes = 1 << 20;
  // The OCR engine. Default (both null): one TesseractEngine per worker
  // thread, created when the worker first needs it. `engine_factory` makes
  // one engine per worker (tests, other engines); `engine` is one shared
  // engine whose calls are serialised (tests inject fakes here).
  std::function<std::unique_ptr<OcrEngine>()> engine_factory;
  OcrEngine* engine = nullptr;
  // Isolation (isolation.h): PDFs and images are extracted in a forked
  // worker process so that a crash in Poppler, Leptonica or Tesseract fails
  // only that file (EngineFailure) and the batch goes on. The worker's
  // address space is limited to worker_memory_bytes (0 = no limit) and its
  // CPU time to worker_cpu_seconds (SIGXCPU -> Timeout); it is killed when no
  // page finishes within page_timeout_seconds + 60 s. Plain text is never
  // isolated. Costs a fork and a copy of the result (see docs/ingest.md).
  bool isolate = true;
  long long worker_memory_bytes = 4LL << 30;
  int worker_cpu_seconds = 3600;
  // HTML and Word readers' limits (html_reader.h, docx_reader.h give the
  // defaults); beyond them the input is refused with TooLarge.
  HtmlLimits html;
  DocxLimits docx;
  // .doc, .rtf and .odt are converted by LibreOffice (office_converter.h),
  // killed after this many seconds (Timeout). Default 180.
  int convert_timeout_seconds = 180;
  // Decodes a text layer's words in place, each by its Word::font and the
  // byte statistics of its span, so that a layer in a legacy 8-bit encoding
  // (TCVN3, VNI, often drawn by a fallback font) is judged after decoding:
  // one that decodes to valid text keeps its text layer and is not OCR'd
  // (a note on the page says so). The pipeline passes normalize's decoder;
  // unset, a layer is judged as extracted. Must be thread-safe.
  std::function<void(std::vector<Word>* words)> decode_text_layer;
  // The input's content hash (hex SHA-256) when the caller has it already
  // (ingest's plan hashes every file to find copies and stored documents);
  // empty: computed from the bytes read. Set per file, never per run.
  std::string content_hash;
  // Called after each page is extracted (from worker threads, so it must be
  // thread-safe); with isolation it runs in this process, fed by the worker.
  std::function<void(int page_number)> on_page_done;
  // Called once a PDF's or an image's number of pages is known, before its
  // first on_page_done (same thread rules); not called for other formats.
  std::function<void(int page_count)> on_page_count;
};

Status ExtractDocument(const std::string& path, const IngestOptions& options, Document* doc);

// The same in windows, so that memory follows the window and not the file:
// plain text larger than `window_bytes` (not HTML, not UTF-16) is cut at
// line ends, by preference at a form feed or a blank line in the window's
// second half, and each piece is extracted as ExtractDocument would extract
// a file holding just that piece (each decides its own encoding); `each` is
// called with it in order, `joined_by` being the character between it and
// the piece before ('\f' or '\n'; 0 for the first) and `start` being where
// the piece begins in the file. Page numbers and byte offsets restart in
// every piece (the caller renumbers). Every other input, or `window_bytes`
// 0, is one call with the whole document and `joined_by` 0. Stops at the
// first error, of the extraction or of `each`.
Status ExtractDocumentWindows(const std::string& path, const IngestOptions& options,
                              size_t window_bytes,
                              const std::function<Status(Document* window, char joined_by,
                                                         size_t start)>& each);

// Tesseract parallelises inside each page with OpenMP, which on top of
// sohoa's page workers oversubscribes the cores (measured: 5x slower per
// page on 2 cores). libgomp reads OMP_THREAD_LIMIT only when it is loaded,
// so when the variable is unset this sets it to 1 and re-executes the
// program (/proc/self/exe with the same arguments). Call first thing in
// main() or in a command that OCRs; returns only if nothing was done or the
// re-exec failed (then OCR is merely slower).
void ReexecWithOpenMpThreadLimit();

}  // namespace sohoa

#endif  // SOHOA_INGEST_INGEST_H_
