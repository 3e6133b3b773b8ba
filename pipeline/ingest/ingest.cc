#include "pipeline/ingest/ingest.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "pipeline/core/files.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/displaced_glyphs.h"
#include "pipeline/ingest/docx_reader.h"
#include "pipeline/ingest/format.h"
#include "pipeline/core/char_refs.h"
#include "pipeline/ingest/html_reader.h"
#include "pipeline/ingest/image_reader.h"
#include "pipeline/ingest/isolation.h"
#include "pipeline/ingest/layout.h"
#include "pipeline/ingest/office_converter.h"
#include "pipeline/ingest/ocr_runner.h"
#include "pipeline/ingest/pdf_reader.h"
#include "pipeline/ingest/ruled_grid.h"
#include "pipeline/ingest/text_layer_grid.h"
#include "pipeline/ingest/text_quality.h"

namespace sohoa {

namespace {

// UTF-16 with a byte-order mark to UTF-8; unpaired surrogates and a
// truncated final unit become U+FFFD.
std::string Utf16ToUtf8(const std::string& bytes, bool little_endian, Document* doc) {
  std::string out;
  size_t n = bytes.size();
  auto unit = [&](size_t i) -> char16_t {
    unsigned char a = bytes[i], b = bytes[i + 1];
    return little_endian ? static_cast<char16_t>(a | (b << 8))
                         : static_cast<char16_t>((a << 8) | b);
  };
  size_t i = 2;
  for (; i + 1 < n; i += 2) {
    char16_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
      char16_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        AppendUtf8(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), &out);
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      doc->AddNote("ingest", "warning", "unpaired UTF-16 surrogate", 0, static_cast<int64_t>(i));
      AppendUtf8(kReplacementChar, &out);
      continue;
    }
    AppendUtf8(u, &out);
  }
  if (i < n) {
    doc->AddNote("ingest", "warning", "truncated UTF-16: odd final byte", 0,
                 static_cast<int64_t>(i));
    AppendUtf8(kReplacementChar, &out);
  }
  return out;
}

// Longest line (bytes between newlines) is within the limit, else TooLarge.
Status CheckLineLengths(const std::string& path, std::string_view text, size_t limit) {
  size_t pos = 0, line = 1;
  while (pos < text.size()) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    size_t end = nl ? static_cast<const char*>(nl) - text.data() : text.size();
    if (end - pos > limit)
      return Status::TooLarge(path + ": line " + std::to_string(line) + " is " +
                              std::to_string(end - pos) + " bytes long (limit " +
                              std::to_string(limit) + "): not a line-oriented text file");
    pos = end + 1;
    ++line;
  }
  return Status::Ok();
}

// `utf8` is the file's text (8-bit files: each byte as the Latin-1
// character of its value, which normalize reads as mojibake and decodes by
// syllables like any legacy text without a font name).
Status ExtractHtml(const std::string& path, const std::string& utf8, HtmlKind kind,
                   const IngestOptions& options, Document* doc) {
  doc->format = "html";
  // A bad converter may have broken character references with line breaks,
  // spaces and tags ("N&#4<br>31;"): joined before the parser decodes them.
  CharRefStats refs;
  std::string joined = RepairCharRefs(utf8, CharRefOutput::kCanonical, &refs);
  const bool repair = refs.broken > 0;
  if (repair) {
    doc->AddNote("ingest", "info",
                 std::to_string(refs.broken) + " broken character references joined (" +
                     std::to_string(refs.line_breaks_removed) + " line breaks and " +
                     std::to_string(refs.tags_removed) + " tags inside them removed)");
  }
  if (Status s = ReadHtml(path, repair ? joined : utf8, kind, options.html, doc); !s.ok()) return s;
  if (doc->WordCount() == 0) return Status::Empty(path + ": no text in the HTML");
  return Status::Ok();
}

std::string Latin1ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (char c : bytes) AppendUtf8(static_cast<unsigned char>(c), &out);
  return out;
}

bool HasUtf16Bom(std::string_view b) {
  const auto u = [&](size_t i) { return static_cast<unsigned char>(b[i]); };
  return b.size() >= 2 && ((u(0) == 0xFF && u(1) == 0xFE) || (u(0) == 0xFE && u(1) == 0xFF));
}

