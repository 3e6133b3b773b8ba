#include "pipeline/store/postgres.h"

#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <regex>
#include <vector>

namespace sohoa {

bool IsPostgresLocation(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) return true;
  // A key=value connection string; a file name with '=' in it would need a
  // path ("./a=b.db").
  static const std::regex kKeyValue(R"(^\s*(host|hostaddr|port|dbname|user|service|password)\s*=)");
  return location.find('/') != 0 && location.rfind("./", 0) != 0 &&
         std::regex_search(location, kKeyValue);
}

std::string MaskPassword(const std::string& location) {
  std::string out = location;
  // postgresql://user:secret@host -> postgresql://user:***@host
  static const std::regex kUri(R"(^(postgres(ql)?://[^:@/?]*:)([^@/?]*)@)");
  out = std::regex_replace(out, kUri, "$1***@");
  // password=secret (key=value string, or a URI query parameter)
  static const std::regex kKey(R"((password\s*=\s*)('([^'\\]|\\.)*'|[^\s&]*))");
  out = std::regex_replace(out, kKey, "$1***");
  return out;
}

std::string PostgresParameters(std::string_view sql) {
  std::string out;
  int next = 1;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out.push_back(c);
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
      continue;
    }
    if (c != '?') {
      out.push_back(c);
      continue;
    }
    size_t j = i + 1;
    int n = 0;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
    if (j == i + 1) n = next;
    next = std::max(next, n + 1);
    out += "$" + std::to_string(n);
    i = j - 1;
  }
  return out;
}

namespace {

std::string Trimmed(const char* message) {
  std::string m = message ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  for (char& c : m)
    if (c == '\n') c = ' ';
  return m;
}

class PostgresStatement : public SqlStatementImpl {
 public:
  PostgresStatement(PostgresDb* db, std::string sql) : db_(db), sql_(std::move(sql)) {}
  ~PostgresStatement() override { PQclear(result_); }

  void BindText(int i, std::string_view text) override { Set(i, std::string(text)); }
  void BindInt(int i, int64_t value) override { Set(i, std::to_string(value)); }
  void BindDouble(int i, double value) override {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    Set(i, buf);
  }
  void BindNull(int i) override {
    Grow(i);
    params_[i - 1].reset();
  }

  Status Step(bool* row) override {
    *row = false;
    if (!executed_) {
      std::vector<const char*> values;
      for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
      PQclear(result_);
      result_ = PQexecParams(db_->raw(), sql_.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0);
      executed_ = true;
      next_ = 0;
      const ExecStatusType st = PQresultStatus(result_);
      if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        Status s = db_->Error("writing or reading the archive",
                              Trimmed(PQresultErrorMessage(result_)));
        PQclear(result_);
        result_ = nullptr;
        return s;
      }
      rows_ = PQntuples(result_);
    }
    if (next_ < rows_) {
      current_ = next_++;
      *row = true;
    }
    return Status::Ok();
  }

  void Reset() override {
    PQclear(result_);
    result_ = nullptr;
    executed_ = false;
    params_.clear();
    rows_ = next_ = current_ = 0;
  }

  int ColumnCount() const override { return result_ ? PQnfields(result_) : 0; }
  std::string Text(int col) const override {
    if (!result_ || PQgetisnull(result_, current_, col)) return "";
    return std::string(PQgetvalue(result_, current_, col),
                       static_cast<size_t>(PQgetlength(result_, current_, col)));
  }
  int64_t Int(int col) const override {
    if (!result_ || PQgetisnull(result_, current_, col)) return 0;
    return std::strtoll(PQgetvalue(result_, current_, col), nullptr, 10);
  }
  double Double(int col) const override {
    if (!result_ || PQgetisnull(result_, current_, col)) return 0;
    return std::strtod(PQgetvalue(result_, current_, col), nullptr);
  }
  bool IsNull(int col) const override { return !result_ || PQgetisnull(result_, current_, col); }

 private:
  void Grow(int i) {
    if (static_cast<int>(params_.size()) < i) params_.resize(static_cast<size_t>(i));
  }
  void Set(int i, std::string v) {
    Grow(i);
    params_[i - 1] = std::move(v);
  }

  PostgresDb* db_;
  std::string sql_;
  std::vector<std::optional<std::string>> params_;
  PGresult* result_ = nullptr;
  bool executed_ = false;
  int rows_ = 0, next_ = 0, current_ = 0;
};

}  // namespace

Status PostgresDb::Open(const std::string& conninfo, std::unique_ptr<PostgresDb>* out) {
  const std::string name = MaskPassword(conninfo);
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Status::ArchiveError(name + ": cannot connect (out of memory)");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string detail = Trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    // libpq's message may repeat the connection string's password.
    return Status::ArchiveError(name + ": cannot connect to the PostgreSQL archive: " +
                                MaskPassword(detail));
  }
  out->reset(new PostgresDb(conn, name));
  // Quiet notices ("relation already exists, skipping") and UTC times.
  Status s = (*out)->Exec("SET client_min_messages = warning");
  if (s.ok()) s = (*out)->Exec("SET client_encoding = 'UTF8'");
  return s;
}

PostgresDb::~PostgresDb() { PQfinish(conn_); }

Status PostgresDb::Error(const std::string& what, const std::string& detail) const {
  std::string d = MaskPassword(detail);
  if (PQstatus(conn_) != CONNECTION_OK)
    return Status::ArchiveError(name_ + ": " + what + ": the connection to the server was lost (" +
                                d + "); this document was not stored");
  return Status::ArchiveError(name_ + ": " + what + ": " + d);
}

Status PostgresDb::Exec(std::string_view sql) {
  PGresult* r = PQexec(conn_, std::string(sql).c_str());
  const ExecStatusType st = PQresultStatus(r);
  Status s;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    std::string s1(sql);
    s = Error("executing " + s1.substr(0, s1.find_first_of("(\n")), Trimmed(PQresultErrorMessage(r)));
  }
  PQclear(r);
  return s;
}

Status PostgresDb::Prepare(std::string_view sql, SqlStatement* out) {
  *out = SqlStatement(std::make_unique<PostgresStatement>(this, PostgresParameters(sql)));
  return Status::Ok();
}

Status PostgresDb::BeginWrite() {
  Status s = Exec("BEGIN");
  if (!s.ok()) return s;
  // One writer at a time across every worker (the key is sohoa's own).
  s = Exec("SELECT pg_advisory_xact_lock(5301220)");
  if (!s.ok()) (void)Exec("ROLLBACK");
  return s;
}

}  // namespace sohoa
