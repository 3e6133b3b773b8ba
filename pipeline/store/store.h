// store: the SQLite archive (documents, report metadata, tables, cells in
// long form, findings, runs). Implements core's Archive interface.
//   in:  one processed document at a time (or a failure record)
//   out: a single-file archive: WAL journal, foreign keys on, a schema
//        version table with migrations; series and findings read back out.
// Every write of a document is one transaction: a document is stored whole
// or not at all. Errors (locked, read-only, disk full, newer schema) are
// Status::ArchiveError naming the file, with nothing changed.
// A SqliteArchive is one connection: use it from one thread at a time; open
// one per thread (WAL lets readers run beside the one writer).
#ifndef SOHOA_STORE_STORE_H_
#define SOHOA_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/archive.h"
#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/report.h"
#include "pipeline/core/status.h"
#include "pipeline/core/table.h"
#include "pipeline/store/sqlite.h"

namespace sohoa {

struct ArchiveOptions {
  bool read_only = false;       // series/findings: never create or change the file
  int busy_timeout_ms = 10000;  // wait this long for another writer's lock
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

// Carry-over re-check of a stored report against the archive as it now is:
// returns the report's carry-over findings (the caller runs the check stage).
using CarryoverCheck = std::function<Status(const Document& text, const StoredReport& report,
                                            Archive* archive, std::vector<Finding>* carryover)>;

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

class SqliteArchive : public Archive {
 public:
  static constexpr int kSchemaVersion = 1;

  // Opens (creating unless read_only) and migrates the archive at `path`.
  static Status Open(const std::string& path, const ArchiveOptions& options,
                     std::unique_ptr<SqliteArchive>* out);
  SqliteArchive(const SqliteArchive&) = delete;  // owns a connection
  SqliteArchive& operator=(const SqliteArchive&) = delete;

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

  // Stores one document whole, replacing an earlier record of the same
  // content; then, in the same transaction, re-runs `recheck` (if set) for
  // it and the previous and next reports of its body and replaces their
  // carry-over findings. *findings_total: the document's findings after that.
  Status StoreDocument(int64_t run_id, const DocumentRecord& record, const CarryoverCheck& recheck,
                       int* findings_total);

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
  // Every stored fact in a fixed order, without run ids and times: two
  // archives with the same content dump the same text.
  Status Dump(std::string* out);

  SqliteDb* db() { return db_.get(); }

 private:
  explicit SqliteArchive(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
  Status Migrate(bool read_only);
  Status InsertDocument(int64_t run_id, const DocumentRecord& record, int64_t* doc_id);
  Status InsertFindings(int64_t doc_id, const std::vector<Finding>& findings, int first_seq);
  Status LoadReport(int64_t doc_id, StoredReport* report, Document* text);
  Status FindAdjacentId(const ReportMeta& meta, int direction, int64_t* doc_id);
  Status Recheck(int64_t doc_id, const CarryoverCheck& recheck);

  std::unique_ptr<SqliteDb> db_;
};

// "2020-06", "2020-Q2", ... for a report's period; "" when undetermined.
std::string PeriodLabel(const std::string& kind, int year, int index);

}  // namespace sohoa

#endif  // SOHOA_STORE_STORE_H_
