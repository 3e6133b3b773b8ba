// The order of the stages, written down in one place:
//   ingest -> normalize -> restore -> (meta, tables) -> check -> store
// Each stage adds to the Document; the commands call these functions and
// never chain stages themselves.
#ifndef SOHOA_PIPELINE_H_
#define SOHOA_PIPELINE_H_

#include <functional>
#include <string>
#include <vector>

#include "pipeline/check/check.h"
#include "pipeline/core/archive.h"
#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/report.h"
#include "pipeline/core/status.h"
#include "pipeline/core/table.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/normalize/normalize.h"
#include "pipeline/restore/restore.h"
#include "pipeline/tables/tables.h"

namespace sohoa {

struct PipelineOptions {
  IngestOptions ingest;
  NormalizeOptions normalize;
  bool restore = true;  // --restore=auto|off
  TableOptions tables;
  CheckOptions check;
  // ExtractTextWindows: plain text larger than this is read in windows of
  // about this size (memory follows the window, not the file). 0 = whole.
  size_t text_window_bytes = size_t{256} << 10;
};

struct ProcessedDocument {
  Document doc;
  ReportMeta meta;
  std::vector<Table> tables;
  std::vector<Finding> findings;
};

// ingest -> normalize -> restore. `restorer` may be null (no restoration).
Status ExtractText(const std::string& path, const PipelineOptions& options,
                   const Restorer* restorer, Document* doc);

// The same window by window (ExtractDocumentWindows, ingest.h): each window
// of a large plain-text file goes through normalize and restore on its own
// and is handed to `each` with its pages numbered after the windows before
// it; `joined_by` ('\f', '\n', or 0 for the first) goes between its text and
// the previous window's. Every other input is one call with the whole
// document.
Status ExtractTextWindows(const std::string& path, const PipelineOptions& options,
                          const Restorer* restorer,
                          const std::function<Status(Document* window, char joined_by)>& each);

// Text stages, then metadata, tables and checks. `archive` may be null.
Status ProcessDocument(const std::string& path, const PipelineOptions& options,
                       const Restorer* restorer, Archive* archive, ProcessedDocument* out);

// The later stages on an already extracted document.
Status AnalyzeDocument(const PipelineOptions& options, Archive* archive, ProcessedDocument* out);

}  // namespace sohoa

#endif  // SOHOA_PIPELINE_H_
