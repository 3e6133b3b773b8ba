// Ruled-grid detection (ruled_grid.h) and page image analysis (page_image.h)
// on synthetic pages drawn here: plain grids, merged cells, broken and faint
// rules, a rotated page, and things that are no table (a page frame, a box).
#include "pipeline/ingest/ruled_grid.h"

#include <cmath>
#include <memory>
#include <random>

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include "pipeline/ingest/page_image.h"
#include "pipeline/ingest/text_layer_grid.h"

namespace sohoa {
namespace {

constexpr int kDpi = 300;

Image WhitePage(int w, int h) {
  Image img;
  img.width = w;
  img.height = h;
  img.stride = w;
  img.dpi = kDpi;
  img.pixels.assign(static_cast<size_t>(w) * h, 255);
  return img;
}

// Draws on a page that is turned by `degrees` about its centre (0 = upright).
struct Pen {
  Image* img;
  double degrees = 0;
  uint8_t ink = 0;
  int thick = 3;

  void Dot(double x, double y) {
    const double a = degrees * M_PI / 180, cx = img->width / 2.0, cy = img->height / 2.0;
    const double rx = cx + (x - cx) * std::cos(a) - (y - cy) * std::sin(a);
    const double ry = cy + (x - cx) * std::sin(a) + (y - cy) * std::cos(a);
    const int px = static_cast<int>(std::lround(rx)), py = static_cast<int>(std::lround(ry));
    if (px >= 0 && py >= 0 && px < img->width && py < img->height)
      img->pixels[static_cast<size_t>(py) * img->stride + px] = ink;
  }
  void HLine(double x0, double x1, double y) {
    for (double x = x0; x <= x1; x += 0.5)
      for (int t = 0; t < thick; ++t) Dot(x, y - thick / 2 + t);
  }
  void VLine(double x, double y0, double y1) {
    for (double y = y0; y <= y1; y += 0.5)
      for (int t = 0; t < thick; ++t) Dot(x - thick / 2 + t, y);
  }
  // A block of "text": short strokes, like letters, inside a box.
  void Text(double x0, double y0, double x1, double y1) {
    for (double x = x0; x + 10 < x1; x += 16)
      for (double y = y0; y < y1; y += 1) {
        Dot(x, y);
        Dot(x + 1, y);
        Dot(x + 2, y);
      }
  }
};

// Rules of a grid: row rules at ys, column rules at xs, all full length.
void DrawGrid(Pen& pen, const std::vector<double>& xs, const std::vector<double>& ys) {
  for (double y : ys) pen.HLine(xs.front(), xs.back(), y);
  for (double x : xs) pen.VLine(x, ys.front(), ys.back());
}

const RuledCell* CellAt(const RuledGrid& g, int row, int col) {
  for (const RuledCell& c : g.cells)
    if (c.row == row && c.col == col) return &c;
  return nullptr;
}

std::vector<RuledGrid> GridsOfPage(const Image& img, double* skew = nullptr) {
  std::unique_ptr<PageImage> page;
  EXPECT_TRUE(PageImage::Analyse(img, PageImageOptions(), &page).ok());
  if (!page) return {};
  if (skew != nullptr) *skew = page->skew_degrees();
  return FindRuledGrids(page->grey_pix(), page->dpi());
}

const std::vector<double> kXs = {200, 320, 900, 1100, 1300, 1500};
const std::vector<double> kYs = {300, 400, 480, 560, 640, 720, 800};

TEST(RuledGridTest, FindsRowsColumnsAndFrame) {
  Image img = WhitePage(1700, 1100);
  Pen pen{&img};
  DrawGrid(pen, kXs, kYs);
  std::vector<RuledGrid> grids = FindRuledGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  const RuledGrid& g = grids[0];
  EXPECT_EQ(g.rows(), 6);
  EXPECT_EQ(g.cols(), 5);
  EXPECT_EQ(g.cells.size(), 30u);
  EXPECT_NEAR(g.frame.x0, 200, 3);
  EXPECT_NEAR(g.frame.x1, 1500, 3);
  EXPECT_NEAR(g.frame.y0, 300, 3);
  EXPECT_NEAR(g.frame.y1, 800, 3);
  for (size_t i = 0; i < kYs.size(); ++i) EXPECT_NEAR(g.row_rules[i], kYs[i], 2);
}

TEST(RuledGridTest, MissingSegmentsBetweenJointsMakeMergedCells) {
  Image img = WhitePage(1700, 1100);
  Pen pen{&img};
  // Header: "STT" over rows 0-1 (no rule under it in column 0); a group
  // header over columns 2-4 in row 0 (no vertical rules between them there).
  for (size_t r = 0; r < kYs.size(); ++r) {
    if (r == 1) pen.HLine(kXs[1], kXs.back(), kYs[r]);
    else pen.HLine(kXs.front(), kXs.back(), kYs[r]);
  }
  for (size_t c = 0; c < kXs.size(); ++c) {
    if (c == 3 || c == 4) pen.VLine(kXs[c], kYs[1], kYs.back());
    else pen.VLine(kXs[c], kYs.front(), kYs.back());
  }
  std::vector<RuledGrid> grids = FindRuledGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  const RuledGrid& g = grids[0];
  ASSERT_EQ(g.rows(), 6);
  ASSERT_EQ(g.cols(), 5);
  const RuledCell* stt = CellAt(g, 0, 0);
  ASSERT_NE(stt, nullptr);
  EXPECT_EQ(stt->row_span, 2);
  EXPECT_EQ(stt->col_span, 1);
  EXPECT_EQ(CellAt(g, 1, 0), nullptr);  // covered by the STT cell
  const RuledCell* group = CellAt(g, 0, 2);
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->col_span, 3);
  EXPECT_EQ(group->row_span, 1);
  EXPECT_EQ(g.cells.size(), 30u - 1 - 2);
}

TEST(RuledGridTest, BrokenRulesAreBridgedNotReadAsMergedCells) {
  Image img = WhitePage(1700, 1100);
  Pen pen{&img};
  DrawGrid(pen, kXs, kYs);
  // Gaps that start and end between joints: damage, not structure. One of
  // them (x 850..1150) swallows a whole slot edge and a joint.
  Pen eraser{&img, 0, 255, 7};
  eraser.HLine(500, 560, kYs[2]);
  eraser.HLine(850, 1150, kYs[3]);
  eraser.HLine(1310, 1330, kYs[4]);
  eraser.VLine(kXs[1], 500, 540);
  eraser.VLine(kXs[3], 590, 700);
  std::vector<RuledGrid> grids = FindRuledGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows(), 6);
  EXPECT_EQ(grids[0].cols(), 5);
  EXPECT_EQ(grids[0].cells.size(), 30u);
  for (const RuledCell& c : grids[0].cells) EXPECT_EQ(c.row_span * c.col_span, 1);
}

