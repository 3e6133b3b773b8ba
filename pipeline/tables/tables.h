// tables: finds appendix tables (Phụ lục) and parses them into records.
//   in:  Document after normalize/restore
//   out: Tables (columns mapped to canonical keys through
//        dictionaries/schemas, units through dictionaries/units) and `parse`
//        findings for rows/cells that could not be read.
// Reads tab-separated, markdown/HTML and text-layer-flattened tables (rows
// as "1 Sở Y tế 198 96 ..."); the schema loader (schema.h) and unit aliases
// (units.h) are public for the check and store stages.
// Thread-safe.
#ifndef SOHOA_TABLES_TABLES_H_
#define SOHOA_TABLES_TABLES_H_

#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/status.h"
#include "pipeline/core/table.h"
#include "pipeline/tables/schema.h"
#include "pipeline/tables/units.h"

namespace sohoa {

struct TableOptions {
  std::string dictionaries_dir;  // empty: DictionariesDir()
};

// Loads the dictionaries (once per directory, cached for the process) and
// parses every table of `doc`. Fails only when the dictionaries cannot be
// read; problems in the document become `parse` findings.
Status ParseTables(const Document& doc, const TableOptions& options, std::vector<Table>* tables,
                   std::vector<Finding>* findings);

// The parser with its dictionaries loaded, for callers that parse many
// documents (bench, tests). Immutable after Open; thread-safe.
class TableParser {
 public:
  static Status Open(const TableOptions& options, std::unique_ptr<TableParser>* parser);
  ~TableParser();
  TableParser(const TableParser&) = delete;  // holds the loaded dictionaries
  TableParser& operator=(const TableParser&) = delete;

  void Parse(const Document& doc, std::vector<Table>* tables, std::vector<Finding>* findings) const;
  const std::vector<Schema>& schemas() const;
  const UnitAliases& units() const;

 private:
  TableParser();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sohoa

#endif  // SOHOA_TABLES_TABLES_H_
