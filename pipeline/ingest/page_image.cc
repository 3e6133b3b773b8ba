#include "pipeline/ingest/page_image.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

#include <leptonica/allheaders.h>

namespace sohoa {

namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Share of grey pixels (neither black nor white) below which a page is
// bilevel; JPEG or scaling would leave far more.
constexpr double kMaxBilevelGreyShare = 0.002;
constexpr double kMinBilevelInkShare = 0.001;
// Below this confidence pixFindSkew's angle is noise (a page of pictures).
constexpr float kMinSkewConfidence = 3.0f;
// Fewer letters (or edges) than this tell nothing about their size.
constexpr size_t kMinLetters = 50;
// Grey levels between paper and ink for an edge to be measured.
constexpr int kMinEdgeContrast = 60;

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

double LetterHeight(Pix* ink) {
  Boxa* boxa = pixConnCompBB(ink, 8);
  if (boxa == nullptr) return 0;
  std::vector<int> heights;
  const int n = boxaGetCount(boxa);
  for (int i = 0; i < n; ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h) != 0) continue;
    // Letters and digits: not specks, not rules, not pictures or frames.
    if (h < 4 || h > 200 || w > 3 * h || w < 2) continue;
    heights.push_back(h);
  }
  boxaDestroy(&boxa);
  if (heights.size() < kMinLetters) return 0;
  // Accents and dots are the small ones: the upper half is letters.
  std::sort(heights.begin(), heights.end());
  return heights[heights.size() * 3 / 4];
}

double EdgeWidth(Pix* grey, Pix* ink) {
  // Along every row, the runs from paper to ink: the pixels between 80% and
  // 20% of the way from the paper's grey to the ink's, per crossing. A
  // sharp scan crosses in about a pixel; a blurred one in several.
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  if (pixGetWidth(ink) != w || pixGetHeight(ink) != h) return 0;
  const l_uint32* g = pixGetData(grey);
  const l_uint32* k = pixGetData(ink);
  const int gw = pixGetWpl(grey), kw = pixGetWpl(ink);
  long long ramp = 0, crossings = 0;
  const int reach = 12;
  for (int y = 0; y < h; y += 3) {
    const l_uint32* gl = g + static_cast<size_t>(y) * gw;
    const l_uint32* kl = k + static_cast<size_t>(y) * kw;
    for (int x = reach; x + reach < w; ++x) {
      if (GET_DATA_BIT(kl, x) == 0 || GET_DATA_BIT(kl, x - 1) != 0) continue;
      // x: the first ink pixel of a run; paper = the lightest within reach
      // to the left, ink = the darkest within reach to the right.
      int paper = 0, dark = 255;
      for (int d = 1; d <= reach; ++d) paper = std::max(paper, static_cast<int>(GET_DATA_BYTE(gl, x - d)));
      for (int d = 0; d < reach; ++d) dark = std::min(dark, static_cast<int>(GET_DATA_BYTE(gl, x + d)));
      if (paper - dark < kMinEdgeContrast) continue;
      const int hi = dark + (paper - dark) * 4 / 5, lo = dark + (paper - dark) / 5;
      int n = 0;
      for (int d = -reach; d < reach; ++d) {
        const int v = GET_DATA_BYTE(gl, x + d);
        n += v < hi && v > lo;
      }
      ramp += n;
      ++crossings;
    }
  }
  return crossings >= kMinLetters ? static_cast<double>(ramp) / crossings : 0;
}

bool IsBilevel(Pix* grey) {
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  const l_uint32* data = pixGetData(grey);
  const int wpl = pixGetWpl(grey);
  long long mid = 0, dark = 0, total = 0;
  // Every second row is plenty to tell.
  for (int y = 0; y < h; y += 2) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < w; ++x) {
      const int v = GET_DATA_BYTE(line, x);
      if (v > 8 && v < 247) ++mid;
      else if (v <= 8) ++dark;
    }
    total += w;
  }
  // A blank page has nothing to smooth.
  return total > 0 && mid <= kMaxBilevelGreyShare * total && dark >= kMinBilevelInkShare * total;
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
  std::unique_ptr<PageImage> p(new PageImage());
  if (options.quarter_turns & 3) {
    grey.reset(pixRotateOrth(grey.get(), options.quarter_turns & 3));
    if (!grey) return Status::EngineFailure("page image cannot be turned upright");
    p->quarter_turns_ = options.quarter_turns & 3;
  }
  int dpi = image.dpi > 0 ? image.dpi : 300;
  if (options.smooth_bilevel && IsBilevel(grey.get())) {
    // A 3x3 mean: the stair-stepped edges of a thresholded page become the
    // grey ramps Tesseract and Sauvola were made for.
    PixPtr smooth(pixBlockconv(grey.get(), 1, 1));
    if (smooth) {
      grey = std::move(smooth);
      p->smoothed_ = true;
    }
  }
  if (options.sharpen) {
    // A blurred page (wide grey ramps from paper to ink, measured before
    // any scaling): an unsharp mask steepens them again.
    PixPtr ink0(BinarizePage(grey.get(), dpi));
    const double edge = ink0 ? EdgeWidth(grey.get(), ink0.get()) : 0;
    if (edge >= kBlurredEdge) {
      PixPtr sharp(pixUnsharpMaskingGray(grey.get(), 2, 0.6f));
      if (sharp) {
        grey = std::move(sharp);
        p->sharpened_ = true;
      }
    }
  }
  if (options.upscale && image.dpi_stated && dpi >= kMinStatedDpi && dpi < kMinDpi) {
    const float f = static_cast<float>(kTargetDpi) / dpi;
    PixPtr up(pixScaleGrayLI(grey.get(), f, f));
    if (up) {
      grey = std::move(up);
      pixSetResolution(grey.get(), kTargetDpi, kTargetDpi);
      p->scaled_from_dpi_ = dpi;
      dpi = kTargetDpi;
    }
  }
  PixPtr ink(BinarizePage(grey.get(), dpi));
  if (!ink) return Status::EngineFailure("page image cannot be binarised");
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