// Rules worn away in many places (a faint or photocopied print): with the
// page's ink as evidence, a rule of which only pieces shorter than a row
// are left is still found when its padding is clear and the cells' texts
// lie apart on its two sides; a missing piece between joints with text on
// both sides is damage, not a merged cell; strokes through one cell's text
// are no rule.
TEST(RuledGridTest, WornRulesAreRepairedFromTheTextBesideThem) {
  Image img = WhitePage(1700, 1100);
  Pen pen{&img};
  DrawGrid(pen, kXs, kYs);
  Pen eraser{&img, 0, 255, 7};
  // Column rule 3 (x 1100): only 70-pixel pieces left in three of six rows.
  eraser.VLine(kXs[3], kYs.front() + 3, kYs.back() - 3);
  for (int r : {1, 3, 5}) pen.VLine(kXs[3], kYs[r] + 5, kYs[r] + 75);
  // Column rule 2 (x 900): its whole piece in row 2, joint to joint, lost.
  eraser.VLine(kXs[2], kYs[2] + 3, kYs[3] - 3);
  Pen text{&img, 0, 40};
  for (size_t r = 0; r + 1 < kYs.size(); ++r)
    for (size_t c = 0; c + 1 < kXs.size(); ++c) text.Text(kXs[c] + 25, kYs[r] + 30, kXs[c + 1] - 40, kYs[r] + 50);
  // A stroke through the text of column 1 (a signature), in pieces.
  for (int r : {1, 2, 3}) pen.VLine(600, kYs[r] + 5, kYs[r] + 75);
  std::unique_ptr<PageImage> page;
  ASSERT_TRUE(PageImage::Analyse(img, PageImageOptions(), &page).ok());
  const std::vector<RuledGrid> without = FindRuledGrids(page->grey_pix(), page->dpi());
  ASSERT_EQ(without.size(), 1u);
  EXPECT_EQ(without[0].cols(), 4);  // the worn rule is lost without the ink
  const std::vector<RuledGrid> grids = FindRuledGrids(page->grey_pix(), page->dpi(), nullptr, nullptr, page->ink());
  ASSERT_EQ(grids.size(), 1u);
  const RuledGrid& g = grids[0];
  EXPECT_EQ(g.rows(), 6);
  ASSERT_EQ(g.cols(), 5);
  EXPECT_NEAR(g.col_rules[3], kXs[3], 3);
  EXPECT_EQ(g.cells.size(), 30u);
  for (const RuledCell& c : g.cells) EXPECT_EQ(c.row_span * c.col_span, 1);
}

