#include "pipeline/meta/meta.h"

namespace sohoa {

// Placeholder until metadata reading lands.
Status ReadReportMeta(const Document& doc, ReportMeta* meta) {
  *meta = ReportMeta();
  meta->period_note = "metadata reading not yet available";
  return Status::Ok();
}

}  // namespace sohoa
