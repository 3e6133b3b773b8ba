// The archive schema as a list of migrations: migration i brings an archive
// from version i to version i+1. Append new migrations; never edit old ones.
#include "pipeline/store/schema.h"

#include <regex>

namespace sohoa {

const std::vector<std::string>& ArchiveMigrations() {
  static const std::vector<std::string> kMigrations = {
      // 0 -> 1: the first schema.
      R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (0);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started TEXT NOT NULL,
  finished TEXT,
  version TEXT NOT NULL,
  options TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'running',  -- running, finished, interrupted, failed
  files INTEGER NOT NULL DEFAULT 0,
  stored INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  findings INTEGER NOT NULL DEFAULT 0,
  pages INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  size_bytes INTEGER NOT NULL,
  pages INTEGER NOT NULL DEFAULT 0,
  format TEXT NOT NULL DEFAULT '',
  encoding TEXT NOT NULL DEFAULT '',
  source_kinds TEXT NOT NULL DEFAULT '',  -- "text", "text_layer,ocr"
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error_code TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  stored_at TEXT NOT NULL
);

CREATE TABLE pages (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  source TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (document_id, number)
);

CREATE TABLE notes (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  stage TEXT NOT NULL,
  level TEXT NOT NULL,
  message TEXT NOT NULL,
  page INTEGER NOT NULL,
  PRIMARY KEY (document_id, seq)
);

CREATE TABLE reports (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  parent_body TEXT NOT NULL,
  province TEXT NOT NULL,
  number TEXT NOT NULL,
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  period_kind TEXT NOT NULL,
  period_year INTEGER NOT NULL,
  period_index INTEGER NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  period_determined INTEGER NOT NULL,
  period_note TEXT NOT NULL
);
CREATE INDEX reports_by_period ON reports (period_kind, period_year, period_index);

CREATE TABLE doc_tables (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  table_key TEXT NOT NULL,  -- "PL-I"
  title TEXT NOT NULL,
  schema TEXT NOT NULL,
  page INTEGER NOT NULL,
  line INTEGER NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  UNIQUE (document_id, seq)
);

CREATE TABLE columns (
  table_id INTEGER NOT NULL REFERENCES doc_tables(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  column_key TEXT NOT NULL,
  header TEXT NOT NULL,  -- header path joined with " | "
  PRIMARY KEY (table_id, seq)
);

CREATE TABLE table_rows (
  table_id INTEGER NOT NULL REFERENCES doc_tables(id) ON DELETE CASCADE,
  row INTEGER NOT NULL,  -- index into the rows; -2 total, -3 percent (as in Finding)
  stt TEXT NOT NULL,
  unit TEXT NOT NULL,
  unit_canonical TEXT NOT NULL,
  page INTEGER NOT NULL,
  line INTEGER NOT NULL,
  PRIMARY KEY (table_id, row)
);

-- One value per row: document, table, row, unit, column (long form).
CREATE TABLE cells (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  table_id INTEGER NOT NULL REFERENCES doc_tables(id) ON DELETE CASCADE,
  row INTEGER NOT NULL,
  column_seq INTEGER NOT NULL,
  unit TEXT NOT NULL,
  unit_canonical TEXT NOT NULL,
  column_key TEXT NOT NULL,
  text TEXT NOT NULL,
  value REAL,
  dash INTEGER NOT NULL,
  footnote TEXT NOT NULL,
  page INTEGER NOT NULL,
  line INTEGER NOT NULL,
  box_x0 REAL, box_y0 REAL, box_x1 REAL, box_y1 REAL,
  confidence REAL NOT NULL,
  PRIMARY KEY (table_id, row, column_seq)
);
CREATE INDEX cells_by_metric ON cells (column_key, unit_canonical);

CREATE TABLE findings (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  table_key TEXT NOT NULL,
  row INTEGER NOT NULL,
  row_label TEXT NOT NULL,
  column_key TEXT NOT NULL,
  stated REAL,
  expected REAL,
  message TEXT NOT NULL,
  suspect_row INTEGER,
  suspect_column TEXT,
  suspect_value REAL,
  suggested REAL,
  alternatives TEXT NOT NULL DEFAULT '',  -- numbers joined with ";"
  inferred INTEGER NOT NULL,
  page INTEGER NOT NULL,
  line INTEGER NOT NULL,
  PRIMARY KEY (document_id, seq)
);
)sql",
      // 1 -> 2: the issuer's canonical identity (one series per issuer however
      // its heading was laid out), the hash of the normalised text (the same
      // report saved twice with other line ends or encoding), and whether a
      // column's key comes from the schema or from its own header.
      R"sql(
ALTER TABLE reports ADD COLUMN issuer TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE columns ADD COLUMN mapped INTEGER NOT NULL DEFAULT 1;
CREATE INDEX documents_by_text ON documents (text_hash);
)sql",
      // 2 -> 3: a document's cells by document (the series, the conflict
      // check and the per-document counts read them so; without it each read
      // scanned every cell of the archive, and deleting a document on
      // re-ingest did too, through ON DELETE CASCADE).
      R"sql(
CREATE INDEX cells_by_document ON cells (document_id, row);
)sql",
      // 3 -> 4: full-text search over the page text, folded (lower case, no
      // diacritics, đ -> d: "quyet dinh" finds "Quyết định"). Row id: the
      // document id * 2^20 + the page number, so a document's pages are one
      // range; sohoa_fold() is the archive's own folding, registered on the
      // connection. Pages of archives written before are indexed here.
      R"sql(
