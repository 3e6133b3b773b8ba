#include "pipeline/pipeline.h"

#include "pipeline/meta/meta.h"

namespace sohoa {

namespace {

// Ingest's options with normalize's decoder for legacy text layers.
IngestOptions WithLayerDecoder(const PipelineOptions& options) {
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
  return ingest;
}

// normalize -> restore on an extracted document (or window of one).
Status RepairText(const PipelineOptions& options, const Restorer* restorer, Document* doc) {
  Status s = NormalizeDocument(options.normalize, doc);
  if (!s.ok()) return s;
  if (options.restore && restorer != nullptr) {
    s = restorer->RestoreDocument(doc);
    if (!s.ok()) return s;
  }
  // Grid cells (HTML and Word tables) take the repaired text of their lines.
  for (Page& page : doc->pages) RefreshGridCellTexts(&page);
  return Status::Ok();
}

// Numbers a window's pages (and the lines of a page it continues) after
// those of the windows before it; `last_page`/`last_line`: where the
// previous window ended, updated to where this one ends.
void Renumber(char joined_by, Document* doc, int* last_page, int* last_line) {
  if (joined_by != 0 && !doc->pages.empty()) {
    const int page_offset = joined_by == '\n' ? *last_page - 1 : *last_page;
    for (Page& page : doc->pages) page.number += page_offset;
    if (joined_by == '\n')
      for (Line& line : doc->pages.front().lines) line.source_line += *last_line;
    for (Note& note : doc->notes)
      if (note.page > 0) note.page += page_offset;
  }
  if (doc->pages.empty()) return;
  const Page& last = doc->pages.back();
  *last_page = last.number;
  *last_line = last.lines.empty() ? 0 : last.lines.back().source_line;
}

}  // namespace

Status ExtractText(const std::string& path, const PipelineOptions& options,
                   const Restorer* restorer, Document* doc) {
  Status s = ExtractDocument(path, WithLayerDecoder(options), doc);
  if (!s.ok()) return s;
  return RepairText(options, restorer, doc);
}

Status ExtractTextWindows(const std::string& path, const PipelineOptions& options,
                          const Restorer* restorer,
                          const std::function<Status(Document* window, char joined_by)>& each) {
  int last_page = 0, last_line = 0;
  return ExtractDocumentWindows(
      path, WithLayerDecoder(options), options.text_window_bytes,
      [&](Document* doc, char joined_by, size_t start) {
        if (Status s = RepairText(options, restorer, doc); !s.ok()) return s;
        Renumber(joined_by, doc, &last_page, &last_line);
        // Byte offsets (undecodable bytes) of a window count from the file's start.
        for (Note& note : doc->notes)
          if (note.byte_offset >= 0) note.byte_offset += static_cast<int64_t>(start);
        return each(doc, joined_by);
      });
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
