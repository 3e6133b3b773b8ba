// The archive layer on its own: documents built in the test (no other stage
// needed), stored, read back as series, findings and adjacent reports; and
// the failure modes (newer schema, read-only, locked, disk full) change
// nothing.
#include "pipeline/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pipeline/store/export.h"
#include "tests/testing/pg_server.h"
#include "tests/testing/run_command.h"
#include "tests/testing/stored_report.h"

namespace sohoa {
namespace {

using testing::Record;
using testing::Report;

// A monthly report of one body with a two-unit results table.
Report MakeReport(int year, int month, double a_total, double b_total, double a_carry = 1) {
  Report r;
  r.doc.path = "r.txt";
  r.doc.format = "text";
  r.doc.encoding = "utf-8";
  r.doc.pages = PagesFromText("BÁO CÁO tháng " + std::to_string(month), WordSource::kPlainText);
  r.meta.body = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";
  r.meta.parent_body = "VĂN PHÒNG UBND TỈNH SÓC TRĂNG";
  r.meta.province = "Sóc Trăng";
  r.meta.kind = "bao_cao";
  r.meta.period_kind = "month";
  r.meta.period_year = year;
  r.meta.period_index = month;
  r.meta.period_determined = true;
  Table t;
  t.id = "PL-I";
  t.schema = "results";
  t.page = 1;
  t.columns = {{{"Tổng số"}, "received_total"}, {{"Kỳ trước"}, "received_carryover"}};
  auto row = [](const std::string& unit, const std::string& canonical, double v1, double v2) {
    Row row;
    row.unit = unit;
    row.unit_canonical = canonical;
    row.page = 1;
    Cell c1, c2;
    c1.text = std::to_string(static_cast<int>(v1));
    c1.value = v1;
    c1.page = 1;
    c1.box = Box{10, 20, 30, 40};
    c2.text = std::to_string(static_cast<int>(v2));
    c2.value = v2;
    c2.page = 1;
    row.cells = {c1, c2};
    return row;
  };
  t.rows.push_back(row("Sở Tư pháp", "Sở Tư pháp", a_total, a_carry));
  t.rows.push_back(row("Sở NNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", b_total, 2));
  t.total = row("Tổng cộng", "", a_total + b_total, a_carry + 2);
  r.tables.push_back(t);
  return r;
}

std::unique_ptr<SqliteArchive> OpenArchive(const std::string& path, bool read_only = false) {
  std::unique_ptr<SqliteArchive> a;
  ArchiveOptions o;
  o.read_only = read_only;
  o.busy_timeout_ms = 100;
  Status s = SqliteArchive::Open(path, o, &a);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return a;
}

int Count(SqliteArchive* a, const std::string& table) {
  SqlStatement st;
  EXPECT_TRUE(a->sql()->Prepare("SELECT count(*) FROM " + table, &st).ok());
  bool row = false;
  EXPECT_TRUE(st.Step(&row).ok());
  return static_cast<int>(st.Int(0));
}

TEST(StoreTest, StoresAndReadsBackSeriesWithGaps) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report jan = MakeReport(2020, 1, 10, 20), feb = MakeReport(2020, 2, 11, 21),
         apr = MakeReport(2020, 4, 13, 23);
  ASSERT_TRUE(a->StoreDocument(0, Record(jan, "jan.txt", "h1")).ok());
  ASSERT_TRUE(a->StoreDocument(0, Record(feb, "feb.txt", "h2")).ok());
  ASSERT_TRUE(a->StoreDocument(0, Record(apr, "apr.txt", "h4")).ok());
  EXPECT_EQ(Count(a.get(), "documents"), 3);
  EXPECT_EQ(Count(a.get(), "cells"), 3 * 6);

  SeriesQuery q;
  q.units = {"sở tư pháp"};
  q.metric = "received_total";
  std::vector<SeriesRow> rows;
  ASSERT_TRUE(a->Series(q, &rows).ok());
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].period, "2020-01");
  EXPECT_EQ(rows[0].value, 10);
  EXPECT_EQ(rows[0].document, "jan.txt");
  EXPECT_EQ(rows[1].value, 11);
  EXPECT_EQ(rows[2].period, "2020-03");
  EXPECT_EQ(rows[2].marker, "gap");
  EXPECT_FALSE(rows[2].value.has_value());
  EXPECT_EQ(rows[3].value, 13);

  // Canonical names match too; --from/--to bound the months.
  q.units = {"Sở Nông nghiệp và Phát triển nông thôn"};
  q.from = "2020-02";
  q.to = "2020-02";
  ASSERT_TRUE(a->Series(q, &rows).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, 21);
  EXPECT_EQ(rows[0].unit, "Sở NNPTNT");

  std::string csv = SeriesCsv(rows);
  EXPECT_NE(csv.find("2020-02,month,TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG,Sở NNPTNT,"), std::string::npos)
      << csv;
}

// Series markers and the rows of one (period, unit, metric).
std::vector<SeriesRow> SeriesOf(SqliteArchive* a, const std::string& unit, const std::string& metric,
                                SeriesQuery q = SeriesQuery()) {
  q.units = {unit};
  q.metric = metric;
  std::vector<SeriesRow> rows;
  EXPECT_TRUE(a->Series(q, &rows).ok());
  return rows;
}

