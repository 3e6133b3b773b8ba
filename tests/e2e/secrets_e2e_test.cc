// End-to-end: a PostgreSQL password never leaves the place it was given
// (issue 25). A throwaway server that asks for a password (scram-sha-256,
// scripts/pg_server.sh with SOHOA_PG_PASSWORD); the password is given through
// PGPASSWORD, through a password file (PGPASSFILE, the same reader as
// ~/.pgpass) and inside the --db value (key=value and URL forms). Every
// output of ingest, series, findings (CSV, JSON, XLSX), search and report,
// every message of a failed connection, and every row of every table of the
// archive are searched for the planted password: it must be in none of them.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/testing/run_command.h"
#include "tests/testing/zip_read.h"

namespace sohoa {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::Fixture;
using testing::ReadFile;
using testing::RunSohoa;

// Random enough that no document, option or message holds it by chance.
std::string PlantedPassword() {
  return "pw-planted-" + std::to_string(::getpid()) + "-" + std::to_string(::time(nullptr) % 100000);
}

class SecretsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir();
    ::chmod(dir_.c_str(), 0755);  // as root the server runs as 'postgres'
    password_ = PlantedPassword();
    const std::string cmd = "SOHOA_PG_PASSWORD='" + password_ + "' bash '" SOHOA_SOURCE_DIR
                            "/scripts/pg_server.sh' start '" + dir_ + "/srv' >'" + dir_ +
                            "/conninfo' 2>'" + dir_ + "/start.err'";
    const int rc = std::system(cmd.c_str());
    if (WIFEXITED(rc) && WEXITSTATUS(rc) == 77)
      GTEST_SKIP() << "PostgreSQL tests skipped: " << ReadFile(dir_ + "/start.err");
    ASSERT_EQ(rc, 0) << ReadFile(dir_ + "/start.err");
    started_ = true;
    conninfo_ = ReadFile(dir_ + "/conninfo");
    while (!conninfo_.empty() && conninfo_.back() == '\n') conninfo_.pop_back();
    ASSERT_EQ(conninfo_.find(password_), std::string::npos);
    ::unsetenv("PGPASSWORD");
    ::unsetenv("PGPASSFILE");
  }
  void TearDown() override {
    ::unsetenv("PGPASSWORD");
    ::unsetenv("PGPASSFILE");
    if (started_)
      (void)std::system(("bash '" SOHOA_SOURCE_DIR "/scripts/pg_server.sh' stop '" + dir_ + "/srv'").c_str());
    fs::remove_all(dir_);
  }

  // Runs sohoa and remembers everything it printed.
  CommandResult Run(const std::vector<std::string>& args) {
    CommandResult r = RunSohoa(args);
    seen_ += r.out + "\n" + r.err + "\n";
    return r;
  }

  // Every row of every table of database `db`, as text.
  std::string DumpArchive(const std::string& db) {
    ::setenv("PGPASSWORD", password_.c_str(), 1);
    PGconn* c = PQconnectdb((conninfo_ + " dbname=" + db).c_str());
    std::string out;
    EXPECT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PGresult* tables = PQexec(c,
                              "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) "
                              "FROM information_schema.tables WHERE table_schema NOT IN "
                              "('pg_catalog', 'information_schema')");
    EXPECT_GT(PQntuples(tables), 3);
    for (int i = 0; i < PQntuples(tables); ++i) {
      const std::string t = PQgetvalue(tables, i, 0);
      PGresult* rows = PQexec(c, ("SELECT row_to_json(x)::text FROM " + t + " x").c_str());
      EXPECT_EQ(PQresultStatus(rows), PGRES_TUPLES_OK) << t << ": " << PQerrorMessage(c);
      for (int j = 0; j < PQntuples(rows); ++j) out += std::string(PQgetvalue(rows, j, 0)) + "\n";
      PQclear(rows);
    }
    PQclear(tables);
    PQfinish(c);
    ::unsetenv("PGPASSWORD");
    return out;
  }

  std::string dir_, password_, conninfo_, seen_;
  bool started_ = false;
};

