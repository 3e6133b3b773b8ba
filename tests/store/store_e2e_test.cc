// End-to-end: `sohoa ingest`, `series` and `findings` on the seeds and on a
// generated archive of 24 monthly reports with known figures and planted
// faults; re-ingest, corrupt input, interrupted runs (SIGINT, SIGKILL),
// concurrent writers and archive errors.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "pipeline/store/store.h"
#include "tests/store/archive_generator.h"
#include "tests/testing/process.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::RunSohoa;

std::string Dump(const std::string& db) {
  std::unique_ptr<SqliteArchive> a;
  ArchiveOptions o;
  o.read_only = true;
  Status s = SqliteArchive::Open(db, o, &a);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::string out;
  if (s.ok()) EXPECT_TRUE(a->Dump(&out).ok());
  return out;
}

// The one number an SQL query gives on the archive `db`, or -1.
int CountOf(const std::string& db, const std::string& sql) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    return -1;
  }
  sqlite3_busy_timeout(raw, 1000);
  sqlite3_stmt* st = nullptr;
  int n = -1;
  if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(raw);
  return n;
}

int CountDocuments(const std::string& db) { return CountOf(db, "SELECT count(*) FROM documents"); }

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field.push_back('"'), ++i;
      else if (c == '"') quoted = false;
      else field.push_back(c);
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field), field.clear();
    } else if (c == '\n') {
      row.push_back(field), field.clear();
      rows.push_back(row), row.clear();
    } else {
      field.push_back(c);
    }
  }
  return rows;
}

// The generated archive, written once per test binary.
struct Generated {
  testing::GeneratedArchive archive;
  std::string dir;
};

const Generated& GeneratedArchive() {
  static const Generated* g = [] {
    auto* g = new Generated;
    g->archive = testing::GenerateArchive(testing::GeneratorOptions());
    g->dir = testing::TempDir();
    EXPECT_TRUE(testing::WriteArchive(g->archive, g->dir));
    return g;
  }();
  return *g;
}

// The archive from one uninterrupted run over the generated reports.
const std::string& ReferenceDump() {
  static const std::string* dump = [] {
    std::string db = testing::TempDir() + "/ref.db";
    auto r = RunSohoa({"ingest", "--jobs", "1", GeneratedArchive().dir, "--db", db});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return new std::string(Dump(db));
  }();
  return *dump;
}

