// check: verifies every figure of a document's tables and narrative.
//   in:  Document, its ReportMeta and Tables; optionally the Archive for
//        carry-over against the previous/next period
//   out: Findings (row identities, column totals, percentages, narrative
//        claims, carry-over), each pointing to the suspect cell with a
//        suggested value when one explanation fits best. Never modifies tables.
// Thread-safe when the Archive is.
#ifndef SOHOA_CHECK_CHECK_H_
#define SOHOA_CHECK_CHECK_H_

#include <string>
#include <vector>

#include "pipeline/core/archive.h"
#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/report.h"
#include "pipeline/core/status.h"
#include "pipeline/core/table.h"

namespace sohoa {

struct CheckOptions {
  std::string dictionaries_dir;  // empty: DictionariesDir()
  bool narrative = true;         // check claims in the body text
  bool carryover = true;         // compare with adjacent periods (needs an Archive)
};

Status CheckDocument(const Document& doc, const ReportMeta& meta, const std::vector<Table>& tables,
                     Archive* archive, const CheckOptions& options,
                     std::vector<Finding>* findings);

// True when the table's cells were read by OCR from a page image (its cells
// have pixel boxes, or its page was OCR'd): its broken relations are then
// warnings on low-confidence cells (TableCheckOptions::read_by_ocr).
bool TableReadByOcr(const Document& doc, const Table& table);

// Only the carry-over checks (this period's "Kỳ trước" against the previous
// period's "Đang giải quyết", and this period's against the next one's), for
// callers that fill the Archive after the documents were analysed.
Status CheckCarryover(const ReportMeta& meta, const std::vector<Table>& tables, Archive* archive,
                      std::vector<Finding>* findings);

// Everything that needs other periods: carry-over (CheckCarryover) and the
// text's comparisons with an earlier period ("giảm 5,65 % so với tháng 5",
// dictionaries/check/comparisons.txt), for callers that fill the Archive
// after the documents were analysed (sohoa check with several files).
Status CheckAgainstArchive(const Document& doc, const ReportMeta& meta,
                           const std::vector<Table>& tables, Archive* archive,
                           const CheckOptions& options, std::vector<Finding>* findings);

}  // namespace sohoa

#endif  // SOHOA_CHECK_CHECK_H_
