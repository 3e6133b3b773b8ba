// store: the archive (documents, report metadata, tables, cells in long
// form, findings, page text for search, runs). Implements core's Archive
// interface. Two backends, one schema and one list of migrations:
//   SQLite (the embedded default): a single file, WAL journal, foreign keys;
//   PostgreSQL (libpq): one database shared by many `sohoa ingest` workers
//     on many machines; documents are claimed by content hash (a claim row
//     with a lease) so that none is processed twice and a worker that dies
//     loses only its lease.
//   in:  one processed document at a time (or a failure record)
//   out: series, findings and search hits read back out.
// Every write of a document is one transaction: a document is stored whole
// or not at all. Errors (locked, read-only, disk full, newer schema, lost
// connection) are Status::ArchiveError naming the archive (passwords
// masked), with nothing changed.
// An SqlArchive is one connection: use it from one thread at a time, except
// Claim/ReleaseClaims, which may be called from any thread.
#ifndef SOHOA_STORE_STORE_H_
#define SOHOA_STORE_STORE_H_

#include <cstdint>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/archive.h"
#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/report.h"
#include "pipeline/core/status.h"
#include "pipeline/core/table.h"
#include "pipeline/store/db.h"
#include "pipeline/store/sqlite.h"

namespace sohoa {

struct ArchiveOptions {
  bool read_only = false;       // series/findings: never create or change the file
  int busy_timeout_ms = 10000;  // wait this long for another writer's lock
  // PostgreSQL: how long a claim on a document lasts without renewal (a
  // worker renews its claims every third of it while it runs; the claims of
  // a worker that died are taken over once they lapse).
  int lease_seconds = 300;
};

// What a worker's claim on a document came to.
enum class ClaimResult {
  kGranted,  // this worker processes it
  kHeld,     // another worker is processing it (its lease runs)
  kDone,     // another worker stored it during this run
};

// One input file's outcome, as the ingest command hands it to the store.
struct DocumentRecord {
  std::string path;
  std::string content_hash;  // hex SHA-256 of the bytes
  uint64_t size_bytes = 0;
  Status status;             // ok, or why the file failed
  // For status ok: what the pipeline produced.
  const Document* doc = nullptr;
  const ReportMeta* meta = nullptr;
  const std::vector<Table>* tables = nullptr;
  const std::vector<Finding>* findings = nullptr;
};

struct RunCounts {
  int files = 0, stored = 0, skipped = 0, failed = 0, findings = 0, pages = 0;
};

struct SeriesQuery {
  std::vector<std::string> units;  // lower-case names or canonical names; empty = all
  std::string metric;              // column key; empty = all
  std::string body;      // issuing or parent body or the issuer (or its start), compared
                         // without case, diacritics, spaces and punctuation; empty = all
  std::string province;  // "Phú Yên", "phu yen", "tỉnh Phú Yên"; empty = all
  std::string from, to;            // "YYYY-MM" bounds on the period's last month
};

struct FindingsQuery {
  std::string body;      // as SeriesQuery::body
  std::string province;  // as SeriesQuery::province
};

struct SeriesRow {
  std::string period;       // "2020-06", "2020-Q2", "2020-H1", "2020-9M", "2020"
  std::string period_kind;
  std::string body;
  std::string unit;         // as written
  std::string unit_canonical;
  std::string metric;       // column key
  std::optional<double> value;
  // "" a value as read; "finding" a value with a finding on its cell (see
  // `suggested`); "gap" no report for the period; "unparsed" a report whose
  // tables were not read; "missing_unit" a report without this unit;
  // "missing_column" a report with the unit but not this column;
  // "unmapped" a value of a column no schema key fits (metric = its slug).
  std::string marker;
  bool has_finding = false;
  std::optional<double> suggested;  // the finding's suggested value, when one fits
  std::string document;     // path
  std::string table;
  int page = 0;
  int line = 0;
  // Which document the period's value comes from when the archive holds
  // several for it, and why ("2 documents; taken: the later issue date ...").
  std::string source_note;
};

struct FindingRow {
  std::string document;  // path
  std::string content_hash;
  std::string period;
  Finding finding;
  int64_t document_id = 0;
  std::string related_document;  // the other file of a duplicate or conflict
  // The cell the finding suspects (its suspect, else its own cell), named by
  // unit and column; empty for findings about no cell.
  std::optional<CellPlace> cell;
};

struct SearchQuery {
  // Words that must all be on the page, compared without case or diacritics
  // ("quyet dinh" finds "Quyết định", "dak" finds "Đắk"); a "quoted phrase"
  // keeps its words together and in order; a word ending in '*' is a prefix.
  std::string text;
  int limit = 20;  // hits returned, best first
};

struct SearchHit {
  std::string document;  // path
  std::string content_hash;
  std::string period;    // "2020-06"; "" when undetermined
  std::string body;      // the issuer or body; "" when none was read
  int page = 0;
  std::string snippet;   // the page's text around the match, matches in [brackets]
};

// One stored file as the review site lists it.
struct DocumentSummary {
  int64_t id = 0;
  std::string path, content_hash;
  std::string status;      // "ok" or "failed"
  std::string error_code;  // "too_large", ... for a failed file
  std::string error;       // its one-line reason
  std::string format;
  int pages = 0;
  int tables = 0;          // appendix tables read
  std::string period;      // "2020-06", ...; "" when undetermined or failed
  std::string issuer;      // the issuer, else the body as printed
  std::string number, date;
};

// One page's stored text.
struct PageText {
  int number = 0;
  std::string source;  // "text", "text_layer", "ocr"
  std::string text;
  // The frame of the page's boxes (core/document.h): "pt", "px" (at dpi),
  // "none"; "" for pages stored before schema 10 (frame unknown).
  std::string box_unit;
  double width = 0, height = 0;  // in box_unit
  int dpi = 0;
  int rotation = 0;  // the PDF's /Rotate
};

namespace store_internal {
struct SearchTerm;
}

class SqlArchive : public Archive {
 public:
  // Opens (creating unless read_only) and migrates the archive at
  // `location`: a PostgreSQL URI (postgresql://user@host/db) or libpq
  // connection string ("host=... dbname=..."), else an SQLite file.
  static Status Open(const std::string& location, const ArchiveOptions& options,
                     std::unique_ptr<SqlArchive>* out);
  ~SqlArchive() override;
  SqlArchive(const SqlArchive&) = delete;  // owns a connection
  SqlArchive& operator=(const SqlArchive&) = delete;

