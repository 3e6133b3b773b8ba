#include "pipeline/core/table.h"

namespace sohoa {

int Table::ColumnIndex(const std::string& key) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].key == key) return static_cast<int>(i);
  return -1;
}

bool LocateCell(const std::vector<Table>& tables, const std::string& table, int row,
                const std::string& column, CellPlace* out) {
  for (const Table& t : tables) {
    if (t.id != table) continue;
    const Row* r = row >= 0 && row < static_cast<int>(t.rows.size()) ? &t.rows[row]
                   : row == -2 && t.total                               ? &*t.total
                   : row == -3 && t.percent                             ? &*t.percent
                                                                        : nullptr;
    if (!r) continue;
    *out = CellPlace();
    out->table = table;
    out->row = row;
    out->unit = r->unit.empty() && row == -2 ? "Tổng cộng" : r->unit;
    out->unit_canonical = r->unit_canonical;
    out->column = column;
    out->page = r->page;
    out->line = r->line;
    const int c = t.ColumnIndex(column);
    if (c >= 0) {
      for (const std::string& h : t.columns[c].header) out->header += (out->header.empty() ? "" : " / ") + h;
      if (c < static_cast<int>(r->cells.size())) {
        const Cell& cell = r->cells[c];
        out->value = cell.value;
        if (cell.page > 0) out->page = cell.page, out->line = cell.line;
      }
    }
    return true;
  }
  return false;
}

}  // namespace sohoa
