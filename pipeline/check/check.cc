#include "pipeline/check/check.h"

namespace sohoa {

// Placeholder until the check stage lands: checks nothing.
Status CheckDocument(const Document& doc, const ReportMeta& meta, const std::vector<Table>& tables,
                     Archive* archive, const CheckOptions& options,
                     std::vector<Finding>* findings) {
  return Status::Ok();
}

}  // namespace sohoa