// `detect_html` false: a window of a larger text file (the file as a whole
// was found not to be HTML), read as plain text whatever its tags.
Status ExtractPlainText(const std::string& path, const std::string& bytes,
                        const IngestOptions& options, Document* doc, bool detect_html = true) {
  doc->format = "text";
  std::string text;
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    text = bytes.substr(3);
    doc->encoding = "utf-8";
  } else if (bytes.size() >= 8 && HasUtf16Bom(bytes) &&
             bytes.find('\0', 2) == std::string::npos) {
    // A UTF-16 byte order mark but no zero byte: the zero bytes were lost
    // (shown as a filler character); normalize reads what is left.
    doc->undecoded_bytes = bytes;
    doc->encoding = "utf-16 without zero bytes";
    doc->AddNote("ingest", "info",
                 "UTF-16 byte order mark but no zero bytes; passed to normalisation as bytes");
    return Status::Ok();
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
             static_cast<unsigned char>(bytes[1]) == 0xFE) {
    text = Utf16ToUtf8(bytes, true, doc);
    doc->encoding = "utf-16le";
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
             static_cast<unsigned char>(bytes[1]) == 0xFF) {
    text = Utf16ToUtf8(bytes, false, doc);
    doc->encoding = "utf-16be";
  } else if (IsValidUtf8(bytes)) {
    text = bytes;
    doc->encoding = "utf-8";
  } else {
    if (HtmlKind kind = detect_html ? DetectHtml(bytes) : HtmlKind::kNone; kind != HtmlKind::kNone) {
      doc->encoding = "8-bit";
      std::string declared = DeclaredHtmlCharset(bytes);
      doc->AddNote("ingest", "info",
                   "HTML is not UTF-8 (first invalid byte at offset " +
                       std::to_string(FirstInvalidUtf8(bytes)) + ")" +
                       (declared.empty() ? std::string() : "; it declares charset " + declared) +
                       "; bytes passed to normalisation as Latin-1 characters");
      return ExtractHtml(path, Latin1ToUtf8(bytes), kind, options, doc);
    }
    if (Status s = CheckLineLengths(path, bytes, options.max_line_bytes); !s.ok()) return s;
    // Legacy 8-bit text: the normalize stage decides which encoding it is.
    doc->undecoded_bytes = bytes;
    doc->encoding = "8-bit";
    doc->AddNote("ingest", "info",
                 "not UTF-8 (first invalid byte at offset " +
                     std::to_string(FirstInvalidUtf8(bytes)) +
                     "); passed to normalisation as 8-bit bytes",
                 0, static_cast<int64_t>(FirstInvalidUtf8(bytes)));
    return Status::Ok();
  }
  doc->encoding_confidence = 1.0f;
  if (HtmlKind kind = detect_html ? DetectHtml(text) : HtmlKind::kNone; kind != HtmlKind::kNone)
    return ExtractHtml(path, text, kind, options, doc);
  if (Status s = CheckLineLengths(path, text, options.max_line_bytes); !s.ok()) return s;
  doc->pages = PagesFromText(text, WordSource::kPlainText);
  return Status::Ok();
}

Status NoTextStatus(const std::string& path, const IngestOptions& options, const Document& doc) {
  if (doc.WordCount() > 0) return Status::Ok();
  if (options.ocr == OcrMode::kNever)
    return Status::Empty(path + ": no text layer, and --ocr=never forbids OCR");
  return Status::Empty(path + ": no text found on any of " + std::to_string(doc.pages.size()) +
                       " page(s)");
}

// Builds a page from its text layer, turned upright when the text runs
// sideways or upside down (/Rotate, or content drawn rotated).
// With `pdf`, the page is rendered at `grid_dpi` and its ruled grids become
// Page::grids with their rows as tab-separated lines (text_layer_grid.h).
Page TextLayerPage(int number, const PdfPageInfo& info, std::vector<PdfTextBox> boxes,
                   const PdfReader* pdf = nullptr, int grid_dpi = 100) {
  Page page;
  page.number = number;
  page.unit = BoxUnit::kPdfPoints;
  page.rotation = info.rotation;
  page.source = WordSource::kTextLayer;
  page.width = info.width;
  page.height = info.height;
  const int turns = DominantRotation(boxes);
  MakeUpright(turns, &boxes, &page.width, &page.height);
  std::vector<Grid> grids;
  std::vector<std::vector<Line>> rows;
  Image render;
  // Rules are looked for on pages whose text stands upright as rendered.
  if (pdf != nullptr && turns == 0 && !boxes.empty() && pdf->Render(number - 1, grid_dpi, &render).ok()) {
    // At a low dpi a line of small text is as thin as a rule and a letter's
    // stem as long as a row: the words' boxes say where no rule is.
    const double k = grid_dpi / 72.0;
    std::vector<Box> text;
    for (const PdfTextBox& b : boxes) text.push_back({b.box.x0 * k, b.box.y0 * k, b.box.x1 * k, b.box.y1 * k});
    std::vector<RuledGrid> ruled = FindRuledGrids(render, &text);
    PlaceWordsInGrids(ruled, grid_dpi, &boxes, &grids, &rows);
  }
  page.lines = LinesFromTextBoxes(boxes);
  InsertGridRows(std::move(grids), std::move(rows), &page);
  return page;
}