TEST(StoreE2eTest, IngestSeedsThenReingestAddsNothing) {
  std::string db = testing::TempDir() + "/s.db";
  auto r = RunSohoa({"ingest", testing::Fixture("seeds"), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("5 files: 5 stored, 0 skipped"), std::string::npos) << r.out;
  std::string first = Dump(db);
  EXPECT_NE(first.find("report\t"), std::string::npos);
  r = RunSohoa({"ingest", testing::Fixture("seeds"), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 stored, 5 skipped"), std::string::npos) << r.out;
  EXPECT_EQ(Dump(db), first);
  // The Sóc Trăng June 2020 report is stored with its period.
  EXPECT_NE(first.find("\tmonth\t2020\t6\t2020-05-16\t2020-06-15\t"), std::string::npos);

  auto s = RunSohoa({"series", "--db", db, "--format", "json"});
  EXPECT_EQ(s.exit_code, 0) << s.err;
  EXPECT_EQ(s.out.rfind("{\"series\":[", 0), 0u) << s.out.substr(0, 200);
  auto f = RunSohoa({"findings", "--db", db});
  EXPECT_EQ(f.exit_code, 0) << f.err;
  EXPECT_EQ(f.out.rfind("document,period,page,line,kind", 0), 0u);
}

TEST(StoreE2eTest, AFileSavedTwiceByteForByteIsStoredOnceAndReportedAsADuplicate) {
  std::string dir = testing::TempDir() + "/copies";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/gui_lai");
  const std::string seed = testing::Fixture("seeds/004_c1665277c84d2c10.txt");
  std::filesystem::copy_file(seed, dir + "/bc.txt");
  std::filesystem::copy_file(seed, dir + "/gui_lai/bc (1).txt");
  std::string db = testing::TempDir() + "/copies.db";
  std::filesystem::remove(db);
  auto r = RunSohoa({"ingest", dir, "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 files: 1 stored, 1 skipped"), std::string::npos) << r.out;
  EXPECT_EQ(CountDocuments(db), 1);
  auto f = RunSohoa({"findings", "--db", db, "--format", "json"});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  EXPECT_NE(f.out.find("\"kind\":\"duplicate\""), std::string::npos) << f.out.substr(0, 400);
  EXPECT_NE(f.out.find("gui_lai/bc (1).txt is byte for byte the same file as " + dir + "/bc.txt"),
            std::string::npos);
  const std::string first = Dump(db);
  EXPECT_NE(first.find("copy\t"), std::string::npos);
  // Re-ingest (the copy seen again, the original already stored) adds nothing.
  r = RunSohoa({"ingest", dir, "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 stored, 2 skipped"), std::string::npos) << r.out;
  EXPECT_EQ(Dump(db), first);
  // The copy ingested alone later is recorded against the stored file too.
  std::string db2 = testing::TempDir() + "/copies2.db";
  std::filesystem::remove(db2);
  ASSERT_EQ(RunSohoa({"ingest", dir + "/bc.txt", "--db", db2}).exit_code, 0);
  ASSERT_EQ(RunSohoa({"ingest", dir + "/gui_lai", "--db", db2}).exit_code, 0);
  f = RunSohoa({"findings", "--db", db2, "--format", "csv"});
  EXPECT_NE(f.out.find("byte for byte"), std::string::npos) << f.out;
}

TEST(StoreE2eTest, GeneratedArchiveSeriesAreExactlyTheKnownFigures) {
  const Generated& g = GeneratedArchive();
  std::string dir = testing::TempDir();
  ASSERT_TRUE(testing::WriteArchive(g.archive, dir));
  { std::ofstream(dir + "/hong.pdf") << "%PDF-1.4\nthis is not a PDF body\n"; }
  std::string db = testing::TempDir() + "/g.db";
  auto r = RunSohoa({"ingest", dir, "--db", db});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // one file failed
  EXPECT_NE(r.out.find("25 files: 24 stored, 0 skipped (already in the archive), 1 failed"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("hong.pdf"), std::string::npos) << r.err;
  EXPECT_NE(Dump(db).find("/hong.pdf\t"), std::string::npos);

  auto s = RunSohoa({"series", "--db", db, "--format", "csv"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  auto rows = ParseCsv(s.out);
  ASSERT_GT(rows.size(), 1u);
  ASSERT_EQ(rows[0][0], "period");
  std::set<std::string> units(g.archive.units.begin(), g.archive.units.end());
  std::set<std::string> metrics(g.archive.metrics.begin(), g.archive.metrics.end());
  std::map<std::tuple<std::string, std::string, std::string>, double> got;
  int gaps = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    ASSERT_EQ(row.size(), 12u);
    if (row[7] == "gap") {
      ++gaps;
      continue;
    }
    std::string unit = row[4].empty() ? row[3] : row[4];
    if (row[3] == "Tổng cộng") unit = "Tổng cộng";
    if (!metrics.count(row[5])) continue;  // only the results table's columns
    got[{row[0], unit, row[5]}] = std::strtod(row[6].c_str(), nullptr);
  }
  EXPECT_EQ(gaps, 0);
  EXPECT_EQ(got.size(), g.archive.figures.size());
  int wrong = 0;
  for (const auto& [key, value] : g.archive.figures) {
    auto it = got.find(key);
    if (it == got.end() || it->second != value) {
      if (++wrong <= 5)
        ADD_FAILURE() << std::get<0>(key) << " " << std::get<1>(key) << " " << std::get<2>(key)
                      << ": expected " << value
                      << (it == got.end() ? " missing" : " got " + std::to_string(it->second));
    }
  }
  EXPECT_EQ(wrong, 0);

  // One unit and metric, through an alias of its name, and a range.
  auto one = RunSohoa({"series", "--db", db, "--unit", "sở tư pháp", "--metric",
                       "received_carryover", "--from", "2021-03", "--to", "2021-05"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  auto one_rows = ParseCsv(one.out);
  ASSERT_EQ(one_rows.size(), 4u) << one.out;
  EXPECT_EQ(one_rows[1][0], "2021-03");
  EXPECT_EQ(std::strtod(one_rows[2][6].c_str(), nullptr),
            (g.archive.figures.at({"2021-04", "Sở Tư pháp", "received_carryover"})));

  // Findings: exactly the planted faults' documents and kinds.
  auto f = RunSohoa({"findings", "--db", db, "--format", "csv"});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  auto frows = ParseCsv(f.out);
  std::set<std::pair<std::string, std::string>> found;  // (period, kind)
  for (size_t i = 1; i < frows.size(); ++i) found.insert({frows[i][1], frows[i][4]});
  ASSERT_EQ(g.archive.faults.size(), 2u);
  const auto& total_fault = g.archive.faults[0];
  const auto& carry_fault = g.archive.faults[1];
  EXPECT_TRUE(found.count({total_fault.period, "column_total"})) << f.out;
  EXPECT_TRUE(found.count({carry_fault.period, "carryover"})) << f.out;
  for (const auto& [period, kind] : found) {
    bool planted = (period == total_fault.period && kind == "column_total") ||
                   (kind == "carryover" && (period == carry_fault.period ||
                                            period == "2022-02"));  // the month before it
    EXPECT_TRUE(planted) << "unexpected finding " << kind << " in " << period << "\n" << f.out;
  }
  // The series marks the cell of the wrong total.
  auto flagged = RunSohoa({"series", "--db", db, "--unit", "Tổng cộng", "--metric", "returned",
                           "--from", total_fault.period, "--to", total_fault.period});
  EXPECT_NE(flagged.out.find(",yes,"), std::string::npos) << flagged.out;

  // Re-ingest adds nothing (the broken file is retried and fails again).
  std::string before = Dump(db);
  r = RunSohoa({"ingest", dir, "--db", db});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("0 stored, 24 skipped"), std::string::npos) << r.out;
  EXPECT_EQ(Dump(db), before);
}

// Runs ingest, kills it with `signal` once a few documents are stored, runs
// it again to the end: the archive equals an uninterrupted run's.
void InterruptAndResume(int signal_number) {
  const Generated& g = GeneratedArchive();
  std::string db = testing::TempDir() + "/i.db";
  // The run holds after 3 stored documents until it is signalled, so the
  // signal always lands mid-run whatever the machine's speed.
  ::setenv("SOHOA_TEST_HOLD_AFTER", "3", 1);
  pid_t pid = testing::SpawnSohoa({"ingest", "--jobs", "1", g.dir, "--db", db});
  ::unsetenv("SOHOA_TEST_HOLD_AFTER");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (CountDocuments(db) < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  kill(pid, signal_number);
  int code = testing::WaitExit(pid);
  int stored = CountDocuments(db);
  if (signal_number == SIGINT) EXPECT_EQ(code, 130);
  else EXPECT_EQ(code, 128 + SIGKILL);
  EXPECT_EQ(stored, 3);
  std::string partial = Dump(db);  // consistent: readable, whole documents only
  EXPECT_FALSE(partial.empty());
  EXPECT_NE(partial, ReferenceDump());
  // SIGINT: the run says so itself; SIGKILL: it is left `running` until the
  // next run on this host finds its process gone.
  EXPECT_EQ(CountOf(db, "SELECT count(*) FROM runs WHERE state = 'running'"),
            signal_number == SIGINT ? 0 : 1);
  auto r = RunSohoa({"ingest", "--jobs", "1", g.dir, "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Dump(db), ReferenceDump());
  EXPECT_EQ(CountOf(db, "SELECT count(*) FROM runs WHERE state = 'interrupted'"), 1);
  EXPECT_EQ(CountOf(db, "SELECT count(*) FROM runs WHERE state = 'finished'"), 1);
  EXPECT_EQ(CountOf(db, "SELECT count(*) FROM runs WHERE state = 'running'"), 0);
}

TEST(StoreE2eTest, SigintLeavesAConsistentArchiveAndResumes) { InterruptAndResume(SIGINT); }
TEST(StoreE2eTest, SigkillLeavesAConsistentArchiveAndResumes) { InterruptAndResume(SIGKILL); }

TEST(StoreE2eTest, TwoIngestsOnOneArchiveDoNotCorruptIt) {
  const Generated& g = GeneratedArchive();
  std::string db = testing::TempDir() + "/c.db";
  pid_t a = testing::SpawnSohoa({"ingest", "--jobs", "1", g.dir, "--db", db});
  pid_t b = testing::SpawnSohoa({"ingest", "--jobs", "1", g.dir, "--db", db});
  EXPECT_EQ(testing::WaitExit(a), 0);
  EXPECT_EQ(testing::WaitExit(b), 0);
  EXPECT_EQ(Dump(db), ReferenceDump());
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
  sqlite3_finalize(st);
  sqlite3_close(raw);
}

TEST(StoreE2eTest, NewerSchemaLockedAndForeignArchivesExitEleven) {
  std::string dir = testing::TempDir();
  std::string db = dir + "/n.db";
  auto r = RunSohoa({"ingest", testing::Fixture("seeds/003_fdc46fb5b852ba72.txt"), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "UPDATE schema_version SET version = 42", 0, 0, 0), SQLITE_OK);
  sqlite3_close(raw);
  r = RunSohoa({"ingest", testing::Fixture("seeds"), "--db", db});
  EXPECT_EQ(r.exit_code, 11);
  EXPECT_NE(r.err.find("newer"), std::string::npos) << r.err;
  EXPECT_EQ(CountDocuments(db), 1);
  r = RunSohoa({"series", "--db", db});
  EXPECT_EQ(r.exit_code, 11);

  // Locked by another writer longer than --busy-timeout.
  std::string db2 = dir + "/l.db";
  r = RunSohoa({"ingest", testing::Fixture("seeds/003_fdc46fb5b852ba72.txt"), "--db", db2});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(sqlite3_open(db2.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "BEGIN EXCLUSIVE", 0, 0, 0), SQLITE_OK);
  r = RunSohoa({"ingest", "--busy-timeout", "200", testing::Fixture("seeds"), "--db", db2});
  EXPECT_EQ(r.exit_code, 11);
  EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
  sqlite3_exec(raw, "ROLLBACK", 0, 0, 0);
  sqlite3_close(raw);
  EXPECT_EQ(CountDocuments(db2), 1);

  // Not an archive; and a missing archive for series.
  std::string text = dir + "/notes.txt";
  { std::ofstream(text) << "không phải cơ sở dữ liệu\n"; }
  r = RunSohoa({"ingest", testing::Fixture("seeds"), "--db", text});
  EXPECT_EQ(r.exit_code, 11);
  EXPECT_EQ(testing::ReadFile(text), "không phải cơ sở dữ liệu\n");
  r = RunSohoa({"findings", "--db", dir + "/missing.db"});
  EXPECT_EQ(r.exit_code, 11);
  EXPECT_NE(r.err.find("missing.db"), std::string::npos);
}

TEST(StoreE2eTest, UsageErrors) {
  EXPECT_EQ(RunSohoa({"ingest"}).exit_code, 2);
  EXPECT_EQ(RunSohoa({"series", "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(RunSohoa({"series", "--from", "2020-13"}).exit_code, 2);
  auto h = RunSohoa({"ingest", "--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("--force"), std::string::npos);
  EXPECT_NE(h.out.find("1 some files failed"), std::string::npos);
}

}  // namespace
}  // namespace sohoa
