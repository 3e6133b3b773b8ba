// tables: finds appendix tables (Phụ lục) and parses them into records.
//   in:  Document after normalize/restore
//   out: Tables (columns mapped to canonical keys through
//        dictionaries/schemas, units through dictionaries/units) and `parse`
//        findings for rows/cells that could not be read.
// Thread-safe.
#ifndef SOHOA_TABLES_TABLES_H_
#define SOHOA_TABLES_TABLES_H_

#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/status.h"
#include "pipeline/core/table.h"

namespace sohoa {

struct TableOptions {
  std::string dictionaries_dir;  // empty: DictionariesDir()
};

Status ParseTables(const Document& doc, const TableOptions& options, std::vector<Table>* tables,
                   std::vector<Finding>* findings);

}  // namespace sohoa

#endif  // SOHOA_TABLES_TABLES_H_
