// Appendix tables as parsed records: what the tables stage produces and the
// check and store stages read. Values are numbers as written in Vietnamese
// format ("12.746" = 12746, "79,79" = 79.79); a blank cell has no value.
// Plain value types; not synchronised.
#ifndef SOHOA_CORE_TABLE_H_
#define SOHOA_CORE_TABLE_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/document.h"

namespace sohoa {

struct Column {
  std::vector<std::string> header;  // path from the top header level to the leaf
  std::string key;                  // canonical key ("resolved_late") or one made from the header
  // False when no schema key fits: `key` is then the header's own slug
  // ("so_ho_so_rut") or "column_3", and series list the column apart.
  bool mapped = true;
};

struct Cell {
  std::string text;             // as written ("12.746", "31,21^(*)", "-", "")
  std::optional<double> value;  // empty for blank, "-" and unreadable cells
  bool dash = false;            // written as "-"
  std::string footnote;         // "(*)" in "31,21^(*)"
  int page = 0;
  int line = 0;                 // 1-based line within the page
  Box box;                      // when the source has boxes (Table::box_unit)
  float confidence = 1.0f;      // OCR confidence of the cell's characters
};

struct Row {
  std::string stt;             // as written ("1", "18", "")
  std::string unit;            // unit name as written (wrapped lines joined)
  std::string unit_canonical;  // through dictionaries/units aliases; empty when unknown
  std::vector<Cell> cells;     // one per leaf column, left to right
  int page = 0;
  int line = 0;
};

struct Table {
  std::string id;      // "PL-I", "PL-II", "T1" for a table without heading
  std::string title;
  std::string schema;  // "results", "satisfaction", "late_records", "" for unknown
  // How its cells were found: "ruled" (rules on the page image), "html",
  // "docx" (cells written in the file), "aligned" (from text alignment).
  std::string structure;
  BoxUnit box_unit = BoxUnit::kNone;  // unit of the cells' boxes
  int box_dpi = 0;                    // for BoxUnit::kPixels
  int page = 0;
  int line = 0;
  std::string period_from;  // ISO date "2020-05-16" when stated
  std::string period_to;
  std::vector<Column> columns;
  std::vector<Row> rows;
  std::optional<Row> total;    // "Tổng cộng"
  std::optional<Row> percent;  // "Tỷ lệ %"

  // Index of the leaf column with `key`, or -1.
  int ColumnIndex(const std::string& key) const;
};

// A cell named the way a person finds it in the document: table, unit as
// printed and canonical, column key and header, page and line, value read.
struct CellPlace {
  std::string table;           // "PL-I"
  int row = -1;                // as in SuspectCell::row
  std::string unit;            // as printed ("Sở TN&MT"); "Tổng cộng" for the total row
  std::string unit_canonical;  // "Sở Tài nguyên và Môi trường"; "" when unknown
  std::string column;          // key
  std::string header;          // header path joined with " / "
  int page = 0;
  int line = 0;
  std::optional<double> value;  // as read
};

// The cell at (table id, row, column key) of `tables`; false when there is none.
bool LocateCell(const std::vector<Table>& tables, const std::string& table, int row,
                const std::string& column, CellPlace* out);

}  // namespace sohoa

#endif  // SOHOA_CORE_TABLE_H_
