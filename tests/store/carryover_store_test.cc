// The run's carry-over (pipeline/ingest_run.h StoreWithCarryover): a report
// stored before the one of the period before it is re-checked when that one
// arrives, storing again replaces without doubling, and a failure record
// has no findings.
#include <gtest/gtest.h>

#include <map>

#include "pipeline/ingest_run.h"
#include "tests/testing/pg_server.h"
#include "tests/testing/run_command.h"
#include "tests/testing/stored_report.h"

namespace sohoa {
namespace {

using testing::Record;
using testing::Report;

// A month of one body: per unit its carry-over from the month before and
// what is still pending at its end.
Report Month(int month, const std::vector<double>& carry, const std::vector<double>& pending) {
  Report r;
  r.doc.format = "text";
  r.doc.pages = PagesFromText("BÁO CÁO tháng " + std::to_string(month), WordSource::kPlainText);
  r.meta.body = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";
  r.meta.province = "Sóc Trăng";
  r.meta.period_kind = "month";
  r.meta.period_year = 2020;
  r.meta.period_index = month;
  r.meta.period_determined = true;
  Table t;
  t.id = "PL-I";
  t.schema = "results";
  t.page = 1;
  t.columns = {{{"Kỳ trước"}, "received_carryover"}, {{"Đang giải quyết"}, "pending_total"}};
  const char* units[] = {"Sở Tư pháp", "Sở Xây dựng", "Sở Y tế", "Sở Nội vụ"};
  auto row = [](const std::string& unit, double c, double p) {
    Row row;
    row.unit = row.unit_canonical = unit;
    row.page = 1;
    Cell a, b;
    a.text = std::to_string(static_cast<int>(c)), a.value = c, a.page = 1;
    b.text = std::to_string(static_cast<int>(p)), b.value = p, b.page = 1;
    row.cells = {a, b};
    return row;
  };
  double carry_total = 0, pending_total = 0;
  for (size_t i = 0; i < carry.size(); ++i) {
    t.rows.push_back(row(units[i], carry[i], pending[i]));
    carry_total += carry[i], pending_total += pending[i];
  }
  t.total = row("Tổng cộng", carry_total, pending_total);
  t.total->unit_canonical.clear();
  r.tables.push_back(t);
  return r;
}

std::map<std::string, int> CarryoverByDocument(SqlArchive* a) {
  std::vector<FindingRow> rows;
  EXPECT_TRUE(a->Findings(&rows).ok());
  std::map<std::string, int> out;
  for (const FindingRow& f : rows)
    if (f.finding.kind == FindingKind::kCarryover) ++out[f.document];
  return out;
}

TEST(CarryoverStoreTest, NeighboursAreRecheckedWhenTheirPeriodArrives) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/carry.db");
  std::unique_ptr<SqlArchive> a;
  ASSERT_TRUE(SqlArchive::Open(db, ArchiveOptions(), &a).ok());
  CheckOptions options;
  // March's carry-over of Sở Tư pháp (7) is not February's pending (5).
  Report mar = Month(3, {7, 2, 3, 4}, {1, 1, 1, 1});
  Report feb = Month(2, {1, 1, 1, 1}, {5, 2, 3, 4});
  int total = -1;
  ASSERT_TRUE(StoreWithCarryover(a.get(), 0, Record(mar, "mar.txt", "h3"), options, &total).ok());
  EXPECT_EQ(total, 0);  // nothing to compare with yet
  EXPECT_TRUE(CarryoverByDocument(a.get()).empty());
  // February arrives: it is checked against March, and March against it.
  ASSERT_TRUE(StoreWithCarryover(a.get(), 0, Record(feb, "feb.txt", "h2"), options, &total).ok());
  auto found = CarryoverByDocument(a.get());
  EXPECT_EQ(found["mar.txt"], 2);  // Sở Tư pháp and the total row
  EXPECT_EQ(found["feb.txt"], 2);
  EXPECT_EQ(total, 2);
  // Stored again (forced): replaced, not doubled.
  ASSERT_TRUE(StoreWithCarryover(a.get(), 0, Record(feb, "feb.txt", "h2"), options, &total).ok());
  EXPECT_EQ(CarryoverByDocument(a.get()), found);
  // A failure record: stored, no findings.
  DocumentRecord failed;
  failed.path = "bad.pdf";
  failed.content_hash = "hb";
  failed.status = Status::Corrupt("bad.pdf: broken");
  ASSERT_TRUE(StoreWithCarryover(a.get(), 0, failed, options, &total).ok());
  EXPECT_EQ(total, 0);
  // A write already open is refused, not nested.
  SqlArchive::Write outer(a.get());
  ASSERT_TRUE(outer.Begin().ok());
  EXPECT_FALSE(StoreWithCarryover(a.get(), 0, Record(mar, "mar.txt", "h3"), options, &total).ok());
}

}  // namespace
}  // namespace sohoa
