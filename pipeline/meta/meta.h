// meta: reads report metadata (issuing body, province, number, date, kind,
// period covered) from a document's heading and body.
//   in:  Document after normalize/restore
//   out: ReportMeta; fields that cannot be read stay empty and the period
//        says why it is undetermined.
// Exact period dates come from the document ("từ ngày 16/5/2020 đến ngày
// 15/6/2020") or from a per-province convention listed as data in
// dictionaries/meta/period_conventions.tsv; nothing else is guessed.
// Thread-safe.
#ifndef SOHOA_META_META_H_
#define SOHOA_META_META_H_

#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/report.h"
#include "pipeline/core/status.h"

namespace sohoa {

// Reads with the conventions under DictionariesDir().
Status ReadReportMeta(const Document& doc, ReportMeta* meta);

// A province's reporting calendar: a month-M report runs from `start_day`
// of month M-1 to `start_day`-1 of month M, in the years given.
struct PeriodConvention {
  std::string province;  // "Sóc Trăng"
  int start_day = 1;
  int first_year = 0;
  int last_year = 9999;
};

// Loads dictionaries_dir/meta/period_conventions.tsv; a missing file is an
// empty list, a malformed line an error naming file and line.
Status LoadPeriodConventions(const std::string& dictionaries_dir,
                             std::vector<PeriodConvention>* out);

Status ReadReportMeta(const Document& doc, const std::vector<PeriodConvention>& conventions,
                      ReportMeta* meta);

// Text folded for matching: lower case, no diacritics (đ -> d), markdown and
// HTML marks removed, runs of whitespace as one space.
std::string FoldForMatching(std::string_view text);

}  // namespace sohoa

#endif  // SOHOA_META_META_H_
