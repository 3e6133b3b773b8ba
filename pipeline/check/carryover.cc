// Carry-over between periods: "Kỳ trước" (received_carryover) of a unit this
// period is what was still "Đang giải quyết" (pending_total) for it at the end
// of the period before.
#include <algorithm>
#include <cmath>
#include <map>

#include "pipeline/check/check.h"
#include "pipeline/check/table_check.h"
#include "pipeline/check/unit_key.h"
#include "pipeline/core/numbers.h"

namespace sohoa {

namespace {

struct RowRef {
  const Row* row;
  int index;  // as Finding::row
};

std::map<std::string, RowRef> RowsByUnit(const Table& t) {
  std::map<std::string, RowRef> out;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    std::string key = UnitKey(t.rows[i]);
    if (!key.empty()) out.emplace(key, RowRef{&t.rows[i], static_cast<int>(i)});
  }
  if (t.total) out["#total"] = RowRef{&*t.total, kTotalRowIndex};
  return out;
}

// A cell read by OCR from a page image: its table has pixel boxes, or (a
// table read back from the store, which keeps the cells' confidences) the
// engine was less than sure of it. Text layers and files give 1.
bool ReadByOcr(const Table& t, const Cell& c) {
  return t.box_unit == BoxUnit::kPixels || c.confidence < 0.999f;
}

std::optional<double> ValueAt(const Table& t, const Row& r, const std::string& key) {
  int c = t.ColumnIndex(key);
  if (c < 0 || c >= static_cast<int>(r.cells.size())) return std::nullopt;
  return r.cells[c].value;
}

const Table* Counterpart(const Table& t, const std::vector<Table>& others, const std::string& key) {
  for (const Table& u : others)
    if (u.ColumnIndex(key) >= 0 && (t.schema.empty() || u.schema.empty() || u.schema == t.schema))
      return &u;
  return nullptr;
}

std::string PeriodName(const ReportMeta& m, const std::string& path) {
  std::string p;
  if (m.period_kind == "month") p = "tháng " + std::to_string(m.period_index) + "/" + std::to_string(m.period_year);
  else if (m.period_kind == "quarter") p = "quý " + std::to_string(m.period_index) + "/" + std::to_string(m.period_year);
  else if (!m.period_from.empty()) p = m.period_from + "–" + m.period_to;
  else p = "adjacent period";
  return path.empty() ? p : p + " (" + path + ")";
}

// True when the archive holds a report of this issuer for a period before
// the previous one (within a year): the missing previous report is a gap in
// the series, worth saying. The first report of a series has nothing before.
bool HasEarlierReport(const ReportMeta& meta, Archive* archive) {
  const int per_year = meta.period_kind == "month" ? 12 : meta.period_kind == "quarter" ? 4 : 0;
  if (per_year == 0 || meta.period_index < 1 || !meta.period_determined) return false;
  for (int back = 1; back < per_year; ++back) {
    ReportMeta earlier = meta;
    int index = meta.period_index - back, year = meta.period_year;
    while (index < 1) index += per_year, --year;
    earlier.period_index = index;
    earlier.period_year = year;
    std::optional<StoredReport> found;
    if (!archive->FindAdjacentReport(earlier, -1, &found).ok()) return false;
    if (found) return true;
  }
  return false;
}

// Pending figures (pending_total) of the earlier period's units that the
// later period no longer lists: departments merged into others.
std::vector<std::pair<std::string, double>> VanishedPending(
    const Table& earlier, const std::map<std::string, RowRef>& earlier_rows,
    const std::map<std::string, RowRef>& later_rows) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [key, ref] : earlier_rows) {
    if (key == "#total" || later_rows.count(key)) continue;
    if (std::optional<double> v = ValueAt(earlier, *ref.row, "pending_total"))
      out.push_back({RowLabel(earlier, ref.index), *v});
  }
  return out;
}