TEST(StoreSeriesTest, OneIssuerHoweverItsHeadingWasPrintedAndFiltersFoldCase) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report jan = MakeReport(2020, 1, 10, 20), feb = MakeReport(2020, 2, 11, 21);
  const std::string issuer = "Trung tâm Phục vụ hành chính công tỉnh Sóc Trăng";
  jan.meta.issuer = feb.meta.issuer = issuer;
  feb.meta.body = "VĂN PHÒNG UBND TỈNH SÓC TRĂNG TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";
  feb.meta.parent_body = "";
  ASSERT_TRUE(a->StoreDocument(0, Record(jan, "jan.txt", "h1")).ok());
  ASSERT_TRUE(a->StoreDocument(0, Record(feb, "feb.txt", "h2")).ok());
  std::vector<SeriesRow> rows = SeriesOf(a.get(), "Sở Tư pháp", "received_total");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].body, issuer);
  EXPECT_EQ(rows[1].body, issuer);
  SeriesQuery q;
  q.body = "trung tam phuc vu hanh chinh cong";
  q.province = "soc trang";
  EXPECT_EQ(SeriesOf(a.get(), "Sở Tư pháp", "received_total", q).size(), 2u);
  q.province = "TỈNH SÓC TRĂNG";
  EXPECT_EQ(SeriesOf(a.get(), "Sở Tư pháp", "received_total", q).size(), 2u);
  q.province = "Phú Yên";
  EXPECT_EQ(SeriesOf(a.get(), "Sở Tư pháp", "received_total", q).size(), 0u);
  FindingsQuery fq;
  fq.body = "ubnd";
  std::vector<FindingRow> findings;
  ASSERT_TRUE(a->Findings(fq, &findings).ok());
  EXPECT_TRUE(findings.empty());
}

TEST(StoreSeriesTest, TheSameReportSavedTwiceCountsOnceWithADuplicateFinding) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report r = MakeReport(2020, 11, 10, 20), copy = MakeReport(2020, 11, 10, 20);
  r.doc.pages = PagesFromText("BÁO CÁO\nTháng 11  năm 2020\n", WordSource::kPlainText);
  copy.doc.pages = PagesFromText("\xEF\xBB\xBF" "BÁO CÁO \r\nTháng 11 năm 2020\r\n\r\n", WordSource::kPlainText);
  Finding f;
  f.kind = FindingKind::kColumnTotal;
  f.severity = Severity::kError;
  f.table = "PL-I";
  f.row = -2;
  f.column = "received_total";
  f.message = "total differs";
  r.findings = copy.findings = {f};
  ASSERT_TRUE(a->StoreDocument(0, Record(copy, "bc_11_ban_sao.txt", "h2")).ok());
  ASSERT_TRUE(a->StoreDocument(0, Record(r, "bc_11.txt", "h1")).ok());
  std::vector<SeriesRow> rows = SeriesOf(a.get(), "Sở Tư pháp", "received_total");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].document, "bc_11.txt");
  std::vector<FindingRow> findings;
  ASSERT_TRUE(a->Findings(&findings).ok());
  int totals = 0, duplicates = 0;
  for (const FindingRow& fr : findings) {
    totals += fr.finding.kind == FindingKind::kColumnTotal;
    if (fr.finding.kind == FindingKind::kDuplicate) {
      ++duplicates;
      EXPECT_EQ(fr.document, "bc_11_ban_sao.txt");
      EXPECT_EQ(fr.related_document, "bc_11.txt");
      EXPECT_NE(fr.finding.message.find("bc_11.txt"), std::string::npos);
    }
  }
  EXPECT_EQ(totals, 1);  // the copy's findings are not counted twice
  EXPECT_EQ(duplicates, 1);
}

// An issuer reporting every month sends a quarter's report now and then: the
// quarters between are covered by its months, no gap; an issuer reporting
// only by quarter has a gap where a quarter is missing.
TEST(StoreSeriesTest, QuartersCoveredByMonthlyReportsAreNoGaps) {
  auto quarter = [](int year, int q, double a) {
    Report r = MakeReport(year, q, a, 5);
    r.meta.period_kind = "quarter";
    return r;
  };
  std::string db = testing::TempDir() + "/q.db";
  auto a = OpenArchive(db);
  int h = 0;
  for (int m = 1; m <= 9; ++m) {
    if (m == 5) continue;  // a month missing: a gap of the monthly series
    ASSERT_TRUE(a->StoreDocument(0, Record(MakeReport(2020, m, 10 + m, 20), "m" + std::to_string(m) + ".txt",
                                           "h" + std::to_string(++h))).ok());
  }
  ASSERT_TRUE(a->StoreDocument(0, Record(quarter(2020, 1, 30), "q1.txt", "hq1")).ok());
  ASSERT_TRUE(a->StoreDocument(0, Record(quarter(2020, 3, 33), "q3.txt", "hq3")).ok());
  std::vector<std::string> got;
  for (const SeriesRow& r : SeriesOf(a.get(), "Sở Tư pháp", "received_total"))
    got.push_back(r.period + ":" + r.marker);
  EXPECT_EQ(got, (std::vector<std::string>{"2020-01:", "2020-02:", "2020-03:", "2020-04:", "2020-05:gap",
                                           "2020-06:", "2020-07:", "2020-08:", "2020-09:", "2020-Q1:",
                                           "2020-Q3:"}));
  // Another issuer, by quarter only: its missing quarter is a gap.
  std::string db2 = testing::TempDir() + "/q2.db";
  auto b = OpenArchive(db2);
  ASSERT_TRUE(b->StoreDocument(0, Record(quarter(2020, 1, 30), "q1.txt", "hq1")).ok());
  ASSERT_TRUE(b->StoreDocument(0, Record(quarter(2020, 3, 33), "q3.txt", "hq3")).ok());
  got.clear();
  for (const SeriesRow& r : SeriesOf(b.get(), "Sở Tư pháp", "received_total"))
    got.push_back(r.period + ":" + r.marker);
  EXPECT_EQ(got, (std::vector<std::string>{"2020-Q1:", "2020-Q2:gap", "2020-Q3:"}));
}