// Legacy fonts carry most of the page's characters.
bool MostlyLegacyFonts(const std::vector<PdfTextBox>& boxes, std::string* font) {
  size_t legacy = 0, total = 0;
  for (const PdfTextBox& b : boxes) {
    size_t n = Utf8Length(b.text);
    total += n;
    if (IsLegacyVietnameseFont(b.font)) {
      legacy += n;
      *font = b.font;
    }
  }
  return total > 0 && legacy * 2 > total;
}

Status ExtractPdf(const std::string& path, std::string bytes, const IngestOptions& options,
                  Document* doc) {
  doc->format = "pdf";
  std::unique_ptr<PdfReader> pdf;
  if (Status s = PdfReader::Open(path, std::move(bytes), &pdf); !s.ok()) return s;
  const int n = pdf->page_count();
  if (n > options.max_pages)
    return Status::TooLarge(path + ": PDF has " + std::to_string(n) + " pages, more than the " +
                            std::to_string(options.max_pages) + " a document may have (--max-pages)");
  if (options.on_page_count) options.on_page_count(n);
  doc->pages.resize(n);
  std::vector<OcrPageJob> jobs;
  std::vector<int> job_page;  // 0-based page index of each job
  for (int i = 0; i < n; ++i) {
    PdfPageInfo info;
    std::vector<PdfTextBox> boxes;
    if (Status s = pdf->PageInfo(i, &info); !s.ok()) return s;
    if (Status s = pdf->TextBoxes(i, &boxes); !s.ok()) return s;
    // Before the layer is judged: a word whose marked letters were drawn off
    // the baseline reads as pieces ("Th" "ng") and its letters apart.
    if (size_t moved = ReattachDisplacedGlyphs(&boxes); moved > 0)
      doc->AddNote("ingest", "info",
                   std::to_string(moved) +
                       " letters or marks drawn off the baseline put back into their words "
                       "by their glyph boxes",
                   i + 1);
    std::string reason;
    if (options.ocr == OcrMode::kAlways) {
      reason = "--ocr=always";
    } else if (options.ocr == OcrMode::kAuto) {
      std::vector<std::string> words;
      words.reserve(boxes.size());
      for (const PdfTextBox& b : boxes) words.push_back(b.text);
      reason = GarbageReason(MeasureTextQuality(words), options.garbage_threshold);
      std::string legacy_font;
      if (!reason.empty() && !boxes.empty() && MostlyLegacyFonts(boxes, &legacy_font)) {
        doc->AddNote("ingest", "info",
                     "text layer in legacy Vietnamese font '" + legacy_font +
                         "' kept for decoding (not OCR'd although it reads as: " + reason + ")",
                     i + 1);
        reason.clear();
      }
      if (!reason.empty() && !boxes.empty() && options.decode_text_layer) {
        std::vector<Word> decoded(boxes.size());
        for (size_t k = 0; k < boxes.size(); ++k) {
          decoded[k].text = boxes[k].text;
          decoded[k].font = boxes[k].font;
          decoded[k].source = WordSource::kTextLayer;
        }
        options.decode_text_layer(&decoded);
        words.clear();
        for (const Word& w : decoded) words.push_back(w.text);
        TextQuality after = MeasureTextQuality(words);
        if (GarbageReason(after, options.garbage_threshold).empty()) {
          char share[16];
          std::snprintf(share, sizeof share, "%.0f%%", 100.0 * after.valid_share());
          doc->AddNote("ingest", "info",
                       "text layer kept, not OCR'd: it decodes from a legacy encoding to " +
                           std::string(share) + " valid tokens (as extracted it reads as: " +
                           reason + ")",
                       i + 1);
          reason.clear();
        }
      }
    }
    if (reason.empty()) {
      doc->pages[i] = TextLayerPage(i + 1, info, std::move(boxes), options.ruled_tables ? pdf.get() : nullptr,
                                    options.grid_dpi);
      if (options.on_page_done) options.on_page_done(i + 1);
      continue;
    }
    // Refuse before rendering: the bitmap would be this large.
    double px = (info.width / 72.0 * options.dpi) * (info.height / 72.0 * options.dpi);
    if (px > static_cast<double>(options.max_image_pixels))
      return Status::TooLarge(path + ": page " + std::to_string(i + 1) + " would render to " +
                              std::to_string(static_cast<long long>(px)) +
                              " pixels at " + std::to_string(options.dpi) +
                              " dpi, more than the limit of " +
                              std::to_string(options.max_image_pixels));
    jobs.push_back({i + 1, reason});
    job_page.push_back(i);
  }
  std::mutex pdf_mu;  // Poppler renders one page of a document at a time
  ImageSource render = [&](size_t j, Image* image) {
    std::lock_guard<std::mutex> lock(pdf_mu);
    return pdf->Render(job_page[j], options.dpi, image);
  };
  std::vector<OcrPageResult> results;
  if (Status s = RunOcrPages(path, options, jobs, render, &results); !s.ok()) return s;
  for (size_t j = 0; j < results.size(); ++j) {
    results[j].page.rotation = doc->pages[job_page[j]].rotation;
    doc->pages[job_page[j]] = std::move(results[j].page);
    for (Note& note : results[j].notes) doc->notes.push_back(std::move(note));
  }
  return NoTextStatus(path, options, *doc);
}

