// The .docx reader (pipeline/ingest/docx_reader.h) on packages built here in
// memory: paragraphs and run elements, fonts through styles, tables with
// gridSpan/vMerge/gridBefore/hMerge, nested tables, and hostile packages.
#include "pipeline/ingest/docx_reader.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace sohoa {
namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;

// A zip of `parts`, written by libzip into memory.
std::string Zip(const Parts& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    zip_file_add(za, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(za);
  std::string out;
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  out.resize(static_cast<size_t>(zip_source_tell(src)));
  zip_source_seek(src, 0, SEEK_SET);
  zip_source_read(src, out.data(), out.size());
  zip_source_close(src);
  zip_source_free(src);
  return out;
}

const char* kW = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string Body(const std::string& body) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document ") + kW +
         "><w:body>" + body + "</w:body></w:document>";
}

std::string P(const std::string& runs) { return "<w:p>" + runs + "</w:p>"; }
std::string R(const std::string& text, const std::string& font = "") {
  std::string rpr = font.empty() ? "" : "<w:rPr><w:rFonts w:ascii=\"" + font + "\" w:hAnsi=\"" + font + "\"/></w:rPr>";
  return "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}
std::string Tc(const std::string& text, const std::string& pr = "") {
  return "<w:tc>" + (pr.empty() ? "" : "<w:tcPr>" + pr + "</w:tcPr>") + P(R(text)) + "</w:tc>";
}

Status ReadParts(const Parts& parts, Document* doc, const DocxLimits& limits = {}) {
  *doc = Document();
  return ReadDocx("t.docx", Zip(parts), limits, doc);
}

Document ReadBody(const std::string& body, Parts extra = {}) {
  Parts parts = {{"word/document.xml", Body(body)}};
  for (auto& p : extra) parts.push_back(std::move(p));
  Document doc;
  Status s = ReadParts(parts, &doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

TEST(DocxReaderTest, ParagraphsBreaksTabsAndSymbols) {
  Document doc = ReadBody(
      P(R("Số:") + "<w:r><w:tab/><w:t>125</w:t><w:br/><w:t>dòng</w:t><w:cr/><w:t>A</w:t>"
                    "<w:noBreakHyphen/><w:t>B</w:t><w:softHyphen/><w:sym w:font=\"Symbol\" w:char=\"F0B3\"/>"
                    "<w:instrText> PAGE </w:instrText><w:delText>xoá</w:delText></w:r>") +
      P("") + P(R("sau")) + "<w:p><w:pPr><w:pageBreakBefore/></w:pPr>" + R("trang 2") + "</w:p>" +
      P(R("a") + "<w:r><w:br w:type=\"page\"/></w:r>" + R("b")));
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_EQ(doc.pages[0].Text(), "Số:\t125\ndòng\nA-B≥\n\nsau");
  EXPECT_EQ(doc.pages[1].Text(), "trang 2\na");
  EXPECT_EQ(doc.pages[2].Text(), "b");
}

TEST(DocxReaderTest, RunFontsComeFromRunsStylesAndDefaults) {
  std::string styles = std::string("<w:styles ") + kW +
                       "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" "
                       "w:hAnsi=\"Arial\"/></w:rPr></w:rPrDefault></w:docDefaults>"
                       "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"/>"
                       "<w:style w:type=\"paragraph\" w:styleId=\"Base\"><w:rPr><w:rFonts "
                       "w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr></w:style>"
                       "<w:style w:type=\"paragraph\" w:styleId=\"Heading\"><w:basedOn w:val=\"Base\"/></w:style>"
                       "<w:style w:type=\"character\" w:styleId=\"Caps\"><w:rPr><w:rFonts "
                       "w:hAnsi=\".VnTimeH\"/></w:rPr></w:style></w:styles>";
  Document doc = ReadBody(
      P(R("plain")) + "<w:p><w:pPr><w:pStyle w:val=\"Heading\"/></w:pPr>" + R("Céng") +
          "<w:r><w:rPr><w:rStyle w:val=\"Caps\"/></w:rPr><w:t>hßa x</w:t></w:r>" + R("Nam", "VNI-Times") +
          "</w:p>",
      {{"word/styles.xml", styles}});
  const auto& w0 = doc.pages[0].lines[0].words;
  ASSERT_EQ(w0.size(), 1u);
  EXPECT_EQ(w0[0].font, "Arial");  // document default
  const auto& w1 = doc.pages[0].lines[1].words;
  ASSERT_EQ(w1.size(), 2u);
  EXPECT_EQ(w1[0].text, "Cénghßa");  // one word over two runs
  // The font of most of its non-ASCII letters; a tie (é, ß) goes to the first.
  EXPECT_EQ(w1[0].font, ".VnTime");
  EXPECT_EQ(w1[1].text, "xNam");
  EXPECT_EQ(w1[1].font, "VNI-Times");  // no non-ASCII letter: most letters
  EXPECT_EQ(doc.pages[0].lines[1].words[0].source, WordSource::kPlainText);
}

// Regression (bench/office, .odt): LibreOffice saves TCVN3's "ư" (byte 0xAD,
// the soft hyphen) in a .VnTime run as <w:softHyphen/>; dropping it lost
// every "ư" ("tríc" for "trước"). In a Unicode font it stays invisible.
TEST(DocxReaderTest, SoftHyphenIsTcvn3LetterInLegacyFontRuns) {
  const std::string vn = "<w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr>";
  Document doc = ReadBody(P("<w:r>" + vn + "<w:t>tr</w:t><w:softHyphen/><w:t>íc</w:t></w:r>") +
                          P("<w:r><w:t>tr</w:t><w:softHyphen/><w:t>ước</w:t></w:r>"));
  const auto& lines = doc.pages[0].lines;
  ASSERT_EQ(lines.size(), 2u);
  ASSERT_EQ(lines[0].words.size(), 1u);
  EXPECT_EQ(lines[0].words[0].text, "tr\xC2\xADíc");
  EXPECT_EQ(lines[0].words[0].font, ".VnTime");
  EXPECT_EQ(lines[1].words[0].text, "trước");
}

TEST(DocxReaderTest, MergedCellsBecomeSpans) {
  // 3 columns; header: A spans two rows (vMerge), B spans two columns
  // (gridSpan); row 2 under B: B1, B2; row 3: gridBefore=1, then C (hMerge
  // over two columns).
  std::string tbl =
      "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
      "<w:tr>" + Tc("A", "<w:vMerge w:val=\"restart\"/>") + Tc("B", "<w:gridSpan w:val=\"2\"/>") + "</w:tr>"
      "<w:tr>" + Tc("", "<w:vMerge/>") + Tc("B1") + Tc("B2") + "</w:tr>"
      "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" + Tc("C", "<w:hMerge w:val=\"restart\"/>") +
      Tc("", "<w:hMerge/>") + "</w:tr></w:tbl>";
  Document doc = ReadBody(P(R("Bảng")) + tbl + P(R("Hết")));
  const Page& page = doc.pages[0];
  EXPECT_EQ(page.Text(), "Bảng\nA\tB\t\n\tB1\tB2\n\tC\t\nHết");
  ASSERT_EQ(page.grids.size(), 1u);
  const Grid& g = page.grids[0];
  EXPECT_EQ(g.structure, "docx");
  EXPECT_EQ(g.rows, 3);
  EXPECT_EQ(g.cols, 3);
  EXPECT_EQ(g.first_line, 1);
  ASSERT_EQ(g.cells.size(), 5u);
  EXPECT_EQ(g.cells[0].row_span, 2);
  EXPECT_EQ(g.cells[1].col_span, 2);
  EXPECT_EQ(g.cells[2].col, 1);
  EXPECT_EQ(g.cells[4].text, "C");
  EXPECT_EQ(g.cells[4].col, 1);
  EXPECT_EQ(g.cells[4].col_span, 2);
}

TEST(DocxReaderTest, CellParagraphsBreaksAndNestedTablesAreFlattened) {
  std::string cell = "<w:tc>" + P(R("Sở Lao động,") + "<w:r><w:br/><w:t>Thương binh</w:t></w:r>") +
                     P(R("và  Xã hội")) +
                     "<w:tbl><w:tr>" + Tc("x") + Tc("y") + "</w:tr></w:tbl><w:p/></w:tc>";
  Document doc = ReadBody("<w:tbl><w:tr>" + Tc("1") + cell + "</w:tr><w:tr>" + Tc("2") + Tc("b") +
                          "</w:tr></w:tbl>");
  EXPECT_EQ(doc.pages[0].Text(), "1\tSở Lao động, Thương binh và Xã hội x y\n2\tb");
  EXPECT_EQ(doc.pages[0].grids[0].cells[1].text, "Sở Lao động, Thương binh và Xã hội x y");
}

// Regression (office probe set, a Unicode .docx lost a third of its cells):
// an appendix table in a one-row layout table beside a note ("Đơn vị tính:
// hồ sơ") was flattened into one cell. One row whose cells hold a table is
// layout: the cells are read in order, the inner table as a grid.
TEST(DocxReaderTest, OneRowLayoutTableAroundATableAndANote) {
  const std::string inner = "<w:tbl><w:tr>" + Tc("STT") + Tc("Đơn vị") + "</w:tr><w:tr>" + Tc("1") +
                            Tc("Sở Y tế") + "</w:tr></w:tbl>";
  Document doc = ReadBody("<w:tbl><w:tr><w:tc>" + inner + "<w:p/></w:tc>" + Tc("Đơn vị tính: hồ sơ") +
                          "</w:tr></w:tbl>");
  const Page& page = doc.pages[0];
  ASSERT_EQ(page.grids.size(), 1u);
  EXPECT_EQ(page.grids[0].rows, 2);
  EXPECT_EQ(page.grids[0].cols, 2);
  // (the empty paragraph Word keeps after a table in a cell is a blank line)
  EXPECT_EQ(page.Text(), "STT\tĐơn vị\n1\tSở Y tế\n\nĐơn vị tính: hồ sơ");
}

TEST(DocxReaderTest, ContentControlsAndHyperlinksAreRead) {
  Document doc = ReadBody("<w:sdt><w:sdtContent>" + P("<w:hyperlink>" + R("link") + "</w:hyperlink>" +
                                                     "<w:ins>" + R(" mới") + "</w:ins>" +
                                                     "<w:del><w:r><w:delText>cũ</w:delText></w:r></w:del>") +
                          "</w:sdtContent></w:sdt>");
  EXPECT_EQ(doc.Text(), "link mới");
}

TEST(DocxReaderTest, HeadersBecomeNotes) {
  std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
      "Target=\"header1.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"http://x/footer\" Target=\"../../etc/passwd\"/></Relationships>";
  std::string header = std::string("<w:hdr ") + kW + ">" + P(R("Trung tâm")) + "</w:hdr>";
  Document doc = ReadBody(P(R("x")), {{"word/_rels/document.xml.rels", rels}, {"word/header1.xml", header}});
  bool found = false;
  for (const Note& n : doc.notes) found |= n.message == "page header: Trung tâm";
  EXPECT_TRUE(found);
  EXPECT_EQ(doc.Text(), "x");
}

TEST(DocxReaderTest, DamagedPackagesAreCorrupt) {
  Document doc;
  EXPECT_EQ(ReadDocx("t.docx", "PK\x03\x04 not really", {}, &doc).code(), Status::Code::kCorrupt);
  std::string zip = Zip({{"word/document.xml", Body(P(R("x")))}});
  EXPECT_EQ(ReadDocx("t.docx", zip.substr(0, zip.size() / 2), {}, &doc).code(),
            Status::Code::kCorrupt);
  EXPECT_EQ(ReadParts({{"word/other.xml", "<x/>"}}, &doc).code(), Status::Code::kCorrupt);
  Status s = ReadParts({{"word/document.xml", "<w:document><w:body><w:p>"}}, &doc);
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_NE(s.message().find("not well-formed XML"), std::string::npos) << s.message();
}

TEST(DocxReaderTest, DtdsAreRefusedAndNeverExpanded) {
  std::string lol = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>";
  Document doc;
  Status s = ReadParts({{"word/document.xml", lol + Body(P(R("&b;"))).substr(38)}}, &doc);
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_NE(s.message().find("declares a DTD"), std::string::npos) << s.message();
}

TEST(DocxReaderTest, LimitsAreEnforced) {
  Document doc;
  DocxLimits limits;
  limits.max_entries = 3;
  Parts many = {{"word/document.xml", Body(P(R("x")))}, {"a", "1"}, {"b", "2"}, {"c", "3"}};
  EXPECT_EQ(ReadParts(many, &doc, limits).code(), Status::Code::kTooLarge);
  // Highly compressible: 2 MB of spaces.
  std::string bomb = Body(P(R(std::string(2 << 20, ' '))));
  Status s = ReadParts({{"word/document.xml", bomb}}, &doc);
  EXPECT_EQ(s.code(), Status::Code::kTooLarge);
  EXPECT_NE(s.message().find("zip bomb"), std::string::npos) << s.message();
  limits = DocxLimits();
  limits.max_part_bytes = 1000;
  EXPECT_EQ(ReadParts({{"word/document.xml", Body(P(R(std::string(2000, 'x'))))}}, &doc, limits).code(),
            Status::Code::kTooLarge);
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<w:sdt><w:sdtContent>";
  for (int i = 0; i < 300; ++i) deep += "</w:sdtContent></w:sdt>";
  EXPECT_EQ(ReadParts({{"word/document.xml", Body(deep)}}, &doc).code(), Status::Code::kTooLarge);
}

}  // namespace
}  // namespace sohoa
