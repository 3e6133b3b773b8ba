// `sohoa ingest --shard I/N`: N shards take every file exactly once, and a
// file's shard depends on its content only (not on its name, its folder or
// the order of the walk), so copies of the same command on several machines
// split the same files the same way.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <set>

#include "pipeline/core/files.h"
#include "pipeline/ingest_run.h"
#include "tests/store/archive_generator.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

std::set<std::string> Hashes(const std::string& db) {
  std::set<std::string> out;
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(raw, "SELECT content_hash FROM documents", -1, &st, nullptr),
            SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW)
    out.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  sqlite3_close(raw);
  return out;
}

TEST(ShardTest, ShardOfIsDeterministicAndSpreadsHashes) {
  EXPECT_EQ(ShardOf("ffffffffffffffff", 1), 0);
  EXPECT_EQ(ShardOf("000000000000000a", 4), ShardOf("000000000000000a", 4));
  EXPECT_EQ(ShardOf("00000000000000a", 4), 10 % 4);
  std::vector<int> per(4, 0);
  for (int i = 0; i < 4000; ++i) ++per[ShardOf(Sha256Hex("file" + std::to_string(i)), 4)];
  for (int n : per) EXPECT_GT(n, 850) << "shards are uneven";
}

TEST(ShardTest, ShardsTakeEveryFileOnceWhateverTheLayout) {
  const std::string dir = testing::TempDir();
  testing::GeneratorOptions go;
  go.months = 9;
  testing::GeneratedArchive gen = testing::GenerateArchive(go);
  // The same files twice: flat, and under other names in nested folders
  // listed in another order.
  const std::string flat = dir + "/flat", nested = dir + "/nested";
  ASSERT_EQ(mkdir(flat.c_str(), 0755), 0);
  ASSERT_TRUE(testing::WriteArchive(gen, flat));
  testing::GeneratedArchive renamed = gen;
  for (size_t i = 0; i < renamed.files.size(); ++i)
    renamed.files[i].first = std::string(i % 2 ? "a/" : "b/") + std::to_string(99 - i) + ".txt";
  ASSERT_EQ(mkdir(nested.c_str(), 0755), 0);
  ASSERT_EQ(mkdir((nested + "/a").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((nested + "/b").c_str(), 0755), 0);
  ASSERT_TRUE(testing::WriteArchive(renamed, nested));

  const int n = 3;
  std::set<std::string> all;
  size_t taken = 0;
  for (int i = 0; i < n; ++i) {
    const std::string shard = std::to_string(i) + "/" + std::to_string(n);
    const std::string db1 = dir + "/flat" + std::to_string(i) + ".db";
    const std::string db2 = dir + "/nested" + std::to_string(i) + ".db";
    auto r = testing::RunSohoa({"ingest", "--shard", shard, flat, "--db", db1});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("shard " + shard + ": "), std::string::npos) << r.out;
    r = testing::RunSohoa({"ingest", nested, "--shard", shard, "--db", db2});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::set<std::string> h = Hashes(db1);
    EXPECT_EQ(h, Hashes(db2)) << "shard " << shard << " depends on names or order";
    EXPECT_FALSE(h.empty());
    taken += h.size();
    all.insert(h.begin(), h.end());
  }
  EXPECT_EQ(taken, gen.files.size());  // no file in two shards
  EXPECT_EQ(all.size(), gen.files.size());

  for (const char* bad : {"3/3", "-1/3", "1/0", "1", "1/2/3", "a/b"}) {
    auto r = testing::RunSohoa({"ingest", "--shard", bad, flat, "--db", dir + "/x.db"});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--shard"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace sohoa
