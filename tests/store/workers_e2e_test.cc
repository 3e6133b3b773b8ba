// Many workers, one PostgreSQL archive: four `sohoa ingest` processes over
// the same files, one killed with SIGKILL midway; every document is stored
// exactly once and the series and findings are those of one SQLite process.
// Also: password masking, and the same archive's search on PostgreSQL.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <sstream>
#include <thread>

#include "pipeline/store/postgres.h"
#include "tests/store/archive_generator.h"
#include "tests/testing/pg_server.h"
#include "tests/testing/process.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::RunSohoa;

int64_t Query(const std::string& conninfo, const std::string& sql) {
  std::unique_ptr<PostgresDb> db;
  if (!PostgresDb::Open(conninfo, &db).ok()) return -1;
  SqlStatement st;
  if (!db->Prepare(sql, &st).ok()) return -1;
  bool row = false;
  if (!st.Step(&row).ok() || !row) return -1;
  return st.Int(0);
}

std::string Sorted(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

TEST(PostgresTest, PasswordsAreMasked) {
  EXPECT_EQ(MaskPassword("postgresql://sohoa:s3cr%40t@db.example/archive"),
            "postgresql://sohoa:***@db.example/archive");
  EXPECT_EQ(MaskPassword("postgres://u:pw@h:5432/db?sslmode=require"),
            "postgres://u:***@h:5432/db?sslmode=require");
  EXPECT_EQ(MaskPassword("host=db user=u password=pw dbname=a"),
            "host=db user=u password=*** dbname=a");
  EXPECT_EQ(MaskPassword("host=db password = 'p w\\'x' dbname=a"), "host=db password = *** dbname=a");
  EXPECT_EQ(MaskPassword("postgresql://h/db?user=u&password=pw&x=1"),
            "postgresql://h/db?user=u&password=***&x=1");
  EXPECT_EQ(MaskPassword("archive.db"), "archive.db");
  EXPECT_TRUE(IsPostgresLocation("postgresql://h/db"));
  EXPECT_TRUE(IsPostgresLocation("host=/tmp/x dbname=a"));
  EXPECT_FALSE(IsPostgresLocation("archive.db"));
  EXPECT_FALSE(IsPostgresLocation("./host=x.db"));
  EXPECT_EQ(PostgresParameters("a = ? AND b = '?' AND (?2 = '' OR c = ?2) AND d = ?"),
            "a = $1 AND b = '?' AND ($2 = '' OR c = $2) AND d = $3");
}

TEST(PostgresWorkersTest, FourWorkersOneKilledStoreEveryDocumentOnceAsOneSqliteProcessWould) {
  SOHOA_POSTGRES_OR_SKIP(pg);
  const std::string dir = testing::TempDir();
  testing::GeneratorOptions go;
  go.months = 48;  // four years of monthly reports, carry-over between each
  const testing::GeneratedArchive gen = testing::GenerateArchive(go);
  const std::string files = dir + "/reports";
  ASSERT_EQ(mkdir(files.c_str(), 0755), 0);
  ASSERT_TRUE(testing::WriteArchive(gen, files));
  const int64_t n = static_cast<int64_t>(gen.files.size());

  const std::string sqlite = dir + "/one.db";
  auto r = RunSohoa({"ingest", files, "--db", sqlite});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  std::vector<pid_t> workers;
  for (int w = 0; w < 4; ++w)
    workers.push_back(testing::SpawnSohoa({"ingest", files, "--db", pg, "--lease", "2"}));
  // Kill one once a quarter of the documents are stored.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (Query(pg, "SELECT count(*) FROM documents") < n / 4 &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  kill(workers[0], SIGKILL);
  EXPECT_EQ(testing::WaitExit(workers[0]), 128 + SIGKILL);
  const int64_t when_killed = Query(pg, "SELECT count(*) FROM documents");
  EXPECT_LT(when_killed, n) << "the worker was killed after the end; the test proves nothing";
  for (size_t w = 1; w < workers.size(); ++w) EXPECT_EQ(testing::WaitExit(workers[w]), 0) << "worker " << w;

  EXPECT_EQ(Query(pg, "SELECT count(*) FROM documents"), n);
  EXPECT_EQ(Query(pg, "SELECT count(DISTINCT content_hash) FROM documents"), n);
  EXPECT_EQ(Query(pg, "SELECT count(*) FROM claims WHERE state = 'done'"), n);
  EXPECT_EQ(Query(pg, "SELECT count(*) FROM documents WHERE status <> 'ok'"), 0);
  // The killed worker's run never finished; the others' did.
  EXPECT_EQ(Query(pg, "SELECT count(*) FROM runs WHERE state = 'running'"), 1);
  EXPECT_EQ(Query(pg, "SELECT count(*) FROM runs WHERE state = 'finished'"), 3);
  // Several workers stored documents.
  EXPECT_GE(Query(pg, "SELECT count(DISTINCT run_id) FROM documents"), 2);

  auto series_one = RunSohoa({"series", "--db", sqlite, "--format", "csv"});
  auto series_pg = RunSohoa({"series", "--db", pg, "--format", "csv"});
  ASSERT_EQ(series_pg.exit_code, 0) << series_pg.err;
  EXPECT_GT(series_one.out.size(), 1000u);
  EXPECT_EQ(series_pg.out, series_one.out);
  auto findings_one = RunSohoa({"findings", "--db", sqlite, "--format", "csv"});
  auto findings_pg = RunSohoa({"findings", "--db", pg, "--format", "csv"});
  ASSERT_EQ(findings_pg.exit_code, 0) << findings_pg.err;
  EXPECT_NE(findings_one.out.find("carryover"), std::string::npos);
  // The same findings; within a document, carry-over findings come in the
  // order the neighbours arrived.
  EXPECT_EQ(Sorted(findings_pg.out), Sorted(findings_one.out));

  // Search gives the same pages on both backends.
  auto search_one = RunSohoa({"search", "--format", "csv", "--limit", "1000", "soc trang", "--db", sqlite});
  auto search_pg = RunSohoa({"search", "--format", "csv", "--limit", "1000", "soc trang", "--db", pg});
  EXPECT_EQ(search_pg.exit_code, 0) << search_pg.err;
  EXPECT_EQ(Sorted(search_pg.out), Sorted(search_one.out));

  // A second run adds nothing, and finds the killed worker's run (same
  // host, process gone): interrupted.
  r = RunSohoa({"ingest", files, "--db", pg});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(std::to_string(n) + " skipped"), std::string::npos) << r.out;
  EXPECT_EQ(Query(pg, "SELECT count(*) FROM runs WHERE state = 'running'"), 0);
  EXPECT_EQ(Query(pg, "SELECT count(*) FROM runs WHERE state = 'interrupted'"), 1);
}