Status ExtractImage(const std::string& path, std::string bytes, InputFormat format,
                    const IngestOptions& options, Document* doc) {
  doc->format = "image";
  std::unique_ptr<ImageReader> reader;
  if (Status s = ImageReader::Open(path, std::move(bytes), format, options.max_image_pixels,
                                   &reader);
      !s.ok())
    return s;
  if (reader->page_count() > options.max_pages)
    return Status::TooLarge(path + ": image has " + std::to_string(reader->page_count()) +
                            " pages, more than the " + std::to_string(options.max_pages) +
                            " a document may have (--max-pages)");
  if (options.ocr == OcrMode::kNever)
    return Status::Empty(path + ": an image has no text layer, and --ocr=never forbids OCR");
  if (options.on_page_count) options.on_page_count(reader->page_count());
  std::vector<OcrPageJob> jobs;
  for (int i = 0; i < reader->page_count(); ++i) jobs.push_back({i + 1, "image"});
  std::vector<char> assumed(jobs.size(), 0);
  ImageSource decode = [&](size_t j, Image* image) {
    bool a = false;
    Status s = reader->Decode(static_cast<int>(j), options.dpi, image, &a);
    assumed[j] = a;
    return s;
  };
  std::vector<OcrPageResult> results;
  if (Status s = RunOcrPages(path, options, jobs, decode, &results); !s.ok()) return s;
  if (reader->truncated())
    doc->AddNote("ingest", "warning",
                 "TIFF is cut short after page " + std::to_string(reader->page_count()) +
                     ": the pages before the cut are read, the rest is lost");
  for (size_t j = 0; j < results.size(); ++j) {
    if (assumed[j])
      doc->AddNote("ingest", "info",
                   "image states no resolution; assumed " + std::to_string(options.dpi) + " dpi",
                   static_cast<int>(j) + 1);
    doc->pages.push_back(std::move(results[j].page));
    for (Note& note : results[j].notes) doc->notes.push_back(std::move(note));
  }
  return NoTextStatus(path, options, *doc);
}

Status ExtractDocx(const std::string& path, const std::string& bytes, const IngestOptions& options,
                   Document* doc) {
  doc->format = "docx";
  if (Status s = ReadDocx(path, bytes, options.docx, doc); !s.ok()) return s;
  if (doc->WordCount() == 0) return Status::Empty(path + ": no text in the Word document");
  return Status::Ok();
}

