#include "pipeline/ingest/photo_page.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace sohoa {

namespace {

constexpr double kA4Long = 297.0 / 25.4, kA4Short = 210.0 / 25.4;  // inches
// A tightly cropped photo is taken as a page's long side less its margins.
constexpr double kCroppedLong = 10.5;
// The paper level the flattened page is given (not 255: some headroom).
constexpr double kPaper = 235.0;

std::string Format(const char* fmt, double a, double b = 0, double c = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, fmt, a, b, c);
  return buf;
}

cv::Mat GreyOf(const Image& image) {
  cv::Mat view(image.height, image.width, CV_8UC(image.channels),
               const_cast<uint8_t*>(image.pixels.data()), static_cast<size_t>(image.stride));
  cv::Mat grey;
  if (image.channels == 1) grey = view.clone();
  else if (image.channels == 3) cv::cvtColor(view, grey, cv::COLOR_RGB2GRAY);
  else if (image.channels == 4) cv::cvtColor(view, grey, cv::COLOR_RGBA2GRAY);
  else cv::extractChannel(view, grey, 0);
  return grey;
}

void ToImage(const cv::Mat& grey, int dpi, Image* out) {
  out->width = grey.cols;
  out->height = grey.rows;
  out->channels = 1;
  out->stride = grey.cols;
  out->dpi = dpi;
  out->pixels.resize(static_cast<size_t>(grey.cols) * grey.rows);
  for (int y = 0; y < grey.rows; ++y)
    std::copy(grey.ptr<uint8_t>(y), grey.ptr<uint8_t>(y) + grey.cols,
              &out->pixels[static_cast<size_t>(y) * grey.cols]);
}

