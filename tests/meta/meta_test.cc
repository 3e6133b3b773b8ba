// Report metadata on the five seed reports and on small variants of their
// headings. Seeds are read as plain text (the normalize stage is not needed
// for UTF-8 input).
#include "pipeline/meta/meta.h"

#include <gtest/gtest.h>

#include "pipeline/core/document.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

Document FromText(const std::string& text) {
  Document doc;
  doc.pages = PagesFromText(text, WordSource::kPlainText);
  return doc;
}

ReportMeta ReadSeed(const std::string& name) {
  Document doc = FromText(testing::ReadFile(testing::Fixture("seeds/" + name)));
  EXPECT_FALSE(doc.pages.empty()) << name;
  ReportMeta meta;
  EXPECT_TRUE(ReadReportMeta(doc, &meta).ok());
  return meta;
}

ReportMeta ReadText(const std::string& text) {
  ReportMeta meta;
  EXPECT_TRUE(ReadReportMeta(FromText(text), &meta).ok());
  return meta;
}

TEST(MetaSeedTest, SocTrangMonthlyReportJune2020) {
  ReportMeta m = ReadSeed("000_eec36b514c44fab6.txt");
  EXPECT_EQ(m.body, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
  EXPECT_EQ(m.parent_body, "VĂN PHÒNG UBND TỈNH SÓC TRĂNG");
  EXPECT_EQ(m.province, "Sóc Trăng");
  EXPECT_EQ(m.number, "/BC-TTHC");  // the number itself is left blank
  EXPECT_EQ(m.date, "2020-06");     // "ngày     tháng 6 năm 2020"
  EXPECT_EQ(m.kind, "bao_cao");
  EXPECT_EQ(m.period_kind, "month");
  EXPECT_EQ(m.period_year, 2020);
  EXPECT_EQ(m.period_index, 6);
  EXPECT_TRUE(m.period_determined);
  EXPECT_EQ(m.period_from, "2020-05-16");
  EXPECT_EQ(m.period_to, "2020-06-15");
  EXPECT_NE(m.period_note.find("stated"), std::string::npos) << m.period_note;
}

TEST(MetaSeedTest, OcrGarbledSixMonthReportClaimsNothingWrong) {
  ReportMeta m = ReadSeed("001_9dfe1deb195a3c44.txt");
  // The heading is lost; the closing sentence "06 thang d~u nam 2019" says
  // first half of 2019.
  EXPECT_EQ(m.period_kind, "half_year");
  EXPECT_EQ(m.period_year, 2019);
  EXPECT_EQ(m.period_index, 1);
  EXPECT_TRUE(m.period_from.empty());
  EXPECT_TRUE(m.period_to.empty());
  EXPECT_NE(m.period_note.find("not stated"), std::string::npos) << m.period_note;
  EXPECT_EQ(m.body, "");
  EXPECT_EQ(m.number, "");
  EXPECT_EQ(m.date, "");
  EXPECT_TRUE(m.kind.empty() || m.kind == "bao_cao") << m.kind;
}

TEST(MetaSeedTest, SocTrangDecember2020WithoutHeading) {
  ReportMeta m = ReadSeed("002_e06f4918bee2bbad.txt");
  EXPECT_EQ(m.kind, "bao_cao");
  EXPECT_EQ(m.body, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");  // from "Kèm theo Báo cáo số ... của"
  EXPECT_EQ(m.period_kind, "month");
  EXPECT_EQ(m.period_year, 2020);  // not 2021 from "tháng 01 năm 2021"
  EXPECT_EQ(m.period_index, 12);
  EXPECT_EQ(m.period_from, "2020-11-16");
  EXPECT_EQ(m.period_to, "2020-12-15");
  EXPECT_EQ(m.date, "");
  EXPECT_EQ(m.number, "");
}

TEST(MetaSeedTest, HaNamOctober2019SideBySideHeading) {
  ReportMeta m = ReadSeed("003_fdc46fb5b852ba72.txt");
  EXPECT_EQ(m.parent_body, "UBND TỈNH HÀ NAM");
  EXPECT_EQ(m.body, "VĂN PHÒNG");
  EXPECT_EQ(m.province, "Hà Nam");
  EXPECT_EQ(m.number, "/BC-VPUB");
  EXPECT_EQ(m.date, "2019-11");
  EXPECT_EQ(m.kind, "bao_cao");
  EXPECT_EQ(m.period_kind, "month");
  EXPECT_EQ(m.period_year, 2019);
  EXPECT_EQ(m.period_index, 10);  // not 11 (the plan for next month)
  EXPECT_TRUE(m.period_determined);
  // Stated in the body: "từ ngày 01/10/2019 đến ngày 31/10/2019".
  EXPECT_EQ(m.period_from, "2019-10-01");
  EXPECT_EQ(m.period_to, "2019-10-31");
  EXPECT_NE(m.period_note.find("stated in the document"), std::string::npos) << m.period_note;
}

TEST(MetaSeedTest, SocTrangOfficialLetterBoldHeading) {
  ReportMeta m = ReadSeed("004_c1665277c84d2c10.txt");
  EXPECT_EQ(m.body, "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG");
  EXPECT_EQ(m.parent_body, "");
  EXPECT_EQ(m.province, "Sóc Trăng");
  EXPECT_EQ(m.number, "2707/UBND-TTHC");
  EXPECT_EQ(m.date, "2023-10-04");
  EXPECT_EQ(m.kind, "cong_van");
  // The appendix's data range 01/01/2023-30/9/2023 is the only stated period.
  EXPECT_EQ(m.period_kind, "nine_months");
  EXPECT_EQ(m.period_year, 2023);
  EXPECT_EQ(m.period_from, "2023-01-01");
  EXPECT_EQ(m.period_to, "2023-09-30");
}

TEST(MetaTest, MonthWithoutDatesOrConventionSaysSo) {
  ReportMeta m = ReadText(
      "UBND TỈNH HÀ NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVĂN PHÒNG\nSố: /BC-VPUB\n"
      "Hà Nam, ngày   tháng 11 năm 2019\nBÁO CÁO\nKết quả tháng 10/2019\n\nThực hiện ...\n");
  EXPECT_EQ(m.period_index, 10);
  EXPECT_EQ(m.period_from, "");
  EXPECT_NE(m.period_note.find("not stated"), std::string::npos) << m.period_note;
}

TEST(MetaTest, QuarterAndUnstatedHalf) {
  ReportMeta q = ReadText(
      "UBND TỈNH HÀ NAM\nVĂN PHÒNG\nSố: 15/BC-VPUB\nHà Nam, ngày 02 tháng 4 năm 2021\n"
      "BÁO CÁO\nKết quả hoạt động Quý I năm 2021\n\nThực hiện ...\n");
  EXPECT_EQ(q.period_kind, "quarter");
  EXPECT_EQ(q.period_index, 1);
  EXPECT_EQ(q.period_year, 2021);
  EXPECT_EQ(q.number, "15/BC-VPUB");
  EXPECT_EQ(q.date, "2021-04-02");
  EXPECT_TRUE(q.period_from.empty());

  ReportMeta h = ReadText("BÁO CÁO\nKết quả 6 tháng năm 2021\n\nThực hiện ...\n");
  EXPECT_EQ(h.period_kind, "half_year");
  EXPECT_EQ(h.period_index, 0);
  EXPECT_FALSE(h.period_determined);
  EXPECT_NE(h.period_note.find("not stated"), std::string::npos) << h.period_note;
}

TEST(MetaTest, ConventionAppliesOnlyForItsProvinceAndYears) {
  std::vector<PeriodConvention> conv = {{"Sóc Trăng", 16, 2020, 2020}};
  const std::string head =
      "VĂN PHÒNG UBND TỈNH SÓC TRĂNG\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\nSố: 1/BC-TTHC\n"
      "Sóc Trăng, ngày 20 tháng 3 năm ";
  ReportMeta m;
  ASSERT_TRUE(ReadReportMeta(FromText(head + "2020\nBÁO CÁO\nKết quả tháng 3 năm 2020\n"), conv,
                             &m)
                  .ok());
  EXPECT_EQ(m.period_from, "2020-02-16");
  EXPECT_EQ(m.period_to, "2020-03-15");
  EXPECT_NE(m.period_note.find("convention"), std::string::npos);
  ASSERT_TRUE(ReadReportMeta(FromText(head + "2022\nBÁO CÁO\nKết quả tháng 3 năm 2022\n"), conv,
                             &m)
                  .ok());
  EXPECT_EQ(m.period_index, 3);
  EXPECT_EQ(m.period_from, "");  // no evidence for 2022
}

TEST(MetaTest, NothingToReadIsUndetermined) {
  ReportMeta m = ReadText("Một đoạn văn bản không có tiêu đề.\n");
  EXPECT_FALSE(m.period_determined);
  EXPECT_EQ(m.period_kind, "");
  EXPECT_FALSE(m.period_note.empty());
  EXPECT_EQ(m.body, "");
}

TEST(MetaTest, FoldForMatching) {
  EXPECT_EQ(FoldForMatching("**Sóc  Trăng**, NGÀY <b>04</b>"), "soc trang, ngay 04");
  EXPECT_EQ(FoldForMatching("ĐỘC LẬP"), "doc lap");
}


// One issuer, five heading shapes: each gives the same (province, issuer).
TEST(MetaIssuerTest, SameIssuerWhateverTheHeadingShape) {
  const char* kTitle = "\nBÁO CÁO\nKết quả giải quyết thủ tục hành chính tháng 3 năm 2021\n";
  const std::vector<std::string> headings = {
      // Two columns with a tab; "Số:" on the line of the date's place.
      "VĂN PHÒNG UBND TỈNH PHÚ YÊN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\tĐộc lập - Tự do - Hạnh phúc\n"
      "Số: /BC-TTHC\tPhú Yên, ngày 5 tháng 3 năm 2021\n",
      // Two columns with runs of spaces.
      "VĂN PHÒNG UBND TỈNH PHÚ YÊN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG        Độc lập - Tự do - Hạnh phúc\n"
      "Số:    /BC-TTHC                  Tuy Hòa, ngày 5 tháng 3 năm 2021\n",
      // Markdown: the parent and the body in one bold span.
      "**VĂN PHÒNG UBND TỈNH PHÚ YÊN  \nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG**\n\n"
      "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM  \nĐộc lập - Tự do - Hạnh phúc**\n\nSố: /BC-TTHC\n\n"
      "Phú Yên, ngày 5 tháng 3 năm 2021\n",
      // Stacked, the body's name wrapped over two lines.
      "UBND TỈNH PHÚ YÊN\nTRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG\nSố: 12/BC-TTPVHCC\n\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
      "   Phú Yên, ngày 5 tháng 3 năm 2021\n",
      // Parent and body run together on one line; diacritics lost.
      "VAN PHONG UBND TINH PHU YEN TRUNG TAM PHUC VU HANH CHINH CONG\n"
      "So: 12/BC-TTHC\tPhu Yen, ngay 5 thang 3 nam 2021\n",
  };
  for (const std::string& h : headings) {
    ReportMeta m = ReadText(h + kTitle);
    EXPECT_EQ(m.province, "Phú Yên") << h;
    EXPECT_EQ(m.issuer, "Trung tâm Phục vụ hành chính công tỉnh Phú Yên") << h;
    EXPECT_EQ(m.period_index, 3) << h;
  }
}

// A word processor's narrow heading cells wrap both columns: the parent's
// province and the national name continue on the next line. The province is
// the parent's, not the town of the date line.
TEST(MetaIssuerTest, WrappedNationalNameLeavesTheProvinceToTheParent) {
  ReportMeta m = ReadText(
      "UBND TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA\n"
      "PHÚ YÊN\tVIỆT NAM\n"
      "\n"
      "TRUNG TÂM PHỤC VỤ\tĐộc lập - Tự do - Hạnh phúc\n"
      "HÀNH CHÍNH CÔNG\n"
      "Số: 7/BC-TTHC\tTuy Hòa, ngày 4 tháng 4 năm 2021\n"
      "\nBÁO CÁO\nKết quả giải quyết thủ tục hành chính tháng 3 năm 2021\n");
  EXPECT_EQ(m.province, "Phú Yên");
  EXPECT_EQ(m.parent_body, "UBND TỈNH PHÚ YÊN");
  EXPECT_EQ(m.issuer, "Trung tâm Phục vụ hành chính công tỉnh Phú Yên");
}

TEST(MetaIssuerTest, BodyAndParentSplitAfterTheProvince) {
  ReportMeta m = ReadText(
      "VĂN PHÒNG UBND TỈNH PHÚ YÊN TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\nSố: 1/BC-TTHC\n"
      "\nBÁO CÁO\nTháng 3 năm 2021\n");
  EXPECT_EQ(m.parent_body, "VĂN PHÒNG UBND TỈNH PHÚ YÊN");
  EXPECT_EQ(m.body, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
}

TEST(MetaIssuerTest, ThePlaceOfTheDateIsNotTakenForTheProvinceWhenTheHeadingNamesOne) {
  ReportMeta m = ReadText("UBND TỈNH KON TUM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                          "Số: 5/BC-UBND\tKon Tum, ngày 2 tháng 4 năm 2022\n\nBÁO CÁO\nTháng 3 năm 2022\n");
  EXPECT_EQ(m.province, "Kon Tum");
  EXPECT_EQ(m.issuer, "Ủy ban nhân dân tỉnh Kon Tum");
  ReportMeta city = ReadText("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\nSố: 5/BC-UBND\n\nBÁO CÁO\nTháng 3 năm 2022\n");
  EXPECT_EQ(city.province, "Đà Nẵng");
  EXPECT_EQ(city.issuer, "Ủy ban nhân dân thành phố Đà Nẵng");
}

TEST(MetaIssuerTest, TwoProvincesAreTwoIssuers) {
  ReportMeta a = ReadText("UBND TỈNH YÊN BÁI\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\nSố: 1/BC\n\nBÁO CÁO\nTháng 3 năm 2021\n");
  ReportMeta b = ReadText("UBND TỈNH KON TUM\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\nSố: 1/BC\n\nBÁO CÁO\nTháng 3 năm 2021\n");
  EXPECT_NE(a.issuer, b.issuer);
  EXPECT_EQ(a.issuer, "Trung tâm Phục vụ hành chính công tỉnh Yên Bái");
}

TEST(MetaIssuerTest, NumberOnTheLineOfTheBodyAndAStrayLowerCaseLetter) {
  ReportMeta a = ReadText(
      "UBND TỈNH YÊN BÁI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG  Số: 106/BC-TTHC\tĐộc lập - Tự do - Hạnh phúc\n"
      "\tYên Bái, ngày 20 tháng 3 năm 2019\n\nBÁO CÁO\nTháng 3 năm 2019\n");
  EXPECT_EQ(a.number, "106/BC-TTHC");
  EXPECT_EQ(a.body, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
  EXPECT_EQ(a.issuer, "Trung tâm Phục vụ hành chính công tỉnh Yên Bái");
  ReportMeta b = ReadText(
      "UBND TỈNH PHÚ YÊN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TRUNG TÂM PHỤC Vụ\tĐộc lập - Tự do - Hạnh phúc\nHÀNH CHÍNH CÔNG\t\n"
      "Số: 228/BC-TTHC\tPhú Yên, ngày 22 tháng 10 năm 2021\n\nBÁO CÁO\nTháng 10 năm 2021\n");
  EXPECT_EQ(b.issuer, "Trung tâm Phục vụ hành chính công tỉnh Phú Yên");
}

}  // namespace
}  // namespace sohoa
