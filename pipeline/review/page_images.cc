#include "pipeline/review/page_images.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "pipeline/core/files.h"
#include "pipeline/ingest/format.h"
#include "pipeline/ingest/image_reader.h"
#include "pipeline/ingest/page_image.h"
#include "pipeline/ingest/pdf_reader.h"

namespace sohoa::review {

namespace {

struct PixFree {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

// A decoded image page far larger than any scan is not decoded for a
// preview (the same order as ingest's own limit).
constexpr long long kMaxPixels = 200LL * 1000 * 1000;

// Scales `image` to at most max_width wide and writes it as JPEG.
Status WriteJpeg(const Image& image, const PageImagesOptions& o, const std::string& path,
                 PageImage* out) {
  PixPtr pix(ImageToPix(image));
  if (!pix) return Status::Internal(path + ": page image buffer is invalid");
  if (image.width > o.max_width) {
    const float f = static_cast<float>(o.max_width) / static_cast<float>(image.width);
    PixPtr scaled(pixScale(pix.get(), f, f));
    if (!scaled) return Status::Internal(path + ": cannot scale the page image");
    pix = std::move(scaled);
  }
  if (pixWriteJpeg(path.c_str(), pix.get(), o.jpeg_quality, 0) != 0)
    return Status::IoError(path + ": cannot write");
  out->width = static_cast<int>(pixGetWidth(pix.get()));
  out->height = static_cast<int>(pixGetHeight(pix.get()));
  return Status::Ok();
}

}  // namespace

Status WritePageImages(const std::string& source_path, const std::string& sha256,
                       const std::vector<int>& page_numbers, const std::string& dir,
                       const std::string& prefix, const PageImagesOptions& options,
                       DocumentImages* out) {
  *out = DocumentImages();
  if (page_numbers.empty()) return Status::Ok();
  std::string bytes;
  if (Status s = ReadFileBytes(source_path, &bytes); !s.ok()) {
    out->note = s.code() == Status::Code::kNotFound
                    ? "no page images: the file is no longer at this path"
                    : "no page images: the file cannot be read (" + s.message() + ")";
    return Status::Ok();
  }
  if (Sha256Hex(bytes) != sha256) {
    out->note = "no page images: the file at this path has changed since it was read "
                "(its SHA-256 differs)";
    return Status::Ok();
  }
  const InputFormat format = SniffFormat(bytes);
  std::unique_ptr<PdfReader> pdf;
  std::unique_ptr<ImageReader> images;
  Status s;
  if (format == InputFormat::kPdf) {
    s = PdfReader::Open(source_path, std::move(bytes), &pdf);
  } else if (IsImageFormat(format)) {
    s = ImageReader::Open(source_path, std::move(bytes), format, kMaxPixels, &images);
  } else {
    out->note = "no page images: a " + std::string(InputFormatName(format)) +
                " file has no page pictures";
    return Status::Ok();
  }
  if (!s.ok()) {
    out->note = "no page images: " + s.message();
    return Status::Ok();
  }
  const int count = pdf ? pdf->page_count() : images->page_count();
  int failed = 0;
  std::string first_failure;
  for (int number : page_numbers) {
    if (number < 1 || number > count) continue;
    Image image;
    if (pdf) {
      PdfPageInfo info;
      s = pdf->PageInfo(number - 1, &info);
      if (s.ok()) {
        const double fit = info.width > 0 ? 72.0 * options.max_width / info.width : 72;
        const int dpi = std::max(18, std::min(options.max_pdf_dpi, static_cast<int>(fit)));
        s = pdf->Render(number - 1, dpi, &image);
      }
    } else {
      bool assumed = false;
      s = images->Decode(number - 1, 300, &image, &assumed);
    }
    PageImage page;
    page.file = prefix + "-p" + std::to_string(number) + ".jpg";
    if (s.ok()) {
      if (Status w = WriteJpeg(image, options, dir + "/" + page.file, &page); !w.ok()) {
        if (w.code() == Status::Code::kIoError) return w;
        s = w;
      }
    }
    if (!s.ok()) {
      if (failed++ == 0) first_failure = s.message();
      continue;
    }
    out->pages[number] = page;
  }
  if (failed > 0)
    out->note = std::to_string(failed) + " page(s) could not be drawn: " + first_failure;
  return Status::Ok();
}

}  // namespace sohoa::review