TEST(StoreSeriesTest, AByteIdenticalCopyIsStoredOnceAndReportedAsADuplicate) {
  std::string db = testing::TempDir() + "/a.db";
  auto a = OpenArchive(db);
  Report r = MakeReport(2020, 11, 10, 20);
  ASSERT_TRUE(a->StoreDocument(0, Record(r, "bc_11.txt", "h1")).ok());
  ASSERT_TRUE(a->RecordCopy("gui_lai/bc_11 (1).txt", "h1", 100).ok());
  ASSERT_TRUE(a->RecordCopy("gui_lai/bc_11 (1).txt", "h1", 100).ok());  // seen again: nothing new
  ASSERT_TRUE(a->RecordCopy("bc_11.txt", "h1", 100).ok());             // its own path: no copy
  ASSERT_TRUE(a->RecordCopy("other.txt", "h9", 100).ok());             // content never stored
  std::string status, path;
  ASSERT_TRUE(a->DocumentStatus("h1", &status, &path).ok());
  EXPECT_EQ(status, "ok");
  EXPECT_EQ(path, "bc_11.txt");
  EXPECT_EQ(SeriesOf(a.get(), "Sở Tư pháp", "received_total").size(), 1u);
  std::vector<FindingRow> findings;
  ASSERT_TRUE(a->Findings(&findings).ok());
  int duplicates = 0;
  for (const FindingRow& fr : findings) {
    if (fr.finding.kind != FindingKind::kDuplicate) continue;
    ++duplicates;
    EXPECT_EQ(fr.document, "gui_lai/bc_11 (1).txt");
    EXPECT_EQ(fr.related_document, "bc_11.txt");
    EXPECT_EQ(fr.period, "2020-11");
    EXPECT_NE(fr.finding.message.find("byte for byte"), std::string::npos);
  }
  EXPECT_EQ(duplicates, 1);
  FindingsQuery q;
  q.province = "Phú Yên";  // another issuer's findings only
  ASSERT_TRUE(a->Findings(q, &findings).ok());
  EXPECT_TRUE(findings.empty());
}

TEST(StoreSeriesTest, TwoDifferentReportsForOnePeriodGiveAConflictAndTheSeriesSaysWhichItTakes) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report first = MakeReport(2020, 2, 10, 20), reissue = MakeReport(2020, 2, 12, 20);
  first.meta.date = "2020-02-20";
  reissue.meta.date = "2020-02-23";
  reissue.doc.pages = PagesFromText("BÁO CÁO (điều chỉnh) tháng 2", WordSource::kPlainText);
  // Ingested in either order, the series takes the re-issue.
  ASSERT_TRUE(a->StoreDocument(0, Record(reissue, "bc_2 (dieu chinh).txt", "h2")).ok());
  ASSERT_TRUE(a->StoreDocument(0, Record(first, "bc_2.txt", "h1")).ok());
  std::vector<SeriesRow> rows = SeriesOf(a.get(), "Sở Tư pháp", "received_total");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].value, 12);
  EXPECT_EQ(rows[0].document, "bc_2 (dieu chinh).txt");
  EXPECT_NE(rows[0].source_note.find("later issue date"), std::string::npos) << rows[0].source_note;
  std::vector<FindingRow> findings;
  ASSERT_TRUE(a->Findings(&findings).ok());
  ASSERT_EQ(findings.size(), 1u);
  const FindingRow& c = findings[0];
  EXPECT_EQ(c.finding.kind, FindingKind::kConflict);
  EXPECT_EQ(c.document, "bc_2.txt");
  EXPECT_EQ(c.finding.row_label, "Sở Tư pháp");
  EXPECT_EQ(c.finding.column, "received_total");
  EXPECT_EQ(c.finding.stated, 10);
  EXPECT_EQ(c.finding.expected, 12);
  // Two cells differ: the unit's and the total's.
  EXPECT_NE(c.finding.message.find("2 cells differ"), std::string::npos) << c.finding.message;
}

