// The one thin wrapper around libpq: a PostgreSQL connection as an SqlDb.
// '?' and '?N' parameters become $N; every value goes as text and the
// server infers its type; a statement's rows are read whole when it first
// steps. Errors are Status::ArchiveError naming the database by its
// connection string with any password masked. One thread at a time.
#ifndef SOHOA_STORE_POSTGRES_H_
#define SOHOA_STORE_POSTGRES_H_

#include <memory>
#include <string>

#include "pipeline/store/db.h"

struct pg_conn;

namespace sohoa {

// Whether `location` names a PostgreSQL database rather than an SQLite
// file: a postgresql:// or postgres:// URI, or a libpq key=value string
// ("host=/run/db dbname=sohoa").
bool IsPostgresLocation(const std::string& location);
// The location with its password replaced by "***" (URI user:password@,
// password=... in a key=value string, password=... in a URI query).
std::string MaskPassword(const std::string& location);

class PostgresDb : public SqlDb {
 public:
  static Status Open(const std::string& conninfo, std::unique_ptr<PostgresDb>* out);
  ~PostgresDb() override;
  PostgresDb(const PostgresDb&) = delete;  // owns the connection
  PostgresDb& operator=(const PostgresDb&) = delete;

  Backend backend() const override { return Backend::kPostgres; }
  Status Exec(std::string_view sql) override;
  Status Prepare(std::string_view sql, SqlStatement* out) override;
  Status BeginWrite() override;
  const std::string& path() const override { return name_; }

  // The error of the last command, as a Status (for statements).
  Status Error(const std::string& what, const std::string& detail) const;
  pg_conn* raw() { return conn_; }

 private:
  PostgresDb(pg_conn* conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  pg_conn* conn_;
  std::string name_;
};

// "?"/"?N" parameters as PostgreSQL's $N (outside quoted strings).
std::string PostgresParameters(std::string_view sql);

}  // namespace sohoa

#endif  // SOHOA_STORE_POSTGRES_H_
