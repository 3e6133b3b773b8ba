#include "pipeline/check/memory_archive.h"

#include <cstdio>

namespace sohoa {

namespace {

// Days since 1970-01-01 of an ISO date "YYYY-MM-DD"; nullopt otherwise.
std::optional<long> DayNumber(const std::string& iso) {
  int y, m, d;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3)
    return std::nullopt;
  // Civil-from-days inverse (Howard Hinnant's algorithm).
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool SameBody(const ReportMeta& a, const ReportMeta& b) {
  // The issuer is the same however the two headings were laid out.
  if (!a.issuer.empty() && !b.issuer.empty()) return a.issuer == b.issuer;
  if (a.body.empty() || b.body.empty()) return true;
  return a.body == b.body && (a.province.empty() || b.province.empty() || a.province == b.province);
}

}  // namespace

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
  std::optional<long> here = PeriodOrdinal(meta);
  for (const StoredReport& r : reports_) {
    if (!SameBody(meta, r.meta)) continue;
    std::optional<long> there = PeriodOrdinal(r.meta);
    if (here && there && r.meta.period_kind == meta.period_kind &&
        *there == *here + direction) {
      *out = r;
      return Status::Ok();
    }
  }
  // Fall back on stated dates: one period ends the day before the other starts.
  std::optional<long> from = DayNumber(meta.period_from), to = DayNumber(meta.period_to);
  for (const StoredReport& r : reports_) {
    if (!SameBody(meta, r.meta)) continue;
    if (direction < 0 && from) {
      std::optional<long> prev_to = DayNumber(r.meta.period_to);
      if (prev_to && *prev_to + 1 == *from) {
        *out = r;
        return Status::Ok();
      }
    }
    if (direction > 0 && to) {
      std::optional<long> next_from = DayNumber(r.meta.period_from);
      if (next_from && *to + 1 == *next_from) {
        *out = r;
        return Status::Ok();
      }
    }
  }
  return Status::Ok();
}

}  // namespace sohoa