// The paper's brightness at a reduced scale: the ink (narrower than a fifth
// of an inch at `dpi`) closed away, then smoothed. `factor`: reduction.
cv::Mat PaperLevel(const cv::Mat& grey, double dpi, int* factor) {
  const int f = std::max(1, static_cast<int>(std::lround(dpi / 36.0)));
  *factor = f;
  cv::Mat small;
  cv::resize(grey, small, cv::Size(std::max(1, grey.cols / f), std::max(1, grey.rows / f)), 0, 0,
             cv::INTER_AREA);
  int k = std::max(3, static_cast<int>(std::lround(dpi / f / 5.0))) | 1;
  cv::Mat level;
  cv::morphologyEx(small, level, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  cv::GaussianBlur(level, level, cv::Size(0, 0), k / 2.0);
  return level;
}

double Percentile(const cv::Mat& m8, const cv::Mat& mask, double q) {
  int hist[256] = {0};
  long n = 0;
  for (int y = 0; y < m8.rows; ++y) {
    const uint8_t* r = m8.ptr<uint8_t>(y);
    const uint8_t* k = mask.empty() ? nullptr : mask.ptr<uint8_t>(y);
    for (int x = 0; x < m8.cols; ++x)
      if (!k || k[x]) ++hist[r[x]], ++n;
  }
  if (n == 0) return 0;
  long want = static_cast<long>(q * n), seen = 0;
  for (int v = 0; v < 256; ++v)
    if ((seen += hist[v]) > want) return v;
  return 255;
}

// TL, TR, BR, BL.
std::vector<cv::Point2f> OrderCorners(const std::vector<cv::Point>& q) {
  std::vector<cv::Point2f> p(q.begin(), q.end());
  std::vector<cv::Point2f> o(4);
  auto by = [&](auto key, bool max) {
    return *std::max_element(p.begin(), p.end(), [&](const cv::Point2f& a, const cv::Point2f& b) {
      return max ? key(a) < key(b) : key(a) > key(b);
    });
  };
  o[0] = by([](const cv::Point2f& a) { return a.x + a.y; }, false);
  o[2] = by([](const cv::Point2f& a) { return a.x + a.y; }, true);
  o[1] = by([](const cv::Point2f& a) { return a.x - a.y; }, true);
  o[3] = by([](const cv::Point2f& a) { return a.x - a.y; }, false);
  return o;
}

// The contour reduced to four corners (its convex hull simplified), or empty.
std::vector<cv::Point> FourCorners(const std::vector<cv::Point>& contour) {
  std::vector<cv::Point> hull, q;
  cv::convexHull(contour, hull);
  const double perimeter = cv::arcLength(hull, true);
  for (double eps = 0.01; eps <= 0.08; eps += 0.005) {
    cv::approxPolyDP(hull, q, eps * perimeter, true);
    if (q.size() <= 4) break;
  }
  if (q.size() != 4 || !cv::isContourConvex(q)) return {};
  return q;
}

double Dist(const cv::Point2f& a, const cv::Point2f& b) { return std::hypot(a.x - b.x, a.y - b.y); }

// The simplification cuts corners: each side of the ordered quad `q` is
// fitted again to the contour points along its middle, and the corners are
// the sides' intersections.
void RefineCorners(const std::vector<cv::Point>& contour, std::vector<cv::Point2f>* q) {
  std::vector<cv::Vec4f> lines(4);
  for (int i = 0; i < 4; ++i) {
    const cv::Point2f a = (*q)[i], b = (*q)[(i + 1) % 4];
    const cv::Point2f d = b - a;
    const double len = std::hypot(d.x, d.y);
    if (len < 8) return;
    std::vector<cv::Point2f> along;
    for (const cv::Point& p : contour) {
      const cv::Point2f r = cv::Point2f(p) - a;
      const double t = (r.x * d.x + r.y * d.y) / (len * len);
      const double off = std::fabs(r.x * d.y - r.y * d.x) / len;
      if (t > 0.1 && t < 0.9 && off < std::max(2.0, 0.02 * len)) along.push_back(cv::Point2f(p));
    }
    if (along.size() < 6) return;
    cv::fitLine(along, lines[i], cv::DIST_HUBER, 0, 0.01, 0.01);
  }
  std::vector<cv::Point2f> out(4);
  for (int i = 0; i < 4; ++i) {
    const cv::Vec4f& l1 = lines[(i + 3) % 4];
    const cv::Vec4f& l2 = lines[i];
    const double det = l1[0] * (-l2[1]) - l1[1] * (-l2[0]);
    if (std::fabs(det) < 1e-6) return;
    const double dx = l2[2] - l1[2], dy = l2[3] - l1[3];
    const double t = (dx * (-l2[1]) - dy * (-l2[0])) / det;
    out[i] = {static_cast<float>(l1[2] + t * l1[0]), static_cast<float>(l1[3] + t * l1[1])};
    if (Dist(out[i], (*q)[i]) > 0.1 * Dist((*q)[0], (*q)[2])) return;  // a bad fit: keep the simple corners
  }
  *q = out;
}

// The angle at each corner differs from a right angle, or opposite sides
// differ in length: a perspective (a rotated rectangle is not one).
bool HasPerspective(const std::vector<cv::Point2f>& c) {
  double worst = 0;
  for (int i = 0; i < 4; ++i) {
    cv::Point2f a = c[(i + 3) % 4] - c[i], b = c[(i + 1) % 4] - c[i];
    double cosang = (a.x * b.x + a.y * b.y) / (std::hypot(a.x, a.y) * std::hypot(b.x, b.y) + 1e-9);
    worst = std::max(worst, std::fabs(std::asin(std::clamp(cosang, -1.0, 1.0))) * 180 / CV_PI);
  }
  const double top = Dist(c[0], c[1]), bottom = Dist(c[3], c[2]);
  const double left = Dist(c[0], c[3]), right = Dist(c[1], c[2]);
  const double sides = std::max(std::fabs(top - bottom) / std::max(top, bottom),
                                std::fabs(left - right) / std::max(left, right));
  return worst > 1.0 || sides > 0.02;
}

// The sheet against a darker background on the paper level `level`
// (reduced by `f`): corners in full-resolution pixels, or false.
bool FindSheet(const cv::Mat& level, int f, std::vector<cv::Point2f>* corners) {
  cv::Mat mask;
  const double t = cv::threshold(level, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  const cv::Scalar bright = cv::mean(level, mask), dark = cv::mean(level, ~mask);
  // A sheet is clearly brighter than what lies around it.
  if (bright[0] < 1.25 * dark[0] + 10 || t < 20) return false;
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  if (contours.empty()) return false;
  auto largest = std::max_element(contours.begin(), contours.end(), [](const auto& a, const auto& b) {
    return cv::contourArea(a) < cv::contourArea(b);
  });
  const double frame = static_cast<double>(level.cols) * level.rows;
  const double area = cv::contourArea(*largest);
  if (area < 0.2 * frame || area > 0.97 * frame) return false;
  std::vector<cv::Point> q = FourCorners(*largest);
  if (q.empty() || cv::contourArea(q) < 0.85 * area) return false;
  // A sheet cut by the edge of the frame is not a whole page.
  int on_edge = 0;
  for (const cv::Point& p : q)
    if (p.x <= 1 || p.y <= 1 || p.x >= level.cols - 2 || p.y >= level.rows - 2) ++on_edge;
  if (on_edge >= 2) return false;
  *corners = OrderCorners(q);
  RefineCorners(*largest, corners);
  for (cv::Point2f& p : *corners) p = (p + cv::Point2f(0.5f, 0.5f)) * static_cast<float>(f);
  return true;
}

// Dark line pieces of `flat` (ink = 255) running along x (horizontal) or y.
cv::Mat RuleMask(const cv::Mat& ink, int dpi, bool horizontal, int* min_length) {
  const int len = std::max(15, dpi / 3);
  *min_length = len;
  cv::Mat grown, rules;
  // A curved rule leaves a straight element within a few pixels of slack.
  cv::dilate(ink, grown, cv::getStructuringElement(cv::MORPH_RECT, horizontal ? cv::Size(1, 3) : cv::Size(3, 1)));
  cv::morphologyEx(grown, rules, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, horizontal ? cv::Size(len, 1) : cv::Size(1, len)));
  return rules;
}

cv::Mat InkOf(const cv::Mat& flat, int dpi) {
  cv::Mat ink;
  const int block = std::max(15, dpi / 6) | 1;
  cv::adaptiveThreshold(flat, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block, 20);
  return ink;
}

// The table's outer rule on a flattened page: the largest quadrilateral the
// ruling lines enclose, in pixels, or false.
bool FindTableFrame(const cv::Mat& flat, int dpi, std::vector<cv::Point2f>* corners) {
  cv::Mat ink = InkOf(flat, dpi);
  int len = 0;
  cv::Mat rules = RuleMask(ink, dpi, true, &len) | RuleMask(ink, dpi, false, &len);
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(rules, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  double best = 0;
  std::vector<cv::Point> best_q;
  for (const auto& c : contours) {
    const cv::Rect r = cv::boundingRect(c);
    if (r.width < flat.cols / 4 || r.height < flat.rows / 8) continue;
    std::vector<cv::Point> q = FourCorners(c);
    if (q.empty()) continue;
    const double a = cv::contourArea(q);
    if (a > best) best = a, best_q = q;
  }
  if (best < 0.08 * flat.cols * flat.rows) return false;
  *corners = OrderCorners(best_q);
  return true;
}

struct Sample {
  double along, across;  // normalised position (along the rule, across it)
  double offset;         // pixels across, minus the piece's mean
};

// Terms of the displacement across a rule: cubic along it, quadratic
// across; no term free of `along` (a rule's own offset is not distortion).
constexpr int kTerms = 9;
void Terms(double a, double c, double* t) {
  int k = 0;
  for (int j = 0; j < 3; ++j) {
    const double cj = j == 0 ? 1 : j == 1 ? c : c * c;
    for (int i = 1; i <= 3; ++i) t[k++] = std::pow(a, i) * cj;
  }
}

// Least-squares fit of the displacement across the rules of `mask`.
// Coordinates are normalised by half the page size around its centre.
bool FitRules(const cv::Mat& mask, int min_length, bool horizontal, cv::Mat* coef, double* rms,
              double range[4]) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  const double hw = mask.cols / 2.0, hh = mask.rows / 2.0;
  std::vector<Sample> samples;
  std::vector<std::pair<size_t, size_t>> pieces;
  const int step = std::max(3, min_length / 12);
  range[0] = range[2] = 1e9;
  range[1] = range[3] = -1e9;
  for (int k = 1; k < n; ++k) {
    const int x0 = stats.at<int>(k, cv::CC_STAT_LEFT), y0 = stats.at<int>(k, cv::CC_STAT_TOP);
    const int w = stats.at<int>(k, cv::CC_STAT_WIDTH), h = stats.at<int>(k, cv::CC_STAT_HEIGHT);
    const int length = horizontal ? w : h;
    if (length < 2 * min_length) continue;
    const size_t first = samples.size();
    for (int s = 0; s < length; s += step) {
      double sum = 0;
      int cnt = 0;
      const int across_len = horizontal ? h : w;
      for (int t = 0; t < across_len; ++t) {
        const int x = horizontal ? x0 + s : x0 + t, y = horizontal ? y0 + t : y0 + s;
        if (labels.at<int>(y, x) == k) sum += t, ++cnt;
      }
      if (cnt == 0) continue;
      const double px = horizontal ? x0 + s : x0 + sum / cnt, py = horizontal ? y0 + sum / cnt : y0 + s;
      const double u = (px - hw) / hw, v = (py - hh) / hh;
      Sample smp;
      smp.along = horizontal ? u : v;
      smp.across = horizontal ? v : u;
      smp.offset = horizontal ? py : px;
      samples.push_back(smp);
      range[0] = std::min(range[0], u), range[1] = std::max(range[1], u);
      range[2] = std::min(range[2], v), range[3] = std::max(range[3], v);
    }
    if (samples.size() - first >= 4) pieces.push_back({first, samples.size()});
    else samples.resize(first);
  }
  if (pieces.size() < 4 || samples.size() < 40) return false;
  // The pieces' own offsets are eliminated by centring each piece.
  cv::Mat A(static_cast<int>(samples.size()), kTerms, CV_64F), b(static_cast<int>(samples.size()), 1, CV_64F);
  for (const auto& [first, last] : pieces) {
    double mean_t[kTerms] = {0}, mean_o = 0;
    for (size_t i = first; i < last; ++i) {
      double t[kTerms];
      Terms(samples[i].along, samples[i].across, t);
      for (int j = 0; j < kTerms; ++j) mean_t[j] += t[j];
      mean_o += samples[i].offset;
    }
    const double m = static_cast<double>(last - first);
    for (size_t i = first; i < last; ++i) {
      double t[kTerms];
      Terms(samples[i].along, samples[i].across, t);
      for (int j = 0; j < kTerms; ++j) A.at<double>(static_cast<int>(i), j) = t[j] - mean_t[j] / m;
      b.at<double>(static_cast<int>(i)) = samples[i].offset - mean_o / m;
    }
  }
  if (!cv::solve(A, b, *coef, cv::DECOMP_SVD)) return false;
  cv::Mat r = A * *coef - b;
  *rms = std::sqrt(r.dot(r) / r.rows);
  // The model must explain most of how the pieces bend.
  const double before = std::sqrt(b.dot(b) / b.rows);
  return *rms < 0.6 * before;
}

double Field(const cv::Mat& coef, double along, double across) {
  double t[kTerms];
  Terms(along, across, t);
  double s = 0;
  for (int j = 0; j < kTerms; ++j) s += coef.at<double>(j) * t[j];
  return s;
}

// Straightens the curved rules of `flat` in place (a slant alone is left to
// the deskew); the largest displacement removed, 0 when nothing was done.
double Uncurl(cv::Mat* flat, int dpi) {
  cv::Mat ink = InkOf(*flat, dpi);
  int len = 0;
  cv::Mat h_coef, v_coef;
  double h_rms = 0, v_rms = 0, h_range[4], v_range[4];
  const bool h_ok = FitRules(RuleMask(ink, dpi, true, &len), len, true, &h_coef, &h_rms, h_range);
  const bool v_ok = FitRules(RuleMask(ink, dpi, false, &len), len, false, &v_coef, &v_rms, v_range);
  if (!h_ok && !v_ok) return 0;
  // A fit that leaves the rules ragged is no model of them.
  const double max_rms = std::max(1.5, dpi / 150.0);
  const bool use_h = h_ok && h_rms < max_rms, use_v = v_ok && v_rms < max_rms;
  if (!use_h && !use_v) return 0;
  const int W = flat->cols, H = flat->rows, step = 16;
  const int gw = W / step + 2, gh = H / step + 2;
  cv::Mat gx(gh, gw, CV_32F), gy(gh, gw, CV_32F);
  const double hw = W / 2.0, hh = H / 2.0;
  double largest = 0;
  for (int j = 0; j < gh; ++j)
    for (int i = 0; i < gw; ++i) {
      const double x = i * step, y = j * step;
      const double u = (x - hw) / hw, v = (y - hh) / hh;
      double dy = 0, dx = 0;
      // Outside the rules' extent the field is held at its edge.
      if (use_h) dy = Field(h_coef, std::clamp(u, h_range[0], h_range[1]), std::clamp(v, h_range[2], h_range[3]));
      if (use_v) dx = Field(v_coef, std::clamp(v, v_range[2], v_range[3]), std::clamp(u, v_range[0], v_range[1]));
      gx.at<float>(j, i) = static_cast<float>(x + dx);
      gy.at<float>(j, i) = static_cast<float>(y + dy);
      if (x >= h_range[0] * hw + hw && x <= h_range[1] * hw + hw && y >= h_range[2] * hh + hh &&
          y <= h_range[3] * hh + hh)
        largest = std::max(largest, std::max(std::fabs(dx), std::fabs(dy)));
    }
  // Straight rules, or only a slant (which PageImage's deskew handles): no
  // resampling for that.
  double curve = 0;
  for (int j = 0; j < 2; ++j) {
    const cv::Mat& c = j == 0 ? h_coef : v_coef;
    if (!(j == 0 ? use_h : use_v)) continue;
    for (int t = 1; t < kTerms; ++t) curve += std::fabs(c.at<double>(t));
  }
  // A field that moves the page by more than a twentieth of its size is a
  // bad fit, not a curl.
  if (curve < 1.0 || largest > 0.05 * std::max(W, H)) return 0;
  cv::Mat mx, my;
  cv::resize(gx, mx, cv::Size(gw * step, gh * step), 0, 0, cv::INTER_LINEAR);
  cv::resize(gy, my, cv::Size(gw * step, gh * step), 0, 0, cv::INTER_LINEAR);
  mx = mx(cv::Rect(0, 0, W, H));
  my = my(cv::Rect(0, 0, W, H));
  cv::Mat out;
  cv::remap(*flat, out, mx, my, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  *flat = out;
  return largest;
}

}  // namespace

Box PhotoPage::ToPhoto(const Box& box) const {
  const auto& m = to_photo;
  Box out{1e300, 1e300, -1e300, -1e300};
  for (int i = 0; i < 4; ++i) {
    const double x = i % 2 ? box.x1 : box.x0, y = i / 2 ? box.y1 : box.y0;
    const double w = m[6] * x + m[7] * y + m[8];
    const double px = (m[0] * x + m[1] * y + m[2]) / w, py = (m[3] * x + m[4] * y + m[5]) / w;
    out.x0 = std::min(out.x0, px), out.x1 = std::max(out.x1, px);
    out.y0 = std::min(out.y0, py), out.y1 = std::max(out.y1, py);
  }
  return out;
}

double GlareCover(const PhotoPage& photo, const Box& box) {
  if (box.empty()) return 0;
  double covered = 0;
  for (const Box& g : photo.glare) {
    const double w = std::min(box.x1, g.x1) - std::max(box.x0, g.x0);
    const double h = std::min(box.y1, g.y1) - std::max(box.y0, g.y0);
    if (w > 0 && h > 0) covered += w * h;
  }
  return std::min(1.0, covered / (box.width() * box.height()));
}

Status PreparePhoto(const Image& image, const PhotoOptions& options, PhotoPage* out) {
  *out = PhotoPage();
  if (image.width <= 0 || image.height <= 0 || image.channels < 1 || image.channels > 4 ||
      image.stride < image.width * image.channels ||
      image.pixels.size() < static_cast<size_t>(image.stride) * image.height)
    return Status::InvalidArgument("image buffer does not match its size");
  if (image.width < 64 || image.height < 64) return Status::Ok();
  cv::Mat grey = GreyOf(image);
  // The stated resolution of a photo means nothing (phones write 72 dpi);
  // the first look works from the pixel size, as a page filling the frame.
  const double frame_dpi = std::max(grey.cols, grey.rows) / kA4Long;
  int f = 1;
  cv::Mat level = PaperLevel(grey, frame_dpi, &f);
  std::vector<cv::Point2f> quad;
  double est_dpi = image.dpi;
  cv::Mat page = grey;
  cv::Mat to_photo = cv::Mat::eye(3, 3, CV_64F);
  // A glare spot can be the brightest mode of the frame: try again with the
  // brightest fifth of the frame clipped to the level below it.
  bool sheet = FindSheet(level, f, &quad);
  if (!sheet) {
    cv::Mat clipped = cv::min(level, Percentile(level, cv::Mat(), 0.8));
    sheet = FindSheet(clipped, f, &quad);
  }
  if (sheet) {
    out->outline = PhotoOutline::kPage;
    const double w = (Dist(quad[0], quad[1]) + Dist(quad[3], quad[2])) / 2;
    const double h = (Dist(quad[0], quad[3]) + Dist(quad[1], quad[2])) / 2;
    const double aspect = std::max(w, h) / std::min(w, h);
    est_dpi = std::max(w, h) / kA4Long;
    const double dpi = std::clamp(est_dpi, static_cast<double>(options.min_dpi), static_cast<double>(options.max_dpi));
    double ow, oh;
    if (std::fabs(aspect / (kA4Long / kA4Short) - 1) < 0.12) {
      ow = (w > h ? kA4Long : kA4Short) * dpi;
      oh = (w > h ? kA4Short : kA4Long) * dpi;
      out->notes.push_back(Format("photo: sheet found, resolution estimated at %.0f dpi from its A4 size, "
                                  "page straightened at %.0f dpi", est_dpi, dpi));
    } else {
      ow = w * dpi / est_dpi;
      oh = h * dpi / est_dpi;
      out->notes.push_back(Format("photo: sheet found (not of A4 proportions, %.2f:1), resolution estimated "
                                  "at %.0f dpi, page straightened at %.0f dpi", aspect, est_dpi, dpi));
    }
    std::vector<cv::Point2f> rect = {{0, 0}, {static_cast<float>(ow), 0},
                                     {static_cast<float>(ow), static_cast<float>(oh)}, {0, static_cast<float>(oh)}};
    to_photo = cv::getPerspectiveTransform(rect, quad);
    cv::warpPerspective(grey, page, to_photo, cv::Size(static_cast<int>(ow), static_cast<int>(oh)),
                        cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
    est_dpi = std::round(est_dpi);
    out->estimated_dpi = est_dpi;
    est_dpi = dpi;  // the page's resolution from here on
  }
  // Light: the paper level of the page as it now stands.
  const double page_dpi = out->outline == PhotoOutline::kPage ? est_dpi : frame_dpi;
  level = PaperLevel(page, page_dpi, &f);
  out->light_ratio = Percentile(level, cv::Mat(), 0.95) / std::max(1.0, Percentile(level, cv::Mat(), 0.05));
  const bool uneven = out->light_ratio > options.uneven_light;
  // Glare: a compact spot of paper near the brightest on the page and far
  // brighter than its median, inside the page (a light gradient peaks at
  // an edge, the unshaded part of a shadowed page is large).
  const double median = Percentile(level, cv::Mat(), 0.5), top = Percentile(level, cv::Mat(), 0.995);
  std::vector<Box> glare;
  if (top >= 1.15 * median) {
    cv::Mat spot = level >= std::max(1.15 * median, 0.96 * top);
    std::vector<std::vector<cv::Point>> blobs;
    cv::findContours(spot, blobs, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    for (const auto& b : blobs) {
      const cv::Rect r = cv::boundingRect(b);
      if (r.width < 3 || r.height < 3 || r.x <= 0 || r.y <= 0 || r.x + r.width >= level.cols ||
          r.y + r.height >= level.rows || r.area() > 0.15 * level.total())
        continue;
      glare.push_back({static_cast<double>(r.x * f), static_cast<double>(r.y * f),
                       static_cast<double>((r.x + r.width) * f), static_cast<double>((r.y + r.height) * f)});
    }
  }
  // The page divided by its paper level (kept only for a photo).
  cv::Mat flat;
  {
    cv::Mat big, page_f;
    cv::resize(level, big, page.size(), 0, 0, cv::INTER_LINEAR);
    big.convertTo(big, CV_32F);
    page.convertTo(page_f, CV_32F);
    cv::Mat ratio = page_f / cv::max(big, 8.0f) * kPaper;
    ratio.convertTo(flat, CV_8U);  // saturates
  }
  if (out->outline == PhotoOutline::kNone) {
    // Without a sheet on a background, only a file that states no scanner
    // resolution (phones state none or 72 dpi) is taken for a photo: uneven
    // light or a table frame in perspective on a scan are left to the scan
    // reader as before.
    if (image.dpi_stated && image.dpi >= 150) return Status::Ok();
    std::vector<cv::Point2f> frame;
    if (!uneven && (!FindTableFrame(flat, static_cast<int>(frame_dpi), &frame) || !HasPerspective(frame)))
      return Status::Ok();  // left as it is
  }
  out->light_flattened = true;
  out->notes.push_back(Format("photo: light evened out (paper brightness varied %.2f:1)", out->light_ratio));
  out->glare = glare;
  if (!out->glare.empty())
    out->notes.push_back(Format("photo: %.0f washed-out (glare) area(s); cells under them are marked low confidence",
                                static_cast<double>(out->glare.size())));
  // Sensor noise (low light), amplified where the paper was dark: smoothed
  // with an edge-preserving filter when it is strong.
  {
    cv::Mat med, diff;
    cv::medianBlur(flat, med, 3);
    cv::absdiff(flat, med, diff);
    const double noise = cv::mean(diff)[0];
    if (noise > 6) {
      cv::Mat smooth;
      cv::bilateralFilter(flat, smooth, 5, 3 * noise, 2);
      flat = smooth;
      out->notes.push_back(Format("photo: noisy (mean deviation %.1f grey levels), smoothed", noise));
    }
  }
  if (out->outline == PhotoOutline::kNone) {
    // A tight crop: the table's outer rule, when it shows a perspective.
    std::vector<cv::Point2f> frame;
    if (FindTableFrame(flat, static_cast<int>(frame_dpi), &frame) && HasPerspective(frame)) {
      out->outline = PhotoOutline::kTableFrame;
      est_dpi = std::max(grey.cols, grey.rows) / kCroppedLong;
      out->estimated_dpi = std::round(est_dpi);
      const double dpi = std::clamp(est_dpi, static_cast<double>(options.min_dpi), static_cast<double>(options.max_dpi));
      const double s = dpi / est_dpi;
      const double w = (Dist(frame[0], frame[1]) + Dist(frame[3], frame[2])) / 2;
      const double h = (Dist(frame[0], frame[3]) + Dist(frame[1], frame[2])) / 2;
      // The frame keeps its place; the whole photo is carried along.
      const float x0 = frame[0].x, y0 = frame[0].y;
      std::vector<cv::Point2f> rect = {{x0, y0}, {static_cast<float>(x0 + w), y0},
                                       {static_cast<float>(x0 + w), static_cast<float>(y0 + h)},
                                       {x0, static_cast<float>(y0 + h)}};
      for (cv::Point2f& p : rect) p *= static_cast<float>(s);
      to_photo = cv::getPerspectiveTransform(rect, frame);
      const cv::Size size(static_cast<int>(grey.cols * s), static_cast<int>(grey.rows * s));
      cv::Mat warped;
      cv::warpPerspective(flat, warped, to_photo, size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
      flat = warped;
      for (Box& g : out->glare) g = {g.x0 * s, g.y0 * s, g.x1 * s, g.y1 * s};  // approximately
      est_dpi = dpi;
      out->notes.push_back(Format("photo: table frame in perspective straightened; resolution estimated at %.0f dpi "
                                  "(tight crop), page at %.0f dpi", out->estimated_dpi, dpi));
    } else {
      est_dpi = image.dpi;
    }
  }
  if (out->outline != PhotoOutline::kNone) {
    std::vector<cv::Point2f> c;
    std::vector<cv::Point2f> rc = {{0, 0}, {static_cast<float>(flat.cols), 0},
                                   {static_cast<float>(flat.cols), static_cast<float>(flat.rows)},
                                   {0, static_cast<float>(flat.rows)}};
    cv::perspectiveTransform(rc, c, to_photo);
    for (int i = 0; i < 4; ++i) out->corners[2 * i] = c[i].x, out->corners[2 * i + 1] = c[i].y;
    for (int i = 0; i < 9; ++i) out->to_photo[i] = to_photo.at<double>(i / 3, i % 3);
  }
  const int dpi = std::max(1, static_cast<int>(std::lround(est_dpi)));
  if (options.uncurl) {
    out->curl_pixels = Uncurl(&flat, dpi);
    if (out->curl_pixels > 0)
      out->notes.push_back(Format("photo: curved rules straightened (up to %.1f pixels)", out->curl_pixels));
  }
  out->photo = true;
  ToImage(flat, dpi, &out->page);
  return Status::Ok();
}

}  // namespace sohoa
