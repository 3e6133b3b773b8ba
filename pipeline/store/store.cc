#include "pipeline/store/store.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include <sqlite3.h>

#include "pipeline/core/adjacent_period.h"
#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/store/internal.h"
#include "pipeline/store/postgres.h"
#include "pipeline/store/schema.h"

namespace sohoa {

using namespace store_internal;

namespace {

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Num(const std::optional<double>& v) {
  if (!v) return "null";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", *v);
  return buf;
}

// sohoa_fold(text): the search index's folding (store_internal::FoldForSearch).
void SqlFold(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const unsigned char* t = sqlite3_value_text(argv[0]);
  if (t == nullptr) {
    sqlite3_result_null(ctx);
    return;
  }
  std::string text(reinterpret_cast<const char*>(t), sqlite3_value_bytes(argv[0]));
  std::string folded = FoldForSearch(text);
  sqlite3_result_text(ctx, folded.data(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

// Page rows of the search index: a document's pages are one range of ids.
constexpr int64_t kPagesPerDocument = 1 << 20;

// The PostgreSQL server's clock in milliseconds: every worker's leases are
// compared on the one clock, whatever the machines' clocks say.
constexpr char kPostgresNowMs[] = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

}  // namespace

std::string PeriodLabel(const std::string& kind, int year, int index) {
  char buf[32];
  if (kind == "month" && index >= 1) std::snprintf(buf, sizeof buf, "%04d-%02d", year, index);
  else if (kind == "quarter" && index >= 1) std::snprintf(buf, sizeof buf, "%04d-Q%d", year, index);
  else if (kind == "half_year" && index >= 1) std::snprintf(buf, sizeof buf, "%04d-H%d", year, index);
  else if (kind == "nine_months") std::snprintf(buf, sizeof buf, "%04d-9M", year);
  else if (kind == "year") std::snprintf(buf, sizeof buf, "%04d", year);
  else return "";
  return buf;
}

SqlArchive::SqlArchive(std::unique_ptr<SqlDb> db) : db_(std::move(db)) {
  if (db_->backend() == SqlDb::Backend::kSqlite) sqlite_ = static_cast<SqliteDb*>(db_.get());
}

SqlArchive::~SqlArchive() {
  if (heartbeat_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(claims_mu_);
      heartbeat_stop_ = true;
    }
    heartbeat_cv_.notify_all();
    heartbeat_.join();
  }
}

Status SqlArchive::Open(const std::string& location, const ArchiveOptions& options,
                        std::unique_ptr<SqlArchive>* out) {
  if (IsPostgresLocation(location)) {
    std::unique_ptr<PostgresDb> db;
    Status s = PostgresDb::Open(location, &db);
    if (!s.ok()) return s;
    std::unique_ptr<SqlArchive> archive(new SqlArchive(std::move(db)));
    archive->location_ = location;
    archive->lease_ms_ = std::max(1, options.lease_seconds) * 1000;
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    archive->worker_ = std::string(host) + ":" + std::to_string(::getpid());
    if (s = archive->MigratePostgres(options.read_only); !s.ok()) return s;
    SqlStatement now;
    if (s = archive->db_->Prepare(std::string("SELECT ") + kPostgresNowMs, &now); !s.ok()) return s;
    bool row = false;
    if (s = now.Step(&row); !s.ok()) return s;
    archive->run_start_ms_ = row ? now.Int(0) : 0;
    *out = std::move(archive);
    return Status::Ok();
  }
  const std::string& path = location;
  std::unique_ptr<SqliteDb> db;
  Status s = SqliteDb::Open(
      path, options.read_only ? SqliteDb::Mode::kReadOnly : SqliteDb::Mode::kReadWriteCreate, &db);
  if (!s.ok()) return s;
  s = db->Exec("PRAGMA busy_timeout = " + std::to_string(std::max(0, options.busy_timeout_ms)));
  if (!s.ok()) return s;
  if (int rc = sqlite3_create_function_v2(db->raw(), "sohoa_fold", 1,
                                          SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, SqlFold,
                                          nullptr, nullptr, nullptr);
      rc != SQLITE_OK)
    return db->Error(rc, "registering sohoa_fold");
  std::unique_ptr<SqlArchive> archive(new SqlArchive(std::move(db)));
  // Two processes opening a new archive together race at the switch to WAL
  // and at the schema creation; SQLite answers some of those steps with BUSY
  // without calling the busy handler. Set-up is idempotent (it re-reads the
  // schema version inside its transaction), so it is retried with backoff
  // until the busy timeout has passed.
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(std::max(0, options.busy_timeout_ms));
  std::chrono::milliseconds pause(2);
  std::minstd_rand jitter(static_cast<unsigned>(::getpid()));
  for (;;) {
    s = archive->MigrateSqlite(options.read_only);
    if (s.ok() || !archive->sqlite_->LastErrorWasBusy() ||
        std::chrono::steady_clock::now() + pause > deadline)
      break;
    std::this_thread::sleep_for(pause + std::chrono::milliseconds(jitter() % (pause.count() + 1)));
    pause = std::min(pause * 2, std::chrono::milliseconds(100));
  }
  if (!s.ok() && options.read_only && !archive->sqlite_->LastErrorWasBusy()) {
    // A WAL archive cannot be read where its -shm file cannot be made (a
    // read-only mount, a folder the user cannot write): read it as immutable.
    std::unique_ptr<SqliteDb> frozen;
    if (SqliteDb::Open(path, SqliteDb::Mode::kImmutable, &frozen).ok()) {
      std::unique_ptr<SqlArchive> again(new SqlArchive(std::move(frozen)));
      if (again->MigrateSqlite(true).ok()) {
        *out = std::move(again);
        return Status::Ok();
      }
    }
  }
  if (!s.ok()) return s;
  *out = std::move(archive);
  return Status::Ok();
}

namespace {

Status VersionProblem(const std::string& name, int version, int current, bool read_only) {
  if (version > current)
    return Status::ArchiveError(name + ": archive schema version " + std::to_string(version) +
                                " is newer than this sohoa supports (" + std::to_string(current) +
                                "); use a newer sohoa. Nothing was changed");
  if (read_only && version < current)
    return Status::ArchiveError(name + ": archive schema version " + std::to_string(version) +
                                " is older than " + std::to_string(current) +
                                "; run 'sohoa ingest --db ARCHIVE' once to upgrade it");
  return Status::Ok();
}

}  // namespace

Status SqlArchive::ApplyMigrations(int version, int current) {
  const auto& migrations =
      sqlite_ ? ArchiveMigrations() : PostgresMigrations();
  for (int v = version; v < current; ++v) {
    if (Status s = db_->Exec(migrations[v]); !s.ok()) return s;
    if (Status s = db_->Exec("UPDATE schema_version SET version = " + std::to_string(v + 1));
        !s.ok())
      return s;
  }
  return Status::Ok();
}

namespace {

// The archive's schema version (0: none yet) and whether the database holds
// other tables and no version (*foreign). `count_sql` returns two counts: the
// schema_version tables, and all tables.
Status ReadSchemaVersion(SqlDb* db, const char* count_sql, int* version, bool* foreign) {
  SqlStatement st;
  Status s = db->Prepare(count_sql, &st);
  if (!s.ok()) return s;
  bool row = false;
  if (s = st.Step(&row); !s.ok()) return s;
  const bool has_version = row && st.Int(0) > 0;
  *foreign = row && !has_version && st.Int(1) > 0;
  *version = 0;
  if (!has_version) return Status::Ok();
  SqlStatement vs;
  if (s = db->Prepare("SELECT max(version) FROM schema_version", &vs); !s.ok()) return s;
  if (s = vs.Step(&row); !s.ok()) return s;
  if (row) *version = static_cast<int>(vs.Int(0));
  return Status::Ok();
}

}  // namespace

Status SqlArchive::MigrateSqlite(bool read_only) {
  SqliteDb* db = sqlite_;
  const int current = static_cast<int>(ArchiveMigrations().size());
  // Read the version first: a newer or foreign file must not be touched.
  auto read_version = [&](int* version, bool* foreign) {
    return ReadSchemaVersion(db,
                             "SELECT (SELECT count(*) FROM sqlite_master WHERE name = "
                             "'schema_version'), (SELECT count(*) FROM sqlite_master)",
                             version, foreign);
  };
  int version = 0;
  bool foreign = false;
  Status s = read_version(&version, &foreign);
  if (!s.ok()) return s;
  if (foreign)
    return Status::ArchiveError(db->path() +
                                ": not a sohoa archive (an SQLite database with other tables); "
                                "nothing was changed");
  if (s = VersionProblem(db->path(), version, current, read_only); !s.ok()) return s;
  if (read_only) return db->Exec("PRAGMA foreign_keys = ON");
  if (db->IsReadOnly())
    return Status::ArchiveError(db->path() +
                                ": the archive is read-only (no write permission); nothing was "
                                "changed");
  if (s = db->Exec("PRAGMA journal_mode = WAL"); !s.ok()) return s;
  if (s = db->Exec("PRAGMA foreign_keys = ON"); !s.ok()) return s;
  if (s = db->Exec("PRAGMA synchronous = NORMAL"); !s.ok()) return s;
  if (version == current) return Status::Ok();
  SqlTransaction tx(db);
  if (s = tx.Begin(); !s.ok()) return s;
  // Another process may have migrated meanwhile.
  if (s = read_version(&version, &foreign); !s.ok()) return s;
  if (s = ApplyMigrations(version, current); !s.ok()) return s;
  return tx.Commit();
}

Status SqlArchive::MigratePostgres(bool read_only) {
  const int current = static_cast<int>(PostgresMigrations().size());
  auto read_version = [&](int* version, bool* foreign) {
    return ReadSchemaVersion(db_.get(),
                             "SELECT (SELECT count(*) FROM information_schema.tables WHERE "
                             "table_schema = current_schema() AND table_name = 'schema_version'), "
                             "(SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                             "current_schema())",
                             version, foreign);
  };
  int version = 0;
  bool foreign = false;
  Status s = read_version(&version, &foreign);
  if (!s.ok()) return s;
  if (foreign)
    return Status::ArchiveError(db_->path() +
                                ": not a sohoa archive (a PostgreSQL schema with other tables); "
                                "nothing was changed");
  if (s = VersionProblem(db_->path(), version, current, read_only); !s.ok()) return s;
  if (read_only || version == current) return Status::Ok();
  // Workers starting together: the first migrates, the others wait for it
  // on the same lock as the writers and find the schema current.
  SqlTransaction tx(db_.get());
  if (s = tx.Begin(); !s.ok()) return s;
  if (s = read_version(&version, &foreign); !s.ok()) return s;
  if (s = VersionProblem(db_->path(), version, current, read_only); !s.ok()) return s;
  if (s = ApplyMigrations(version, current); !s.ok()) return s;
  return tx.Commit();
}

Status SqlArchive::Claim(const std::string& hash, bool force, ClaimResult* result) {
  *result = ClaimResult::kGranted;
  if (!shared()) return Status::Ok();
  std::unique_lock<std::mutex> lock(claims_mu_);
  Status s;
  if (!claims_db_) {
    std::unique_ptr<PostgresDb> db;
    if (s = PostgresDb::Open(location_, &db); !s.ok()) return s;
    claims_db_ = std::move(db);
    heartbeat_ = std::thread([this] { Heartbeat(); });
  }
  SqlStatement st;
  s = claims_db_->Prepare(
      std::string("INSERT INTO claims AS c (content_hash, state, worker, lease_until, finished) "
                  "VALUES (?1, 'working', ?2, ") + kPostgresNowMs + " + ?3, 0) "
      "ON CONFLICT (content_hash) DO UPDATE SET state = 'working', worker = excluded.worker, "
      "lease_until = excluded.lease_until, finished = 0 "
      "WHERE (c.state = 'working' AND c.lease_until < " + kPostgresNowMs + ") "
      "OR (c.state = 'done' AND c.finished < ?4 AND (?5 = 1 OR NOT EXISTS (SELECT 1 FROM "
      "documents d WHERE d.content_hash = c.content_hash AND d.status = 'ok'))) "
      "RETURNING c.worker",
      &st);
  if (!s.ok()) return s;
  st.Bind(1, hash).Bind(2, worker_).Bind(3, static_cast<int64_t>(lease_ms_));
  st.Bind(4, run_start_ms_).Bind(5, force ? 1 : 0);
  bool row = false;
  if (s = st.Step(&row); !s.ok()) return s;
  if (row) return Status::Ok();
  SqlStatement state;
  if (s = claims_db_->Prepare("SELECT state FROM claims WHERE content_hash = ?", &state); !s.ok())
    return s;
  state.Bind(1, hash);
  if (s = state.Step(&row); !s.ok()) return s;
  *result = row && state.Text(0) == "working" ? ClaimResult::kHeld : ClaimResult::kDone;
  return Status::Ok();
}

void SqlArchive::Heartbeat() {
  std::unique_lock<std::mutex> lock(claims_mu_);
  while (!heartbeat_cv_.wait_for(lock, std::chrono::milliseconds(lease_ms_ / 3),
                                 [this] { return heartbeat_stop_; })) {
    SqlStatement st;
    if (!claims_db_->Prepare(std::string("UPDATE claims SET lease_until = ") + kPostgresNowMs +
                                 " + ? WHERE worker = ? AND state = 'working'",
                             &st)
             .ok())
      continue;
    st.Bind(1, static_cast<int64_t>(lease_ms_)).Bind(2, worker_);
    (void)st.Run();  // a lost connection shows at the next store
  }
}

Status SqlArchive::ReleaseClaims() {
  if (!shared()) return Status::Ok();
  std::lock_guard<std::mutex> lock(claims_mu_);
  if (!claims_db_) return Status::Ok();
  SqlStatement st;
  Status s = claims_db_->Prepare("DELETE FROM claims WHERE worker = ? AND state = 'working'", &st);
  if (!s.ok()) return s;
  st.Bind(1, worker_);
  return st.Run();
}

Status SqlArchive::DocumentStatus(const std::string& content_hash, std::string* status,
                                  std::string* path) {
  status->clear();
  if (path) path->clear();
  SqlStatement st;
  Status s = db_->Prepare("SELECT status, path FROM documents WHERE content_hash = ?", &st);
  if (!s.ok()) return s;
  st.Bind(1, content_hash);
  bool row = false;
  if (s = st.Step(&row); !s.ok()) return s;
  if (row) {
    *status = st.Text(0);
    if (path) *path = st.Text(1);
  }
  return Status::Ok();
}

Status SqlArchive::RecordCopy(const std::string& path, const std::string& content_hash, uint64_t size) {
  SqlStatement st;
  Status s = db_->Prepare(
      "INSERT INTO document_copies (path, content_hash, size_bytes, seen_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT DO NOTHING",
      &st);
  if (!s.ok()) return s;
  st.Bind(1, path).Bind(2, content_hash).Bind(3, static_cast<int64_t>(size)).Bind(4, NowUtc());
  return st.Run();
}

Status SqlArchive::MarkDeadRunsInterrupted(const std::string& host) {
  // Runs of this host still `running` whose process is gone (killed,
  // crashed, the machine restarted): interrupted. Runs of other hosts are
  // left to their own next run; a reused pid only leaves a run `running`.
  SqlStatement q;
  Status s = db_->Prepare("SELECT id, worker FROM runs WHERE state = 'running' AND worker LIKE ?", &q);
  if (!s.ok()) return s;
  q.Bind(1, host + ":%");
  std::vector<int64_t> dead;
  for (bool row = false; (s = q.Step(&row)).ok() && row;) {
    const std::string worker = q.Text(1);
    // LIKE treats '_' in a host name as any character: compare exactly.
    if (worker.compare(0, host.size() + 1, host + ":") != 0) continue;
    const long pid = std::strtol(worker.c_str() + host.size() + 1, nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) dead.push_back(q.Int(0));
  }
  if (!s.ok()) return s;
  q.Reset();
  for (int64_t id : dead) {
    SqlStatement u;
    if (s = db_->Prepare("UPDATE runs SET state = 'interrupted' WHERE id = ? AND state = 'running'", &u);
        !s.ok())
      return s;
    u.Bind(1, id);
    if (s = u.Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Status SqlArchive::BeginRun(const std::string& version, const std::string& options_json,
                               int64_t* run_id) {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  Status s = MarkDeadRunsInterrupted(host);
  if (!s.ok()) return s;
  SqlStatement st;
  s = db_->Prepare(
      "INSERT INTO runs (started, version, options, worker) VALUES (?, ?, ?, ?) RETURNING id", &st);
  if (!s.ok()) return s;
  // A connection string in the options would show its password to anyone
  // who reads the runs table.
  st.Bind(1, NowUtc()).Bind(2, version).Bind(3, MaskPassword(options_json));
  st.Bind(4, std::string(host) + ":" + std::to_string(::getpid()));
  bool row = false;
  if (s = st.Step(&row); !s.ok()) return s;
  *run_id = row ? st.Int(0) : 0;
  st.Reset();
  return Status::Ok();
}

Status SqlArchive::FinishRun(int64_t run_id, const RunCounts& c, const std::string& state) {
  SqlStatement st;
  Status s = db_->Prepare(
      "UPDATE runs SET finished = ?, state = ?, files = ?, stored = ?, skipped = ?, failed = ?, "
      "findings = ?, pages = ? WHERE id = ?",
      &st);
  if (!s.ok()) return s;
  st.Bind(1, NowUtc()).Bind(2, state).Bind(3, c.files).Bind(4, c.stored).Bind(5, c.skipped);
  st.Bind(6, c.failed).Bind(7, c.findings).Bind(8, c.pages).Bind(9, run_id);
  return st.Run();
}

Status SqlArchive::InsertDocument(int64_t run_id, const DocumentRecord& r, int64_t* doc_id) {
  // Replace an earlier record of the same content (--force, or a failure
  // being retried); cascades remove its report, tables, cells and findings.
  SqlStatement del;
  Status s = db_->Prepare("DELETE FROM documents WHERE content_hash = ?", &del);
  if (!s.ok()) return s;
  del.Bind(1, r.content_hash);
  if (s = del.Run(); !s.ok()) return s;

  std::string format, encoding, sources;
  int pages = 0;
  if (r.doc) {
    format = r.doc->format;
    encoding = r.doc->encoding;
    pages = static_cast<int>(r.doc->pages.size());
    std::set<std::string> kinds;
    for (const Page& p : r.doc->pages) kinds.insert(WordSourceName(p.source));
    for (const std::string& k : kinds) sources += (sources.empty() ? "" : ",") + k;
  }
  SqlStatement st;
  s = db_->Prepare(
      "INSERT INTO documents (path, content_hash, size_bytes, pages, format, encoding, "
      "source_kinds, status, error_code, error, run_id, stored_at, text_hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      &st);
  if (!s.ok()) return s;
  st.Bind(1, r.path).Bind(2, r.content_hash).Bind(3, static_cast<int64_t>(r.size_bytes));
  st.Bind(4, pages).Bind(5, format).Bind(6, encoding).Bind(7, sources);
  st.Bind(8, r.status.ok() ? "ok" : "failed");
  st.Bind(9, r.status.ok() ? "" : Status::CodeName(r.status.code()));
  st.Bind(10, r.status.ok() ? "" : r.status.message());
  if (run_id > 0) st.Bind(11, run_id);
  else st.BindNull(11);
  st.Bind(12, NowUtc());
  st.Bind(13, r.doc && r.status.ok() ? Sha256Hex(NormalizedText(*r.doc)) : "");
  bool row = false;
  if (s = st.Step(&row); !s.ok()) return s;
  *doc_id = row ? st.Int(0) : 0;
  st.Reset();
  if (shared()) {
    // The claim is done with the document, in the same transaction.
    SqlStatement claim;
    if (s = db_->Prepare(std::string("INSERT INTO claims (content_hash, state, worker, lease_until, "
                                     "finished) VALUES (?1, 'done', ?2, 0, ") +
                             kPostgresNowMs + ") ON CONFLICT (content_hash) DO UPDATE SET state = "
                             "'done', worker = ?2, finished = excluded.finished",
                         &claim);
        !s.ok())
      return s;
    claim.Bind(1, r.content_hash).Bind(2, worker_);
    if (s = claim.Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Status SqlArchive::InsertFindings(int64_t doc_id, const std::vector<Finding>& findings,
                                     int first_seq) {
  SqlStatement st;
  Status s = db_->Prepare(
      "INSERT INTO findings (document_id, seq, kind, severity, table_key, row, row_label, "
      "column_key, stated, expected, message, suspect_row, suspect_column, suspect_value, "
      "suggested, alternatives, inferred, page, line) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      &st);
  if (!s.ok()) return s;
  int seq = first_seq;
  for (const Finding& f : findings) {
    st.Bind(1, doc_id).Bind(2, seq++).Bind(3, FindingKindName(f.kind));
    st.Bind(4, SeverityName(f.severity)).Bind(5, f.table).Bind(6, f.row).Bind(7, f.row_label);
    st.Bind(8, f.column).Bind(9, f.stated).Bind(10, f.expected).Bind(11, f.message);
    if (f.suspect) {
      st.Bind(12, f.suspect->row).Bind(13, f.suspect->column).Bind(14, f.suspect->value);
      st.Bind(15, f.suspect->suggested);
      std::string alts;
      for (double a : f.suspect->alternatives) alts += (alts.empty() ? "" : ";") + Num(a);
      st.Bind(16, alts);
    } else {
      st.BindNull(12).BindNull(13).BindNull(14).BindNull(15).Bind(16, "");
    }
    st.Bind(17, f.inferred ? 1 : 0).Bind(18, f.page).Bind(19, f.line);
    if (s = st.Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

SqlArchive::Write::~Write() {
  if (open_) {
    (void)archive_->db_->Rollback();
    archive_->write_open_ = false;
  }
}

Status SqlArchive::Write::Begin() {
  if (open_ || archive_->write_open_)
    return Status::Internal(archive_->db_->path() + ": a write is already open");
  Status s = archive_->db_->BeginWrite();
  open_ = archive_->write_open_ = s.ok();
  return s;
}

Status SqlArchive::Write::Commit() {
  if (!open_) return Status::Internal(archive_->db_->path() + ": no write is open");
  Status s = archive_->db_->Commit();
  if (s.ok()) open_ = archive_->write_open_ = false;
  return s;
}

Status SqlArchive::StoreDocument(int64_t run_id, const DocumentRecord& r, int64_t* doc_id) {
  if (write_open_) return StoreDocumentInWrite(run_id, r, doc_id);
  Write write(this);
  Status s = write.Begin();
  if (!s.ok()) return s;
  if (s = StoreDocumentInWrite(run_id, r, doc_id); !s.ok()) return s;
  return write.Commit();
}

Status SqlArchive::ReplaceFindings(int64_t doc_id, FindingKind kind,
                                   const std::vector<Finding>& findings) {
  if (write_open_) return ReplaceFindingsInWrite(doc_id, kind, findings);
  Write write(this);
  Status s = write.Begin();
  if (!s.ok()) return s;
  if (s = ReplaceFindingsInWrite(doc_id, kind, findings); !s.ok()) return s;
  return write.Commit();
}

Status SqlArchive::StoreDocumentInWrite(int64_t run_id, const DocumentRecord& r,
                                        int64_t* stored_id) {
  Status s;
  int64_t doc_id = 0;
  if (s = InsertDocument(run_id, r, &doc_id); !s.ok()) return s;
  if (stored_id) *stored_id = doc_id;
  if (!r.status.ok() || r.doc == nullptr) return Status::Ok();

  // Page text, so later checks (carry-over re-checks) can rebuild the document.
  {
    SqlStatement st;
    if (s = db_->Prepare("INSERT INTO pages (document_id, number, source, text, box_unit, width, height, "
                         "dpi, rotation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         &st);
        !s.ok())
      return s;
    SqlStatement fts;
    if (s = db_->Prepare(sqlite_ ? "INSERT INTO page_search (rowid, folded) VALUES (?, ?)"
                                 : "INSERT INTO page_search (document_id, page, folded) VALUES "
                                   "(?, ?, ?)",
                         &fts);
        !s.ok())
      return s;
    for (const Page& p : r.doc->pages) {
      const std::string text = p.Text();
      st.Bind(1, doc_id).Bind(2, p.number).Bind(3, WordSourceName(p.source)).Bind(4, text);
      st.Bind(5, BoxUnitName(p.unit)).Bind(6, p.width).Bind(7, p.height).Bind(8, p.dpi);
      st.Bind(9, p.rotation);
      if (s = st.Run(); !s.ok()) return s;
      if (sqlite_) {
        if (p.number < 0 || p.number >= kPagesPerDocument) continue;  // (no such page numbers)
        fts.Bind(1, doc_id * kPagesPerDocument + p.number).Bind(2, FoldForSearch(text));
      } else {
        fts.Bind(1, doc_id).Bind(2, p.number).Bind(3, FoldForSearch(text));
      }
      if (s = fts.Run(); !s.ok()) return s;
    }
    SqlStatement nt;
    if (s = db_->Prepare(
            "INSERT INTO notes (document_id, seq, stage, level, message, page) VALUES (?, ?, ?, ?, "
            "?, ?)",
            &nt);
        !s.ok())
      return s;
    int seq = 0;
    for (const Note& n : r.doc->notes) {
      nt.Bind(1, doc_id).Bind(2, seq++).Bind(3, n.stage).Bind(4, n.level).Bind(5, n.message);
      nt.Bind(6, n.page);
      if (s = nt.Run(); !s.ok()) return s;
    }
  }
  if (r.meta) {
    const ReportMeta& m = *r.meta;
    SqlStatement st;
    if (s = db_->Prepare(
            "INSERT INTO reports (document_id, body, parent_body, province, number, date, kind, "
            "period_kind, period_year, period_index, period_from, period_to, period_determined, "
            "period_note, issuer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            &st);
        !s.ok())
      return s;
    st.Bind(1, doc_id).Bind(2, m.body).Bind(3, m.parent_body).Bind(4, m.province);
    st.Bind(5, m.number).Bind(6, m.date).Bind(7, m.kind).Bind(8, m.period_kind);
    st.Bind(9, m.period_year).Bind(10, m.period_index).Bind(11, m.period_from);
    st.Bind(12, m.period_to).Bind(13, m.period_determined ? 1 : 0).Bind(14, m.period_note);
    st.Bind(15, m.issuer);
    if (s = st.Run(); !s.ok()) return s;
  }
  if (r.tables) {
    SqlStatement ts, cs, rs, vs;
    if (s = db_->Prepare(
            "INSERT INTO doc_tables (document_id, seq, table_key, title, schema, page, line, "
            "period_from, period_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            &ts);
        !s.ok())
      return s;
    if (s = db_->Prepare(
            "INSERT INTO columns (table_id, seq, column_key, header, mapped) VALUES (?, ?, ?, ?, ?)",
            &cs);
        !s.ok())
      return s;
    if (s = db_->Prepare(
            "INSERT INTO table_rows (table_id, row, stt, unit, unit_canonical, page, line) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            &rs);
        !s.ok())
      return s;
    static constexpr char kInsertCell[] =
        "INSERT INTO cells (document_id, table_id, row, column_seq, unit, unit_canonical, "
        "column_key, text, value, dash, footnote, page, line, box_x0, box_y0, box_x1, box_y1, "
        "confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (s = db_->Prepare(kInsertCell, &vs); !s.ok()) return s;
    std::map<size_t, SqlStatement> row_batches;  // by the number of cells
    int seq = 0;
    for (const Table& t : *r.tables) {
      ts.Bind(1, doc_id).Bind(2, seq++).Bind(3, t.id).Bind(4, t.title).Bind(5, t.schema);
      ts.Bind(6, t.page).Bind(7, t.line).Bind(8, t.period_from).Bind(9, t.period_to);
      bool inserted = false;
      if (s = ts.Step(&inserted); !s.ok()) return s;
      const int64_t table_id = inserted ? ts.Int(0) : 0;
      ts.Reset();
      for (size_t c = 0; c < t.columns.size(); ++c) {
        std::string header;
        for (const std::string& h : t.columns[c].header) header += (header.empty() ? "" : " | ") + h;
        cs.Bind(1, table_id).Bind(2, static_cast<int>(c)).Bind(3, t.columns[c].key);
        cs.Bind(4, header).Bind(5, t.columns[c].mapped ? 1 : 0);
        if (s = cs.Run(); !s.ok()) return s;
      }
      auto put_row = [&](const Row& row, int index) -> Status {
        rs.Bind(1, table_id).Bind(2, index).Bind(3, row.stt).Bind(4, row.unit);
        rs.Bind(5, row.unit_canonical).Bind(6, row.page).Bind(7, row.line);
        if (Status e = rs.Run(); !e.ok()) return e;
        auto bind_cell = [&](SqlStatement* st, int at, size_t c) {
          const Cell& cell = row.cells[c];
          std::string key = c < t.columns.size() ? t.columns[c].key : "col" + std::to_string(c);
          st->Bind(at + 1, doc_id).Bind(at + 2, table_id).Bind(at + 3, index);
          st->Bind(at + 4, static_cast<int>(c)).Bind(at + 5, row.unit);
          st->Bind(at + 6, row.unit_canonical).Bind(at + 7, key).Bind(at + 8, cell.text);
          st->Bind(at + 9, cell.value).Bind(at + 10, cell.dash ? 1 : 0);
          st->Bind(at + 11, cell.footnote).Bind(at + 12, cell.page).Bind(at + 13, cell.line);
          if (cell.box.empty()) {
            st->BindNull(at + 14).BindNull(at + 15).BindNull(at + 16).BindNull(at + 17);
          } else {
            st->Bind(at + 14, cell.box.x0).Bind(at + 15, cell.box.y0);
            st->Bind(at + 16, cell.box.x1).Bind(at + 17, cell.box.y1);
          }
          st->Bind(at + 18, static_cast<double>(cell.confidence));
        };
        if (!sqlite_ && !row.cells.empty()) {
          // PostgreSQL: the row's cells in one INSERT, one round trip to
          // the server instead of one per cell.
          auto batch = row_batches.find(row.cells.size());
          if (batch == row_batches.end()) {
            std::string sql = kInsertCell;
            for (size_t c = 1; c < row.cells.size(); ++c)
              sql += ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            SqlStatement st;
            if (Status e = db_->Prepare(sql, &st); !e.ok()) return e;
            batch = row_batches.emplace(row.cells.size(), std::move(st)).first;
          }
          for (size_t c = 0; c < row.cells.size(); ++c)
            bind_cell(&batch->second, static_cast<int>(18 * c), c);
          return batch->second.Run();
        }
        for (size_t c = 0; c < row.cells.size(); ++c) {
          bind_cell(&vs, 0, c);
          if (Status e = vs.Run(); !e.ok()) return e;
        }
        return Status::Ok();
      };
      for (size_t i = 0; i < t.rows.size(); ++i)
        if (s = put_row(t.rows[i], static_cast<int>(i)); !s.ok()) return s;
      if (t.total)
        if (s = put_row(*t.total, -2); !s.ok()) return s;
      if (t.percent)
        if (s = put_row(*t.percent, -3); !s.ok()) return s;
    }
  }
  if (r.findings)
    if (s = InsertFindings(doc_id, *r.findings, 0); !s.ok()) return s;
  return Status::Ok();
}

Status SqlArchive::CountFindings(int64_t doc_id, int* count) {
  *count = 0;
  SqlStatement st;
  Status s = db_->Prepare("SELECT count(*) FROM findings WHERE document_id = ?", &st);
  if (!s.ok()) return s;
  st.Bind(1, doc_id);
  bool row = false;
  if (s = st.Step(&row); !s.ok()) return s;
  *count = row ? static_cast<int>(st.Int(0)) : 0;
  return Status::Ok();
}

Status SqlArchive::ReplaceFindingsInWrite(int64_t doc_id, FindingKind kind,
                                          const std::vector<Finding>& findings) {
  std::vector<Finding> of_kind;
  for (const Finding& f : findings)
    if (f.kind == kind) of_kind.push_back(f);
  SqlStatement del;
  Status s = db_->Prepare("DELETE FROM findings WHERE document_id = ? AND kind = ?", &del);
  if (!s.ok()) return s;
  del.Bind(1, doc_id).Bind(2, FindingKindName(kind));
  if (s = del.Run(); !s.ok()) return s;
  SqlStatement mx;
  if (s = db_->Prepare("SELECT coalesce(max(seq), -1) FROM findings WHERE document_id = ?", &mx);
      !s.ok())
    return s;
  mx.Bind(1, doc_id);
  bool row = false;
  if (s = mx.Step(&row); !s.ok()) return s;
  int next = row ? static_cast<int>(mx.Int(0)) + 1 : 0;
  mx.Reset();
  return InsertFindings(doc_id, of_kind, next);
}

Status SqlArchive::FindAdjacentId(const ReportMeta& meta, int direction, int64_t* doc_id) {
  *doc_id = 0;
  // The candidates in archive order (path, then the one stored first): the
  // reports of the adjacent period, then, only when none of them is adjacent
  // (core/adjacent_period.h decides), those that end (or begin) on the
  // boundary date.
  std::vector<int64_t> ids;
  std::vector<ReportMeta> metas;
  auto collect = [&](const std::string& where, const std::function<void(SqlStatement*)>& bind) {
    SqlStatement st;
    Status s = db_->Prepare(
        "SELECT r.document_id, r.body, r.parent_body, r.province, coalesce(r.issuer, ''), "
        "r.period_kind, r.period_year, r.period_index, r.period_from, r.period_to, "
        "r.period_determined FROM reports r JOIN documents d ON d.id = r.document_id "
        "WHERE d.status = 'ok' AND " + where + " ORDER BY d.path, d.id",
        &st);
    if (!s.ok()) return s;
    bind(&st);
    bool row = false;
    while ((s = st.Step(&row)).ok() && row) {
      ReportMeta m;
      m.body = st.Text(1), m.parent_body = st.Text(2), m.province = st.Text(3);
      m.issuer = st.Text(4), m.period_kind = st.Text(5);
      m.period_year = static_cast<int>(st.Int(6)), m.period_index = static_cast<int>(st.Int(7));
      m.period_from = st.Text(8), m.period_to = st.Text(9), m.period_determined = st.Int(10) != 0;
      ids.push_back(st.Int(0));
      metas.push_back(std::move(m));
    }
    return s;
  };
  auto pick = [&]() {
    std::vector<const ReportMeta*> candidates;
    for (const ReportMeta& m : metas) candidates.push_back(&m);
    const int i = PickAdjacent(meta, direction, candidates);
    if (i >= 0) *doc_id = ids[i];
    return i >= 0;
  };
  if (const std::optional<PeriodKey> key = AdjacentPeriodKey(meta, direction)) {
    Status s = collect(
        "r.period_determined = 1 AND r.period_kind = ? AND r.period_year = ? AND "
        "(r.period_index = ? OR r.period_kind = 'year')",
        [&](SqlStatement* st) { st->Bind(1, key->kind).Bind(2, key->year).Bind(3, key->index); });
    if (!s.ok()) return s;
    if (pick()) return Status::Ok();
  }
  const std::string boundary = AdjacentBoundaryDate(meta, direction);
  if (boundary.empty()) return Status::Ok();
  Status s = collect(direction < 0 ? "r.period_to = ?" : "r.period_from = ?",
                     [&](SqlStatement* st) { st->Bind(1, boundary); });
  if (!s.ok()) return s;
  pick();
  return Status::Ok();
}

Status SqlArchive::LoadReport(int64_t doc_id, StoredReport* report) {
  *report = StoredReport();
  SqlStatement st;
  Status s = db_->Prepare(
      "SELECT d.content_hash, d.path, r.body, r.parent_body, r.province, r.number, r.date, "
      "r.kind, r.period_kind, r.period_year, r.period_index, r.period_from, r.period_to, "
      "r.period_determined, r.period_note, coalesce(r.issuer, '') FROM documents d "
      "LEFT JOIN reports r ON r.document_id = d.id WHERE d.id = ?",
      &st);
  if (!s.ok()) return s;
  st.Bind(1, doc_id);
  bool row = false;
  if (s = st.Step(&row); !s.ok()) return s;
  if (!row) return Status::Internal("archive: document " + std::to_string(doc_id) + " vanished");
  report->document_id = st.Text(0);
  report->archive_id = doc_id;
  report->path = st.Text(1);
  ReportMeta& m = report->meta;
  m.body = st.Text(2), m.parent_body = st.Text(3), m.province = st.Text(4);
  m.number = st.Text(5), m.date = st.Text(6), m.kind = st.Text(7), m.period_kind = st.Text(8);
  m.period_year = static_cast<int>(st.Int(9)), m.period_index = static_cast<int>(st.Int(10));
  m.period_from = st.Text(11), m.period_to = st.Text(12);
  m.period_determined = st.Int(13) != 0, m.period_note = st.Text(14);
  m.issuer = st.Text(15);

  SqlStatement ts, cs, rs, vs;
  if (s = db_->Prepare(
          "SELECT id, table_key, title, schema, page, line, period_from, period_to FROM "
          "doc_tables WHERE document_id = ? ORDER BY seq",
          &ts);
      !s.ok())
    return s;
  if (s = db_->Prepare(
          "SELECT column_key, header, mapped FROM columns WHERE table_id = ? ORDER BY seq", &cs);
      !s.ok())
    return s;
  if (s = db_->Prepare(
          "SELECT row, stt, unit, unit_canonical, page, line FROM table_rows WHERE table_id = ? "
          "ORDER BY row >= 0 DESC, abs(row)",
          &rs);
      !s.ok())
    return s;
  if (s = db_->Prepare(
          "SELECT row, column_seq, text, value, dash, footnote, page, line, box_x0, box_y0, "
          "box_x1, box_y1, confidence FROM cells WHERE table_id = ? ORDER BY row, column_seq",
          &vs);
      !s.ok())
    return s;
  ts.Bind(1, doc_id);
  while ((s = ts.Step(&row)).ok() && row) {
    Table t;
    const int64_t table_id = ts.Int(0);
    t.id = ts.Text(1), t.title = ts.Text(2), t.schema = ts.Text(3);
    t.page = static_cast<int>(ts.Int(4)), t.line = static_cast<int>(ts.Int(5));
    t.period_from = ts.Text(6), t.period_to = ts.Text(7);
    cs.Bind(1, table_id);
    bool r2 = false;
    while ((s = cs.Step(&r2)).ok() && r2) {
      Column c;
      c.key = cs.Text(0);
      c.mapped = cs.Int(2) != 0;
      std::string header = cs.Text(1);
      for (size_t pos = 0; !header.empty();) {
        size_t bar = header.find(" | ", pos);
        c.header.push_back(header.substr(pos, bar == std::string::npos ? bar : bar - pos));
        if (bar == std::string::npos) break;
        pos = bar + 3;
      }
      t.columns.push_back(std::move(c));
    }
    if (!s.ok()) return s;
    cs.Reset();
    std::map<int, Row> rows;
    rs.Bind(1, table_id);
    while ((s = rs.Step(&r2)).ok() && r2) {
      Row r;
      r.stt = rs.Text(1), r.unit = rs.Text(2), r.unit_canonical = rs.Text(3);
      r.page = static_cast<int>(rs.Int(4)), r.line = static_cast<int>(rs.Int(5));
      rows[static_cast<int>(rs.Int(0))] = std::move(r);
    }
    if (!s.ok()) return s;
    rs.Reset();
    vs.Bind(1, table_id);
    while ((s = vs.Step(&r2)).ok() && r2) {
      Cell c;
      c.text = vs.Text(2), c.value = vs.OptionalDouble(3), c.dash = vs.Int(4) != 0;
      c.footnote = vs.Text(5), c.page = static_cast<int>(vs.Int(6));
      c.line = static_cast<int>(vs.Int(7));
      if (!vs.IsNull(8))
        c.box = Box{vs.Double(8), vs.Double(9), vs.Double(10), vs.Double(11)};
      c.confidence = static_cast<float>(vs.Double(12));
      Row& r = rows[static_cast<int>(vs.Int(0))];
      size_t col = static_cast<size_t>(vs.Int(1));
      if (r.cells.size() <= col) r.cells.resize(col + 1);
      r.cells[col] = std::move(c);
    }
    if (!s.ok()) return s;
    vs.Reset();
    for (auto& [index, r] : rows) {
      if (index >= 0) t.rows.push_back(std::move(r));
      else if (index == -2) t.total = std::move(r);
      else if (index == -3) t.percent = std::move(r);
    }
    report->tables.push_back(std::move(t));
  }
  if (!s.ok()) return s;
  return Status::Ok();
}

Status SqlArchive::FindAdjacentReport(const ReportMeta& meta, int direction,
                                         std::optional<StoredReport>* out) {
  out->reset();
  int64_t id = 0;
  Status s = FindAdjacentId(meta, direction, &id);
  if (!s.ok() || id == 0) return s;
  StoredReport report;
  if (s = LoadReport(id, &report); !s.ok()) return s;
  *out = std::move(report);
  return Status::Ok();
}


namespace {

// The hits of a search statement whose columns are: path, content hash,
// period kind, year, index, issuer, page number, page text.
Status ReadSearchHits(SqlStatement* st, const std::vector<SearchTerm>& terms,
                      std::vector<SearchHit>* hits) {
  bool row = false;
  Status s;
  while ((s = st->Step(&row)).ok() && row) {
    SearchHit h;
    h.document = st->Text(0);
    h.content_hash = st->Text(1);
    h.period = PeriodLabel(st->Text(2), static_cast<int>(st->Int(3)), static_cast<int>(st->Int(4)));
    h.body = st->Text(5);
    h.page = static_cast<int>(st->Int(6));
    h.snippet = Snippet(st->Text(7), terms);
    hits->push_back(std::move(h));
  }
  return s;
}

}  // namespace

Status SqlArchive::Search(const SearchQuery& q, std::vector<SearchHit>* hits, int* total) {
  hits->clear();
  if (total) *total = 0;
  const std::vector<SearchTerm> terms = ParseSearchQuery(q.text);
  if (terms.empty())
    return Status::InvalidArgument("the search query '" + q.text + "' has no word to look for");
  if (!sqlite_) return SearchPostgres(terms, q.limit, hits, total);
  const std::string match = Fts5Expression(terms);
  SqlStatement st;
  Status s = db_->Prepare(
      "SELECT d.path, d.content_hash, coalesce(r.period_kind, ''), coalesce(r.period_year, 0), "
      "coalesce(r.period_index, 0), coalesce(nullif(r.issuer, ''), r.body, ''), p.number, p.text "
      "FROM (SELECT rowid AS id, rank FROM page_search WHERE page_search MATCH ? "
      "ORDER BY rank LIMIT ?) s "
      "JOIN pages p ON p.document_id = s.id / 1048576 AND p.number = s.id % 1048576 "
      "JOIN documents d ON d.id = p.document_id LEFT JOIN reports r ON r.document_id = d.id "
      "ORDER BY s.rank, d.path, p.number",
      &st);
  if (!s.ok()) return s;
  st.Bind(1, match).Bind(2, std::max(0, q.limit));
  bool row = false;
  if (s = ReadSearchHits(&st, terms, hits); !s.ok()) return s;
  if (total) {
    SqlStatement count;
    if (s = db_->Prepare("SELECT count(*) FROM page_search WHERE page_search MATCH ?", &count);
        !s.ok())
      return s;
    count.Bind(1, match);
    if (s = count.Step(&row); !s.ok()) return s;
    *total = row ? static_cast<int>(count.Int(0)) : 0;
  }
  return Status::Ok();
}

Status SqlArchive::SearchPostgres(const std::vector<SearchTerm>& terms, int limit,
                                  std::vector<SearchHit>* hits, int* total) {
  const std::string query = TsQueryExpression(terms);
  SqlStatement st;
  Status s = db_->Prepare(
      "SELECT d.path, d.content_hash, coalesce(r.period_kind, ''), coalesce(r.period_year, 0), "
      "coalesce(r.period_index, 0), coalesce(nullif(r.issuer, ''), r.body, ''), p.number, p.text "
      "FROM (SELECT document_id, page, ts_rank(to_tsvector('simple', folded), q) AS rank "
      "FROM page_search, to_tsquery('simple', ?1) q WHERE to_tsvector('simple', folded) @@ q "
      "ORDER BY rank DESC, document_id, page LIMIT ?2) s "
      "JOIN pages p ON p.document_id = s.document_id AND p.number = s.page "
      "JOIN documents d ON d.id = p.document_id LEFT JOIN reports r ON r.document_id = d.id "
      "ORDER BY s.rank DESC, d.path, p.number",
      &st);
  if (!s.ok()) return s;
  st.Bind(1, query).Bind(2, std::max(0, limit));
  bool row = false;
  if (s = ReadSearchHits(&st, terms, hits); !s.ok()) return s;
  if (total) {
    SqlStatement count;
    if (s = db_->Prepare("SELECT count(*) FROM page_search WHERE to_tsvector('simple', folded) "
                         "@@ to_tsquery('simple', ?)",
                         &count);
        !s.ok())
      return s;
    count.Bind(1, query);
    if (s = count.Step(&row); !s.ok()) return s;
    *total = row ? static_cast<int>(count.Int(0)) : 0;
  }
  return Status::Ok();
}

Status SqlArchive::Dump(std::string* out) {
  out->clear();
  // Each query lists one kind of fact keyed by content hash, in a fixed order.
  static const char* kQueries[] = {
      "SELECT 'document', content_hash, path, size_bytes, pages, format, encoding, source_kinds, "
      "status, error_code, error FROM documents ORDER BY content_hash",
      "SELECT 'report', d.content_hash, r.body, r.parent_body, r.province, r.number, r.date, "
      "r.kind, r.period_kind, r.period_year, r.period_index, r.period_from, r.period_to, "
      "r.period_determined, r.period_note FROM reports r JOIN documents d ON d.id = r.document_id "
      "ORDER BY d.content_hash",
      "SELECT 'page', d.content_hash, p.number, p.source, length(p.text) FROM pages p "
      "JOIN documents d ON d.id = p.document_id ORDER BY d.content_hash, p.number",
      "SELECT 'table', d.content_hash, t.seq, t.table_key, t.title, t.schema, t.page, t.line, "
      "t.period_from, t.period_to FROM doc_tables t JOIN documents d ON d.id = t.document_id "
      "ORDER BY d.content_hash, t.seq",
      "SELECT 'cell', d.content_hash, t.seq, c.row, c.column_seq, c.unit, c.unit_canonical, "
      "c.column_key, c.text, c.value, c.page FROM cells c JOIN doc_tables t ON t.id = c.table_id "
      "JOIN documents d ON d.id = c.document_id ORDER BY d.content_hash, t.seq, c.row, "
      "c.column_seq",
      "SELECT 'finding', d.content_hash, f.kind, f.severity, f.table_key, f.row, f.column_key, "
      "f.stated, f.expected, f.message, f.suspect_row, f.suspect_column, f.suggested, f.page "
      "FROM findings f JOIN documents d ON d.id = f.document_id "
      "ORDER BY d.content_hash, f.kind, f.table_key, f.row, f.column_key, f.message",
      "SELECT 'copy', content_hash, path, size_bytes FROM document_copies ORDER BY path",
  };
  for (const char* q : kQueries) {
    SqlStatement st;
    Status s = db_->Prepare(q, &st);
    if (!s.ok()) return s;
    bool row = false;
    while ((s = st.Step(&row)).ok() && row) {
      const int cols = st.ColumnCount();  // (known once the query ran)
      for (int c = 0; c < cols; ++c) {
        if (c) out->push_back('\t');
        *out += st.IsNull(c) ? "NULL" : st.Text(c);
      }
      out->push_back('\n');
    }
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace sohoa
