// Findings: problems the tables and check stages report about a document.
// A finding never changes the extracted data; a suggestion is only advice.
// Plain value types; not synchronised.
#ifndef SOHOA_CORE_FINDING_H_
#define SOHOA_CORE_FINDING_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/document.h"

namespace sohoa {

// kDuplicate and kConflict are about two documents of one archive (the same
// report stored twice; two different reports for one issuer and period).
enum class FindingKind {
  kRowIdentity,
  kColumnTotal,
  kPercentage,
  kNarrative,
  kCarryover,
  kParse,
  kDuplicate,
  kConflict
};
enum class Severity { kInfo, kWarning, kError };

const char* FindingKindName(FindingKind kind);  // "row_identity", ...
const char* SeverityName(Severity severity);    // "info", "warning", "error"

struct SuspectCell {
  int row = -1;               // index into Table::rows; -2 = total row, -3 = percent row
  std::string column;         // column key
  std::optional<double> value;      // as read
  std::optional<double> suggested;  // empty when several explanations fit equally
  std::vector<double> alternatives; // the equally good explanations
};

// The scope of one figure a narrative finding compares: its period
// ("month 9/2021", "quarter 3/2021", "year_to_date", ...) and its level or
// subject ("" = the whole issuer, "level_huyen", "body:so tu phap", ...).
struct FigureScopeNote {
  std::string role;     // "stated", "table", "earlier", "total", "part"
  std::string period;
  std::string subject;
  std::string words;    // the same in words ("quý 3/2021, cấp huyện")
};

struct Finding {
  FindingKind kind = FindingKind::kParse;
  Severity severity = Severity::kWarning;
  std::string table;   // table id, "" for narrative-only findings
  int row = -1;        // as in SuspectCell::row
  std::string row_label;  // unit name or "Tổng cộng"
  std::string column;  // column key
  std::optional<double> stated;
  std::optional<double> expected;
  std::string message;
  std::optional<SuspectCell> suspect;
  bool inferred = false;  // from an identity inferred from the data, not the schema
  int page = 0;
  int line = 0;
  std::vector<FigureScopeNote> scopes;  // narrative findings: the figures compared
  Box box;  // where on the page, when known (a cell read with low confidence)
  BoxUnit box_unit = BoxUnit::kNone;
  int box_dpi = 0;
};

}  // namespace sohoa

#endif  // SOHOA_CORE_FINDING_H_
