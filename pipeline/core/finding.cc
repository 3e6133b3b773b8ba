#include "pipeline/core/finding.h"

namespace sohoa {

const char* FindingKindName(FindingKind kind) {
  switch (kind) {
    case FindingKind::kRowIdentity: return "row_identity";
    case FindingKind::kColumnTotal: return "column_total";
    case FindingKind::kPercentage: return "percentage";
    case FindingKind::kNarrative: return "narrative";
    case FindingKind::kCarryover: return "carryover";
    case FindingKind::kParse: return "parse";
    case FindingKind::kDuplicate: return "duplicate";
    case FindingKind::kConflict: return "conflict";
  }
  return "parse";
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "info";
}

}  // namespace sohoa
