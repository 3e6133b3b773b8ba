#include "pipeline/store/sqlite.h"

#include <sqlite3.h>

#include <cstdio>
#include <utility>

namespace sohoa {

Status SqliteDb::Open(const std::string& path, Mode mode, std::unique_ptr<SqliteDb>* out) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::kReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Mode::kReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::kReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::kImmutable: flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI; break;
  }
  std::string name = path;
  if (mode == Mode::kImmutable) {
    // A URI: '?', '#' and '%' in the path are escaped.
    name = "file:";
    for (char c : path) {
      if (c == '?' || c == '#' || c == '%') {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
        name += buf;
      } else {
        name += c;
      }
    }
    name += "?immutable=1";
  }
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    if (rc == SQLITE_CANTOPEN && mode != Mode::kReadWriteCreate)
      return Status::ArchiveError(path + ": cannot open the archive (" + msg +
                                  "); run 'sohoa ingest' first");
    return Status::ArchiveError(path + ": cannot open the archive: " + msg);
  }
  sqlite3_extended_result_codes(db, 1);
  out->reset(new SqliteDb(db, path));
  return Status::Ok();
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

Status SqliteDb::Error(int rc, std::string_view what) const {
  std::string detail = sqlite3_errmsg(db_);
  std::string prefix = path_ + ": " + std::string(what) + ": ";
  last_error_ = rc & 0xff;
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::ArchiveError(prefix + "the archive is locked by another process (" + detail +
                                  "); nothing was changed");
    case SQLITE_READONLY:
      return Status::ArchiveError(prefix + "the archive is read-only (" + detail +
                                  "); nothing was changed");
    case SQLITE_FULL:
      return Status::ArchiveError(prefix + "the disk is full (" + detail +
                                  "); this document was not stored");
    case SQLITE_IOERR:
      return Status::ArchiveError(prefix + "I/O error (" + detail + ")");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::ArchiveError(prefix + "the file is not a sohoa archive or is damaged (" +
                                  detail + ")");
    case SQLITE_CANTOPEN:
      return Status::ArchiveError(prefix + "cannot open (" + detail + ")");
    default:
      return Status::ArchiveError(prefix + detail);
  }
}

Status SqliteDb::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return Error(rc, "executing " + s.substr(0, s.find_first_of("(\n")));
  return Status::Ok();
}

Status SqliteDb::Prepare(std::string_view sql, SqliteStatement* out) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error(rc, "preparing a query");
  }
  *out = SqliteStatement();
  out->db_ = this;
  out->stmt_ = stmt;
  return Status::Ok();
}

namespace {

class SqliteStatementImpl : public SqlStatementImpl {
 public:
  explicit SqliteStatementImpl(SqliteStatement st) : st_(std::move(st)) {}
  void BindText(int i, std::string_view text) override { st_.Bind(i, text); }
  void BindInt(int i, int64_t value) override { st_.Bind(i, value); }
  void BindDouble(int i, double value) override { st_.Bind(i, value); }
  void BindNull(int i) override { st_.BindNull(i); }
  Status Step(bool* row) override { return st_.Step(row); }
  void Reset() override { st_.Reset(); }
  int ColumnCount() const override { return st_.ColumnCount(); }
  std::string Text(int col) const override { return st_.Text(col); }
  int64_t Int(int col) const override { return st_.Int(col); }
  double Double(int col) const override { return st_.Double(col); }
  bool IsNull(int col) const override { return st_.IsNull(col); }

 private:
  SqliteStatement st_;
};

}  // namespace

Status SqliteDb::Prepare(std::string_view sql, SqlStatement* out) {
  SqliteStatement st;
  Status s = Prepare(sql, &st);
  if (!s.ok()) return s;
  *out = SqlStatement(std::make_unique<SqliteStatementImpl>(std::move(st)));
  return Status::Ok();
}

bool SqliteDb::LastErrorWasBusy() const {
  return last_error_ == SQLITE_BUSY || last_error_ == SQLITE_LOCKED;
}

bool SqliteDb::IsReadOnly() const { return sqlite3_db_readonly(db_, "main") == 1; }
int64_t SqliteDb::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int SqliteDb::Changes() const { return sqlite3_changes(db_); }

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement::SqliteStatement(SqliteStatement&& o) noexcept
    : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)), bind_error_(o.bind_error_) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = std::exchange(o.stmt_, nullptr);
    bind_error_ = o.bind_error_;
  }
  return *this;
}

SqliteStatement& SqliteStatement::Bind(int i, std::string_view text) {
  int rc = sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()),
                             SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = db_->Error(rc, "binding a value");
  return *this;
}

SqliteStatement& SqliteStatement::Bind(int i, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, i, value);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = db_->Error(rc, "binding a value");
  return *this;
}

SqliteStatement& SqliteStatement::Bind(int i, double value) {
  int rc = sqlite3_bind_double(stmt_, i, value);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = db_->Error(rc, "binding a value");
  return *this;
}

SqliteStatement& SqliteStatement::Bind(int i, const std::optional<double>& value) {
  return value ? Bind(i, *value) : BindNull(i);
}

SqliteStatement& SqliteStatement::BindNull(int i) {
  int rc = sqlite3_bind_null(stmt_, i);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = db_->Error(rc, "binding a value");
  return *this;
}

Status SqliteStatement::Step(bool* row) {
  if (!bind_error_.ok()) return bind_error_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    *row = true;
    return Status::Ok();
  }
  *row = false;
  if (rc == SQLITE_DONE) return Status::Ok();
  Status s = db_->Error(rc, "writing or reading the archive");
  sqlite3_reset(stmt_);
  return s;
}

Status SqliteStatement::Run() {
  bool row = false;
  Status s;
  do {
    s = Step(&row);
  } while (s.ok() && row);
  Reset();
  return s;
}

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = Status::Ok();
}

int SqliteStatement::ColumnCount() const { return sqlite3_column_count(stmt_); }

std::string SqliteStatement::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), n) : std::string();
}

int64_t SqliteStatement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double SqliteStatement::Double(int col) const { return sqlite3_column_double(stmt_, col); }
bool SqliteStatement::IsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
std::optional<double> SqliteStatement::OptionalDouble(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Double(col);
}

SqliteTransaction::~SqliteTransaction() {
  if (open_) (void)db_->Exec("ROLLBACK");
}

Status SqliteTransaction::Begin() {
  Status s = db_->Exec("BEGIN IMMEDIATE");
  open_ = s.ok();
  return s;
}

Status SqliteTransaction::Commit() {
  Status s = db_->Exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace sohoa
