#include "pipeline/ingest/page_image.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include <leptonica/allheaders.h>

namespace sohoa {

namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Leptonica's orientation decision thresholds, stricter than its defaults:
// turning an upright page is far worse than leaving a turned one.
constexpr float kMinUpConfidence = 10.0f;
constexpr float kMinOrientRatio = 3.0f;
// Below this confidence pixFindSkew's angle is noise (a page of pictures).
constexpr float kMinSkewConfidence = 3.0f;

}  // namespace

Pix* ImageToPix(const Image& image) {
  if (image.width <= 0 || image.height <= 0 || image.channels < 1 || image.channels > 4 ||
      image.stride < image.width * image.channels ||
      image.pixels.size() < static_cast<size_t>(image.stride) * image.height)
    return nullptr;
  Pix* pix = pixCreate(image.width, image.height, 8);
  if (pix == nullptr) return nullptr;
  pixSetResolution(pix, image.dpi, image.dpi);
  l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* row = &image.pixels[static_cast<size_t>(y) * image.stride];
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    if (image.channels == 1) {
      for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, row[x]);
    } else {
      for (int x = 0; x < image.width; ++x) {
        const uint8_t* p = row + x * image.channels;
        int v = image.channels >= 3 ? (p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000 : p[0];
        SET_DATA_BYTE(line, x, v);
      }
    }
  }
  return pix;
}

void PixToImage(Pix* pix8, int dpi, Image* image) {
  const int w = pixGetWidth(pix8), h = pixGetHeight(pix8);
  image->width = w;
  image->height = h;
  image->channels = 1;
  image->stride = w;
  image->dpi = dpi;
  image->pixels.resize(static_cast<size_t>(w) * h);
  l_uint32* data = pixGetData(pix8);
  const int wpl = pixGetWpl(pix8);
  for (int y = 0; y < h; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    uint8_t* out = &image->pixels[static_cast<size_t>(y) * w];
    for (int x = 0; x < w; ++x) out[x] = static_cast<uint8_t>(GET_DATA_BYTE(line, x));
  }
}

Pix* BinarizePage(Pix* grey, int dpi) {
  // A window of about a twelfth of an inch: a few strokes wide, so that
  // the threshold follows the background but not the letters.
  int whsize = std::max(7, dpi / 12);
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  whsize = std::min(whsize, (std::min(w, h) - 3) / 2);
  Pix* bin = nullptr;
  if (whsize < 2 || pixSauvolaBinarizeTiled(grey, whsize, 0.34f, 1, 1, nullptr, &bin) != 0 ||
      bin == nullptr) {
    // Too small for a local window: one global threshold.
    bin = pixConvertTo1(grey, 160);
    if (bin == nullptr) return nullptr;
  }
  // Specks smaller than the dot of an "i" are noise.
  const int speck = std::max(2, dpi / 100);
  Pix* clean = pixSelectBySize(bin, speck, speck, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, nullptr);
  if (clean == nullptr) return bin;
  pixDestroy(&bin);
  return clean;
}

PageImage::~PageImage() {
  pixDestroy(&grey_pix_);
  pixDestroy(&ink_);
}

Status PageImage::Analyse(const Image& image, const PageImageOptions& options,
                          std::unique_ptr<PageImage>* out) {
  static std::once_flag quiet;  // Leptonica's "Info in ..." lines on stderr
  std::call_once(quiet, [] { setMsgSeverity(L_SEVERITY_NONE); });
  PixPtr grey(ImageToPix(image));
  if (!grey) return Status::InvalidArgument("image buffer does not match its size");
  const int dpi = image.dpi > 0 ? image.dpi : 300;
  PixPtr ink(BinarizePage(grey.get(), dpi));
  if (!ink) return Status::EngineFailure("page image cannot be binarised");
  std::unique_ptr<PageImage> p(new PageImage());
  if (options.orient) {
    // The detector is tuned for 150-300 dpi text; larger scans are reduced.
    PixPtr probe(dpi > 400 ? pixReduceRankBinary2(ink.get(), 1, nullptr) : pixClone(ink.get()));
    l_float32 upconf = 0, leftconf = 0;
    l_int32 orient = L_TEXT_ORIENT_UNKNOWN;
    if (probe && pixOrientDetect(probe.get(), &upconf, &leftconf, 0, 0) == 0 &&
        makeOrientDecision(upconf, leftconf, kMinUpConfidence, kMinOrientRatio, &orient, 0) == 0) {
      // Clockwise quarter turns that make the text upright.
      int quads = orient == L_TEXT_ORIENT_LEFT ? 1 : orient == L_TEXT_ORIENT_DOWN ? 2
                  : orient == L_TEXT_ORIENT_RIGHT ? 3 : 0;
      if (quads != 0) {
        grey.reset(pixRotateOrth(grey.get(), quads));
        ink.reset(pixRotateOrth(ink.get(), quads));
        if (!grey || !ink) return Status::EngineFailure("page image cannot be turned upright");
        p->quarter_turns_ = quads;
      }
    }
  }
  if (options.deskew) {
    l_float32 angle = 0, conf = 0;
    if (pixFindSkew(ink.get(), &angle, &conf) == 0 && conf >= kMinSkewConfidence &&
        std::fabs(angle) >= kMinSkewDegrees) {
      PixPtr rotated(pixRotate(grey.get(), angle * 3.14159265358979 / 180.0, L_ROTATE_AREA_MAP,
                               L_BRING_IN_WHITE, 0, 0));
      PixPtr rebin(rotated ? BinarizePage(rotated.get(), dpi) : nullptr);
      if (rotated && rebin) {
        grey = std::move(rotated);
        ink = std::move(rebin);
        p->skew_degrees_ = angle;
      }
    }
  }
  PixToImage(grey.get(), dpi, &p->grey_);
  p->grey_pix_ = grey.release();
  p->ink_ = ink.release();
  *out = std::move(p);
  return Status::Ok();
}

}  // namespace sohoa