// .doc, .rtf, .odt: LibreOffice makes a .docx, which the .docx reader reads.
Status ExtractConverted(const std::string& path, const std::string& bytes, InputFormat format,
                        const IngestOptions& options, Document* doc) {
  const std::string ext = InputFormatName(format);
  std::string docx;
  double seconds = 0;
  if (Status s = ConvertToDocx(path, bytes, ext, options.convert_timeout_seconds, &docx, &seconds);
      !s.ok())
    return s;
  if (Status s = ExtractDocx(path, docx, options, doc); !s.ok()) return s;
  doc->format = ext;
  char took[32];
  std::snprintf(took, sizeof took, "%.1f", seconds);
  doc->AddNote("ingest", "info",
               "converted from " + ext + " by LibreOffice (soffice --convert-to docx, " + took +
                   " s), then read as .docx");
  return Status::Ok();
}

}  // namespace

// Reads the input whole: path, size and content hash (`known_hash`, or
// computed when empty) into `doc`.
Status ReadInput(const std::string& path, const std::string& known_hash, Document* doc,
                 std::string* bytes) {
  *doc = Document();
  doc->path = path;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound(path + ": no such file");
  if (S_ISDIR(st.st_mode)) return Status::IoError(path + ": is a directory");
  Status s = ReadFileBytes(path, bytes);
  if (!s.ok()) return s;
  doc->size_bytes = bytes->size();
  if (bytes->empty()) return Status::Empty(path + ": file is empty (0 bytes)");
  doc->content_hash = known_hash.empty() ? Sha256Hex(*bytes) : known_hash;
  return Status::Ok();
}

Status TextTooLarge(const std::string& path, size_t size) {
  return Status::TooLarge(path + ": " + std::to_string(size) +
                          " bytes of plain text, more than the " +
                          std::to_string(kMaxPlainTextBytes >> 20) +
                          " MiB a text input may have (a report is far smaller)");
}

// Plain text read window by window: not HTML, not UTF-16 (no byte order
// mark, no zero byte), named as text or not named at all.
bool ReadableInWindows(const std::string& path, const std::string& bytes) {
  const InputFormat named = FormatFromExtension(path);
  if (named != InputFormat::kText && named != InputFormat::kUnknown) return false;
  if (SniffFormat(bytes) != InputFormat::kText) return false;
  if (HasUtf16Bom(bytes) || std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) return false;
  return DetectHtml(bytes) == HtmlKind::kNone;
}

// Where the window starting at `start` ends: the end of the text when the
// rest fits in `window`; else, within the window's second half, the last
// form feed, else the last blank line (its first '\n'); else the last line
// end in the window; else (one line longer than the window) the next one.
size_t WindowEnd(std::string_view bytes, size_t start, size_t window) {
  if (bytes.size() - start <= window) return bytes.size();
  const size_t limit = start + window, low = start + window / 2;
  const std::string_view half = bytes.substr(low, limit - low);
  if (size_t ff = half.rfind('\f'); ff != std::string_view::npos) return low + ff;
  for (size_t i = half.size(); i-- > 0;) {
    if (half[i] != '\n') continue;
    const size_t next = low + i + 1;
    if (next < bytes.size() && (bytes[next] == '\n' ||
                                (bytes[next] == '\r' && next + 1 < bytes.size() && bytes[next + 1] == '\n')))
      return low + i;
  }
  const std::string_view all = bytes.substr(start, window);
  if (size_t nl = all.rfind('\n'); nl != std::string_view::npos) return start + nl;
  const size_t nl = bytes.find('\n', limit);
  return nl == std::string_view::npos ? bytes.size() : nl;
}