// A report with `units` more units in its table (enough table values for
// them alone to tell one report from another).
Report WideReport(int year, int month, int units, double base) {
  Report r = MakeReport(year, month, base, base + 1);
  for (int u = 0; u < units; ++u) {
    Row row = r.tables[0].rows[0];
    row.unit = row.unit_canonical = "Sở số " + std::to_string(u);
    row.cells[0].value = base + 7 * u;
    row.cells[0].text = std::to_string(static_cast<int>(base + 7 * u));
    row.cells[1].value = u;
    row.cells[1].text = std::to_string(u);
    r.tables[0].rows.push_back(row);
  }
  r.meta.number = "285/BC-TTHC";
  r.meta.date = "2020-12-05";
  return r;
}

int CountKind(const std::vector<FindingRow>& findings, FindingKind kind) {
  int n = 0;
  for (const FindingRow& fr : findings) n += fr.finding.kind == kind;
  return n;
}

TEST(StoreSeriesTest, AReportSavedAgainInAnotherFormatIsOneReportWithADuplicateFinding) {
  // The .docx and its PDF export: other text, the same number, date and
  // table values. One report in the series, the other file a duplicate
  // (not a conflict); the PDF's own findings are not counted again.
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report docx = WideReport(2020, 12, 12, 40), pdf = WideReport(2020, 12, 12, 40);
  docx.doc.pages = PagesFromText("BÁO CÁO\ttháng 12 năm 2020", WordSource::kPlainText);
  pdf.doc.pages = PagesFromText("BÁO CÁO    Tháng 12/2020   (trang 1)", WordSource::kOcr);
  Finding f;
  f.kind = FindingKind::kRowIdentity;
  f.severity = Severity::kError;
  f.table = "PL-I";
  f.row = 3;
  f.column = "received_total";
  f.message = "a misreading of the PDF";
  pdf.findings = {f};
  // Either order of ingest; the file read without OCR is the one taken.
  ASSERT_TRUE(a->StoreDocument(0, Record(pdf, "BC_12-2020.pdf", "h2")).ok());
  ASSERT_TRUE(a->StoreDocument(0, Record(docx, "BC_12-2020.docx", "h1")).ok());
  std::vector<SeriesRow> rows = SeriesOf(a.get(), "Sở số 3", "received_total");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].document, "BC_12-2020.docx");
  EXPECT_EQ(rows[0].value, 61);
  EXPECT_EQ(rows[0].source_note, "");  // one report, nothing to choose between
  std::vector<FindingRow> findings;
  ASSERT_TRUE(a->Findings(&findings).ok());
  EXPECT_EQ(CountKind(findings, FindingKind::kConflict), 0);
  EXPECT_EQ(CountKind(findings, FindingKind::kRowIdentity), 0);
  ASSERT_EQ(CountKind(findings, FindingKind::kDuplicate), 1);
  for (const FindingRow& fr : findings) {
    if (fr.finding.kind != FindingKind::kDuplicate) continue;
    EXPECT_EQ(fr.document, "BC_12-2020.pdf");
    EXPECT_EQ(fr.related_document, "BC_12-2020.docx");
    EXPECT_NE(fr.finding.message.find("another format"), std::string::npos) << fr.finding.message;
  }
}

TEST(StoreSeriesTest, AReExportWhoseHeadingWasReadOtherwiseJoinsItsIssuer) {
  // The PDF export's heading laid out otherwise gives another body; its
  // table values are those of the issuer's own report of that month: one
  // report, under the issuer that has the other months.
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report nov = WideReport(2020, 11, 12, 30), dec = WideReport(2020, 12, 12, 40),
         again = WideReport(2020, 12, 12, 40);
  nov.meta.number = "270/BC-TTHC";
  nov.meta.date = "2020-11-05";
  again.meta.body = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG SÓC TRĂNG, NGÀY 5";
  again.doc.pages = PagesFromText("BÁO CÁO tháng 12 (PDF)", WordSource::kTextLayer);
  ASSERT_TRUE(a->StoreDocument(0, Record(nov, "BC_11-2020.docx", "h0")).ok());
  ASSERT_TRUE(a->StoreDocument(0, Record(again, "BC_12-2020.pdf", "h2")).ok());
  ASSERT_TRUE(a->StoreDocument(0, Record(dec, "BC_12-2020.docx", "h1")).ok());
  std::vector<SeriesRow> rows = SeriesOf(a.get(), "Sở số 3", "received_total");
  ASSERT_EQ(rows.size(), 2u);
  for (const SeriesRow& r : rows) EXPECT_EQ(r.body, dec.meta.body);
  EXPECT_EQ(rows[1].document, "BC_12-2020.pdf");  // the shorter name of the two
  std::vector<FindingRow> findings;
  ASSERT_TRUE(a->Findings(&findings).ok());
  ASSERT_EQ(CountKind(findings, FindingKind::kDuplicate), 1);
  EXPECT_EQ(findings[0].document, "BC_12-2020.docx");
  EXPECT_NE(findings[0].finding.message.find("was read as TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG SÓC TRĂNG, NGÀY 5"), std::string::npos)
      << findings[0].finding.message;
  // A re-issue with another number stays a second report (a conflict), even
  // with the same figures.
  Report reissue = WideReport(2020, 11, 12, 30);
  reissue.meta.number = "281/BC-TTHC";
  reissue.meta.date = "2020-11-20";
  reissue.doc.pages = PagesFromText("BÁO CÁO (điều chỉnh) tháng 11", WordSource::kPlainText);
  ASSERT_TRUE(a->StoreDocument(0, Record(reissue, "BC_11-2020 (dieu chinh).docx", "h3")).ok());
  ASSERT_TRUE(a->Findings(&findings).ok());
  EXPECT_EQ(CountKind(findings, FindingKind::kConflict), 1);
  EXPECT_EQ(CountKind(findings, FindingKind::kDuplicate), 1);
}

