// The one rule for which report is "the period before" (or after) another:
// the carry-over and the comparisons of the check stage ask the Archive for
// it, and both archives (check/memory_archive for `sohoa check a b`, store/
// for `sohoa ingest`) pick with these functions, so that both pair reports
// the same way.
//
// A report `other` is adjacent to `meta` in a direction (-1: before, +1:
// after) when it is of the same issuer (SameIssuer) and
//   by period: both periods are determined, of the same kind, and
//     consecutive (month 12/2019 then 1/2020, quarter 4 then quarter 1 of the
//     next year, half-years, years; "nine_months" periods are not
//     consecutive and have no neighbour by period), or
//   by dates: one's period ends the day before the other's begins (16/5-15/6
//     then 16/6-15/7), whatever the kinds; used only when no report is
//     adjacent by period.
// Among several adjacent reports the first in archive order is taken (the
// stored path, then the one stored first). Pure functions; thread-safe.
#ifndef SOHOA_CORE_ADJACENT_PERIOD_H_
#define SOHOA_CORE_ADJACENT_PERIOD_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/report.h"

namespace sohoa {

// A period by kind: ("month", 2020, 6), ("quarter", 2020, 2), ("year", 2020, 0 or as read).
struct PeriodKey {
  std::string kind;
  int year = 0;
  int index = 0;
};

// The period adjacent to meta's by period (the previous for direction < 0,
// else the next); nullopt when meta's period has no neighbour by period.
std::optional<PeriodKey> AdjacentPeriodKey(const ReportMeta& meta, int direction);

// The ISO date an adjacent-by-dates report's period must end on (direction
// < 0: the day before meta.period_from) or begin on (else: the day after
// meta.period_to); "" when that date of meta is not an ISO date.
std::string AdjacentBoundaryDate(const ReportMeta& meta, int direction);

// The same issuer however the headings were laid out: when both issuers
// were read, the same issuer (compared with FoldName); otherwise both
// bodies read and the same without case, with the same parent body and
// province where both give one. A report whose body was not read is of no
// known issuer and has no neighbour.
bool SameIssuer(const ReportMeta& a, const ReportMeta& b);

enum class Adjacency { kNone, kByPeriod, kByDates };
Adjacency AdjacencyOf(const ReportMeta& meta, const ReportMeta& other, int direction);

// Of `candidates` in archive order, the index of the report adjacent to
// `meta` in `direction` (by period first, then by dates); -1 when none.
int PickAdjacent(const ReportMeta& meta, int direction,
                 const std::vector<const ReportMeta*>& candidates);

// Days since 1970-01-01 of an ISO date "YYYY-MM-DD" (exactly that form);
// nullopt otherwise.
std::optional<long> IsoDayNumber(const std::string& iso);

}  // namespace sohoa

#endif  // SOHOA_CORE_ADJACENT_PERIOD_H_
