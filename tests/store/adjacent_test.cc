// One rule for "the period before": the in-memory archive (`sohoa check a
// b`) and the store (`sohoa ingest`) pick the same adjacent report, through
// core/adjacent_period.h. Regression: they used to follow two rules and
// paired reports differently (a quarter after a month of the 16th-15th
// convention, nine-month reports, body spelling, unknown bodies, one
// period stored twice); the cases below are those where they disagreed.
#include <gtest/gtest.h>

#include <map>

#include "pipeline/check/memory_archive.h"
#include "pipeline/core/adjacent_period.h"
#include "pipeline/store/store.h"
#include "tests/testing/pg_server.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

constexpr char kBody[] = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";

ReportMeta Period(const std::string& kind, int year, int index, const std::string& from,
                  const std::string& to) {
  ReportMeta m;
  m.body = kBody;
  m.province = "Phú Yên";
  m.period_kind = kind;
  m.period_year = year;
  m.period_index = index;
  m.period_from = from;
  m.period_to = to;
  m.period_determined = true;
  return m;
}

struct Named {
  std::string path;
  ReportMeta meta;
};

// Reports of the 16th-to-15th convention, stored out of order.
std::vector<Named> Reports() {
  std::vector<Named> r;
  r.push_back({"m2021-11.txt", Period("month", 2021, 11, "2021-10-16", "2021-11-15")});
  r.push_back({"m2021-12.txt", Period("month", 2021, 12, "2021-11-16", "2021-12-15")});
  // The quarter after December (no January): adjacent by dates only.
  r.push_back({"q2022-1.txt", Period("quarter", 2022, 1, "2021-12-16", "2022-03-15")});
  // April without March: the quarter ends the day before it begins.
  r.push_back({"m2022-04.txt", Period("month", 2022, 4, "2022-03-16", "2022-04-15")});
  // Nine-month reports of two years are not consecutive periods; the year
  // before ends the day before the later one begins.
  r.push_back({"n2019.txt", Period("nine_months", 2019, 0, "2019-01-01", "2019-09-30")});
  r.push_back({"n2020.txt", Period("nine_months", 2020, 0, "2020-01-01", "2020-09-30")});
  r.push_back({"y2019.txt", Period("year", 2019, 0, "2019-01-01", "2019-12-31")});
  // The same issuer written in other case, without province: the same body.
  Named lower{"h2020-2.txt", Period("half_year", 2020, 2, "", "")};
  lower.meta.body = "Trung tâm phục vụ hành chính công";
  lower.meta.province = "";
  r.push_back(lower);
  r.push_back({"h2020-1.txt", Period("half_year", 2020, 1, "", "")});
  // A report whose body was not read: nobody's neighbour, and none for it.
  Named unknown{"unknown2021-10.txt", Period("month", 2021, 10, "", "")};
  unknown.meta.body = "";
  unknown.meta.province = "";
  r.push_back(unknown);
  // Another issuer's report of the month before November.
  Named other{"other2021-10.txt", Period("month", 2021, 10, "2021-09-16", "2021-10-15")};
  other.meta.body = "VĂN PHÒNG UBND TỈNH";
  r.push_back(other);
  // One period twice (a second copy stored first): the first by path wins.
  r.push_back({"m2022-05b.txt", Period("month", 2022, 5, "2022-04-16", "2022-05-15")});
  r.push_back({"m2022-05a.txt", Period("month", 2022, 5, "2022-04-16", "2022-05-15")});
  return r;
}

// path -> {the one before, the one after} ("" none).
std::map<std::string, std::pair<std::string, std::string>> Expected() {
  return {
      {"m2021-11.txt", {"", "m2021-12.txt"}},
      {"m2021-12.txt", {"m2021-11.txt", "q2022-1.txt"}},
      {"q2022-1.txt", {"m2021-12.txt", "m2022-04.txt"}},
      {"m2022-04.txt", {"q2022-1.txt", "m2022-05a.txt"}},
      {"n2019.txt", {"", ""}},
      {"n2020.txt", {"y2019.txt", ""}},
      {"y2019.txt", {"", "n2020.txt"}},
      {"h2020-2.txt", {"h2020-1.txt", ""}},
      {"h2020-1.txt", {"", "h2020-2.txt"}},
      {"unknown2021-10.txt", {"", ""}},
      {"other2021-10.txt", {"", ""}},
      {"m2022-05b.txt", {"m2022-04.txt", ""}},
      {"m2022-05a.txt", {"m2022-04.txt", ""}},
  };
}

