#include "pipeline/core/adjacent_period.h"

#include <cstdio>

#include "pipeline/core/text_util.h"

namespace sohoa {

namespace {

// Periods per year of the kinds whose periods follow one another; 0 for
// the others ("nine_months", "").
int ConsecutivePerYear(const std::string& kind) {
  if (kind == "month") return 12;
  if (kind == "quarter") return 4;
  if (kind == "half_year") return 2;
  if (kind == "year") return 1;
  return 0;
}

bool HasPeriodKey(const ReportMeta& m) {
  const int per_year = ConsecutivePerYear(m.period_kind);
  if (!m.period_determined || per_year == 0 || m.period_year <= 0) return false;
  return per_year == 1 || (m.period_index >= 1 && m.period_index <= per_year);
}

std::string IsoDate(long days) {
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long doe = days - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return buf;
}

}  // namespace

std::optional<long> IsoDayNumber(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
  int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)),
      d = std::stoi(iso.substr(8, 2));
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<PeriodKey> AdjacentPeriodKey(const ReportMeta& meta, int direction) {
  if (!HasPeriodKey(meta)) return std::nullopt;
  const int per_year = ConsecutivePerYear(meta.period_kind);
  const int step = direction < 0 ? -1 : 1;
  PeriodKey key{meta.period_kind, meta.period_year, meta.period_index};
  if (per_year == 1) {
    key.year += step;
  } else {
    key.index += step;
    if (key.index < 1) key.index = per_year, --key.year;
    if (key.index > per_year) key.index = 1, ++key.year;
  }
  return key;
}

std::string AdjacentBoundaryDate(const ReportMeta& meta, int direction) {
  std::optional<long> day = IsoDayNumber(direction < 0 ? meta.period_from : meta.period_to);
  if (!day) return "";
  return IsoDate(*day + (direction < 0 ? -1 : 1));
}

bool SameIssuer(const ReportMeta& a, const ReportMeta& b) {
  if (!a.issuer.empty() && !b.issuer.empty()) return FoldName(a.issuer) == FoldName(b.issuer);
  if (a.body.empty() || b.body.empty() || Lower(a.body) != Lower(b.body)) return false;
  const auto compatible = [](const std::string& x, const std::string& y) {
    return x.empty() || y.empty() || Lower(x) == Lower(y);
  };
  return compatible(a.parent_body, b.parent_body) && compatible(a.province, b.province);
}

Adjacency AdjacencyOf(const ReportMeta& meta, const ReportMeta& other, int direction) {
  if (!SameIssuer(meta, other)) return Adjacency::kNone;
  if (std::optional<PeriodKey> key = AdjacentPeriodKey(meta, direction);
      key && HasPeriodKey(other) && other.period_kind == key->kind &&
      other.period_year == key->year && (key->kind == "year" || other.period_index == key->index))
    return Adjacency::kByPeriod;
  const std::string boundary = AdjacentBoundaryDate(meta, direction);
  if (!boundary.empty() && (direction < 0 ? other.period_to : other.period_from) == boundary)
    return Adjacency::kByDates;
  return Adjacency::kNone;
}

int PickAdjacent(const ReportMeta& meta, int direction,
                 const std::vector<const ReportMeta*>& candidates) {
  int by_dates = -1;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Adjacency a = AdjacencyOf(meta, *candidates[i], direction);
    if (a == Adjacency::kByPeriod) return static_cast<int>(i);
    if (a == Adjacency::kByDates && by_dates < 0) by_dates = static_cast<int>(i);
  }
  return by_dates;
}

}  // namespace sohoa