// The body of ExtractDocument once the input is read.
Status ExtractRead(const std::string& path, std::string bytes, const IngestOptions& options,
                   Document* doc) {
  const InputFormat named = FormatFromExtension(path);
  InputFormat actual = SniffFormat(bytes);
  // A .txt/.md file whose bytes look binary (UTF-16 without a BOM, stray
  // NULs) is still text by its name; normalize decides about its bytes.
  if (actual == InputFormat::kUnknown && named == InputFormat::kText) actual = named;
  // Text and HTML are one family: a .txt with an HTML table in it is normal.
  const bool text_family = (named == InputFormat::kText || named == InputFormat::kHtml) &&
                           (actual == InputFormat::kText || actual == InputFormat::kHtml);
  if (named != InputFormat::kUnknown && named != actual && actual != InputFormat::kUnknown &&
      !text_family)
    doc->AddNote("ingest", "warning",
                 std::string("file name says ") + InputFormatName(named) + " but the content is " +
                     InputFormatName(actual) + "; read as " + InputFormatName(actual));
  const bool text_input = actual == InputFormat::kText || actual == InputFormat::kHtml;
  // A .docx or .odt is a zip: one whose bytes are not a zip at all (nor
  // another format sniffed above) is a damaged file, not text to guess at.
  if ((named == InputFormat::kDocx || named == InputFormat::kOdt) &&
      (text_input || actual == InputFormat::kUnknown))
    return Status::Corrupt(path + ": Word document is damaged: not a zip archive (named ." +
                           InputFormatName(named) + ")");
  if (text_input && bytes.size() > kMaxPlainTextBytes) return TextTooLarge(path, bytes.size());
  switch (actual) {
    case InputFormat::kText:
    case InputFormat::kHtml:
      return ExtractPlainText(path, bytes, options, doc);
    case InputFormat::kDocx:
      return ExtractDocx(path, bytes, options, doc);
    case InputFormat::kDoc:
    case InputFormat::kRtf:
    case InputFormat::kOdt:
      return ExtractConverted(path, bytes, actual, options, doc);
    case InputFormat::kEncryptedOffice:
      doc->format = "docx";
      return Status::Encrypted(path + ": Word document is encrypted (password required)");
    case InputFormat::kZip:
      return Status::Unsupported(path + ": unsupported format (a zip archive, not a Word document)");
    case InputFormat::kOle:
      return Status::Unsupported(
          path + ": unsupported format (an OLE compound file, not a Word document)");
    default:
      break;
  }
  if (actual != InputFormat::kPdf && !IsImageFormat(actual))
    return Status::Unsupported(path + ": unsupported format (not a PDF, image, text, HTML or Word file)");
  auto extract = [&](const IngestOptions& o, Document* d) {
    return actual == InputFormat::kPdf ? ExtractPdf(path, std::move(bytes), o, d)
                                       : ExtractImage(path, std::move(bytes), actual, o, d);
  };
  if (!options.isolate) return extract(options, doc);
  if (actual == InputFormat::kPdf) WarmUpPoppler();
  IsolationLimits limits;
  limits.memory_bytes = options.worker_memory_bytes;
  limits.cpu_seconds = options.worker_cpu_seconds;
  limits.idle_seconds = options.page_timeout_seconds + 60;
  return RunIsolated(
      path, limits,
      // The worker's one progress channel carries both callbacks: a page
      // count travels as a negative page number.
      [&](const std::function<void(int)>& page_done, Document* d) {
        IngestOptions o = options;
        o.on_page_done = page_done;
        o.on_page_count = [&page_done](int pages) { page_done(-pages); };
        return extract(o, d);
      },
      [&options](int page) {
        if (page < 0) {
          if (options.on_page_count) options.on_page_count(-page);
        } else if (options.on_page_done) {
          options.on_page_done(page);
        }
      },
      doc);
}

Status ExtractDocument(const std::string& path, const IngestOptions& options, Document* doc) {
  std::string bytes;
  if (Status s = ReadInput(path, options.content_hash, doc, &bytes); !s.ok()) return s;
  return ExtractRead(path, std::move(bytes), options, doc);
}

Status ExtractDocumentWindows(const std::string& path, const IngestOptions& options,
                              size_t window_bytes,
                              const std::function<Status(Document* window, char joined_by,
                                                         size_t start)>& each) {
  Document whole;
  std::string bytes;
  if (Status s = ReadInput(path, options.content_hash, &whole, &bytes); !s.ok()) return s;
  if (window_bytes == 0 || bytes.size() <= window_bytes || !ReadableInWindows(path, bytes)) {
    if (Status s = ExtractRead(path, std::move(bytes), options, &whole); !s.ok()) return s;
    return each(&whole, 0, 0);
  }
  if (bytes.size() > kMaxPlainTextBytes) return TextTooLarge(path, bytes.size());
  // Checked on the whole file first, so that a long line fails before any
  // window is handed on.
  if (Status s = CheckLineLengths(path, bytes, options.max_line_bytes); !s.ok()) return s;
  char joined_by = 0;
  for (size_t start = 0;;) {
    const size_t end = WindowEnd(bytes, start, window_bytes);
    Document window;
    window.path = path;
    window.size_bytes = whole.size_bytes;
    window.content_hash = whole.content_hash;
    Status s = ExtractPlainText(path, bytes.substr(start, end - start), options, &window,
                                /*detect_html=*/false);
    if (s.ok()) s = each(&window, joined_by, start);
    if (!s.ok()) return s;
    if (end >= bytes.size()) break;
    joined_by = bytes[end];
    start = end + 1;
  }
  return Status::Ok();
}

}  // namespace sohoa
