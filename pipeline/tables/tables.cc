#include "pipeline/tables/tables.h"

namespace sohoa {

// Placeholder until the tables stage lands: finds nothing.
Status ParseTables(const Document& doc, const TableOptions& options, std::vector<Table>* tables,
                   std::vector<Finding>* findings) {
  tables->clear();
  return Status::Ok();
}

}  // namespace sohoa