// scripts/shard_ingest.sh, the script docs/distributed.md gives for Slurm
// job arrays and Kubernetes Indexed Jobs: its shards store every file once.
TEST(PostgresWorkersTest, TheSchedulerScriptSplitsTheFilesBetweenItsTasks) {
  const std::string dir = testing::TempDir();
  testing::GeneratorOptions go;
  go.months = 6;
  const testing::GeneratedArchive gen = testing::GenerateArchive(go);
  ASSERT_TRUE(testing::WriteArchive(gen, dir));
  const std::string script = SOHOA_SOURCE_DIR "/scripts/shard_ingest.sh";
  // Without a scheduler's variables it refuses, saying why.
  EXPECT_NE(std::system(("env -u SLURM_ARRAY_TASK_ID -u JOB_COMPLETION_INDEX bash " + script + " " +
                         dir + " 2>/dev/null")
                            .c_str()),
            0);
  SOHOA_POSTGRES_OR_SKIP(slurm);
  SOHOA_POSTGRES_OR_SKIP(k8s);
  for (int task = 1; task <= 2; ++task) {  // #SBATCH --array=1-2
    const std::string env = "SOHOA='" SOHOA_BINARY "' SOHOA_DB='" + slurm +
                            "' SLURM_ARRAY_TASK_ID=" + std::to_string(task) +
                            " SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=2 ";
    EXPECT_EQ(std::system((env + "bash " + script + " " + dir + " >/dev/null 2>&1").c_str()), 0);
  }
  for (int index = 0; index < 2; ++index) {  // completions: 2
    const std::string env = "SOHOA='" SOHOA_BINARY "' SOHOA_DB='" + k8s +
                            "' JOB_COMPLETION_INDEX=" + std::to_string(index) + " SOHOA_SHARDS=2 ";
    EXPECT_EQ(std::system((env + "bash " + script + " " + dir + " >/dev/null 2>&1").c_str()), 0);
  }
  const int64_t n = static_cast<int64_t>(gen.files.size());
  for (const std::string& pg : {slurm, k8s}) {
    EXPECT_EQ(Query(pg, "SELECT count(*) FROM documents"), n);
    // Each task stored its own shard: two runs, neither empty.
    EXPECT_EQ(Query(pg, "SELECT count(DISTINCT run_id) FROM documents"), 2);
  }
}

}  // namespace
}  // namespace sohoa
