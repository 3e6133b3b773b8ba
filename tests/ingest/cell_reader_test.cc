// Cell-wise reading of a ruled grid (cell_reader.h) with a fake engine:
// blank cells are not OCR'd, a lone bar is a dash, numbers that the first
// reading garbles are read again with the digit whitelist, and the rows
// become tab-separated lines with empty fields for spans.
#include "pipeline/ingest/cell_reader.h"

#include <memory>

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

namespace sohoa {
namespace {

// Reads "l2" (a misread 12) in free mode and "12" with a whitelist; records
// the layouts asked for.
class ScriptedEngine : public OcrEngine {
 public:
  Status Recognize(const Image& image, const OcrOptions& options, std::vector<OcrWord>* words) override {
    layouts.push_back(options.layout);
    whitelists.push_back(options.whitelist);
    OcrWord w;
    w.text = options.whitelist.empty() ? "l2" : "12";
    w.box = {0, 0, static_cast<double>(image.width), static_cast<double>(image.height)};
    w.confidence = 0.9f;
    words->assign(1, w);
    return Status::Ok();
  }
  std::vector<OcrLayout> layouts;
  std::vector<std::string> whitelists;
};

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};

void Fill(Pix* pix, int x0, int y0, int x1, int y1) {
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) pixSetPixel(pix, x, y, 1);
}

TEST(CellReaderTest, BlankDashAndNumberCellsAndSpannedRows) {
  // 2 rows x 3 columns; row 0's last two slots are one cell.
  RuledGrid g;
  g.row_rules = {100, 200, 300};
  g.col_rules = {100, 300, 500, 700};
  g.rule_thickness = 3;
  g.frame = {100, 100, 700, 300};
  g.cells = {{0, 0, 1, 1, {100, 100, 300, 200}}, {0, 1, 1, 2, {300, 100, 700, 200}},
             {1, 0, 1, 1, {100, 200, 300, 300}}, {1, 1, 1, 1, {300, 200, 500, 300}},
             {1, 2, 1, 1, {500, 200, 700, 300}}};
  std::unique_ptr<Pix, PixDeleter> ink(pixCreate(800, 400, 1));
  // Two digit-sized blobs in row 0 col 0 and in the spanned cell.
  Fill(ink.get(), 150, 130, 168, 170);
  Fill(ink.get(), 174, 130, 192, 170);
  Fill(ink.get(), 450, 130, 468, 170);
  Fill(ink.get(), 474, 130, 492, 170);
  Fill(ink.get(), 380, 248, 410, 253);  // row 1 col 1: a short bar
  // row 1 col 0 and col 2 blank; a sliver of rule along col 2's edge is no ink
  Fill(ink.get(), 505, 205, 695, 207);
  ScriptedEngine engine;
  Grid grid;
  std::vector<Line> rows;
  CellReadStats stats;
  ASSERT_TRUE(ReadRuledGrid(g, ink.get(), nullptr, 300, &engine, OcrOptions(), &grid, &rows, &stats).ok());
  EXPECT_EQ(grid.structure, "ruled");
  EXPECT_EQ(grid.rows, 2);
  EXPECT_EQ(grid.cols, 3);
  ASSERT_EQ(grid.cells.size(), 5u);
  EXPECT_EQ(stats.blank, 2);
  // Two cells with text, each read twice (free, then digits only: a sure
  // reading with a digit per glyph is not read again).
  EXPECT_EQ(stats.recognised, 4);
  ASSERT_EQ(engine.layouts.size(), 4u);
  EXPECT_EQ(engine.layouts[0], OcrLayout::kLine);
  // Every cell is read freely first, then the numbers again.
  EXPECT_TRUE(engine.whitelists[0].empty());
  EXPECT_TRUE(engine.whitelists[1].empty());
  EXPECT_NE(engine.whitelists[2].find("0123456789"), std::string::npos);
  EXPECT_EQ(grid.cells[0].text, "12");
  EXPECT_EQ(grid.cells[1].text, "12");
  EXPECT_EQ(grid.cells[1].col_span, 2);
  EXPECT_EQ(grid.cells[2].text, "");
  EXPECT_EQ(grid.cells[3].text, "-");
  EXPECT_EQ(grid.cells[4].text, "");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].Text(), "12\t12\t");
  EXPECT_EQ(rows[1].Text(), "\t-\t");
  // Word boxes are on the page, inside their cells.
  ASSERT_FALSE(rows[0].words.empty());
  EXPECT_GE(rows[0].words[0].box.x0, 100);
  EXPECT_LE(rows[0].words[0].box.x1, 300);
}

TEST(CellReaderTest, RowLinesFromCellTextsWithRowSpans) {
  Grid grid;
  grid.rows = 2;
  grid.cols = 3;
  grid.cells = {{0, 0, 2, 1, "STT", {}, 1}, {0, 1, 1, 2, "Số hồ sơ", {}, 1}, {1, 1, 1, 1, "Tổng số", {}, 1},
                {1, 2, 1, 1, "Quá hạn", {}, 1}};
  std::vector<Line> lines = GridRowLines(grid, {});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].Text(), "STT\tSố hồ sơ\t");
  EXPECT_EQ(lines[1].Text(), "\tTổng số\tQuá hạn");
}

}  // namespace
}  // namespace sohoa
