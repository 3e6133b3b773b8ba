// End-to-end: the review site's page images (issue 19). A born-digital PDF
// (boxes in points) and a 300-dpi scanned page (read by OCR, boxes in
// pixels) are ingested and `sohoa report` draws each page that holds a
// table: a JPEG of the page with the cells over it, the suspect cell in red
// at the box the archive stored for it, in the frame the archive stored for
// the page. A file that is gone or changed gets a note instead of images;
// --no-images writes none; Chromium loads the images under the site's
// Content-Security-Policy.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "tests/testing/chromium.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

namespace fs = std::filesystem;
using testing::Fixture;
using testing::ReadFile;
using testing::RunSohoa;

struct StoredCell {
  std::string path;
  int64_t document = 0;
  int page = 0;
  double x0, y0, x1, y1;
  double page_width, page_height;
};

// The cells findings point at, with their stored boxes and their pages'
// stored frames, read straight from the archive.
std::vector<StoredCell> SuspectCells(const std::string& db) {
  std::vector<StoredCell> out;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return out;
  const char* sql =
      "SELECT DISTINCT d.path, d.id, c.page, c.box_x0, c.box_y0, c.box_x1, c.box_y1, p.width, "
      "p.height FROM findings f JOIN documents d ON d.id = f.document_id "
      "JOIN doc_tables t ON t.document_id = f.document_id AND t.table_key = f.table_key "
      "JOIN cells c ON c.table_id = t.id AND c.row = f.row AND c.column_key = f.column_key "
      "JOIN pages p ON p.document_id = d.id AND p.number = c.page "
      "WHERE c.box_x0 IS NOT NULL ORDER BY d.id";
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      StoredCell c;
      c.path = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      c.document = sqlite3_column_int64(st, 1);
      c.page = sqlite3_column_int(st, 2);
      c.x0 = sqlite3_column_double(st, 3), c.y0 = sqlite3_column_double(st, 4);
      c.x1 = sqlite3_column_double(st, 5), c.y1 = sqlite3_column_double(st, 6);
      c.page_width = sqlite3_column_double(st, 7), c.page_height = sqlite3_column_double(st, 8);
      out.push_back(c);
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// The <svg class="page"> element of page `page` in a document page (from
// its figure to </svg>), or "".
std::string PageSvg(const std::string& html, int page) {
  const size_t at = html.find("<div class=\"pagepair\" id=\"page-" + std::to_string(page) + "\">");
  if (at == std::string::npos) return "";
  const size_t end = html.find("</svg>", at);
  return end == std::string::npos ? "" : html.substr(at, end - at);
}

class ReviewPagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::TempDir());
    fs::create_directories(In());
    fs::copy_file(Fixture("tables/002.pdf"), In() + "/born_digital.pdf");
    fs::copy_file(Fixture("tables/002_page1_300dpi.png"), In() + "/scan.png");
    auto r = RunSohoa({"ingest", "--restore=off", "--db", Db(), In()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string In() { return *dir_ + "/in"; }
  static std::string Db() { return *dir_ + "/a.db"; }
  static std::string* dir_;
};
std::string* ReviewPagesTest::dir_ = nullptr;

TEST_F(ReviewPagesTest, SuspectCellIsDrawnAtItsStoredBoxOnThePageImage) {
  const std::string site = *dir_ + "/site";
  auto r = RunSohoa({"report", "--db", Db(), "-o", site});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<StoredCell> cells = SuspectCells(Db());
  bool pdf = false, scan = false;
  for (const StoredCell& c : cells) {
    SCOPED_TRACE(c.path + " page " + std::to_string(c.page));
    (c.path.find("scan.png") != std::string::npos ? scan : pdf) = true;
    const std::string html = ReadFile(site + "/doc-" + std::to_string(c.document) + ".html");
    const std::string svg = PageSvg(html, c.page);
    ASSERT_FALSE(svg.empty()) << "no page image for the page of a suspect cell";
    // The SVG's frame is the page as stored (points or pixels) ...
    EXPECT_NE(svg.find("viewBox=\"0 0 " + Num(c.page_width) + " " + Num(c.page_height) + "\""),
              std::string::npos)
        << svg.substr(0, 300);
    // ... and the red rectangle is the stored box in it.
    const std::string rect = "<rect class=\"suspect\" x=\"" + Num(c.x0) + "\" y=\"" + Num(c.y0) +
                             "\" width=\"" + Num(c.x1 - c.x0) + "\" height=\"" +
                             Num(c.y1 - c.y0) + "\"/>";
    EXPECT_NE(svg.find(rect), std::string::npos) << rect;
    // The image it is drawn on exists, is a JPEG of at most 1600 pixels
    // across, and has the page's shape.
    std::smatch m;
    ASSERT_TRUE(std::regex_search(svg, m, std::regex("width=\"([0-9]+)\" height=\"([0-9]+)\">")));
    const int w = std::stoi(m[1]), h = std::stoi(m[2]);
    EXPECT_LE(w, 1600);
    EXPECT_GT(w, 400);
    EXPECT_NEAR(static_cast<double>(w) / h, c.page_width / c.page_height, 0.01);
    const std::string file = "doc-" + std::to_string(c.document) + "-p" + std::to_string(c.page) +
                             ".jpg";
    EXPECT_NE(svg.find("href=\"" + file + "\""), std::string::npos);
    const std::string jpeg = ReadFile(site + "/" + file);
    ASSERT_GT(jpeg.size(), 10000u);
    EXPECT_EQ(jpeg.substr(0, 3), "\xFF\xD8\xFF");
  }
  EXPECT_TRUE(pdf) << "the PDF fixture gave no suspect cell with a box";
  EXPECT_TRUE(scan) << "the scan fixture gave no suspect cell with a box";
  // Units differ: points for the PDF (842 x 595), pixels for the scan.
  EXPECT_NE(r.err.find(" page images (0 pages without"), std::string::npos) << r.err;
}

TEST_F(ReviewPagesTest, ImagesLoadInChromiumAndTheOutlineIsThere) {
  const std::string chromium = testing::Chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (Debian package chromium)";
  const std::string site = *dir_ + "/site-chromium";
  ASSERT_EQ(RunSohoa({"report", "--db", Db(), "-o", site}).exit_code, 0);
  int checked = 0;
  for (const StoredCell& c : SuspectCells(Db())) {
    // Chromium dumps the DOM after a budget of virtual time that image
    // loads and decodes do not hold up: on a loaded machine a dump may come
    // before an image is marked either way. Such a dump is taken again
    // until every image carries its mark (at most ten times).
    const std::string page = site + "/doc-" + std::to_string(c.document) + ".html";
    auto count = [](const std::string& text, const std::string& what) {
      size_t n = 0;
      for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
      return n;
    };
    std::string dom;
    for (int attempt = 0; attempt < 10; ++attempt) {
      dom = testing::DumpDom(chromium, page);
      if (count(dom, "<image ") > 0 && count(dom, "data-loaded=\"") >= count(dom, "<image ")) break;
    }
    ASSERT_FALSE(dom.empty());
    EXPECT_NE(dom.find("data-site-js=\"ran\""), std::string::npos);
    // Every page image decoded (site.js marks each one yes or no).
    EXPECT_NE(dom.find("data-loaded=\"yes\""), std::string::npos) << c.path;
    EXPECT_EQ(dom.find("data-loaded=\"no\""), std::string::npos) << c.path;
    EXPECT_NE(dom.find("<rect class=\"suspect\" x=\"" + Num(c.x0) + "\""), std::string::npos);
    ++checked;
  }
  EXPECT_GE(checked, 2);
}

TEST_F(ReviewPagesTest, FileGoneOrChangedGetsANoteAndNoImages) {
  const std::string dir = *dir_ + "/gone";
  fs::create_directories(dir);
  const std::string pdf = dir + "/report.pdf";
  fs::copy_file(Fixture("tables/002.pdf"), pdf);
  const std::string db = dir + "/a.db";
  ASSERT_EQ(RunSohoa({"ingest", "--restore=off", "--db", db, pdf}).exit_code, 0);
  auto count_images = [](const std::string& site) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(site)) n += e.path().extension() == ".jpg";
    return n;
  };
  // There: images. --no-images: none, and no Pages section.
  ASSERT_EQ(RunSohoa({"report", "--db", db, "-o", dir + "/site"}).exit_code, 0);
  EXPECT_EQ(count_images(dir + "/site"), 2);
  ASSERT_EQ(RunSohoa({"report", "--no-images", "--db", db, "-o", dir + "/site"}).exit_code, 0);
  EXPECT_EQ(count_images(dir + "/site"), 0);
  EXPECT_EQ(ReadFile(dir + "/site/doc-1.html").find("<h2>Pages</h2>"), std::string::npos);
  // Changed bytes at the same path: refused by its SHA-256.
  std::ofstream(pdf, std::ios::app) << "\n%% appended\n";
  auto r = RunSohoa({"report", "--db", db, "-o", dir + "/site"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_images(dir + "/site"), 0);
  std::string html = ReadFile(dir + "/site/doc-1.html");
  EXPECT_NE(html.find("has changed since it was read"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num flag\""), std::string::npos) << "the tables are still shown";
  EXPECT_NE(r.err.find("(2 pages without"), std::string::npos) << r.err;
  // Gone.
  fs::remove(pdf);
  ASSERT_EQ(RunSohoa({"report", "--db", db, "-o", dir + "/site"}).exit_code, 0);
  EXPECT_EQ(count_images(dir + "/site"), 0);
  html = ReadFile(dir + "/site/doc-1.html");
  EXPECT_NE(html.find("the file is no longer at this path"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
