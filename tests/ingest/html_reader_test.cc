// The HTML reader (pipeline/ingest/html_reader.h): detection, text lines,
// tables laid out into grids and tab-separated rows, limits.
#include "pipeline/ingest/html_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "pipeline/ingest/markup_text.h"

namespace sohoa {
namespace {

Document Read(const std::string& html, HtmlKind kind = HtmlKind::kDocument,
              const HtmlLimits& limits = {}) {
  Document doc;
  Status s = ReadHtml("t.html", html, kind, limits, &doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

std::string Text(const Document& doc) { return doc.Text(); }

TEST(HtmlDetectTest, DocumentsAndTextWithTables) {
  EXPECT_EQ(DetectHtml("<!DOCTYPE html><p>x"), HtmlKind::kDocument);
  EXPECT_EQ(DetectHtml("\xEF\xBB\xBF  <!-- saved -->\n<HTML><body>"), HtmlKind::kDocument);
  EXPECT_EQ(DetectHtml("Báo cáo\n<table border=1>\n<tr><td>1</td></tr></table>"),
            HtmlKind::kTextWithTables);
  EXPECT_EQ(DetectHtml("<TABLE><TR><TH>STT</TH>"), HtmlKind::kTextWithTables);
  // A mention of a table, or a tag-like word, is not HTML.
  EXPECT_EQ(DetectHtml("x < 5 ngày, <tablet> và <td> không"), HtmlKind::kNone);
  EXPECT_EQ(DetectHtml("Phụ lục <table> chưa có ô"), HtmlKind::kNone);
  EXPECT_EQ(DetectHtml("plain text"), HtmlKind::kNone);
}

TEST(HtmlDetectTest, DeclaredCharset) {
  EXPECT_EQ(DeclaredHtmlCharset("<meta charset=\"Windows-1258\">"), "windows-1258");
  EXPECT_EQ(DeclaredHtmlCharset("<meta http-equiv=Content-Type content='text/html; charset=utf-8'>"),
            "utf-8");
  EXPECT_EQ(DeclaredHtmlCharset("<p>no charset</p>"), "");
}

TEST(HtmlReaderTest, BlocksBreaksEntitiesScriptsAndSpaces) {
  Document doc = Read(
      "<html><head><title>T</title><style>p{}</style></head><body>"
      "<script>alert(1)</script><p>Cộng   hòa <b>xã</b>&nbsp;hội</p>"
      "<div>A&amp;B &#7897; &#x1ED9;<br>dòng hai</div>x &lt;5</body></html>");
  EXPECT_EQ(Text(doc), "Cộng hòa xã\u00A0hội\nA&B ộ ộ\ndòng hai\nx <5");
  EXPECT_EQ(doc.pages[0].unit, BoxUnit::kNone);
  EXPECT_TRUE(doc.pages[0].grids.empty());
}

TEST(HtmlReaderTest, FontFacesAndFontFamiliesReachTheWords) {
  // LibreOffice's HTML of a TCVN3 document: every run names its font; in
  // table cells too. The first family named, without quotes.
  Document doc = Read(
      "<html><body><p><font face=\".VnTimeH, serif\"><b>ubnd</b></font> "
      "<span style=\"color: red; font-family: 'VNI-Times', serif\">x</span> plain</p>"
      "<table><tr><td><font face=\".VnArialH\">stt</font></td>"
      "<td>a <font face=\".VnTime\">b\u00B8o</font></td></tr>"
      "<tr><td>1</td><td>2</td></tr></table></body></html>");
  const Page& page = doc.pages[0];
  ASSERT_EQ(page.lines.size(), 3u);
  ASSERT_EQ(page.lines[0].words.size(), 3u);
  EXPECT_EQ(page.lines[0].words[0].font, ".VnTimeH");
  EXPECT_EQ(page.lines[0].words[1].font, "VNI-Times");
  EXPECT_EQ(page.lines[0].words[2].font, "");  // the font ends with its element
  ASSERT_EQ(page.lines[1].words.size(), 3u);
  EXPECT_EQ(page.lines[1].words[0].text, "stt");
  EXPECT_EQ(page.lines[1].words[0].font, ".VnArialH");
  EXPECT_EQ(page.lines[1].words[1].font, "");
  EXPECT_EQ(page.lines[1].words[2].text, "b\u00B8o");
  EXPECT_EQ(page.lines[1].words[2].font, ".VnTime");
  EXPECT_EQ(page.grids[0].cells[1].text, "a b\u00B8o");
}

TEST(HtmlReaderTest, SourceNewlinesInTextAreKept) {
  // A text export with a little markup: its own line ends are lines.
  Document doc = Read("<html><body>Dòng một\nDòng hai\n\nĐoạn mới<br>\nsau br</body></html>");
  EXPECT_EQ(Text(doc), "Dòng một\nDòng hai\n\nĐoạn mới\nsau br");
}

TEST(HtmlReaderTest, RowAndColumnSpansAreLaidOutIntoSlots) {
  Document doc = Read(
      "<html><body><p>PHỤ LỤC</p><table>"
      "<tr><th rowspan=2>STT</th><th colspan=2>Số hồ sơ</th></tr>"
      "<tr><th>Kỳ <i>trước</i></th><th><p>Mới</p><p>tiếp nhận</p></th></tr>"
      "<tr><td>1</td><td>5</td><td>7</td></tr>"
      "<tr><td colspan=2><b>Tổng cộng</b></td><td>7</td></tr>"
      "</table><p>Sau bảng</p></body></html>");
  ASSERT_EQ(doc.pages.size(), 1u);
  const Page& page = doc.pages[0];
  EXPECT_EQ(page.Text(),
            "PHỤ LỤC\nSTT\tSố hồ sơ\t\n\tKỳ trước\tMới tiếp nhận\n1\t5\t7\nTổng cộng\t\t7\nSau bảng");
  ASSERT_EQ(page.grids.size(), 1u);
  const Grid& g = page.grids[0];
  EXPECT_EQ(g.structure, "html");
  EXPECT_EQ(g.rows, 4);
  EXPECT_EQ(g.cols, 3);
  EXPECT_EQ(g.first_line, 1);
  ASSERT_EQ(g.cells.size(), 9u);
  EXPECT_EQ(g.cells[0].text, "STT");
  EXPECT_EQ(g.cells[0].row_span, 2);
  EXPECT_EQ(g.cells[1].text, "Số hồ sơ");
  EXPECT_EQ(g.cells[1].col_span, 2);
  EXPECT_EQ(g.cells[2].row, 1);
  EXPECT_EQ(g.cells[2].col, 1);  // after the row span of STT
  EXPECT_EQ(g.cells[3].text, "Mới tiếp nhận");
  EXPECT_EQ(g.cells[7].text, "Tổng cộng");
  EXPECT_EQ(g.cells[7].col_span, 2);
  EXPECT_EQ(g.cells[8].col, 2);
}

TEST(HtmlReaderTest, NestedTableIsFlattenedIntoItsCell) {
  Document doc = Read(
      "<html><body><table><tr><td>a</td><td><table><tr><td>x</td><td>y</td></tr>"
      "<tr><td>z</td></tr></table></td></tr><tr><td>b</td><td>c</td></tr></table></body></html>");
  const Page& page = doc.pages[0];
  ASSERT_EQ(page.grids.size(), 1u);
  EXPECT_EQ(page.Text(), "a\tx y z\nb\tc");
}

// An appendix table in a one-row layout table beside a note: the inner
// table is a grid of its own, the note a line after it.
TEST(HtmlReaderTest, OneRowLayoutTableAroundATableAndANote) {
  Document doc = Read(
      "<html><body><table><tr><td><table><tr><td>STT</td><td>Đơn vị</td></tr>"
      "<tr><td>1</td><td>Sở Y tế</td></tr></table></td><td><p>Đơn vị tính: hồ sơ</p></td></tr>"
      "</table></body></html>");
  const Page& page = doc.pages[0];
  ASSERT_EQ(page.grids.size(), 1u);
  EXPECT_EQ(page.grids[0].rows, 2);
  EXPECT_EQ(page.Text(), "STT\tĐơn vị\n1\tSở Y tế\nĐơn vị tính: hồ sơ");
}

TEST(HtmlReaderTest, OneCellTableIsALayoutFrame) {
  Document doc = Read("<html><body><table><tr><td><p>Dòng 1</p><p>Dòng 2</p></td></tr></table></body></html>");
  EXPECT_TRUE(doc.pages[0].grids.empty());
  EXPECT_EQ(Text(doc), "Dòng 1\nDòng 2");
}

TEST(HtmlReaderTest, TextWithTablesKeepsTheTextAsWritten) {
  std::string text =
      "Số: 12/BC\tHà Nội\r\n**PHỤ LỤC I**  \r\nx < 5 & <b>y</b>\n"
      "<table border=1>\n<tr><th>STT</th><th>Đơn vị</th></tr>\n"
      "<tr><td>1</td><td>Sở &amp; Ban</td></tr>\n</table>\nNơi nhận:\n\fTrang 2";
  Document doc = Read(text, HtmlKind::kTextWithTables);
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[0].Text(),
            "Số: 12/BC\tHà Nội\n**PHỤ LỤC I**  \nx < 5 & <b>y</b>\nSTT\tĐơn vị\n1\tSở & Ban\nNơi nhận:");
  ASSERT_EQ(doc.pages[0].grids.size(), 1u);
  EXPECT_EQ(doc.pages[0].grids[0].first_line, 3);
  EXPECT_EQ(doc.pages[1].Text(), "Trang 2");
}

// Regression: the second table of a text export was dropped (the first
// table's flag stopped the search in every later fragment).
TEST(HtmlReaderTest, EveryTableOfATextFileIsRead) {
  Document doc = Read("PL I\n<table><tr><td>1</td><td>2</td></tr></table>\nPL II\n"
                      "<table><tr><td>3</td><td>4</td></tr></table>\n", HtmlKind::kTextWithTables);
  EXPECT_EQ(Text(doc), "PL I\n1\t2\nPL II\n3\t4");
  EXPECT_EQ(doc.pages[0].grids.size(), 2u);
}

TEST(HtmlReaderTest, UnclosedTableRunsToTheEnd) {
  Document doc = Read("Trước\n<table><tr><td>1</td><td>2</td></tr>", HtmlKind::kTextWithTables);
  EXPECT_EQ(Text(doc), "Trước\n1\t2");
}

TEST(HtmlReaderTest, DeepNestingIsRefused) {
  std::string html = "<html><body>";
  for (int i = 0; i < 300; ++i) html += "<div>";
  html += "x";
  Document doc;
  Status s = ReadHtml("deep.html", html, HtmlKind::kDocument, HtmlLimits(), &doc);
  EXPECT_EQ(s.code(), Status::Code::kTooLarge);
  EXPECT_NE(s.message().find("nested deeper than 256"), std::string::npos) << s.message();
  // Unclosed inline formatting nests too.
  std::string b = "<html><body>";
  for (int i = 0; i < 300; ++i) b += "<b>";
  EXPECT_EQ(ReadHtml("b.html", b, HtmlKind::kDocument, HtmlLimits(), &doc).code(),
            Status::Code::kTooLarge);
  // Elements whose end tags may be left out do not count.
  std::string cells = "<html><body><table>";
  for (int i = 0; i < 2000; ++i) cells += "<tr><td>1<td>2";
  EXPECT_TRUE(ReadHtml("t.html", cells, HtmlKind::kDocument, HtmlLimits(), &doc).ok());
}

TEST(HtmlReaderTest, SizeAndCellLimits) {
  HtmlLimits limits;
  limits.max_bytes = 100;
  Document doc;
  EXPECT_EQ(ReadHtml("big.html", std::string(101, 'x'), HtmlKind::kDocument, limits, &doc).code(),
            Status::Code::kTooLarge);
  limits = HtmlLimits();
  limits.max_cells = 100;
  std::string html = "<html><body><table><tr><td colspan=1000>x</td></tr></table></body></html>";
  Status s = ReadHtml("wide.html", html, HtmlKind::kDocument, limits, &doc);
  EXPECT_EQ(s.code(), Status::Code::kTooLarge);
  EXPECT_NE(s.message().find("cells"), std::string::npos) << s.message();
}

TEST(LayoutGridTest, OverlappingSpansGiveWay) {
  // Row 0's first cell spans down two rows; row 1's colspan=2 cell would
  // overlap nothing, but a rowspan reaching past the last row is clipped.
  std::vector<SourceRow> rows = {{{"a", {}, -1, 1, 2}, {"b", {}, -1, 1, 9}},
                                 {{"c", {}, -1, 2, 1}}};
  Grid g;
  ASSERT_TRUE(LayoutGrid(rows, 1000, &g).ok());
  EXPECT_EQ(g.rows, 2);
  ASSERT_EQ(g.cells.size(), 3u);
  EXPECT_EQ(g.cells[1].row_span, 2);  // clipped at the last row
  // "c" starts at column 1 (0 is under "a"), and gives way at column 2? no:
  // column 2 is free, but column 1 is under "b": c moves past both.
  EXPECT_EQ(g.cells[2].col, 2);
  EXPECT_EQ(g.cols, 4);
}

}  // namespace
}  // namespace sohoa
