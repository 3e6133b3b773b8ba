// Series and findings read out of the archive, written as CSV (RFC 4180,
// header row, UTF-8) or JSON. Pure functions; thread-safe.
#ifndef SOHOA_STORE_EXPORT_H_
#define SOHOA_STORE_EXPORT_H_

#include <string>
#include <vector>

#include "pipeline/store/store.h"

namespace sohoa {

// period,period_kind,body,unit,unit_canonical,metric,value,marker,finding,document,table,page
// With `explain`, three more columns: suggested,line,source_note.
std::string SeriesCsv(const std::vector<SeriesRow>& rows, bool explain = false);
// One row per period, body and unit; the metrics as columns in the order
// they first appear (unmapped columns after the keyed ones, their header
// prefixed "unmapped:"); a cell with a finding holds its value as read.
// period,period_kind,body,unit,unit_canonical,<metrics...>,markers,findings,documents
std::string SeriesWideCsv(const std::vector<SeriesRow>& rows);
// {"series":[{"period":..., "value": number|null, "marker": "gap"|"", ...}]}
std::string SeriesJson(const std::vector<SeriesRow>& rows);

// document,period,page,line,kind,severity,table,row,row_label,column,stated,expected,suggested,message
std::string FindingsCsv(const std::vector<FindingRow>& rows);
std::string FindingsJson(const std::vector<FindingRow>& rows);

// The same, a row at a time, for exports that write rows as they are read:
// a header (CSV) or opening (JSON), rows appended to *out, and for JSON the
// closing; `first` is whether the row is the first of the array. The
// concatenation is byte for byte what the functions above return.
std::string SeriesCsvHeader(bool explain);
void SeriesCsvRow(const SeriesRow& row, bool explain, std::string* out);
void SeriesJsonRow(const SeriesRow& row, bool first, std::string* out);
std::string FindingsCsvHeader();
void FindingsCsvRow(const FindingRow& row, std::string* out);
void FindingsJsonRow(const FindingRow& row, bool first, std::string* out);
extern const char kSeriesJsonBegin[];    // {"series":[
extern const char kFindingsJsonBegin[];  // {"findings":[
extern const char kJsonEnd[];            // ]}\n

// A number as the CSV shows it: integers without a fraction ("12746"),
// others with up to 4 decimals ("79.79"); "" for no value.
std::string FormatValue(const std::optional<double>& value);

}  // namespace sohoa

#endif  // SOHOA_STORE_EXPORT_H_
