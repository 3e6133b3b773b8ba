// Shared output helpers for the commands: documents, tables and findings as
// JSON, and the one-line error format "sohoa: FILE: problem".
#ifndef SOHOA_CLI_OUTPUT_H_
#define SOHOA_CLI_OUTPUT_H_

#include <cstdio>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/json.h"
#include "pipeline/core/status.h"
#include "pipeline/core/table.h"

namespace sohoa::cli {

// {"path":..., "format":..., "encoding":..., "pages":[{"number", "unit", "dpi",
//  "source", "words":[{"text","original","line","box":[x0,y0,x1,y1],
//  "confidence","source","font","encoding"}]}], "notes":[...]}
void WriteDocumentJson(const Document& doc, JsonWriter* json);
void WriteTableJson(const Table& table, JsonWriter* json);
void WriteFindingJson(const Finding& finding, JsonWriter* json);
// The same with a leading "file" key (commands that report on several files).
void WriteFindingJson(const Finding& finding, JsonWriter* json, const std::string& file);
// As above, and the suspected cell named for people from the document's
// tables: "document", "period", "unit", "unit_canonical" and "cell" (table,
// row, unit, unit_canonical, column, header, page, line, value, suggested).
void WriteFindingJson(const Finding& finding, JsonWriter* json, const std::string& file,
                      const std::string& period, const std::vector<Table>& tables);

// Prints "sohoa: <message>" to stderr (messages already name the file).
// `text` with control characters shown as escapes (\n, \t, \x1b): safe to
// print on one line of a terminal or log.
std::string Printable(std::string_view text);
void PrintError(const Status& status);
// Prints notes of level "warning" to stderr as "sohoa: FILE: warning: ...".
void PrintWarnings(const Document& doc);

// Output written as it is made, in pieces of about 64 KiB: to stdout, or to
// a file that appears only when Finish succeeds (a temporary file beside it,
// renamed into place). Not thread-safe; not copyable (owns a FILE*).
class StreamedOutput {
 public:
  StreamedOutput() = default;
  StreamedOutput(const StreamedOutput&) = delete;
  StreamedOutput& operator=(const StreamedOutput&) = delete;
  ~StreamedOutput();  // removes an unfinished temporary file
  // `path` "" or "-" for stdout. Callers check `path` with CheckOutputPath
  // (core/files.h) before any work, against their inputs.
  Status Open(const std::string& path);
  // The buffer to append to; flushed by Flush when large.
  std::string* buffer() { return &buffer_; }
  void Flush(bool force = false);
  Status Finish();

 private:
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool failed_ = false;
};

// Combines per-file exit codes of a batch: the largest one.
int CombineExitCodes(int a, int b);

}  // namespace sohoa::cli

#endif  // SOHOA_CLI_OUTPUT_H_
