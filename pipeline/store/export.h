// Series and findings read out of the archive, written as CSV (RFC 4180,
// header row, UTF-8) or JSON. Pure functions; thread-safe.
// CSV text cells that would start a spreadsheet formula are written as text
// unless `style` is CsvStyle::kRaw (core/csv.h); numbers stay numbers.
#ifndef SOHOA_STORE_EXPORT_H_
#define SOHOA_STORE_EXPORT_H_

#include <string>
#include <vector>

#include "pipeline/core/csv.h"
#include "pipeline/store/store.h"

namespace sohoa {

// period,period_kind,body,unit,unit_canonical,metric,value,marker,finding,document,table,page
// With `explain`, three more columns: suggested,line,source_note.
std::string SeriesCsv(const std::vector<SeriesRow>& rows, bool explain = false,
                      CsvStyle style = CsvStyle::kSpreadsheetSafe);
// One row per period, body and unit; the metrics as columns in the order
// they first appear (unmapped columns after the keyed ones, their header
// prefixed "unmapped:"); a cell with a finding holds its value as read.
// period,period_kind,body,unit,unit_canonical,<metrics...>,markers,findings,documents
// The wide form as data, for the CSV above and the XLSX writer (xlsx.h).
struct WideSeries {
  std::vector<std::string> metrics;  // the metric columns, "unmapped:<slug>" last
  struct Line {
    std::string period, period_kind, body, unit, unit_canonical;
    std::vector<std::optional<double>> values;     // one per metric
    std::vector<bool> flagged;                     // the cell has a finding
    std::vector<std::optional<double>> suggested;  // its suggested value
    std::string markers, findings, documents;      // ";"-joined
  };
  std::vector<Line> lines;  // sorted by body, period kind, period
};
WideSeries MakeWideSeries(const std::vector<SeriesRow>& rows);
// period,period_kind,body,unit,unit_canonical,<metrics...>,markers,findings,documents
std::vector<std::string> WideSeriesHeader(const WideSeries& wide);
std::string SeriesWideCsv(const std::vector<SeriesRow>& rows,
                          CsvStyle style = CsvStyle::kSpreadsheetSafe);
// {"series":[{"period":..., "value": number|null, "marker": "gap"|"", ...}]}
std::string SeriesJson(const std::vector<SeriesRow>& rows);

// document,period,page,line,kind,severity,table,row,row_label,column,stated,expected,suggested,message
std::string FindingsCsv(const std::vector<FindingRow>& rows,
                        CsvStyle style = CsvStyle::kSpreadsheetSafe);
std::string FindingsJson(const std::vector<FindingRow>& rows);

// The same, a row at a time, for exports that write rows as they are read:
// a header (CSV) or opening (JSON), rows appended to *out, and for JSON the
// closing; `first` is whether the row is the first of the array. The
// concatenation is byte for byte what the functions above return.
std::string SeriesCsvHeader(bool explain);
void SeriesCsvRow(const SeriesRow& row, bool explain, std::string* out,
                  CsvStyle style = CsvStyle::kSpreadsheetSafe);
void SeriesJsonRow(const SeriesRow& row, bool first, std::string* out);
std::string FindingsCsvHeader();
// One finding's CSV fields, each with its number for the numeric columns
// (page, line, row, stated, expected, suggested, cell_page, cell_line,
// value_read): what the XLSX writer needs to keep numbers numbers.
struct ExportField {
  std::string text;
  std::optional<double> number;
};
std::vector<std::string> FindingsHeader();
std::vector<ExportField> FindingFields(const FindingRow& row);
void FindingsCsvRow(const FindingRow& row, std::string* out,
                    CsvStyle style = CsvStyle::kSpreadsheetSafe);
void FindingsJsonRow(const FindingRow& row, bool first, std::string* out);
extern const char kSeriesJsonBegin[];    // {"series":[
extern const char kFindingsJsonBegin[];  // {"findings":[
extern const char kJsonEnd[];            // ]}\n

// A number as the CSV shows it: integers without a fraction ("12746"),
// others with up to 4 decimals ("79.79"); "" for no value.
std::string FormatValue(const std::optional<double>& value);

}  // namespace sohoa

#endif  // SOHOA_STORE_EXPORT_H_
