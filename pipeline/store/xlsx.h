// Spreadsheets of the archive as .xlsx (Office Open XML), written with
// libxlsxwriter.
//   in:  the wide series (export.h) and/or the findings
//   out: one .xlsx file, which appears only when it is complete (written
//        beside its final name and renamed)
// Sheets: "series" (one row per period and unit, a column per metric; a
// cell with a finding is filled yellow and carries a comment with the
// suggested value), "findings" (the columns of `sohoa findings --format
// csv`; error rows filled red, warnings yellow). Text always goes into
// string cells and numbers into number cells, so no text from a document can
// become a formula; nothing is ever written as a formula. A text longer than
// the 32,767 characters a cell holds is cut at a character boundary with
// "…". Thread-safe (no shared state).
#ifndef SOHOA_STORE_XLSX_H_
#define SOHOA_STORE_XLSX_H_

#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/store/export.h"

namespace sohoa {

struct XlsxContent {
  const WideSeries* series = nullptr;             // no "series" sheet when null
  const std::vector<FindingRow>* findings = nullptr;  // no "findings" sheet when null
};

// IoError naming `path` when it cannot be written.
Status WriteXlsx(const std::string& path, const XlsxContent& content);

}  // namespace sohoa

#endif  // SOHOA_STORE_XLSX_H_