TEST(RuledGridTest, FaintNoisyRulesAreFoundAfterBinarisation) {
  Image img = WhitePage(1700, 1100);
  Pen pen{&img, 0, 175, 2};
  DrawGrid(pen, kXs, kYs);
  Pen text{&img, 0, 40};
  text.Text(kXs[1] + 20, kYs[1] + 25, kXs[2] - 20, kYs[2] - 25);
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 18);
  // Uneven light: the right half darker.
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      uint8_t& p = img.pixels[static_cast<size_t>(y) * img.stride + x];
      double v = p - 40.0 * x / img.width + noise(rng);
      p = static_cast<uint8_t>(std::clamp(v, 0.0, 255.0));
    }
  std::vector<RuledGrid> grids = GridsOfPage(img);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows(), 6);
  EXPECT_EQ(grids[0].cols(), 5);
}

// Toner-starved print: the column rules and the frame and header rules
// still dark enough, the body's row rules only 7 grey levels under the
// paper and broken in places, on a slightly noisy page. At the usual
// contrast the grid is two rows (header, body); the faint pass finds the
// row rules of the body too.
TEST(RuledGridTest, TonerStarvedRowRulesAreFoundByTheFaintPass) {
  Image img = WhitePage(1700, 1100);
  for (uint8_t& p : img.pixels) p = 252;
  Pen rows{&img, 0, 245, 3};
  for (double y : kYs)
    for (double x = kXs.front(); x < kXs.back(); x += 160) rows.HLine(x, std::min(x + 110, kXs.back()), y);
  Pen dark{&img, 0, 200, 3};
  for (double x : kXs) dark.VLine(x, kYs.front(), kYs.back());
  for (double y : {kYs[0], kYs[1], kYs.back()}) dark.HLine(kXs.front(), kXs.back(), y);
  Pen text{&img, 0, 40};
  for (size_t r = 0; r + 1 < kYs.size(); ++r)
    for (size_t c = 0; c + 1 < kXs.size(); ++c) text.Text(kXs[c] + 25, kYs[r] + 30, kXs[c + 1] - 40, kYs[r] + 50);
  std::mt19937 rng(11);
  std::normal_distribution<double> noise(0, 2);
  for (uint8_t& p : img.pixels) p = static_cast<uint8_t>(std::clamp(p + noise(rng), 0.0, 255.0));
  std::unique_ptr<PageImage> page;
  ASSERT_TRUE(PageImage::Analyse(img, PageImageOptions(), &page).ok());
  std::vector<RuledGrid> grids = FindRuledGrids(page->grey_pix(), page->dpi(), nullptr, nullptr, page->ink());
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows(), 6);
  EXPECT_EQ(grids[0].cols(), 5);
}

// Text lines alone, at the faint contrast, make no grid: the faint pass
// runs only where a ruled piece was found at the usual contrast.
TEST(RuledGridTest, TextWithoutRulesMakesNoGridAtAnyContrast) {
  Image img = WhitePage(1700, 1100);
  Pen text{&img, 0, 40};
  for (double y = 300; y < 900; y += 60)
    for (double x = 200; x < 1500; x += 250) text.Text(x, y, x + 180, y + 25);
  EXPECT_TRUE(FindRuledGrids(img).empty());
}

TEST(RuledGridTest, RotatedPageIsDeskewedAndItsGridFound) {
  Image img = WhitePage(1700, 1100);
  Pen pen{&img, 1.2};
  DrawGrid(pen, kXs, kYs);
  for (size_t r = 0; r + 1 < kYs.size(); ++r) pen.Text(kXs[1] + 20, kYs[r] + 25, kXs[2] - 60, kYs[r + 1] - 25);
  double skew = 0;
  std::vector<RuledGrid> grids = GridsOfPage(img, &skew);
  EXPECT_NEAR(std::fabs(skew), 1.2, 0.15);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows(), 6);
  EXPECT_EQ(grids[0].cols(), 5);
  EXPECT_EQ(grids[0].cells.size(), 30u);
}