TEST(StoreSeriesTest, MarkersSayWhyAPeriodHasNoValue) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report jan = MakeReport(2020, 1, 10, 20), feb = MakeReport(2020, 2, 11, 21),
         mar = MakeReport(2020, 3, 12, 22), may = MakeReport(2020, 5, 14, 24);
  feb.tables.clear();                                           // its table was not read
  mar.tables[0].rows.erase(mar.tables[0].rows.begin());         // without Sở Tư pháp
  for (Report* r : {&jan, &feb, &mar, &may})
    ASSERT_TRUE(a->StoreDocument(0, Record(*r, "m" + std::to_string(r->meta.period_index) + ".txt",
                                           "h" + std::to_string(r->meta.period_index)))
                    .ok());
  std::vector<SeriesRow> rows = SeriesOf(a.get(), "Sở Tư pháp", "received_total");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].marker, "");
  EXPECT_EQ(rows[1].marker, "unparsed");
  EXPECT_EQ(rows[1].document, "m2.txt");
  EXPECT_EQ(rows[2].marker, "missing_unit");
  EXPECT_EQ(rows[3].marker, "gap");
  EXPECT_EQ(rows[4].value, 14);
  for (int i = 1; i <= 3; ++i) EXPECT_FALSE(rows[i].value.has_value()) << i;
}

TEST(StoreSeriesTest, UnmappedColumnsComeAfterTheKeyedOnesAndAShortUnitNameJoinsItsLongForm) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report jan = MakeReport(2020, 1, 10, 20), feb = MakeReport(2020, 2, 11, 21);
  jan.tables[0].columns[1] = {{"Số hồ sơ xin rút"}, "so_ho_so_xin_rut", /*mapped=*/false};
  // February writes the second unit short; it is never beside its long form.
  feb.tables[0].rows[1].unit = "Sở Nông nghiệp";
  feb.tables[0].rows[1].unit_canonical = "";
  jan.tables[0].rows[1].unit = "Sở Nông nghiệp và Phát triển nông thôn";
  ASSERT_TRUE(a->StoreDocument(0, Record(jan, "jan.txt", "h1")).ok());
  ASSERT_TRUE(a->StoreDocument(0, Record(feb, "feb.txt", "h2")).ok());
  SeriesQuery q;
  std::vector<SeriesRow> rows;
  ASSERT_TRUE(a->Series(q, &rows).ok());
  bool unmapped_seen = false;
  for (const SeriesRow& r : rows) {
    if (r.marker == "unmapped") unmapped_seen = true;
    else EXPECT_FALSE(unmapped_seen) << "keyed row after an unmapped one: " << r.metric;
  }
  EXPECT_TRUE(unmapped_seen);
  rows = SeriesOf(a.get(), "Sở Nông nghiệp và Phát triển nông thôn", "received_total");
  std::vector<SeriesRow> nn;
  ASSERT_TRUE(a->Series(SeriesQuery(), &nn).ok());
  int values = 0;
  for (const SeriesRow& r : nn)
    if (r.metric == "received_total" && r.unit_canonical == "Sở Nông nghiệp và Phát triển nông thôn" &&
        r.value)
      ++values;
  EXPECT_EQ(values, 2);
}

TEST(StoreTest, FindingsAreFlaggedOnTheirCells) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report r = MakeReport(2021, 3, 10, 20);
  Finding f;
  f.kind = FindingKind::kColumnTotal;
  f.table = "PL-I";
  f.row = -2;
  f.row_label = "Tổng cộng";
  f.column = "received_total";
  f.stated = 30;
  f.expected = 31;
  f.page = 1;
  f.message = "total differs";
  SuspectCell sc;
  sc.row = 0;
  sc.column = "received_total";
  sc.value = 10;
  sc.suggested = 11;
  f.suspect = sc;
  r.findings.push_back(f);
  int n = -1;
  int64_t id = 0;
  ASSERT_TRUE(a->StoreDocument(0, Record(r, "r.txt", "h"), &id).ok());
  ASSERT_TRUE(a->CountFindings(id, &n).ok());
  EXPECT_EQ(n, 1);
  std::vector<FindingRow> findings;
  ASSERT_TRUE(a->Findings(&findings).ok());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].document, "r.txt");
  EXPECT_EQ(findings[0].period, "2021-03");
  EXPECT_EQ(findings[0].finding.kind, FindingKind::kColumnTotal);
  ASSERT_TRUE(findings[0].finding.suspect.has_value());
  EXPECT_EQ(findings[0].finding.suspect->suggested, 11);

  SeriesQuery q;
  q.metric = "received_total";
  std::vector<SeriesRow> rows;
  ASSERT_TRUE(a->Series(q, &rows).ok());
  ASSERT_EQ(rows.size(), 3u);  // two units and the total
  int flagged = 0;
  for (const SeriesRow& row : rows) flagged += row.has_finding;
  EXPECT_EQ(flagged, 2);  // the total row and the suspect cell
}

