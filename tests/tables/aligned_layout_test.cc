// The alignment reader (pipeline/tables/layout.cc): tables without a grid of
// rules read from word boxes. Column bands from the x-extents of numbers,
// rows with wrapped names, header cells above the STT line.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/tables/internal.h"
#include "pipeline/tables/tables.h"

namespace sohoa {
namespace {

using tables_internal::BandOf;
using tables_internal::ColumnBand;
using tables_internal::NumericColumnBands;
using Spans = std::vector<std::vector<std::pair<double, double>>>;

const std::string kDict = SOHOA_DICTIONARIES_DIR_FOR_TESTS;

TEST(NumericColumnBandsTest, LeftAlignedNumbersOfDifferentWidthsAreOneColumnEach) {
  // Right edges 130/180/150 and 380/320: clustering right edges would make
  // more columns than there are.
  Spans rows = {{{100, 130}, {300, 380}}, {{100, 180}, {300, 320}}, {{100, 150}, {300, 350}}};
  std::vector<ColumnBand> bands = NumericColumnBands(rows, 40);
  ASSERT_EQ(bands.size(), 2u);
  EXPECT_EQ(bands[0].x0, 100);
  EXPECT_EQ(bands[0].x1, 180);
  EXPECT_EQ(bands[1].x0, 300);
  EXPECT_EQ(bands[1].x1, 380);
  // The first column ends just before the next column's numbers start.
  EXPECT_GT(bands[0].right, 180);
  EXPECT_LT(bands[0].right, 300);
  EXPECT_EQ(BandOf(bands, 300, 330), 1u);
  EXPECT_EQ(BandOf(bands, 190, 200), 0u);  // apart from both: the nearest
}

TEST(NumericColumnBandsTest, RightAlignedColumnsEndAtTheirNumbersCommonEdge) {
  Spans rows = {{{150, 180}, {350, 380}}, {{100, 181}, {300, 379}}, {{160, 180}, {340, 380}}};
  std::vector<ColumnBand> bands = NumericColumnBands(rows, 40);
  ASSERT_EQ(bands.size(), 2u);
  EXPECT_NEAR(bands[0].right, 180, 1);
  EXPECT_NEAR(bands[1].right, 380, 1);
}

TEST(NumericColumnBandsTest, CentredNumbersAndOneBoxBridgingTwoColumns) {
  // Ten rows, numbers centred on 200 and 400; row 5 has a box OCR ran over
  // both columns ("13 0"): it must not join them.
  Spans rows;
  for (int r = 0; r < 10; ++r) {
    double w = 10 + 5 * (r % 4);
    if (r == 5) rows.push_back({{190, 410}});
    else rows.push_back({{200 - w, 200 + w}, {400 - w, 400 + w}});
  }
  // A column only the total row fills, far right, stays a column.
  rows.back().push_back({600, 640});
  std::vector<ColumnBand> bands = NumericColumnBands(rows, 40);
  ASSERT_EQ(bands.size(), 3u);
  EXPECT_LT(bands[0].x1, 230);
  EXPECT_GT(bands[1].x0, 370);
  EXPECT_EQ(bands[2].x0, 600);
}

class AlignedPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TableOptions o;
    o.dictionaries_dir = kDict;
    ASSERT_TRUE(TableParser::Open(o, &parser_).ok());
    page_.number = 1;
    page_.unit = BoxUnit::kPixels;
    page_.dpi = 300;
  }
  // One OCR line: words (text, x0, x1) with tops at y, 40 px high.
  void Line(std::vector<std::tuple<std::string, double, double>> words, double y) {
    sohoa::Line l;
    for (auto& [text, x0, x1] : words) {
      Word w;
      w.text = text;
      w.box = {x0, y, x1, y + 40};
      w.trailing = " ";
      w.source = WordSource::kOcr;
      l.words.push_back(w);
    }
    page_.lines.push_back(l);
  }
  std::vector<Table> Parse() {
    Document doc;
    doc.pages.push_back(page_);
    std::vector<Table> tables;
    findings_.clear();
    parser_->Parse(doc, &tables, &findings_);
    return tables;
  }
  std::unique_ptr<TableParser> parser_;
  Page page_;
  std::vector<Finding> findings_;
};

