// The XLSX writer: text in string cells (never a formula), numbers in number
// cells, flagged cells filled, the file complete or absent. The workbook is
// read back by unzipping it and parsing its sheets.
#include "pipeline/store/xlsx.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "pipeline/store/export.h"
#include "tests/testing/zip_read.h"

namespace sohoa {
namespace {

using testing::ZipMember;

// A cell as the sheet stores it: its type attribute, its value text, the
// shared or inline string it points to, its style index, and whether it has
// a formula.
struct XCell {
  std::string type, value, text, style;
  bool formula = false;
};

std::map<std::string, XCell> ReadSheet(const std::string& xlsx, int sheet) {
  std::vector<std::string> shared;
  pugi::xml_document sst;
  const std::string sst_xml = ZipMember(xlsx, "xl/sharedStrings.xml");
  if (sst.load_string(sst_xml.c_str()))
    for (pugi::xml_node si : sst.child("sst").children("si")) {
      std::string s;
      for (pugi::xpath_node t : si.select_nodes(".//t")) s += t.node().text().get();
      shared.push_back(s);
    }
  std::map<std::string, XCell> cells;
  pugi::xml_document doc;
  const std::string xml = ZipMember(xlsx, "xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
  EXPECT_TRUE(doc.load_string(xml.c_str())) << "sheet" << sheet;
  for (pugi::xpath_node c : doc.select_nodes("//c")) {
    XCell x;
    x.type = c.node().attribute("t").value();
    x.style = c.node().attribute("s").value();
    x.value = c.node().child("v").text().get();
    x.formula = static_cast<bool>(c.node().child("f"));
    if (x.type == "s") x.text = shared.at(std::stoul(x.value));
    if (x.type == "inlineStr") x.text = c.node().child("is").child("t").text().get();
    cells[c.node().attribute("r").value()] = x;
  }
  return cells;
}

SeriesRow Row(const std::string& period, const std::string& unit, const std::string& metric,
              std::optional<double> value) {
  SeriesRow r;
  r.period = period;
  r.period_kind = "month";
  r.body = "UBND tỉnh";
  r.unit = unit;
  r.metric = metric;
  r.value = value;
  r.document = "a.pdf";
  return r;
}

TEST(XlsxTest, TextNeverBecomesAFormulaAndNumbersStayNumbers) {
  std::vector<SeriesRow> rows = {Row("2020-01", "=HYPERLINK(\"http://x\",\"y\")", "received", 12),
                                 Row("2020-01", "=HYPERLINK(\"http://x\",\"y\")", "late", -3.5),
                                 Row("2020-02", "@SUM(A1:A9)", "received", 7)};
  rows[2].has_finding = true;
  rows[2].marker = "finding";
  rows[2].suggested = 8;
  FindingRow f;
  f.document = "+cmd|' /C calc'!A0.pdf";
  f.period = "2020-02";
  f.finding.severity = Severity::kError;
  f.finding.message = "-2+3 does not add up";
  f.finding.page = 2;
  f.finding.stated = -7;
  std::vector<FindingRow> findings = {f};
  const WideSeries wide = MakeWideSeries(rows);
  const std::string path = ::testing::TempDir() + "/x.xlsx";
  std::filesystem::remove(path);
  ASSERT_TRUE(WriteXlsx(path, {&wide, &findings}).ok());

  auto series = ReadSheet(path, 1);
  for (const auto& [ref, c] : series) EXPECT_FALSE(c.formula) << ref;
  EXPECT_EQ(series["A1"].text, "period");
  EXPECT_EQ(series["F1"].text, "received");
  EXPECT_EQ(series["G1"].text, "late");
  EXPECT_EQ(series["D2"].type, "s");
  EXPECT_EQ(series["D2"].text, "=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(series["F2"].type, "");  // a number cell
  EXPECT_EQ(series["F2"].value, "12");
  EXPECT_EQ(series["G2"].type, "");
  EXPECT_EQ(series["G2"].value, "-3.5");
  EXPECT_EQ(series["D3"].text, "@SUM(A1:A9)");
  EXPECT_EQ(series["F3"].value, "7");
  EXPECT_FALSE(series["F3"].style.empty()) << "the cell with a finding is filled";
  EXPECT_TRUE(series["F2"].style.empty());
  EXPECT_EQ(series.count("G3"), 0u) << "no value, no finding: no cell";
  EXPECT_NE(ZipMember(path, "xl/comments1.xml").find("suggested 8"), std::string::npos);

  auto sheet2 = ReadSheet(path, 2);
  for (const auto& [ref, c] : sheet2) EXPECT_FALSE(c.formula) << ref;
  EXPECT_EQ(sheet2["A2"].text, "+cmd|' /C calc'!A0.pdf");
  EXPECT_EQ(sheet2["C2"].value, "2");  // page, a number
  EXPECT_EQ(sheet2["C2"].type, "");
  EXPECT_EQ(sheet2["K2"].value, "-7");  // stated
  EXPECT_EQ(sheet2["N2"].text, "-2+3 does not add up");
  EXPECT_EQ(sheet2["N2"].type, "s");
}

TEST(XlsxTest, LongTextIsCutAtACharacterBoundary) {
  std::string unit;
  while (unit.size() < 80000) unit += "Sở ";
  std::vector<SeriesRow> rows = {Row("2020-01", unit, "received", 1)};
  const WideSeries wide = MakeWideSeries(rows);
  const std::string path = ::testing::TempDir() + "/long.xlsx";
  ASSERT_TRUE(WriteXlsx(path, {&wide, nullptr}).ok());
  auto series = ReadSheet(path, 1);
  const std::string& text = series["D2"].text;
  EXPECT_LT(text.size(), unit.size());
  EXPECT_EQ(text.substr(text.size() - 3), "\u2026");
  EXPECT_EQ(unit.compare(0, text.size() - 3, text, 0, text.size() - 3), 0);
}

TEST(XlsxTest, AnUnwritablePathLeavesNothingBehind) {
  const std::string dir = ::testing::TempDir() + "/no_such_dir";
  std::filesystem::remove_all(dir);
  const std::vector<FindingRow> findings;
  Status s = WriteXlsx(dir + "/f.xlsx", {nullptr, &findings});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find(dir + "/f.xlsx"), std::string::npos) << s.message();
  EXPECT_FALSE(std::filesystem::exists(dir));
}

}  // namespace
}  // namespace sohoa
