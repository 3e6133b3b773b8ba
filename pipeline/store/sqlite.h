// The one thin wrapper around SQLite: turns sqlite3 return codes into
// Status (every archive problem is Status::ArchiveError naming the database
// file), owns handles with RAII. A SqliteDb is used from one thread at a
// time; statements belong to their database.
#ifndef SOHOA_STORE_SQLITE_H_
#define SOHOA_STORE_SQLITE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/core/status.h"
#include "pipeline/store/db.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sohoa {

class SqliteStatement;

class SqliteDb : public SqlDb {
 public:
  enum class Mode { kReadWriteCreate, kReadWrite, kReadOnly, kImmutable };

  // Opens `path`; kReadOnly and kReadWrite need the file to exist.
  // kImmutable reads a file that nobody may change meanwhile without any
  // lock or -shm file (an archive on a read-only medium or in a folder the
  // user cannot write).
  static Status Open(const std::string& path, Mode mode, std::unique_ptr<SqliteDb>* out);
  ~SqliteDb() override;
  SqliteDb(const SqliteDb&) = delete;  // owns the connection
  SqliteDb& operator=(const SqliteDb&) = delete;

  Backend backend() const override { return Backend::kSqlite; }
  Status Exec(std::string_view sql) override;
  Status Prepare(std::string_view sql, SqliteStatement* out);
  Status Prepare(std::string_view sql, SqlStatement* out) override;
  Status BeginWrite() override { return Exec("BEGIN IMMEDIATE"); }
  // True when SQLite opened the file read-only (e.g. no write permission).
  bool IsReadOnly() const;
  int64_t LastInsertRowId() const;
  int Changes() const;
  // The error for sqlite3 code `rc` after an operation described by `what`.
  Status Error(int rc, std::string_view what) const;
  // True when the last error was SQLITE_BUSY or SQLITE_LOCKED: another
  // connection held a lock and SQLite gave up (some paths, e.g. the switch to
  // WAL or a WAL recovery, return BUSY without calling the busy handler).
  bool LastErrorWasBusy() const;
  const std::string& path() const override { return path_; }
  sqlite3* raw() { return db_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  mutable int last_error_ = 0;  // primary result code of the last Error()
};

class SqliteStatement {
 public:
  SqliteStatement() = default;
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;  // owns the statement
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Parameters are 1-based, as in SQLite.
  SqliteStatement& Bind(int i, std::string_view text);
  SqliteStatement& Bind(int i, int64_t value);
  SqliteStatement& Bind(int i, int value) { return Bind(i, static_cast<int64_t>(value)); }
  SqliteStatement& Bind(int i, double value);
  SqliteStatement& Bind(int i, const std::optional<double>& value);
  SqliteStatement& BindNull(int i);

  // Step: *row = true when a row is available, false when done.
  Status Step(bool* row);
  // Runs to completion (INSERT/UPDATE/DELETE), then resets for reuse.
  Status Run();
  void Reset();

  int ColumnCount() const;
  std::string Text(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  bool IsNull(int col) const;
  std::optional<double> OptionalDouble(int col) const;

 private:
  friend class SqliteDb;
  SqliteDb* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  Status bind_error_;
};

// RAII transaction: BEGIN IMMEDIATE on Begin, ROLLBACK unless Commit succeeded.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDb* db) : db_(db) {}
  ~SqliteTransaction();
  Status Begin();
  Status Commit();

 private:
  SqliteDb* db_;
  bool open_ = false;
};

}  // namespace sohoa

#endif  // SOHOA_STORE_SQLITE_H_
