// Archive: what the check stage may ask of the store (carry-over between
// periods) without depending on SQLite. Implemented by store/; tests use an
// in-memory fake. Implementations must be safe to call from one thread.
#ifndef SOHOA_CORE_ARCHIVE_H_
#define SOHOA_CORE_ARCHIVE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/report.h"
#include "pipeline/core/status.h"
#include "pipeline/core/table.h"

namespace sohoa {

// A report already in the archive.
struct StoredReport {
  std::string document_id;  // content hash
  std::string path;
  ReportMeta meta;
  std::vector<Table> tables;
  int64_t archive_id = 0;  // the store's row id; 0 outside a store
};

class Archive {
 public:
  virtual ~Archive() = default;
  // The report of the same body for the period just before (direction -1)
  // or just after (+1) `meta`'s period; *out is left empty when none.
  virtual Status FindAdjacentReport(const ReportMeta& meta, int direction,
                                    std::optional<StoredReport>* out) = 0;
};

}  // namespace sohoa

#endif  // SOHOA_CORE_ARCHIVE_H_