// A photocopier's toner streak: a thin grey line down the page through the
// table and far below it. It crosses every row rule, but a table's rules end
// at its frame: the streak is no column rule (before, it split a column in
// two). A table whose bottom rule was lost, all its column rules running on
// below its last row rule, keeps them.
TEST(RuledGridTest, TonerStreakDownThePageIsNoColumnRule) {
  Image img = WhitePage(1700, 1100);
  Pen pen{&img};
  DrawGrid(pen, kXs, kYs);
  Pen streak{&img};
  streak.thick = 2;
  streak.ink = 120;
  streak.VLine(1000, 250, 1080);
  std::vector<RuledGrid> grids = FindRuledGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].cols(), 5);
  for (double x : grids[0].col_rules) EXPECT_GT(std::fabs(x - 1000), 10);

  Image open = WhitePage(1700, 1100);
  Pen pen2{&open};
  for (size_t i = 0; i + 1 < kYs.size(); ++i) pen2.HLine(kXs.front(), kXs.back(), kYs[i]);
  for (double x : kXs) pen2.VLine(x, kYs.front(), kYs.back() + 200);
  grids = FindRuledGrids(open);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].cols(), 5);
}

TEST(RuledGridTest, PageFrameAndSingleBoxAreNoTables) {
  Image img = WhitePage(1700, 1100);
  Pen pen{&img};
  DrawGrid(pen, {50, 1650}, {50, 1050});    // a frame around the page
  DrawGrid(pen, {300, 700}, {300, 420});    // a box around a heading
  DrawGrid(pen, {900, 1200, 1500}, {300, 420});  // one row of two boxes
  pen.Text(320, 320, 680, 400);
  EXPECT_TRUE(FindRuledGrids(img).empty());
}

TEST(RuledGridTest, TwoTablesOnAPageAreTwoGrids) {
  Image img = WhitePage(1700, 2000);
  Pen pen{&img};
  DrawGrid(pen, {200, 600, 1000}, {200, 300, 400});
  DrawGrid(pen, {200, 500, 800, 1100, 1400}, {1000, 1100, 1200, 1300});
  std::vector<RuledGrid> grids = FindRuledGrids(img);
  ASSERT_EQ(grids.size(), 2u);
  EXPECT_EQ(grids[0].rows(), 2);
  EXPECT_EQ(grids[0].cols(), 2);
  EXPECT_EQ(grids[1].rows(), 3);
  EXPECT_EQ(grids[1].cols(), 4);
}

TEST(PageImageTest, BlankPageIsLeftAlone) {
  Image img = WhitePage(600, 400);
  std::unique_ptr<PageImage> page;
  ASSERT_TRUE(PageImage::Analyse(img, PageImageOptions(), &page).ok());
  EXPECT_EQ(page->quarter_turns(), 0);
  EXPECT_EQ(page->skew_degrees(), 0);
  EXPECT_EQ(page->grey().width, 600);
}

