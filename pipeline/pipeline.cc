#include "pipeline/pipeline.h"

#include "pipeline/meta/meta.h"

namespace sohoa {

Status ExtractText(const std::string& path, const PipelineOptions& options,
                   const Restorer* restorer, Document* doc) {
  Status s = ExtractDocument(path, options.ingest, doc);
  if (!s.ok()) return s;
  s = NormalizeDocument(options.normalize, doc);
  if (!s.ok()) return s;
  if (options.restore && restorer != nullptr) {
    s = restorer->RestoreDocument(doc);
    if (!s.ok()) return s;
  }
  // Grid cells (HTML and Word tables) take the repaired text of their lines.
  for (Page& page : doc->pages) RefreshGridCellTexts(&page);
  return Status::Ok();
}

Status AnalyzeDocument(const PipelineOptions& options, Archive* archive, ProcessedDocument* out) {
  Status s = ReadReportMeta(out->doc, &out->meta);
  if (!s.ok()) return s;
  s = ParseTables(out->doc, options.tables, &out->tables, &out->findings);
  if (!s.ok()) return s;
  return CheckDocument(out->doc, out->meta, out->tables, archive, options.check, &out->findings);
}

Status ProcessDocument(const std::string& path, const PipelineOptions& options,
                       const Restorer* restorer, Archive* archive, ProcessedDocument* out) {
  *out = ProcessedDocument();
  Status s = ExtractText(path, options, restorer, &out->doc);
  if (!s.ok()) return s;
  return AnalyzeDocument(options, archive, out);
}

}  // namespace sohoa