  // Whether several workers may share the archive (PostgreSQL): ingest then
  // claims each document before processing it.
  bool shared() const { return db_->backend() == SqlDb::Backend::kPostgres; }
  // Claims the document with this content for this worker (shared archives;
  // always granted otherwise). A document stored ok before this run began is
  // granted only with `force`; a failed one is retried. Thread-safe.
  Status Claim(const std::string& content_hash, bool force, ClaimResult* result);
  // Gives back this worker's claims on documents it did not store
  // (interrupted runs). Thread-safe.
  Status ReleaseClaims();

  Status FindAdjacentReport(const ReportMeta& meta, int direction,
                            std::optional<StoredReport>* out) override;

  // "" when no document with that content is stored, else "ok"/"failed";
  // `path` (may be null) gets the stored document's path.
  Status DocumentStatus(const std::string& content_hash, std::string* status,
                        std::string* path = nullptr);
  // Records `path` as a byte-identical copy of the content `content_hash`
  // (stored, or to be stored in this run under another path). Recording the
  // same path again changes nothing.
  Status RecordCopy(const std::string& path, const std::string& content_hash, uint64_t size);

  Status BeginRun(const std::string& version, const std::string& options_json, int64_t* run_id);
  Status FinishRun(int64_t run_id, const RunCounts& counts, const std::string& state);
  // Runs of `host` left `running` by a process that no longer exists are
  // marked `interrupted` (BeginRun does this first).
  Status MarkDeadRunsInterrupted(const std::string& host);

  // A write of several steps as one transaction: one writer at a time
  // across processes and workers (SQLite's write lock; PostgreSQL's
  // advisory lock), so what is read inside it sees every document stored
  // before, whichever worker stored it. StoreDocument and ReplaceFindings
  // called while it is open are part of it; rolled back unless committed.
  // One at a time per archive.
  class Write {
   public:
    explicit Write(SqlArchive* archive) : archive_(archive) {}
    ~Write();
    Write(const Write&) = delete;  // owns the open transaction
    Write& operator=(const Write&) = delete;
    Status Begin();
    Status Commit();

