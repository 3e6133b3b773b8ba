// The archive's SQL schema as ordered migrations (store-internal).
#ifndef SOHOA_STORE_SCHEMA_H_
#define SOHOA_STORE_SCHEMA_H_

#include <string>
#include <vector>

namespace sohoa {

// Migration i takes an archive from schema version i to i+1; the current
// version is the number of migrations.
// (SQLite's text.)
const std::vector<std::string>& ArchiveMigrations();
// The same migrations for PostgreSQL: the same tables and versions in its
// types; full-text search through a GIN index instead of FTS5.
const std::vector<std::string>& PostgresMigrations();

}  // namespace sohoa

#endif  // SOHOA_STORE_SCHEMA_H_