// Regression (bench/office, TCVN3 PDF in fallback fonts): a two-level
// header whose inner rule was not found is one grid row; the group label
// runs over its leaf cells above their labels. The row is split under the
// label, the label's cells (widened in pairs to the cells with no words on
// its line) merged, and the cells beside it span both halves: no
// "Nhóm Tổng"/"hai Mới" interleaving.
TEST(TextLayerGridTest, GroupLabelOverLeafCellsSplitsTheHeaderRow) {
  // Points = pixels at 72 dpi. Columns: STT, unit, four leaves.
  RuledGrid g;
  g.col_rules = {0, 30, 130, 180, 230, 280, 330};
  g.row_rules = {0, 60, 80};
  g.frame = {0, 0, 330, 80};
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 6; ++c) {
      RuledCell cell;
      cell.row = r;
      cell.col = c;
      cell.box = {g.col_rules[c], g.row_rules[r], g.col_rules[c + 1], g.row_rules[r + 1]};
      g.cells.push_back(cell);
    }
  std::vector<PdfTextBox> boxes;
  auto word = [&](const char* t, double x0, double x1, double y) {
    PdfTextBox b;
    b.text = t;
    b.box = {x0, y, x1, y + 10};
    boxes.push_back(b);
  };
  word("STT", 5, 25, 5);
  word("Đơn", 60, 78, 5);
  word("vị", 81, 90, 5);
  // "Nhóm hai hồ sơ" centred over the four leaves, in the middle two cells.
  word("Nhóm", 205, 225, 5);
  word("hai", 228, 240, 5);
  word("hồ", 243, 252, 5);
  word("sơ", 255, 262, 5);
  word("Tổng", 140, 165, 22);
  word("Mới", 190, 210, 22);
  word("Cũ", 245, 255, 22);
  word("Trễ", 145, 160, 38);  // the second line of the first leaf, "Tổng Trễ"
  word("Khác", 295, 320, 22);
  word("1", 10, 15, 65);
  word("Sở Y tế", 40, 80, 65);
  std::vector<Grid> grids;
  std::vector<std::vector<Line>> rows;
  PlaceWordsInGrids({g}, 72, &boxes, &grids, &rows);
  ASSERT_EQ(grids.size(), 1u);
  const Grid& grid = grids[0];
  EXPECT_EQ(grid.rows, 3);
  auto text_at = [&](int r, int c, int* col_span, int* row_span) {
    for (const GridCell& cell : grid.cells)
      if (cell.row == r && cell.col == c) {
        *col_span = cell.col_span;
        *row_span = cell.row_span;
        return cell.text;
      }
    return std::string("(none)");
  };
  int cs = 0, rs = 0;
  EXPECT_EQ(text_at(0, 2, &cs, &rs), "Nhóm hai hồ sơ");
  EXPECT_EQ(cs, 4);
  EXPECT_EQ(rs, 1);
  EXPECT_EQ(text_at(0, 1, &cs, &rs), "Đơn vị");
  EXPECT_EQ(rs, 2);
  EXPECT_EQ(text_at(1, 2, &cs, &rs), "Tổng Trễ");
  EXPECT_EQ(text_at(1, 3, &cs, &rs), "Mới");
  EXPECT_EQ(text_at(1, 4, &cs, &rs), "Cũ");
  EXPECT_EQ(text_at(1, 5, &cs, &rs), "Khác");
  EXPECT_EQ(text_at(2, 1, &cs, &rs), "Sở Y tế");
}

uint8_t PixelAt(const Image& img, int x, int y) { return img.pixels[static_cast<size_t>(y) * img.stride + x]; }

TEST(PageImageTest, QuarterTurnsGivenAreClockwise) {
  Image img = WhitePage(600, 400);
  Pen pen{&img, 0, 0, 10};
  pen.HLine(10, 60, 20);  // a mark near the top-left corner
  PageImageOptions o;
  o.quarter_turns = 1;
  o.deskew = false;
  std::unique_ptr<PageImage> page;
  ASSERT_TRUE(PageImage::Analyse(img, o, &page).ok());
  EXPECT_EQ(page->quarter_turns(), 1);
  ASSERT_EQ(page->grey().width, 400);
  ASSERT_EQ(page->grey().height, 600);
  // Turned clockwise, the top-left corner goes to the top right.
  EXPECT_LT(PixelAt(page->grey(), 400 - 1 - 20, 35), 128);
  EXPECT_GT(PixelAt(page->grey(), 20, 35), 128);
}

TEST(PageImageTest, BilevelLowResolutionScanIsSmoothedAndScaledUp) {
  Image fax = WhitePage(400, 300);
  fax.dpi = 150;
  Pen pen{&fax, 0.7, 0, 2};  // a slanted 1-bit stroke: a staircase
  DrawGrid(pen, {50, 200, 350}, {50, 150, 250});
  PageImageOptions o;
  o.upscale = true;
  o.smooth_bilevel = true;
  std::unique_ptr<PageImage> page;
  ASSERT_TRUE(PageImage::Analyse(fax, o, &page).ok());
  EXPECT_TRUE(page->smoothed());
  EXPECT_EQ(page->scaled_from_dpi(), 150);
  EXPECT_EQ(page->dpi(), 300);
  EXPECT_EQ(page->grey().width, 800);
  int grey = 0;
  for (uint8_t v : page->grey().pixels) grey += v > 20 && v < 235;
  EXPECT_GT(grey, 1000);  // the strokes have grey edges now
  // The grid is still found on the prepared page, at its scale.
  const std::vector<RuledGrid> grids = FindRuledGrids(page->grey_pix(), page->dpi());
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].cols(), 2);
  EXPECT_EQ(grids[0].rows(), 2);
}

