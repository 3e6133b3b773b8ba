// Checks one appendix table: row identities (from its schema, or inferred
// from the data when the schema is unknown), column totals against the
// "Tổng cộng" row (through group subtotal rows when there are any), and the
// "Tỷ lệ %" row recomputed over each column's parent. Then localises: the
// cells whose correction would repair every broken relation they take part
// in, ranked by how plausibly OCR (or a typist) turned the repaired value
// into what was read. Never modifies the table. Thread-safe (const inputs).
#ifndef SOHOA_CHECK_TABLE_CHECK_H_
#define SOHOA_CHECK_TABLE_CHECK_H_

#include <string>
#include <vector>

#include "pipeline/check/ocr_distance.h"
#include "pipeline/check/schema.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/table.h"

namespace sohoa {

// Row indices of SuspectCell / Finding for the two special rows.
constexpr int kTotalRowIndex = -2;
constexpr int kPercentRowIndex = -3;

struct TableCheckOptions {
  // An inferred identity must hold in at least this share of the rows where
  // it says something (some value non-zero), and in at least min_rows rows.
  double infer_min_share = 0.9;
  int infer_min_rows = 3;
  // Localisation: the best candidate must be this much cheaper (OCR cost)
  // than the next one to be suggested when several cells fit.
  double ambiguity_margin = 0.3;
  // Above this OCR cost a candidate is not a plausible misreading.
  double max_plausible_cost = 0.8;
  // How much a cell's OCR confidence lowers its cost as an explanation:
  // cost -= confidence_weight * (1 - confidence).
  double confidence_weight = 1.0;
  // The table's cells were read by OCR from a page image. A broken relation
  // is then as likely a misreading as a wrong figure in the report (a
  // re-read digit carries no lower confidence than a right one), so it is a
  // `warning` naming the low-confidence cell and the value that repairs it,
  // never an `error`.
  bool read_by_ocr = false;
};

// The relations found for a table (for reports and tests).
struct TableRelations {
  const CheckSchema* schema = nullptr;     // nullptr: unknown, identities inferred
  std::vector<SumIdentity> identities;     // as used (keys), inferred ones included
  std::vector<bool> identity_inferred;
  // Per leaf column: "num/den" keys of its percentage, "" when none.
  std::vector<std::string> percent_basis;
};

void CheckTable(const Table& table, const CheckSchemas& schemas, const OcrDistance& ocr,
                const TableCheckOptions& options, std::vector<Finding>* findings,
                TableRelations* relations = nullptr);

// A person's name for a column: its header path joined with " / ", else
// the schema's label, else the key.
std::string ColumnLabel(const Table& table, int column, const CheckSchema* schema);
// The row's unit name, "Tổng cộng" or "Tỷ lệ %".
std::string RowLabel(const Table& table, int row);

}  // namespace sohoa

#endif  // SOHOA_CHECK_TABLE_CHECK_H_
