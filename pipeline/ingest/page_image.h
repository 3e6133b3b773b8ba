// PageImage: a scanned page made ready for layout and OCR (Leptonica inside):
//   - turned upright by the quarter turns the caller found (the OCR engine's
//     orientation detector: Leptonica's ascender/descender statistics are
//     misled by Vietnamese marks above and below the letters);
//   - blurred (EdgeWidth: the grey ramps from paper to ink kBlurredEdge
//     pixels wide or wider): sharpened with an unsharp mask;
//   - scanned below kMinDpi (a stated resolution of 100-199 dpi: office
//     scanners at 150): scaled up to kTargetDpi when asked; 200-dpi pages
//     (fax) are read as they are, and a bilevel page is smoothed only on
//     request;
//   - deskewed: the skew of its text lines and rules measured and rotated
//     away (angles under kMinSkewDegrees are left alone);
//   - binarised with Sauvola's local threshold (survives uneven light, noise
//     and JPEG artefacts where one global threshold does not), speckles
//     smaller than a dot of text removed.
// Coordinates of everything read from it are in the corrected image, at
// dpi() (the scaled resolution when the page was scaled up).
// Not thread-safe; owns Leptonica images (copying is deleted).
#ifndef SOHOA_INGEST_PAGE_IMAGE_H_
#define SOHOA_INGEST_PAGE_IMAGE_H_

#include <memory>

#include "pipeline/core/ocr_engine.h"
#include "pipeline/core/status.h"

struct Pix;

namespace sohoa {

struct PageImageOptions {
  int quarter_turns = 0;  // clockwise quarter turns that make the page upright
  bool deskew = true;     // measure and remove skew
  // Scale 100-199 dpi scans up to kTargetDpi. The scan path asks for it
  // only on pages with a ruled grid (docs/tables.md: cells read one by one
  // gained at 150 dpi, tables read from text lines lost; 200-dpi pages,
  // scaled before too, lost cells).
  bool upscale = true;
  // Smooth bilevel pages (fax) with a 3x3 mean. Off: it cost cells on the
  // scangen 200-dpi fax pages.
  bool smooth_bilevel = false;
  // Sharpen a blurred page (EdgeWidth at least kBlurredEdge) with an unsharp
  // mask before binarisation and OCR.
  bool sharpen = true;
};

class PageImage {
 public:
  static constexpr double kMinSkewDegrees = 0.05;
  // Stated resolutions in [kMinStatedDpi, kMinDpi) are scaled to kTargetDpi:
  // Tesseract and the rule finder are tuned for letters ~30 px high. Below
  // kMinStatedDpi the stated value is not believed (photos state 72).
  static constexpr int kMinDpi = 200;
  // Edge ramps (EdgeWidth) this wide or wider: the page is blurred.
  static constexpr double kBlurredEdge = 6.0;
  static constexpr int kMinStatedDpi = 100;
  static constexpr int kTargetDpi = 300;

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
  // The resolution of the input when the page was scaled up, else 0.
  int scaled_from_dpi() const { return scaled_from_dpi_; }
  // True when the input was bilevel (only black and white) and smoothed.
  bool smoothed() const { return smoothed_; }
  // True when the page was found blurred and sharpened.
  bool sharpened() const { return sharpened_; }
  // Skew measured on the upright page and rotated away, in degrees
  // (0 when below kMinSkewDegrees or not measurable).
  double skew_degrees() const { return skew_degrees_; }

 private:
  PageImage() = default;
  Image grey_;
  Pix* grey_pix_ = nullptr;
  Pix* ink_ = nullptr;
  int quarter_turns_ = 0;
  int scaled_from_dpi_ = 0;
  bool smoothed_ = false;
  bool sharpened_ = false;
  double skew_degrees_ = 0;
};

// Copies between Image (8-bit grey) and Leptonica (helpers for the readers
// of ingest). ImageToPix returns null on a bad buffer.
Pix* ImageToPix(const Image& image);
void PixToImage(Pix* pix8, int dpi, Image* image);
// Sauvola binarisation of an 8-bit Pix, speckles removed; null on failure.
Pix* BinarizePage(Pix* grey, int dpi);
// The height of the letters on a binarised page (1 bpp): the upper quartile
// of the heights of its character-sized components, in pixels; 0 with too
// few of them.
double LetterHeight(Pix* ink);
// How blurred the page is: the mean width in pixels of the grey ramp from
// paper to ink (20% to 80% of the way) where a row of `grey` enters the ink
// of `ink` (same size); about 1-2 on a sharp scan, more on a blurred one. 0
// when too few edges.
double EdgeWidth(Pix* grey, Pix* ink);
// True when nearly every pixel of the 8-bit Pix is black or white and some
// are black (a fax or a hard-thresholded scan decoded to grey).
bool IsBilevel(Pix* grey);

}  // namespace sohoa

#endif  // SOHOA_INGEST_PAGE_IMAGE_H_