// The units among `vanished` whose pending figures sum to `excess` (> 0):
// the later period's carry-over took them in (a merger; the earlier report
// still listed them apart). Empty when no set of them does.
std::vector<std::string> MergedInto(double excess,
                                    const std::vector<std::pair<std::string, double>>& vanished) {
  if (excess < 1e-6 || vanished.empty() || vanished.size() > 16) return {};
  for (unsigned m = 1; m < (1u << vanished.size()); ++m) {
    double sum = 0;
    for (size_t i = 0; i < vanished.size(); ++i)
      if (m & (1u << i)) sum += vanished[i].second;
    if (std::fabs(sum - excess) > 1e-6) continue;
    std::vector<std::string> names;
    for (size_t i = 0; i < vanished.size(); ++i)
      if (m & (1u << i)) names.push_back(vanished[i].first);
    return names;
  }
  return {};
}

}  // namespace

Status CheckCarryover(const ReportMeta& meta, const std::vector<Table>& tables, Archive* archive,
                      std::vector<Finding>* findings) {
  if (!archive) return Status::Ok();
  for (int direction : {-1, +1}) {
    std::optional<StoredReport> adj;
    if (Status s = archive->FindAdjacentReport(meta, direction, &adj); !s.ok()) return s;
    if (!adj) {
      // Said, not left to silence: the check could not run for this report.
      const auto has_carry = [](const Table& t) { return t.ColumnIndex("received_carryover") >= 0; };
      if (direction < 0 && std::any_of(tables.begin(), tables.end(), has_carry) &&
          HasEarlierReport(meta, archive)) {
        Finding f;
        f.kind = FindingKind::kCarryover;
        f.severity = Severity::kInfo;
        const Table& t = *std::find_if(tables.begin(), tables.end(), has_carry);
        f.table = t.id;
        f.column = "received_carryover";
        f.page = t.page;
        f.line = t.line;
        f.message = "carry-over not checked: no report for the period before " +
                    PeriodName(meta, "") +
                    " of this issuer in the archive (an earlier one is there: a gap)";
        findings->push_back(f);
      }
      continue;
    }
    // Previous: our carry-over vs their pending. Next: our pending vs their carry-over.
    const std::string ours = direction < 0 ? "received_carryover" : "pending_total";
    const std::string theirs = direction < 0 ? "pending_total" : "received_carryover";
    for (const Table& t : tables) {
      int col = t.ColumnIndex(ours);
      if (col < 0) continue;
      const Table* u = Counterpart(t, adj->tables, theirs);
      if (!u) continue;
      auto their_rows = RowsByUnit(*u);
      struct Pair { RowRef here; double mine, other; bool ocr; };
      std::vector<Pair> pairs;
      const int their_col = u->ColumnIndex(theirs);
      for (const auto& [key, here] : RowsByUnit(t)) {
        auto it = their_rows.find(key);
        if (it == their_rows.end()) continue;
        std::optional<double> mine = ValueAt(t, *here.row, ours);
        std::optional<double> other = ValueAt(*u, *it->second.row, theirs);
        if (!mine || !other) continue;
        const Row& theirs_row = *it->second.row;
        const bool ocr = ReadByOcr(t, here.row->cells[col]) ||
                         (their_col < static_cast<int>(theirs_row.cells.size()) &&
                          ReadByOcr(*u, theirs_row.cells[their_col]));
        pairs.push_back({here, *mine, *other, ocr});
      }
      if (pairs.empty()) continue;
      // Units listed before and gone now: their pending may have moved into
      // another unit's carry-over (departments merged).
      const auto here_rows = RowsByUnit(t);
      const auto vanished = direction < 0 ? VanishedPending(*u, their_rows, here_rows)
                                          : VanishedPending(t, here_rows, their_rows);
      size_t agree = 0;
      for (const Pair& p : pairs) agree += std::fabs(p.mine - p.other) < 1e-6;
      const std::string other_period = PeriodName(adj->meta, adj->path);
      if (agree * 2 < pairs.size()) {
        Finding f;
        f.kind = FindingKind::kCarryover;
        f.severity = Severity::kInfo;
        f.table = t.id;
        f.column = ours;
        f.page = t.page;
        f.line = t.line;
        f.message = "carry-over does not follow the convention against " + other_period +
                    ": only " + std::to_string(agree) + " of " + std::to_string(pairs.size()) +
                    " units agree, so no unit is flagged";
        findings->push_back(f);
        continue;
      }
      for (const Pair& p : pairs) {
        if (std::fabs(p.mine - p.other) < 1e-6) continue;
        const Row& r = *p.here.row;
        const Cell& cell = r.cells[col];
        // Later carry-over minus earlier pending, for this unit.
        const double excess = direction < 0 ? p.mine - p.other : p.other - p.mine;
        const std::vector<std::string> merged = p.here.index == kTotalRowIndex
                                                    ? std::vector<std::string>{}
                                                    : MergedInto(excess, vanished);
        Finding f;
        f.kind = FindingKind::kCarryover;
        f.severity = direction < 0 ? Severity::kError : Severity::kWarning;
        if (!merged.empty()) {
          f.severity = Severity::kInfo;
          f.table = t.id;
          f.row = p.here.index;
          f.row_label = RowLabel(t, p.here.index);
          f.column = ours;
          f.page = cell.page ? cell.page : r.page;
          f.line = cell.line ? cell.line : r.line;
          std::string names;
          for (const std::string& n : merged) names += (names.empty() ? "" : ", ") + n;
          f.message = f.row_label + ": carry-over between " + PeriodName(meta, "") + " and " +
                      other_period + " takes in the pending of " + names +
                      ", listed apart before and gone after (merged): not a break";
          findings->push_back(f);
          continue;
        }
        f.table = t.id;
        f.row = p.here.index;
        f.row_label = RowLabel(t, p.here.index);
        f.column = ours;
        f.stated = p.mine;
        f.expected = p.other;
        f.page = cell.page ? cell.page : r.page;
        f.line = cell.line ? cell.line : r.line;
        std::string label = ColumnLabel(t, col, nullptr);
        f.message = f.row_label + ": '" + label + "' is " + FormatVietnameseNumber(p.mine) +
                    " but " + other_period + " gives " + FormatVietnameseNumber(p.other) +
                    (direction < 0 ? " still pending (Đang giải quyết) at its end"
                                   : " carried over (Kỳ trước) from this period");
        // Suggest the other period's figure only when it also repairs this
        // row's own identity (received_total = carry-over + new, or
        // pending_total = received_total - resolved_total).
        SuspectCell s{p.here.index, ours, p.mine, std::nullopt, {}};
        auto v = [&](const char* key) { return ValueAt(t, r, key); };
        std::optional<double> total = v("received_total");
        bool own_broken = false, fixed = false;
        if (direction < 0 && total && v("received_new")) {
          own_broken = std::fabs(*total - p.mine - *v("received_new")) > 1e-6;
          fixed = std::fabs(*total - p.other - *v("received_new")) < 1e-6;
        } else if (direction > 0 && total && v("resolved_total")) {
          own_broken = std::fabs(*total - *v("resolved_total") - p.mine) > 1e-6;
          fixed = std::fabs(*total - *v("resolved_total") - p.other) < 1e-6;
        }
        if (own_broken && fixed) {
          s.suggested = p.other;
          f.message += "; this row's own identity agrees with " + FormatVietnameseNumber(p.other);
        } else if (!own_broken) {
          f.message += "; this row is consistent in itself, so the other period's figure may be the wrong one";
        }
        f.suspect = s;
        if (p.ocr) {
          f.severity = std::min(f.severity, Severity::kWarning);
          f.message = "low-confidence reading (cells read by OCR from a page image; a misreading is as likely "
                      "as a break, check it on the page): " + f.message;
        }
        findings->push_back(f);
      }
    }
  }
  return Status::Ok();
}

}  // namespace sohoa