std::string Found(Archive* archive, const ReportMeta& meta, int direction) {
  std::optional<StoredReport> out;
  Status s = archive->FindAdjacentReport(meta, direction, &out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out ? out->path : "";
}

TEST(AdjacentTest, MemoryArchiveAndStorePairTheSameReports) {
  SOHOA_ARCHIVE_OR_SKIP(db, testing::TempDir() + "/adjacent.db");
  std::unique_ptr<SqlArchive> store;
  ArchiveOptions options;
  ASSERT_TRUE(SqlArchive::Open(db, options, &store).ok());
  MemoryArchive memory;
  const std::vector<Named> reports = Reports();
  Document doc;
  doc.format = "text";
  std::vector<Table> tables;
  std::vector<Finding> findings;
  int n = 0;
  for (const Named& r : reports) {
    DocumentRecord rec;
    rec.path = r.path;
    rec.content_hash = "h" + std::to_string(n++);
    rec.doc = &doc;
    rec.meta = &r.meta;
    rec.tables = &tables;
    rec.findings = &findings;
    ASSERT_TRUE(store->StoreDocument(0, rec).ok()) << r.path;
    memory.Add(StoredReport{rec.content_hash, r.path, r.meta, {}});
  }
  const auto expected = Expected();
  for (const Named& r : reports) {
    const auto& [before, after] = expected.at(r.path);
    EXPECT_EQ(Found(&memory, r.meta, -1), before) << "memory, before " << r.path;
    EXPECT_EQ(Found(store.get(), r.meta, -1), before) << "store, before " << r.path;
    EXPECT_EQ(Found(&memory, r.meta, +1), after) << "memory, after " << r.path;
    EXPECT_EQ(Found(store.get(), r.meta, +1), after) << "store, after " << r.path;
  }
}

TEST(AdjacentPeriodTest, PeriodsWrapAtTheYearAndDatesAreStrict) {
  ReportMeta jan = Period("month", 2020, 1, "2020-01-01", "2020-01-31");
  std::optional<PeriodKey> k = AdjacentPeriodKey(jan, -1);
  ASSERT_TRUE(k.has_value());
  EXPECT_EQ(k->kind, "month");
  EXPECT_EQ(k->year, 2019);
  EXPECT_EQ(k->index, 12);
  ReportMeta q4 = Period("quarter", 2019, 4, "", "");
  k = AdjacentPeriodKey(q4, +1);
  ASSERT_TRUE(k.has_value());
  EXPECT_EQ(k->year, 2020);
  EXPECT_EQ(k->index, 1);
  EXPECT_FALSE(AdjacentPeriodKey(Period("nine_months", 2020, 0, "", ""), -1).has_value());
  ReportMeta undetermined = jan;
  undetermined.period_determined = false;
  EXPECT_FALSE(AdjacentPeriodKey(undetermined, -1).has_value());
  EXPECT_FALSE(AdjacentPeriodKey(Period("month", 2020, 13, "", ""), -1).has_value());
  EXPECT_EQ(AdjacentBoundaryDate(jan, -1), "2019-12-31");
  EXPECT_EQ(AdjacentBoundaryDate(Period("month", 2020, 2, "2020-02-01", "2020-02-29"), +1),
            "2020-03-01");
  EXPECT_EQ(AdjacentBoundaryDate(Period("month", 2020, 2, "2020-2-1", ""), -1), "");
  EXPECT_FALSE(IsoDayNumber("2020-13-01").has_value());
  EXPECT_FALSE(IsoDayNumber("2020-06-1x").has_value());
  EXPECT_EQ(*IsoDayNumber("1970-01-02"), 1);
  // Undetermined periods with stated dates still meet by dates.
  ReportMeta a = undetermined, b = undetermined;
  a.period_from = "2020-05-16", a.period_to = "2020-06-15";
  b.period_from = "2020-06-16", b.period_to = "2020-07-15";
  EXPECT_EQ(AdjacencyOf(b, a, -1), Adjacency::kByDates);
  EXPECT_EQ(AdjacencyOf(a, b, +1), Adjacency::kByDates);
  EXPECT_EQ(AdjacencyOf(a, b, -1), Adjacency::kNone);
  // Issuers compared folded; different issuers never meet.
  ReportMeta x = jan, y = Period("month", 2019, 12, "", "");
  x.issuer = "Trung tâm Phục vụ hành chính công tỉnh Phú Yên";
  y.issuer = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH PHÚ YÊN";
  EXPECT_EQ(AdjacencyOf(x, y, -1), Adjacency::kByPeriod);
  y.issuer = "Trung tâm Phục vụ hành chính công tỉnh Sóc Trăng";
  EXPECT_EQ(AdjacencyOf(x, y, -1), Adjacency::kNone);
}

}  // namespace
}  // namespace sohoa
