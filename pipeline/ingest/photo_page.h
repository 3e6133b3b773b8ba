// PhotoPage: a page photographed with a phone, made ready for the scan
// reader (OpenCV core + imgproc inside). Runs before PageImage on every
// image page and changes only what a photo needs, so scans pass unchanged:
//   - light: the paper's brightness is estimated (the page with its ink
//     closed away, at a sixth of the resolution, smoothed) and the page is
//     divided by it where it varies (shadows, a light gradient, warm dim
//     light); washed-out areas (glare: the paper at saturation, far brighter
//     than the rest of the page) are reported, not guessed through;
//   - page: the sheet's quadrilateral against a darker background (the
//     largest bright region, its convex hull reduced to four corners), else,
//     on a tightly cropped photo, the table's outer rule; either is mapped
//     to a rectangle (perspective). A sheet of A4 proportions gives the
//     resolution (its long side is 297 mm); otherwise the photo's long side
//     is taken as a page's long side less its margins;
//   - curl: the horizontal and vertical ruling lines of the flattened page
//     are traced and a smooth displacement field (cubic along a rule,
//     quadratic across, one offset per rule piece) fitted by least squares
//     straightens them, and the page with them.
// Without a sheet on a background, only an image that states no scanner
// resolution (none, or under 150 dpi as phones write) is taken for a photo.
// Orientation and skew stay with PageImage. Thread-safe (pure function).
#ifndef SOHOA_INGEST_PHOTO_PAGE_H_
#define SOHOA_INGEST_PHOTO_PAGE_H_

#include <array>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/ocr_engine.h"
#include "pipeline/core/status.h"

namespace sohoa {

struct PhotoOptions {
  // Corrected pages are written at the estimated resolution, clamped here
  // (Tesseract reads 12 pt print best at 200-300 dpi).
  int min_dpi = 200;
  int max_dpi = 300;
  // The paper's brightness varying by more than this ratio (95th over 5th
  // percentile) is uneven light: it is flattened and the image is a photo.
  double uneven_light = 1.25;
  bool uncurl = true;  // straighten curved rules
};

enum class PhotoOutline { kNone, kPage, kTableFrame };

struct PhotoPage {
  bool photo = false;       // something was corrected: `page` replaces the input
  Image page;               // the corrected page, 8-bit grey (empty when !photo)
  PhotoOutline outline = PhotoOutline::kNone;
  std::array<double, 8> corners{};  // outline in the photo: TL, TR, BR, BL (x, y)
  // Corrected page -> photo (row-major 3x3, perspective only; identity when
  // no outline was mapped).
  std::array<double, 9> to_photo{1, 0, 0, 0, 1, 0, 0, 0, 1};
  double estimated_dpi = 0;  // resolution of the page in the photo
  bool light_flattened = false;
  double light_ratio = 1;   // paper brightness, 95th over 5th percentile
  double curl_pixels = 0;   // largest displacement removed by the curl correction
  std::vector<Box> glare;   // washed-out areas on the corrected page
  std::vector<std::string> notes;  // what was done, in words

  // Where a box of the corrected page lies in the photo (bounding box of
  // its four corners mapped back; the curl correction is not undone).
  Box ToPhoto(const Box& box) const;
};

// `image`: 8-bit grey or colour. InvalidArgument for a bad buffer;
// otherwise Ok, with out->photo false when nothing needed correcting.
Status PreparePhoto(const Image& image, const PhotoOptions& options, PhotoPage* out);

// Fraction of `box` covered by the glare areas (0..1).
double GlareCover(const PhotoPage& photo, const Box& box);

}  // namespace sohoa

#endif  // SOHOA_INGEST_PHOTO_PAGE_H_
