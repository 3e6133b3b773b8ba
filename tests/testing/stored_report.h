// A report as the store takes it, built by a test (no other stage needed):
// the document, its metadata, tables and findings, and the DocumentRecord
// that points at them for SqlArchive::StoreDocument and StoreWithCarryover.
#ifndef SOHOA_TESTS_TESTING_STORED_REPORT_H_
#define SOHOA_TESTS_TESTING_STORED_REPORT_H_

#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/report.h"
#include "pipeline/core/table.h"
#include "pipeline/store/store.h"

namespace sohoa::testing {

struct Report {
  Document doc;
  ReportMeta meta;
  std::vector<Table> tables;
  std::vector<Finding> findings;
};

// The record of `r` stored under `path` with content hash `hash`; it points
// into `r`, which must outlive it.
inline DocumentRecord Record(const Report& r, const std::string& path, const std::string& hash) {
  DocumentRecord rec;
  rec.path = path;
  rec.content_hash = hash;
  rec.size_bytes = 100;
  rec.doc = &r.doc;
  rec.meta = &r.meta;
  rec.tables = &r.tables;
  rec.findings = &r.findings;
  return rec;
}

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_TESTING_STORED_REPORT_H_
