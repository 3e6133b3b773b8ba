#include "pipeline/check/apply.h"

#include <cmath>
#include <set>

#include "pipeline/check/table_check.h"
#include "pipeline/core/csv.h"
#include "pipeline/core/numbers.h"

namespace sohoa {

namespace {

Row* RowOf(Table* t, int row) {
  if (row == kTotalRowIndex) return t->total ? &*t->total : nullptr;
  if (row == kPercentRowIndex) return t->percent ? &*t->percent : nullptr;
  if (row >= 0 && row < static_cast<int>(t->rows.size())) return &t->rows[row];
  return nullptr;
}

std::string Plain(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

std::vector<Table> ApplySuggestions(const std::vector<Table>& tables,
                                    const std::vector<Finding>& findings,
                                    std::vector<AppliedChange>* changes) {
  std::vector<Table> out = tables;
  std::set<std::tuple<std::string, int, std::string>> done;
  for (const Finding& f : findings) {
    if (!f.suspect || !f.suspect->suggested || f.table.empty()) continue;
    const SuspectCell& s = *f.suspect;
    if (!done.insert({f.table, s.row, s.column}).second) continue;
    for (Table& t : out) {
      if (t.id != f.table) continue;
      int col = t.ColumnIndex(s.column);
      Row* row = RowOf(&t, s.row);
      if (col < 0 || !row || col >= static_cast<int>(row->cells.size())) break;
      Cell& cell = row->cells[col];
      int decimals = 0;
      if (size_t comma = cell.text.find(','); comma != std::string::npos && s.row == kPercentRowIndex)
        decimals = static_cast<int>(cell.text.size() - comma - 1);
      if (s.row == kPercentRowIndex) decimals = std::max(decimals, 2);
      AppliedChange c{t.id, s.row, RowLabel(t, s.row), s.column, cell.text,
                      FormatVietnameseNumber(*s.suggested, decimals)};
      cell.value = *s.suggested;
      cell.text = c.new_text;
      cell.footnote.clear();
      cell.dash = false;
      changes->push_back(c);
      break;
    }
  }
  return out;
}

std::string TablesToCsv(const std::string& file, const std::vector<Table>& tables, bool header) {
  std::string out;
  if (header) out += "file,table,row,stt,unit,column,text,value\n";
  for (const Table& t : tables) {
    auto emit = [&](const Row& r, const std::string& index) {
      for (size_t c = 0; c < r.cells.size() && c < t.columns.size(); ++c) {
        const Cell& cell = r.cells[c];
        out += CsvField(file) + "," + CsvField(t.id) + "," + index + "," + CsvField(r.stt) + "," +
               CsvField(r.unit) + "," + CsvField(t.columns[c].key) + "," + CsvField(cell.text) +
               "," + (cell.value ? Plain(*cell.value) : "") + "\n";
      }
    };
    for (size_t i = 0; i < t.rows.size(); ++i) emit(t.rows[i], std::to_string(i));
    if (t.total) emit(*t.total, "total");
    if (t.percent) emit(*t.percent, "percent");
  }
  return out;
}

}  // namespace sohoa
