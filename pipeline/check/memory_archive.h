// MemoryArchive: an Archive kept in memory, for `sohoa check` on files given
// together on the command line (or with --previous) when there is no store,
// and for tests. Which report is adjacent: core/adjacent_period.h, the rule
// the store follows too. Not synchronised.
#ifndef SOHOA_CHECK_MEMORY_ARCHIVE_H_
#define SOHOA_CHECK_MEMORY_ARCHIVE_H_

#include <optional>
#include <vector>

#include "pipeline/core/archive.h"

namespace sohoa {

class MemoryArchive : public Archive {
 public:
  void Add(StoredReport report) { reports_.push_back(std::move(report)); }
  const std::vector<StoredReport>& reports() const { return reports_; }

  Status FindAdjacentReport(const ReportMeta& meta, int direction,
                            std::optional<StoredReport>* out) override;

  // Sort key of a report's period (same kind only): year*12+month-1 etc.;
  // nullopt when the period is not determined.
  static std::optional<long> PeriodOrdinal(const ReportMeta& meta);

 private:
  std::vector<StoredReport> reports_;
};

}  // namespace sohoa

#endif  // SOHOA_CHECK_MEMORY_ARCHIVE_H_
