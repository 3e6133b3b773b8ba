#include "pipeline/pipeline.h"

#include "pipeline/meta/meta.h"

namespace sohoa {

Status ExtractText(const std::string& path, const PipelineOptions& options,
                   const Restorer* restorer, Document* doc) {
  IngestOptions ingest = options.ingest;
  if (!ingest.decode_text_layer) {
    // Ingest judges a legacy-encoded text layer after normalize's decoding
    // (per font and span), so a layer that decodes cleanly is not OCR'd.
    const NormalizeOptions normalize = options.normalize;
    ingest.decode_text_layer = [normalize](std::vector<Word>* words) {
      Document scratch;
      scratch.format = "pdf";
      scratch.pages.resize(1);
      scratch.pages[0].source = WordSource::kTextLayer;
      scratch.pages[0].lines.resize(1);
      scratch.pages[0].lines[0].words = std::move(*words);
      NormalizeDocument(normalize, &scratch);  // on failure the words stay as they were
      *words = std::move(scratch.pages[0].lines[0].words);
    };
  }
  Status s = ExtractDocument(path, ingest, doc);
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