TEST(StoreTest, AdjacentReportsAndReplacedFindings) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report feb = MakeReport(2020, 2, 5, 20);
  Report dec = MakeReport(2019, 12, 4, 20);
  Finding identity;
  identity.kind = FindingKind::kRowIdentity;
  identity.message = "kept";
  feb.findings.push_back(identity);
  int64_t feb_id = 0;
  ASSERT_TRUE(a->StoreDocument(0, Record(feb, "feb.txt", "h2"), &feb_id).ok());
  // Carry-over findings replace the earlier carry-over findings only, and
  // findings of other kinds given with them are not stored.
  Finding carry;
  carry.kind = FindingKind::kCarryover;
  carry.message = "carry-over 1";
  ASSERT_TRUE(a->ReplaceFindings(feb_id, FindingKind::kCarryover, {carry, identity}).ok());
  carry.message = "carry-over 2";
  ASSERT_TRUE(a->ReplaceFindings(feb_id, FindingKind::kCarryover, {carry}).ok());
  std::vector<FindingRow> findings;
  ASSERT_TRUE(a->Findings(&findings).ok());
  ASSERT_EQ(findings.size(), 2u);
  int n = 0;
  ASSERT_TRUE(a->CountFindings(feb_id, &n).ok());
  EXPECT_EQ(n, 2);
  for (const FindingRow& f : findings)
    EXPECT_TRUE(f.finding.message == "kept" || f.finding.message == "carry-over 2") << f.finding.message;
  // Adjacent across a year boundary.
  ASSERT_TRUE(a->StoreDocument(0, Record(dec, "dec.txt", "h12")).ok());
  std::optional<StoredReport> next;
  ASSERT_TRUE(a->FindAdjacentReport(dec.meta, +1, &next).ok());
  EXPECT_FALSE(next.has_value());  // January 2020 is missing
  ReportMeta jan = feb.meta;
  jan.period_index = 1;
  std::optional<StoredReport> prev;
  ASSERT_TRUE(a->FindAdjacentReport(jan, -1, &prev).ok());
  ASSERT_TRUE(prev.has_value());
  EXPECT_EQ(prev->path, "dec.txt");
  ASSERT_EQ(prev->tables.size(), 1u);
  ASSERT_EQ(prev->tables[0].rows.size(), 2u);
  EXPECT_EQ(prev->tables[0].rows[1].unit, "Sở NNPTNT");
  EXPECT_EQ(prev->tables[0].rows[0].cells[0].value, 4);
  EXPECT_EQ(prev->tables[0].rows[0].cells[0].box.x1, 30);
  ASSERT_TRUE(prev->tables[0].total.has_value());
  EXPECT_EQ(prev->tables[0].total->cells[0].value, 24);
  EXPECT_EQ(prev->tables[0].columns[1].key, "received_carryover");
  // Another body's report is not a neighbour.
  jan.body = "VĂN PHÒNG";
  ASSERT_TRUE(a->FindAdjacentReport(jan, -1, &prev).ok());
  EXPECT_FALSE(prev.has_value());
}

// Regression (issue 28): processes opening a new archive together raced at
// the switch to WAL, which SQLite answers with BUSY without calling the busy
// handler; one of them failed with "database is locked". Forked processes,
// as in `sohoa ingest` run twice, each opening the same new file 20 times.
TEST(StoreTest, ProcessesOpeningANewArchiveTogetherAllSucceed) {
  SOHOA_SQLITE_ONLY();
  const std::string dir = testing::TempDir();
  int failures = 0;
  for (int round = 0; round < 20; ++round) {
    const std::string db = dir + "/race" + std::to_string(round) + ".db";
    std::vector<pid_t> children;
    for (int p = 0; p < 4; ++p) {
      pid_t pid = fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        std::unique_ptr<SqliteArchive> a;
        ArchiveOptions o;
        o.busy_timeout_ms = 10000;
        _exit(SqliteArchive::Open(db, o, &a).ok() ? 0 : 1);
      }
      children.push_back(pid);
    }
    for (pid_t pid : children) {
      int status = 0;
      waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failures;
    }
    auto a = OpenArchive(db);
    ASSERT_TRUE(a);
    EXPECT_EQ(Count(a.get(), "schema_version"), 1);
  }
  EXPECT_EQ(failures, 0);
}