// A table ruled only by horizontal lines (or none): numbers left-aligned,
// a three-level header whose cells are centred vertically (the group label
// starts above the STT line), unit names wrapped above and below a centred
// number line and below a top-aligned one.
TEST_F(AlignedPageTest, LeftAlignedColumnsWrappedNamesAndCentredHeader) {
  Line({{"PHỤ", 500, 580}, {"LỤC", 590, 660}}, -100);
  // Header. Columns: numbers start at 620, 820, 1070.
  Line({{"Số", 700, 740}, {"hồ", 750, 790}, {"sơ", 800, 840}, {"nhận", 850, 930}, {"giải", 940, 1010},
        {"quyết", 1020, 1110}},
       90);
  Line({{"STT", 20, 90}, {"Đơn", 250, 310}, {"vị", 320, 350}, {"Trong", 975, 1060}, {"đó", 1070, 1120}}, 160);
  Line({{"Tổng", 640, 720}, {"số", 730, 770}}, 200);
  Line({{"Kỳ", 830, 870}, {"trước", 880, 970}, {"Mới", 1080, 1140}, {"tiếp", 1150, 1210}, {"nhận", 1220, 1290}}, 250);
  // Row 1, one line.
  Line({{"1", 30, 50}, {"Sở", 110, 150}, {"Y", 160, 180}, {"tế", 190, 220}, {"120", 620, 680}, {"20", 820, 860},
        {"100", 1070, 1130}},
       320);
  // Row 2: the name on two lines, the numbers centred between them.
  Line({{"Ủy", 110, 150}, {"ban", 160, 220}, {"nhân", 230, 310}}, 390);
  Line({{"2", 30, 50}, {"1.234", 620, 720}, {"34", 820, 860}, {"1.200", 1070, 1170}}, 415);
  Line({{"dân", 110, 170}, {"huyện", 180, 280}, {"A", 290, 310}}, 440);
  // Row 3: top-aligned, the last word of the name on the next line.
  Line({{"3", 30, 50}, {"UBND", 110, 200}, {"huyện", 210, 310}, {"Ba", 320, 360}, {"5", 620, 640}, {"-", 820, 835},
        {"5", 1070, 1090}},
       520);
  Line({{"Vì", 110, 150}}, 565);
  Line({{"Tổng", 110, 180}, {"cộng", 190, 260}, {"1.359", 620, 720}, {"54", 820, 860}, {"1.305", 1070, 1170}}, 650);

  std::vector<Table> tables = Parse();
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.schema, "results");
  std::vector<std::string> keys;
  for (const Column& c : t.columns) keys.push_back(c.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"received_total", "received_carryover", "received_new"}));
  // Keyed by the header itself, not only by the sums.
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.columns[2].header,
            (std::vector<std::string>{"Số hồ sơ nhận giải quyết", "Trong đó", "Mới tiếp nhận"}));
  EXPECT_EQ(t.columns[0].header, (std::vector<std::string>{"Số hồ sơ nhận giải quyết", "Tổng số"}));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].unit, "Sở Y tế");
  EXPECT_EQ(t.rows[1].unit, "Ủy ban nhân dân huyện A");
  EXPECT_EQ(t.rows[2].unit, "UBND huyện Ba Vì");
  EXPECT_EQ(t.rows[1].stt, "2");
  ASSERT_EQ(t.rows[1].cells.size(), 3u);
  EXPECT_EQ(t.rows[1].cells[0].value, 1234);
  EXPECT_EQ(t.rows[1].cells[1].value, 34);
  EXPECT_EQ(t.rows[1].cells[2].value, 1200);
  EXPECT_TRUE(t.rows[2].cells[1].dash);
  ASSERT_TRUE(t.total.has_value());
  ASSERT_EQ(t.total->cells.size(), 3u);
  EXPECT_EQ(t.total->cells[2].value, 1305);
}

// A blank cell stays in its own column when the numbers are centred.
TEST_F(AlignedPageTest, CentredNumbersWithABlankCellKeepTheirColumns) {
  Line({{"STT", 20, 90}, {"Đơn", 250, 310}, {"vị", 320, 350}, {"Tổng", 600, 680}, {"số", 690, 730},
        {"Trước", 850, 950}, {"hạn", 960, 1010}, {"Đúng", 1100, 1190}, {"hạn", 1200, 1250}},
       100);
  Line({{"1", 30, 50}, {"Sở", 110, 150}, {"Y", 160, 180}, {"tế", 190, 220}, {"12", 645, 685}, {"4", 920, 940},
        {"8", 1170, 1190}},
       170);
  Line({{"2", 30, 50}, {"Sở", 110, 150}, {"Nội", 160, 220}, {"vụ", 230, 260}, {"1.120", 615, 715},
        {"1.120", 1130, 1230}},
       230);
  Line({{"3", 30, 50}, {"Sở", 110, 150}, {"Tư", 160, 200}, {"pháp", 210, 290}, {"7", 655, 675}, {"3", 920, 940},
        {"4", 1170, 1190}},
       290);
  std::vector<Table> tables = Parse();
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  ASSERT_EQ(t.columns.size(), 3u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1].cells[0].value, 1120);
  EXPECT_FALSE(t.rows[1].cells[1].value.has_value());
  EXPECT_EQ(t.rows[1].cells[2].value, 1120);
  EXPECT_EQ(t.rows[2].cells[1].value, 3);
}

}  // namespace
}  // namespace sohoa
