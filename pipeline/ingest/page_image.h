// PageImage: a scanned page made ready for layout and OCR (Leptonica inside):
//   - turned upright when its text runs sideways or upside down (the
//     ascender/descender statistics of the text, Leptonica's orientation
//     detector; taken only with a clear margin);
//   - deskewed: the skew of its text lines and rules measured and rotated
//     away (angles under kMinSkewDegrees are left alone);
//   - binarised with Sauvola's local threshold (survives uneven light, noise
//     and JPEG artefacts where one global threshold does not), speckles
//     smaller than a dot of text removed.
// Coordinates of everything read from it are in the corrected image.
// Not thread-safe; owns Leptonica images (copying is deleted).
#ifndef SOHOA_INGEST_PAGE_IMAGE_H_
#define SOHOA_INGEST_PAGE_IMAGE_H_

#include <memory>

#include "pipeline/core/ocr_engine.h"
#include "pipeline/core/status.h"

struct Pix;

namespace sohoa {

struct PageImageOptions {
  bool orient = true;  // detect and correct quarter turns
  bool deskew = true;  // measure and remove skew
};

class PageImage {
 public:
  static constexpr double kMinSkewDegrees = 0.05;

  // `image`: 8-bit grey. InvalidArgument for a buffer that does not match
  // its size; Leptonica failures give EngineFailure.
  static Status Analyse(const Image& image, const PageImageOptions& options,
                        std::unique_ptr<PageImage>* out);
  ~PageImage();
  PageImage(const PageImage&) = delete;  // owns Leptonica images
  PageImage& operator=(const PageImage&) = delete;

  // The corrected page in grey (for page OCR) and as ink (1 bpp, ink = 1).
  const Image& grey() const { return grey_; }
  Pix* grey_pix() const { return grey_pix_; }
  Pix* ink() const { return ink_; }
  int dpi() const { return grey_.dpi; }
  // Clockwise quarter turns applied to make the page upright (0..3).
  int quarter_turns() const { return quarter_turns_; }
  // Skew measured on the upright page and rotated away, in degrees
  // (0 when below kMinSkewDegrees or not measurable).
  double skew_degrees() const { return skew_degrees_; }

 private:
  PageImage() = default;
  Image grey_;
  Pix* grey_pix_ = nullptr;
  Pix* ink_ = nullptr;
  int quarter_turns_ = 0;
  double skew_degrees_ = 0;
};

// Copies between Image (8-bit grey) and Leptonica (helpers for the readers
// of ingest). ImageToPix returns null on a bad buffer.
Pix* ImageToPix(const Image& image);
void PixToImage(Pix* pix8, int dpi, Image* image);
// Sauvola binarisation of an 8-bit Pix, speckles removed; null on failure.
Pix* BinarizePage(Pix* grey, int dpi);

}  // namespace sohoa

#endif  // SOHOA_INGEST_PAGE_IMAGE_H_
