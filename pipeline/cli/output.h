// Shared output helpers for the commands: documents, tables and findings as
// JSON, and the one-line error format "sohoa: FILE: problem".
#ifndef SOHOA_CLI_OUTPUT_H_
#define SOHOA_CLI_OUTPUT_H_

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

// Combines per-file exit codes of a batch: the largest one.
int CombineExitCodes(int a, int b);

}  // namespace sohoa::cli

#endif  // SOHOA_CLI_OUTPUT_H_
