// meta: reads report metadata (issuing body, province, number, date, kind,
// period covered) from a document's heading and body.
//   in:  Document after normalize/restore
//   out: ReportMeta; fields that cannot be read stay empty and the period
//        says why it is undetermined.
// Thread-safe.
#ifndef SOHOA_META_META_H_
#define SOHOA_META_META_H_

#include "pipeline/core/document.h"
#include "pipeline/core/report.h"
#include "pipeline/core/status.h"

namespace sohoa {

Status ReadReportMeta(const Document& doc, ReportMeta* meta);

}  // namespace sohoa

#endif  // SOHOA_META_META_H_