TEST_F(SecretsTest, PasswordFromEnvironmentFileOrDbValueIsNeverWrittenAnywhere) {
  const std::string in = dir_ + "/in";
  fs::create_directories(in);
  fs::copy_file(Fixture("check/carryover_2020_05.txt"), in + "/carryover_2020_05.txt");
  fs::copy_file(Fixture("check/carryover_2020_06.txt"), in + "/carryover_2020_06.txt");

  // The server really asks for the password: without one, a clear archive error.
  CommandResult none = Run({"ingest", in, "--db", conninfo_});
  EXPECT_EQ(none.exit_code, 11) << none.err;
  EXPECT_NE(none.err.find("password"), std::string::npos) << none.err;

  // A wrong password inside the --db value: refused, and not echoed.
  const std::string wrong = password_ + "-wrong";
  CommandResult bad = Run({"ingest", in, "--db", conninfo_ + " password=" + wrong});
  EXPECT_EQ(bad.exit_code, 11) << bad.err;
  EXPECT_EQ(bad.err.find(wrong), std::string::npos) << bad.err;

  // PGPASSWORD: the whole run.
  ::setenv("PGPASSWORD", password_.c_str(), 1);
  CommandResult ingest = Run({"ingest", in, "--db", conninfo_});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  const std::string out = dir_ + "/out";
  fs::create_directories(out);
  for (const char* format : {"csv", "json", "xlsx"}) {
    const std::string ext = format;
    EXPECT_EQ(Run({"series", "--db", conninfo_, "--format", format, "-o", out + "/series." + ext}).exit_code, 0);
    EXPECT_EQ(Run({"findings", "--db", conninfo_, "--format", format, "-o", out + "/findings." + ext}).exit_code,
              0);
  }
  EXPECT_EQ(Run({"search", "--db", conninfo_, "hồ sơ"}).exit_code, 0);
  CommandResult report = Run({"report", "--db", conninfo_, "-o", out + "/site"});
  EXPECT_EQ(report.exit_code, 0) << report.err;
  ::unsetenv("PGPASSWORD");

  // A password file (what ~/.pgpass is): a second database, the same run.
  {
    ::setenv("PGPASSWORD", password_.c_str(), 1);
    PGconn* c = PQconnectdb(conninfo_.c_str());
    ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PQclear(PQexec(c, "CREATE DATABASE second"));
    PQfinish(c);
    ::unsetenv("PGPASSWORD");
  }
  const std::string passfile = dir_ + "/pgpass";
  { std::ofstream(passfile) << "*:*:*:sohoa:" << password_ << "\n"; }
  ::chmod(passfile.c_str(), 0600);
  ::setenv("PGPASSFILE", passfile.c_str(), 1);
  const std::string second = conninfo_ + " dbname=second";
  CommandResult from_file = Run({"ingest", in, "--db", second});
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  ::unsetenv("PGPASSFILE");

  // The password in the --db value itself (both forms): it works, and is masked.
  CommandResult in_value = Run({"ingest", in, "--db", second + " password=" + password_});
  EXPECT_EQ(in_value.exit_code, 0) << in_value.err;
  const std::string url = "postgresql://sohoa:" + password_ + "@/second?host=" + dir_ + "/srv";
  CommandResult in_url = Run({"series", "--db", url, "--format", "csv", "-o", out + "/series_url.csv"});
  EXPECT_EQ(in_url.exit_code, 0) << in_url.err;
  CommandResult url_verbose = Run({"ingest", in, "--db", url});
  EXPECT_EQ(url_verbose.exit_code, 0) << url_verbose.err;

  // Nothing anyone can read afterwards holds it.
  std::string written;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file()) continue;
    const std::string p = e.path().string();
    written += p.size() > 5 && p.substr(p.size() - 5) == ".xlsx" ? testing::ZipAllMembers(p) : ReadFile(p);
  }
  EXPECT_GT(written.size(), 1000u);
  EXPECT_NE(written.find("Sở"), std::string::npos);  // the exports hold the archive
  const std::string archive = DumpArchive("postgres") + DumpArchive("second");
  EXPECT_NE(archive.find("carryover_2020_05"), std::string::npos);
  EXPECT_EQ(seen_.find(password_), std::string::npos) << "a printed message holds the password";
  EXPECT_EQ(written.find(password_), std::string::npos) << "an exported file holds the password";
  EXPECT_EQ(archive.find(password_), std::string::npos) << "the archive holds the password";
  EXPECT_EQ(archive.find(wrong), std::string::npos);
}

}  // namespace
}  // namespace sohoa