TEST(PageImageTest, GreyPageIsNotSmoothedAndThreeHundredDpiNotScaled) {
  Image img = WhitePage(600, 400);
  Pen pen{&img, 0, 40, 3};
  DrawGrid(pen, {50, 300, 550}, {50, 200, 350});
  for (size_t i = 0; i < img.pixels.size(); i += 7) img.pixels[i] = 200;  // grey texture
  std::unique_ptr<PageImage> page;
  ASSERT_TRUE(PageImage::Analyse(img, PageImageOptions(), &page).ok());
  EXPECT_FALSE(page->smoothed());
  EXPECT_EQ(page->scaled_from_dpi(), 0);
  EXPECT_EQ(page->grey().width, 600);
}

// A page of letter-like blobs, 30 pixels high, with strokes 4 wide.
Image LettersPage() {
  Image img = WhitePage(1200, 900);
  for (int y0 = 100; y0 + 30 < 800; y0 += 60)
    for (int x0 = 100; x0 + 20 < 1100; x0 += 30)
      for (int y = y0; y < y0 + 30; ++y)
        for (int x = x0; x < x0 + 20; ++x) {
          const bool stroke = x < x0 + 4 || x >= x0 + 16 || y < y0 + 4 || y >= y0 + 26;
          if (stroke) img.pixels[static_cast<size_t>(y) * img.stride + x] = 20;
        }
  return img;
}

// A Gaussian-like blur: three passes of a (2r+1)^2 box mean.
Image Blurred(const Image& img, int r) {
  Pix* pix = ImageToPix(img);
  for (int i = 0; i < 3; ++i) {
    Pix* b = pixBlockconv(pix, r, r);
    pixDestroy(&pix);
    pix = b;
  }
  Image out;
  PixToImage(pix, img.dpi, &out);
  pixDestroy(&pix);
  return out;
}

double EdgeWidthOf(const Image& img) {
  Pix* grey = ImageToPix(img);
  Pix* ink = BinarizePage(grey, img.dpi);
  const double w = EdgeWidth(grey, ink);
  pixDestroy(&grey);
  pixDestroy(&ink);
  return w;
}

TEST(PageImageTest, EdgeWidthTellsABlurredPageFromASharpOne) {
  const Image sharp = LettersPage();
  const double w0 = EdgeWidthOf(sharp), w1 = EdgeWidthOf(Blurred(sharp, 1)), w2 = EdgeWidthOf(Blurred(sharp, 2));
  EXPECT_LT(w0, 1.5);  // a drawn page: no ramp at all
  EXPECT_GT(w2, 6.0);
  EXPECT_LT(w0, w1);
  EXPECT_LT(w1, w2);
  EXPECT_EQ(EdgeWidthOf(WhitePage(400, 300)), 0);  // no edges: nothing to tell
}

TEST(PageImageTest, LetterHeightIsTheHeightOfTheLetters) {
  const Image page = LettersPage();
  Pix* grey = ImageToPix(page);
  Pix* ink = BinarizePage(grey, page.dpi);
  EXPECT_NEAR(LetterHeight(ink), 30, 2);
  pixDestroy(&grey);
  pixDestroy(&ink);
}

TEST(PageImageTest, BlurredPageIsSharpenedAndASharpOneLeftAlone) {
  PageImageOptions o;
  o.sharpen = true;
  o.deskew = false;
  const Image blurred = Blurred(LettersPage(), 2);
  std::unique_ptr<PageImage> page;
  ASSERT_TRUE(PageImage::Analyse(blurred, o, &page).ok());
  EXPECT_TRUE(page->sharpened());
  EXPECT_LT(EdgeWidthOf(page->grey()), EdgeWidthOf(blurred));
  ASSERT_TRUE(PageImage::Analyse(LettersPage(), o, &page).ok());
  EXPECT_FALSE(page->sharpened());
}

TEST(PageImageTest, TwoHundredDpiIsNotScaledByDefault) {
  Image img = LettersPage();
  img.dpi = 200;
  std::unique_ptr<PageImage> page;
  ASSERT_TRUE(PageImage::Analyse(img, PageImageOptions(), &page).ok());
  EXPECT_EQ(page->scaled_from_dpi(), 0);
  EXPECT_EQ(page->dpi(), 200);
  img.dpi = 150;
  ASSERT_TRUE(PageImage::Analyse(img, PageImageOptions(), &page).ok());
  EXPECT_EQ(page->scaled_from_dpi(), 150);
  EXPECT_EQ(page->grey().width, 2 * img.width);
}

}  // namespace
}  // namespace sohoa