   private:
    SqlArchive* archive_;
    bool open_ = false;
  };

  // Stores one document whole, replacing an earlier record of the same
  // content, in its own transaction or the open Write. *doc_id (may be
  // null): its id in the archive (StoredReport::archive_id).
  Status StoreDocument(int64_t run_id, const DocumentRecord& record, int64_t* doc_id = nullptr);
  // Replaces the stored document's findings of `kind` with those of
  // `findings` that are of that kind (numbered after its other findings),
  // in its own transaction or the open Write.
  Status ReplaceFindings(int64_t doc_id, FindingKind kind, const std::vector<Finding>& findings);
  // The number of findings stored for a document.
  Status CountFindings(int64_t doc_id, int* count);

  // Series and findings hand each row to `emit` as soon as it is final, in
  // the order of the vector forms: memory is bounded by one issuer's series
  // (series) or one document's findings plus the archive's duplicates and
  // conflicts (findings), not by the archive.
  using SeriesSink = std::function<void(SeriesRow&& row)>;
  using FindingSink = std::function<void(FindingRow&& row)>;
  Status Series(const SeriesQuery& query, const SeriesSink& emit);
  Status Findings(const FindingsQuery& query, const FindingSink& emit);
  Status Series(const SeriesQuery& query, std::vector<SeriesRow>* rows);
  Status Findings(const FindingsQuery& query, std::vector<FindingRow>* rows);
  Status Findings(std::vector<FindingRow>* rows) { return Findings(FindingsQuery(), rows); }
  // Pages matching `query`, best first (at most query.limit); *total: how
  // many pages match in all. InvalidArgument when the query has no word.
  Status Search(const SearchQuery& query, std::vector<SearchHit>* hits, int* total);
  // Every stored file, ordered by path.
  Status ListDocuments(std::vector<DocumentSummary>* out);
  // One document's report metadata, tables and (unless `pages` is null) page texts.
  Status LoadDocument(int64_t doc_id, StoredReport* report, std::vector<PageText>* pages);
  // Every stored fact in a fixed order, without run ids and times: two
  // archives with the same content dump the same text.
  Status Dump(std::string* out);

  // The SQLite connection (tests); nullptr for PostgreSQL.
  SqliteDb* db() { return sqlite_; }
  SqlDb* sql() { return db_.get(); }

 private:
  explicit SqlArchive(std::unique_ptr<SqlDb> db);
  Status MigrateSqlite(bool read_only);
  Status MigratePostgres(bool read_only);
  Status ApplyMigrations(int from, int to);
  Status Migrate(bool read_only);
  Status InsertDocument(int64_t run_id, const DocumentRecord& record, int64_t* doc_id);
  Status InsertFindings(int64_t doc_id, const std::vector<Finding>& findings, int first_seq);
  Status LoadReport(int64_t doc_id, StoredReport* report);
  Status FindAdjacentId(const ReportMeta& meta, int direction, int64_t* doc_id);
  Status StoreDocumentInWrite(int64_t run_id, const DocumentRecord& record, int64_t* doc_id);
  Status ReplaceFindingsInWrite(int64_t doc_id, FindingKind kind,
                                const std::vector<Finding>& findings);

  Status SearchPostgres(const std::vector<store_internal::SearchTerm>& terms, int limit,
                        std::vector<SearchHit>* hits, int* total);
  void Heartbeat();

  std::unique_ptr<SqlDb> db_;
  SqliteDb* sqlite_ = nullptr;
  bool write_open_ = false;  // a Write is open
  // Shared archives: the claims, on a connection of their own.
  std::string location_;
  std::string worker_;        // host:pid
  int lease_ms_ = 300000;
  int64_t run_start_ms_ = 0;  // the server's clock when the archive was opened
  std::mutex claims_mu_;
  std::unique_ptr<SqlDb> claims_db_;
  std::thread heartbeat_;
  std::condition_variable heartbeat_cv_;
  bool heartbeat_stop_ = false;
};

// Older name, from when the archive was SQLite only.
using SqliteArchive = SqlArchive;

// "2020-06", "2020-Q2", ... for a report's period; "" when undetermined.
std::string PeriodLabel(const std::string& kind, int year, int index);

}  // namespace sohoa

#endif  // SOHOA_STORE_STORE_H_
