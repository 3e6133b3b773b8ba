// The photo step (photo_page.h) on photos simulated here with OpenCV: a
// ruled table page drawn at 200 dpi, laid on a dark desk in perspective,
// bent, shaded, washed out by a glare spot, or cropped tightly. The grid
// reader (ruled_grid.h) must find the whole grid on the corrected page (it
// does not on the photos as they are), and a scan must pass unchanged.
#include "pipeline/ingest/photo_page.h"

#include <cmath>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/ingest/ruled_grid.h"

namespace sohoa {
namespace {

constexpr int kDpi = 200;
constexpr int kRows = 8, kCols = 6;

// A landscape A4 page at kDpi: a title and a kRows x kCols ruled table with
// digits in its cells.
cv::Mat DrawPage() {
  const int w = static_cast<int>(11.69 * kDpi), h = static_cast<int>(8.27 * kDpi);
  cv::Mat page(h, w, CV_8U, cv::Scalar(250));
  cv::putText(page, "PHU LUC I", {w / 2 - 150, 180}, cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(20), 3);
  const int x0 = 180, y0 = 280, cw = (w - 360) / kCols, rh = (h - 460) / kRows;
  for (int r = 0; r <= kRows; ++r)
    cv::line(page, {x0, y0 + r * rh}, {x0 + kCols * cw, y0 + r * rh}, cv::Scalar(30), 2);
  for (int c = 0; c <= kCols; ++c)
    cv::line(page, {x0 + c * cw, y0}, {x0 + c * cw, y0 + kRows * rh}, cv::Scalar(30), 2);
  for (int r = 0; r < kRows; ++r)
    for (int c = 0; c < kCols; ++c)
      cv::putText(page, std::to_string(100 + 37 * r + 11 * c), {x0 + c * cw + 30, y0 + r * rh + rh / 2 + 12},
                  cv::FONT_HERSHEY_SIMPLEX, 0.9, cv::Scalar(25), 2);
  return page;
}

Image ToImage(const cv::Mat& m, int dpi = 72) {
  Image img;
  img.width = m.cols;
  img.height = m.rows;
  img.channels = m.channels();
  img.stride = m.cols * m.channels();
  img.dpi = dpi;
  img.pixels.resize(static_cast<size_t>(img.stride) * m.rows);
  for (int y = 0; y < m.rows; ++y) std::copy(m.ptr<uint8_t>(y), m.ptr<uint8_t>(y) + img.stride, &img.pixels[y * img.stride]);
  return img;
}

// The page on a desk, its corners moved by up to `skew` of its size.
cv::Mat OnDesk(const cv::Mat& page, double skew, cv::Mat* to_photo = nullptr) {
  const int W = page.cols * 5 / 4, H = page.rows * 5 / 4;
  cv::Mat desk(H, W, CV_8U, cv::Scalar(70));
  const float ox = (W - page.cols) / 2.0f, oy = (H - page.rows) / 2.0f;
  const float w = page.cols, h = page.rows, d = static_cast<float>(skew);
  std::vector<cv::Point2f> src = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  std::vector<cv::Point2f> dst = {{ox + d * w, oy + 0.5f * d * h}, {ox + w - 0.3f * d * w, oy - 0.4f * d * h},
                                  {ox + w + 0.2f * d * w, oy + h - d * h}, {ox - 0.6f * d * w, oy + h + 0.2f * d * h}};
  cv::Mat m = cv::getPerspectiveTransform(src, dst);
  if (to_photo) *to_photo = m;
  cv::Mat warped, mask;
  cv::warpPerspective(page, warped, m, desk.size());
  cv::warpPerspective(cv::Mat(page.size(), CV_8U, cv::Scalar(255)), mask, m, desk.size());
  warped.copyTo(desk, mask > 128);
  return desk;
}

// A bend near the right edge: rows sink by up to `amount` of the height.
cv::Mat Bent(const cv::Mat& page, double amount) {
  cv::Mat mx(page.size(), CV_32F), my(page.size(), CV_32F);
  for (int y = 0; y < page.rows; ++y)
    for (int x = 0; x < page.cols; ++x) {
      const double t = static_cast<double>(x) / page.cols;
      mx.at<float>(y, x) = static_cast<float>(x);
      my.at<float>(y, x) = static_cast<float>(y - amount * page.rows * t * t);
    }
  cv::Mat out;
  cv::remap(page, out, mx, my, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}

// Light falling off from left to right, and a shadow blob.
cv::Mat Shaded(const cv::Mat& img) {
  cv::Mat out(img.size(), CV_8U);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      double l = 1.0 - 0.35 * x / img.cols;
      const double dx = x - 0.35 * img.cols, dy = y - 0.7 * img.rows;
      const double r = 0.25 * img.rows, d = std::hypot(dx, dy * 1.5);
      l *= 1 - 0.45 * std::clamp((r - d) / (0.3 * r), 0.0, 1.0);  // soft-edged
      out.at<uint8_t>(y, x) = cv::saturate_cast<uint8_t>(img.at<uint8_t>(y, x) * l);
    }
  cv::GaussianBlur(out, out, cv::Size(0, 0), 1.0);
  return out;
}

bool WholeGridFound(const Image& page) {
  for (const RuledGrid& g : FindRuledGrids(page))
    if (g.rows() == kRows && g.cols() == kCols) return true;
  return false;
}

// The first dark row below the title at column x (5 columns averaged).
int TopRuleY(const Image& page, int x) {
  for (int y = page.height / 8; y < page.height; ++y) {
    int sum = 0;
    for (int dx = -2; dx <= 2; ++dx) sum += page.pixels[static_cast<size_t>(y) * page.stride + x + dx];
    if (sum < 5 * 110) return y;
  }
  return -1;
}

TEST(PhotoPageTest, ScanPassesUnchanged) {
  PhotoPage photo;
  ASSERT_TRUE(PreparePhoto(ToImage(DrawPage(), kDpi), PhotoOptions(), &photo).ok());
  EXPECT_FALSE(photo.photo);
  EXPECT_EQ(photo.outline, PhotoOutline::kNone);
  EXPECT_NEAR(photo.light_ratio, 1.0, 0.05);
}

TEST(PhotoPageTest, UnevenLightWithoutADeskIsAPhotoOnlyWithoutAScannerResolution) {
  Image shot = ToImage(Shaded(DrawPage()), 300);
  PhotoPage photo;
  ASSERT_TRUE(PreparePhoto(shot, PhotoOptions(), &photo).ok());
  EXPECT_FALSE(photo.photo);  // a scan states its resolution: left to the scan reader
  shot.dpi_stated = false;
  ASSERT_TRUE(PreparePhoto(shot, PhotoOptions(), &photo).ok());
  EXPECT_TRUE(photo.photo);
  EXPECT_TRUE(photo.light_flattened);
}

TEST(PhotoPageTest, SheetInPerspectiveIsFoundAndStraightened) {
  cv::Mat truth;
  const Image shot = ToImage(OnDesk(DrawPage(), 0.06, &truth));
  PhotoPage photo;
  ASSERT_TRUE(PreparePhoto(shot, PhotoOptions(), &photo).ok());
  ASSERT_TRUE(photo.photo);
  EXPECT_EQ(photo.outline, PhotoOutline::kPage);
  // The sheet's long side is about 11.69 inches of kDpi pixels (foreshortened a little).
  EXPECT_NEAR(photo.estimated_dpi, kDpi, 0.08 * kDpi);
  EXPECT_TRUE(WholeGridFound(photo.page));
  // The table's top rule (drawn at y = 280 of kDpi) is level and in its place.
  const Image& p = photo.page;
  const double at = 280.0 * p.dpi / kDpi;
  EXPECT_NEAR(TopRuleY(p, p.width * 3 / 10), at, 6);
  EXPECT_NEAR(TopRuleY(p, p.width * 85 / 100), at, 6);
  // The page's top-left corner maps back to where the sheet's corner is.
  std::vector<cv::Point2f> corner = {{0, 0}}, in_photo;
  cv::perspectiveTransform(corner, in_photo, truth);
  EXPECT_NEAR(photo.corners[0], in_photo[0].x, 12);
  EXPECT_NEAR(photo.corners[1], in_photo[0].y, 12);
  const Box back = photo.ToPhoto({0, 0, 1, 1});
  EXPECT_NEAR(back.x0, in_photo[0].x, 12);
}

TEST(PhotoPageTest, BentPageIsStraightenedFromItsRules) {
  const Image shot = ToImage(OnDesk(Bent(DrawPage(), 0.05), 0.03));
  PhotoOptions no_uncurl;
  no_uncurl.uncurl = false;
  PhotoPage flat_only, photo;
  ASSERT_TRUE(PreparePhoto(shot, no_uncurl, &flat_only).ok());
  // The table's top rule sinks towards the bend as it was photographed...
  const Image& bent = flat_only.page;
  EXPECT_GT(TopRuleY(bent, bent.width * 85 / 100) - TopRuleY(bent, bent.width * 3 / 10), 20);
  ASSERT_TRUE(PreparePhoto(shot, PhotoOptions(), &photo).ok());
  EXPECT_GT(photo.curl_pixels, 10);
  // ... and runs level once straightened.
  const Image& p = photo.page;
  EXPECT_NEAR(TopRuleY(p, p.width * 85 / 100), TopRuleY(p, p.width * 3 / 10), 3);
  EXPECT_TRUE(WholeGridFound(photo.page));
}

TEST(PhotoPageTest, ShadowIsFlattened) {
  const Image shot = ToImage(Shaded(OnDesk(DrawPage(), 0.04)));
  PhotoPage photo;
  ASSERT_TRUE(PreparePhoto(shot, PhotoOptions(), &photo).ok());
  ASSERT_TRUE(photo.photo);
  EXPECT_TRUE(photo.light_flattened);
  EXPECT_GT(photo.light_ratio, 1.4);
  EXPECT_TRUE(photo.glare.empty());
  // The paper under the shadow and beside it come out alike.
  const Image& p = photo.page;
  auto paper = [&](int x, int y) {
    int best = 0;
    for (int dy = -20; dy <= 20; ++dy)
      for (int dx = -20; dx <= 20; ++dx) best = std::max<int>(best, p.pixels[(y + dy) * p.stride + x + dx]);
    return best;
  };
  EXPECT_NEAR(paper(p.width / 3, p.height * 7 / 10), paper(p.width * 3 / 4, p.height / 10), 15);
  EXPECT_TRUE(WholeGridFound(photo.page));
}

TEST(PhotoPageTest, GlareIsReportedWhereThePageIsWashedOut) {
  cv::Mat shot = OnDesk(DrawPage(), 0.03);
  shot = shot * 0.8;  // exposure: paper well below saturation
  const cv::Point centre(shot.cols / 2, shot.rows / 2);
  for (int y = 0; y < shot.rows; ++y)
    for (int x = 0; x < shot.cols; ++x) {
      const double d2 = (std::pow(x - centre.x, 2) + std::pow(y - centre.y, 2)) / std::pow(0.08 * shot.rows, 2);
      shot.at<uint8_t>(y, x) = cv::saturate_cast<uint8_t>(shot.at<uint8_t>(y, x) + 220 * std::exp(-d2));
    }
  PhotoPage photo;
  ASSERT_TRUE(PreparePhoto(ToImage(shot), PhotoOptions(), &photo).ok());
  ASSERT_EQ(photo.glare.size(), 1u);
  // The glare lies about the centre of the page; a corner cell is clear.
  const double cx = photo.page.width / 2.0, cy = photo.page.height / 2.0;
  EXPECT_GT(GlareCover(photo, {cx - 5, cy - 5, cx + 5, cy + 5}), 0.99);
  EXPECT_EQ(GlareCover(photo, {0, 0, 100, 100}), 0.0);
}

TEST(PhotoPageTest, TightCropIsStraightenedByTheTableFrame) {
  cv::Mat shot = OnDesk(DrawPage(), 0.05);
  // Inside the sheet: no desk in the frame.
  const int mx = shot.cols * 12 / 100, my = shot.rows * 12 / 100;
  shot = Shaded(shot(cv::Rect(mx, my, shot.cols - 2 * mx, shot.rows - 2 * my)).clone());
  PhotoPage photo;
  ASSERT_TRUE(PreparePhoto(ToImage(shot), PhotoOptions(), &photo).ok());
  ASSERT_TRUE(photo.photo);
  EXPECT_EQ(photo.outline, PhotoOutline::kTableFrame);
  EXPECT_TRUE(WholeGridFound(photo.page));
}

TEST(PhotoPageTest, BadBufferIsRefused) {
  Image bad;
  bad.width = 100;
  bad.height = 100;
  bad.stride = 100;
  PhotoPage photo;
  EXPECT_EQ(PreparePhoto(bad, PhotoOptions(), &photo).code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace sohoa
