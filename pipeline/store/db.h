// The archive's SQL connection, whichever database holds it (store-internal
// apart from tests): statements with '?' (or '?N') parameters, rows read
// column by column, and a write transaction. Implemented for SQLite
// (sqlite.h) and PostgreSQL through libpq (postgres.h); each turns its
// library's errors into Status::ArchiveError naming the archive (a
// PostgreSQL connection string is shown with its password masked).
// A connection and its statements are used from one thread at a time.
#ifndef SOHOA_STORE_DB_H_
#define SOHOA_STORE_DB_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace sohoa {

class SqlStatementImpl {
 public:
  virtual ~SqlStatementImpl() = default;
  virtual void BindText(int i, std::string_view text) = 0;
  virtual void BindInt(int i, int64_t value) = 0;
  virtual void BindDouble(int i, double value) = 0;
  virtual void BindNull(int i) = 0;
  virtual Status Step(bool* row) = 0;
  virtual void Reset() = 0;
  virtual int ColumnCount() const = 0;
  virtual std::string Text(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual bool IsNull(int col) const = 0;
};

// A prepared statement; parameters are 1-based.
class SqlStatement {
 public:
  SqlStatement() = default;
  explicit SqlStatement(std::unique_ptr<SqlStatementImpl> impl) : impl_(std::move(impl)) {}
  SqlStatement& Bind(int i, std::string_view text) { impl_->BindText(i, text); return *this; }
  SqlStatement& Bind(int i, const char* text) { return Bind(i, std::string_view(text)); }
  SqlStatement& Bind(int i, const std::string& text) { return Bind(i, std::string_view(text)); }
  SqlStatement& Bind(int i, int64_t value) { impl_->BindInt(i, value); return *this; }
  SqlStatement& Bind(int i, int value) { return Bind(i, static_cast<int64_t>(value)); }
  SqlStatement& Bind(int i, double value) { impl_->BindDouble(i, value); return *this; }
  SqlStatement& Bind(int i, const std::optional<double>& v) { return v ? Bind(i, *v) : BindNull(i); }
  SqlStatement& BindNull(int i) { impl_->BindNull(i); return *this; }
  // *row = true when a row is available, false when done.
  Status Step(bool* row) { return impl_->Step(row); }
  // Runs to completion (INSERT/UPDATE/DELETE), then resets for reuse.
  Status Run() {
    bool row = false;
    Status s;
    do s = Step(&row); while (s.ok() && row);
    Reset();
    return s;
  }
  void Reset() { impl_->Reset(); }
  int ColumnCount() const { return impl_->ColumnCount(); }
  std::string Text(int col) const { return impl_->Text(col); }
  int64_t Int(int col) const { return impl_->Int(col); }
  double Double(int col) const { return impl_->Double(col); }
  bool IsNull(int col) const { return impl_->IsNull(col); }
  std::optional<double> OptionalDouble(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Double(col);
  }

 private:
  std::unique_ptr<SqlStatementImpl> impl_;
};

class SqlDb {
 public:
  enum class Backend { kSqlite, kPostgres };
  virtual ~SqlDb() = default;
  virtual Backend backend() const = 0;
  virtual Status Exec(std::string_view sql) = 0;
  virtual Status Prepare(std::string_view sql, SqlStatement* out) = 0;
  // A transaction that writes: one writer at a time (SQLite's write lock;
  // on PostgreSQL an advisory lock, so that the carry-over re-check of a
  // document sees every document stored before it, whichever worker stored it).
  virtual Status BeginWrite() = 0;
  Status Commit() { return Exec("COMMIT"); }
  Status Rollback() { return Exec("ROLLBACK"); }
  // The archive as messages name it (a file, or a masked connection string).
  virtual const std::string& path() const = 0;
};

// RAII write transaction: ROLLBACK unless Commit succeeded.
class SqlTransaction {
 public:
  explicit SqlTransaction(SqlDb* db) : db_(db) {}
  ~SqlTransaction() {
    if (open_) (void)db_->Rollback();
  }
  Status Begin() {
    Status s = db_->BeginWrite();
    open_ = s.ok();
    return s;
  }
  Status Commit() {
    Status s = db_->Commit();
    if (s.ok()) open_ = false;
    return s;
  }

 private:
  SqlDb* db_;
  bool open_ = false;
};

}  // namespace sohoa

#endif  // SOHOA_STORE_DB_H_
