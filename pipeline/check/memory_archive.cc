#include "pipeline/check/memory_archive.h"

#include <algorithm>
#include <numeric>

#include "pipeline/core/adjacent_period.h"

namespace sohoa {

std::optional<long> MemoryArchive::PeriodOrdinal(const ReportMeta& m) {
  if (!m.period_determined || m.period_year <= 0) return std::nullopt;
  long y = m.period_year;
  if (m.period_kind == "month" && m.period_index >= 1) return y * 12 + m.period_index - 1;
  if (m.period_kind == "quarter" && m.period_index >= 1) return y * 4 + m.period_index - 1;
  if (m.period_kind == "half_year" && m.period_index >= 1) return y * 2 + m.period_index - 1;
  if (m.period_kind == "year") return y;
  return std::nullopt;
}

Status MemoryArchive::FindAdjacentReport(const ReportMeta& meta, int direction,
                                         std::optional<StoredReport>* out) {
  out->reset();
  // Archive order, as the store's: by path, then the one added first.
  std::vector<size_t> order(reports_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return reports_[a].path < reports_[b].path; });
  std::vector<const ReportMeta*> candidates;
  for (size_t i : order) candidates.push_back(&reports_[i].meta);
  const int pick = PickAdjacent(meta, direction, candidates);
  if (pick >= 0) *out = reports_[order[pick]];
  return Status::Ok();
}

}  // namespace sohoa