// Schema 9 drops the index of cells by metric (a fifth of the archive,
// read by no query): gone from new archives and from upgraded ones.
TEST(StoreTest, Schema9HasNoIndexOfCellsByMetric) {
  SOHOA_SQLITE_ONLY();
  const std::string db = testing::TempDir() + "/metric_index.db";
  auto indexes = [&](int* version) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    int n = -1;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, "SELECT count(*) FROM sqlite_master WHERE name = 'cells_by_metric'", -1,
                       &st, nullptr);
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_prepare_v2(raw, "SELECT version FROM schema_version", -1, &st, nullptr);
    if (sqlite3_step(st) == SQLITE_ROW) *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return n;
  };
  int version = 0;
  { auto a = OpenArchive(db); ASSERT_TRUE(a); }
  EXPECT_EQ(indexes(&version), 0);
  EXPECT_GE(version, 9);
  // An archive of schema 8, index and all (the page-frame columns of
  // schema 10 taken out again, so the upgrade can add them).
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw,
                           "CREATE INDEX cells_by_metric ON cells (column_key, unit_canonical);"
                           "ALTER TABLE pages DROP COLUMN box_unit; ALTER TABLE pages DROP COLUMN width;"
                           "ALTER TABLE pages DROP COLUMN height; ALTER TABLE pages DROP COLUMN dpi;"
                           "ALTER TABLE pages DROP COLUMN rotation;"
                           "UPDATE schema_version SET version = 8",
                           0, 0, 0),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  EXPECT_EQ(indexes(&version), 1);
  { auto a = OpenArchive(db); ASSERT_TRUE(a); }
  EXPECT_EQ(indexes(&version), 0);
  EXPECT_GE(version, 9);
}

TEST(StoreTest, NewerSchemaIsRefusedAndUntouched) {
  SOHOA_SQLITE_ONLY();
  std::string db = testing::TempDir() + "/a.db";
  { auto a = OpenArchive(db); }
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "UPDATE schema_version SET version = 99", 0, 0, 0), SQLITE_OK);
    sqlite3_close(raw);
  }
  std::string before = testing::ReadFile(db);
  std::unique_ptr<SqliteArchive> a;
  Status s = SqliteArchive::Open(db, ArchiveOptions(), &a);
  EXPECT_EQ(s.code(), Status::Code::kArchiveError);
  EXPECT_NE(s.message().find("newer"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(db), std::string::npos);
  EXPECT_EQ(testing::ReadFile(db), before);
}

TEST(StoreTest, ForeignDatabaseIsRefused) {
  SOHOA_SQLITE_ONLY();
  std::string db = testing::TempDir() + "/other.db";
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE t (x)", 0, 0, 0), SQLITE_OK);
  sqlite3_close(raw);
  std::unique_ptr<SqliteArchive> a;
  Status s = SqliteArchive::Open(db, ArchiveOptions(), &a);
  EXPECT_EQ(s.code(), Status::Code::kArchiveError);
  EXPECT_NE(s.message().find("not a sohoa archive"), std::string::npos) << s.message();

  std::string text = testing::TempDir() + "/notes.db";
  { FILE* f = fopen(text.c_str(), "w"); fputs("just some text, not a database at all......", f); fclose(f); }
  s = SqliteArchive::Open(text, ArchiveOptions(), &a);
  EXPECT_EQ(s.code(), Status::Code::kArchiveError);
  EXPECT_EQ(testing::ReadFile(text), "just some text, not a database at all......");
}

TEST(StoreTest, LockedArchiveFailsClearlyAndStoresNothing) {
  SOHOA_SQLITE_ONLY();
  std::string db = testing::TempDir() + "/a.db";
  auto a = OpenArchive(db);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", 0, 0, 0), SQLITE_OK);
  Report r = MakeReport(2020, 1, 1, 2);
  Status s = a->StoreDocument(0, Record(r, "r.txt", "h"));
  EXPECT_EQ(s.code(), Status::Code::kArchiveError);
  EXPECT_NE(s.message().find("locked"), std::string::npos) << s.message();
  sqlite3_exec(other, "ROLLBACK", 0, 0, 0);
  sqlite3_close(other);
  EXPECT_EQ(Count(a.get(), "documents"), 0);
  EXPECT_TRUE(a->StoreDocument(0, Record(r, "r.txt", "h")).ok());
}

TEST(StoreTest, DiskFullRollsBackTheWholeDocument) {
  SOHOA_SQLITE_ONLY();
  std::string db = testing::TempDir() + "/a.db";
  auto a = OpenArchive(db);
  Report small = MakeReport(2020, 1, 1, 2);
  ASSERT_TRUE(a->StoreDocument(0, Record(small, "s.txt", "h0")).ok());
  std::string dump_before;
  ASSERT_TRUE(a->Dump(&dump_before).ok());
  // A page limit just above the current size stands in for a full disk.
  SqliteStatement st;
  ASSERT_TRUE(a->db()->Prepare("PRAGMA page_count", &st).ok());
  bool row = false;
  ASSERT_TRUE(st.Step(&row).ok());
  int64_t pages = st.Int(0);
  ASSERT_TRUE(a->db()->Exec("PRAGMA max_page_count = " + std::to_string(pages + 1)).ok());
  Report big = MakeReport(2020, 2, 1, 2);
  big.doc.pages = PagesFromText(std::string(200000, 'x'), WordSource::kPlainText);
  Status s = a->StoreDocument(0, Record(big, "b.txt", "h1"));
  EXPECT_EQ(s.code(), Status::Code::kArchiveError);
  EXPECT_NE(s.message().find("disk is full"), std::string::npos) << s.message();
  std::string dump_after;
  ASSERT_TRUE(a->Dump(&dump_after).ok());
  EXPECT_EQ(dump_before, dump_after);
}

