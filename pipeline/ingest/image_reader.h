// ImageReader: the one thin wrapper around Leptonica for image inputs (PNG,
// JPEG, TIFF incl. multi-page, BMP, GIF, WebP). Reads page sizes from the
// headers first so that oversized scans are refused before any decoding,
// then decodes one page at a time to 8-bit grey.
// Thread-safe after Open: Decode may be called from several threads (each
// call decodes from the shared, read-only bytes).
#ifndef SOHOA_INGEST_IMAGE_READER_H_
#define SOHOA_INGEST_IMAGE_READER_H_

#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/ocr_engine.h"
#include "pipeline/core/status.h"
#include "pipeline/ingest/format.h"

namespace sohoa {

struct ImagePageInfo {
  int width = 0, height = 0;
};

class ImageReader {
 public:
  // Reads the header(s). A page beyond max_pixels -> TooLarge; unreadable
  // header -> Corrupt. Messages name `path`.
  static Status Open(const std::string& path, std::string bytes, InputFormat format,
                     long long max_pixels, std::unique_ptr<ImageReader>* reader);
  ImageReader(const ImageReader&) = delete;  // holds the whole file
  ImageReader& operator=(const ImageReader&) = delete;

  int page_count() const { return static_cast<int>(pages_.size()); }
  // A multi-page TIFF cut short: page_count() pages before the cut are read.
  bool truncated() const { return truncated_; }
  const ImagePageInfo& page(int index) const { return pages_[index]; }
  // Decodes page `index` (0-based) to 8-bit grey. The image's dpi is the
  // file's resolution, or `default_dpi` (with *assumed set) when it has none.
  Status Decode(int index, int default_dpi, Image* image, bool* assumed_dpi) const;

 private:
  ImageReader() = default;
  std::string path_;
  std::string bytes_;
  InputFormat format_ = InputFormat::kUnknown;
  std::vector<ImagePageInfo> pages_;
  bool truncated_ = false;
};

// Page sizes of a TIFF from its IFD chain (no decoding). False if the
// structure is damaged. At most `max_pages` pages are listed. A file cut
// short (the next page's directory past its end) gives the pages before the
// cut and sets *truncated.
bool TiffPageSizes(const std::string& bytes, std::vector<ImagePageInfo>* pages,
                   int max_pages = 10000, bool* truncated = nullptr);

}  // namespace sohoa

#endif  // SOHOA_INGEST_IMAGE_READER_H_