CREATE VIRTUAL TABLE page_search USING fts5(folded, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO page_search (rowid, folded)
  SELECT document_id * 1048576 + number, sohoa_fold(text) FROM pages
  WHERE number >= 0 AND number < 1048576;
CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
  DELETE FROM page_search WHERE rowid >= old.id * 1048576 AND rowid < (old.id + 1) * 1048576;
END;
)sql",
      // 4 -> 5: claims of documents by workers sharing one archive
      // (PostgreSQL; unused by a single SQLite writer). Times are the
      // server's clock in milliseconds.
      R"sql(
CREATE TABLE claims (
  content_hash TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('working', 'done')),
  worker TEXT NOT NULL,       -- host:pid
  lease_until INTEGER NOT NULL,
  finished INTEGER NOT NULL DEFAULT 0
);
)sql",
      // 5 -> 6: files whose bytes are those of a stored document (a report
      // saved twice under two names): stored once, the other path kept here
      // so that a `duplicate` finding names it.
      R"sql(
CREATE TABLE document_copies (
  path TEXT NOT NULL PRIMARY KEY,
  content_hash TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  seen_at TEXT NOT NULL
);
CREATE INDEX document_copies_by_hash ON document_copies (content_hash);
)sql",
      // 6 -> 7: reports by the dates their periods begin and end, for the
      // adjacent report by dates (core/adjacent_period.h) when none is
      // adjacent by period.
      R"sql(
CREATE INDEX reports_by_start ON reports (period_from);
CREATE INDEX reports_by_end ON reports (period_to);
)sql",
      // 7 -> 8: which process ran each run (host:pid), so that the next run
      // on that host marks a run whose process died `interrupted`.
      R"sql(
ALTER TABLE runs ADD COLUMN worker TEXT NOT NULL DEFAULT '';
)sql",
      // 8 -> 9: the index of cells by metric goes: no query reads cells by
      // metric alone (each reads one document's or one table's cells, by
      // cells_by_document or the primary key), and it was a fifth of the
      // archive (121 of 575 MB at 4,400 reports; docs/scale.md). An old
      // archive keeps the freed pages for later inserts (VACUUM returns them).
      R"sql(
DROP INDEX IF EXISTS cells_by_metric;
)sql",
      // 9 -> 10: each page's coordinate space, the frame its words' and
      // cells' boxes are in: unit ('pt' PDF points, 'px' pixels at dpi,
      // 'none' for text without boxes; '' on pages stored before), the
      // page's size in that unit (for a scan: the image as read, after it
      // was turned upright and straightened) and the PDF's /Rotate. The
      // review site draws the cells over the page image with it.
      R"sql(
ALTER TABLE pages ADD COLUMN box_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN width REAL NOT NULL DEFAULT 0;
ALTER TABLE pages ADD COLUMN height REAL NOT NULL DEFAULT 0;
ALTER TABLE pages ADD COLUMN dpi INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pages ADD COLUMN rotation INTEGER NOT NULL DEFAULT 0;
)sql",
  };
  return kMigrations;
}

const std::vector<std::string>& PostgresMigrations() {
  static const std::vector<std::string> kMigrations = [] {
    std::vector<std::string> out;
    const auto& sqlite = ArchiveMigrations();
    for (size_t i = 0; i < sqlite.size(); ++i) {
      if (i == 3) {
        // Full-text search: the folded page text with a GIN index on its
        // words (the 'simple' configuration: no stemming, no stop words).
        out.push_back(R"sql(
CREATE TABLE page_search (
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page BIGINT NOT NULL,
  folded TEXT NOT NULL,
  PRIMARY KEY (document_id, page)
);
CREATE INDEX page_search_words ON page_search USING GIN (to_tsvector('simple', folded));
)sql");
        continue;
      }
      // The same tables in PostgreSQL's types: row ids from an identity,
      // 64-bit integers, double precision for REAL.
      std::string m = std::regex_replace(sqlite[i], std::regex(R"(\bid INTEGER PRIMARY KEY\b)"),
                                         "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
      m = std::regex_replace(m, std::regex(R"(\bINTEGER\b)"), "BIGINT");
      m = std::regex_replace(m, std::regex(R"(\bREAL\b)"), "DOUBLE PRECISION");
      out.push_back(m);
    }
    return out;
  }();
  return kMigrations;
}

}  // namespace sohoa