TEST(StoreTest, ReadOnlyFileIsAnArchiveError) {
  SOHOA_SQLITE_ONLY();
  std::string dir = testing::TempDir();
  std::string db = dir + "/a.db";
  { auto a = OpenArchive(db); }
  ASSERT_EQ(chmod(db.c_str(), 0444), 0);
  ASSERT_EQ(chmod(dir.c_str(), 0755), 0);
  std::string before = testing::ReadFile(db);
  // Root ignores file permissions: open the archive as an unprivileged user
  // in a child process.
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
    std::unique_ptr<SqliteArchive> a;
    Status s = SqliteArchive::Open(db, ArchiveOptions(), &a);
    std::string msg = s.ToString();
    if (write(fds[1], msg.data(), msg.size()) < 0) _exit(4);
    _exit(s.code() == Status::Code::kArchiveError ? 0 : 1);
  }
  close(fds[1]);
  std::string msg;
  char buf[512];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) msg.append(buf, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 3) GTEST_SKIP() << "cannot drop privileges";
  EXPECT_EQ(WEXITSTATUS(status), 0) << msg;
  EXPECT_TRUE(msg.find("read-only") != std::string::npos ||
              msg.find("cannot open") != std::string::npos)
      << msg;
  EXPECT_NE(msg.find(db), std::string::npos) << msg;
  EXPECT_EQ(testing::ReadFile(db), before);
}

TEST(StoreTest, ReadOnlyModeDoesNotCreate) {
  SOHOA_SQLITE_ONLY();
  std::string db = testing::TempDir() + "/missing.db";
  std::unique_ptr<SqliteArchive> a;
  ArchiveOptions o;
  o.read_only = true;
  Status s = SqliteArchive::Open(db, o, &a);
  EXPECT_EQ(s.code(), Status::Code::kArchiveError);
  EXPECT_NE(s.message().find("sohoa ingest"), std::string::npos) << s.message();
  EXPECT_NE(access(db.c_str(), F_OK), 0);
}

TEST(StoreTest, FailedDocumentIsRecordedThenReplacedWhenItSucceeds) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  DocumentRecord rec;
  rec.path = "bad.pdf";
  rec.content_hash = "hb";
  rec.status = Status::Corrupt("bad.pdf: damaged cross-reference table");
  ASSERT_TRUE(a->StoreDocument(0, rec).ok());
  std::string status;
  ASSERT_TRUE(a->DocumentStatus("hb", &status).ok());
  EXPECT_EQ(status, "failed");
  std::string dump;
  ASSERT_TRUE(a->Dump(&dump).ok());
  EXPECT_NE(dump.find("failed\tcorrupt\tbad.pdf: damaged"), std::string::npos) << dump;
  Report r = MakeReport(2020, 1, 1, 2);
  ASSERT_TRUE(a->StoreDocument(0, Record(r, "bad.pdf", "hb")).ok());
  ASSERT_TRUE(a->DocumentStatus("hb", &status).ok());
  EXPECT_EQ(status, "ok");
  EXPECT_EQ(Count(a.get(), "documents"), 1);
}

// bench/archive_c: a report with the departments' appendix and the
// districts' beside it kept one "Tổng cộng" per metric, the second table's
// total dropped as the same unit.
TEST(StoreSeriesTest, RegressionTotalRowsOfTwoTablesAreTwoSeries) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/a.db");
  auto a = OpenArchive(db);
  Report r = MakeReport(2021, 3, 10, 20);
  Table districts = MakeReport(2021, 3, 100, 200).tables[0];
  districts.id = "PL-II";
  districts.rows[0].unit = districts.rows[0].unit_canonical = "UBND huyện Cao Phong";
  districts.rows[1].unit = districts.rows[1].unit_canonical = "UBND huyện Lạc Sơn";
  r.tables.push_back(districts);
  ASSERT_TRUE(a->StoreDocument(0, Record(r, "r.txt", "h1")).ok());
  SeriesQuery q;
  q.metric = "received_total";
  std::vector<SeriesRow> rows;
  ASSERT_TRUE(a->Series(q, &rows).ok());
  std::map<std::string, double> totals;  // table -> value
  for (const SeriesRow& x : rows)
    if (x.unit == "Tổng cộng" && x.value) {
      EXPECT_EQ(totals.count(x.table), 0u) << x.table;
      totals[x.table] = *x.value;
      if (x.table == "PL-I") EXPECT_EQ(x.unit_canonical, "");
      if (x.table == "PL-II") EXPECT_EQ(x.unit_canonical, "Tổng cộng PL-II");
    }
  EXPECT_EQ(totals, (std::map<std::string, double>{{"PL-I", 30}, {"PL-II", 300}}));
}

}  // namespace
}  // namespace sohoa
