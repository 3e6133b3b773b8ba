// Page images for the review site: each page of a stored document rendered
// from its source file, if that file is still where it was ingested from and
// still has the same bytes (SHA-256 compared with the archive's).
//   in:  the document's path, its stored SHA-256, the page numbers wanted
//   out: one JPEG per page in the site folder, at most max_width pixels wide
//        (PDF pages rendered by Poppler through ingest's PdfReader; image
//        pages as they are, decoded and scaled down, never straightened),
//        or a note saying why there are none (file gone, changed, not a
//        PDF or image, unreadable).
// A missing or changed source is not an error: the page says so. Only a
// failure to write into the site folder is. Not thread-safe (Poppler).
#ifndef SOHOA_REVIEW_PAGE_IMAGES_H_
#define SOHOA_REVIEW_PAGE_IMAGES_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa::review {

struct PageImagesOptions {
  int max_width = 1600;     // pixels; wider pages are scaled down
  int max_pdf_dpi = 150;    // PDF pages are rendered at most this fine
  int jpeg_quality = 80;
};

struct PageImage {
  std::string file;  // name inside the site folder ("doc-3-p1.jpg")
  int width = 0, height = 0;  // pixels of the written image
};

struct DocumentImages {
  std::string note;                  // why some or all pages have no image; "" when all do
  std::map<int, PageImage> pages;    // by 1-based page number
};

// Writes `<prefix>-p<N>.jpg` into `dir` for each of `page_numbers`.
Status WritePageImages(const std::string& source_path, const std::string& sha256,
                       const std::vector<int>& page_numbers, const std::string& dir,
                       const std::string& prefix, const PageImagesOptions& options,
                       DocumentImages* out);

}  // namespace sohoa::review

#endif  // SOHOA_REVIEW_PAGE_IMAGES_H_
