// Test helper: one throwaway PostgreSQL server per test process
// (scripts/pg_server.sh: a temporary folder, a Unix socket, no network),
// started at first use and stopped at exit; each test takes a fresh
// database of it. Tests that need it skip, saying why, where PostgreSQL's
// server programs are not installed (.ci/run installs them).
#ifndef SOHOA_TESTS_TESTING_PG_SERVER_H_
#define SOHOA_TESTS_TESTING_PG_SERVER_H_

#include <string>

namespace sohoa::testing {

// A libpq connection string to a new empty database, or "" with *why set
// when no server can be started (*absent: because PostgreSQL's server
// programs are not installed).
std::string NewPostgresDatabase(std::string* why, bool* absent);

}  // namespace sohoa::testing

// In a test: the connection string of a fresh database, or GTEST_SKIP.
#define SOHOA_POSTGRES_OR_SKIP(var)                                                \
  std::string var;                                                                 \
  {                                                                                \
    std::string why_;                                                              \
    bool absent_ = false;                                                          \
    var = ::sohoa::testing::NewPostgresDatabase(&why_, &absent_);                  \
    if (var.empty() && absent_) GTEST_SKIP() << "PostgreSQL tests skipped: " << why_; \
    if (var.empty()) FAIL() << "cannot start a PostgreSQL server: " << why_;        \
  }

#endif  // SOHOA_TESTS_TESTING_PG_SERVER_H_

namespace sohoa::testing {
// Whether this run of a store suite is against PostgreSQL
// (SOHOA_TEST_BACKEND=postgres; CMake registers those suites twice).
bool TestingPostgres();
}  // namespace sohoa::testing

// The archive a backend-neutral test uses: `sqlite_path`, or a fresh
// PostgreSQL database when the suite runs against PostgreSQL.
#define SOHOA_ARCHIVE_OR_SKIP(var, sqlite_path)           \
  std::string var = (sqlite_path);                         \
  if (::sohoa::testing::TestingPostgres()) {               \
    SOHOA_POSTGRES_OR_SKIP(pg_location_);                  \
    var = pg_location_;                                    \
  }
// For tests of SQLite files (locks, permissions, pragmas).
#define SOHOA_SQLITE_ONLY()                                                           \
  if (::sohoa::testing::TestingPostgres()) GTEST_SKIP() << "an SQLite file behaviour"
