#include "pipeline/store/export.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <algorithm>

#include "pipeline/core/csv.h"
#include "pipeline/core/json.h"

namespace sohoa {


std::string FormatValue(const std::optional<double>& v) {
  if (!v) return "";
  char buf[64];
  if (std::fabs(*v - std::round(*v)) < 1e-9 && std::fabs(*v) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", *v);
  else
    std::snprintf(buf, sizeof buf, "%.4g", *v);
  return buf;
}

std::string SeriesCsvHeader(bool explain) {
  std::string out;
  std::vector<std::string> header = {"period", "period_kind", "body", "unit", "unit_canonical",
                                     "metric", "value", "marker", "finding", "document", "table",
                                     "page"};
  if (explain) header.insert(header.end(), {"suggested", "line", "source_note"});
  CsvLine(header, &out);
  return out;
}

void SeriesCsvRow(const SeriesRow& r, bool explain, std::string* out, CsvStyle style) {
  std::vector<std::string> f = {r.period, r.period_kind, r.body, r.unit, r.unit_canonical,
                                r.metric, FormatValue(r.value), r.marker,
                                r.has_finding ? "yes" : "", r.document, r.table,
                                r.page > 0 ? std::to_string(r.page) : ""};
  if (explain)
    f.insert(f.end(), {FormatValue(r.suggested), r.line > 0 ? std::to_string(r.line) : "",
                       r.source_note});
  CsvLine(f, out, style);
}

std::string SeriesCsv(const std::vector<SeriesRow>& rows, bool explain, CsvStyle style) {
  std::string out = SeriesCsvHeader(explain);
  for (const SeriesRow& r : rows) SeriesCsvRow(r, explain, &out, style);
  return out;
}

WideSeries MakeWideSeries(const std::vector<SeriesRow>& rows) {
  WideSeries wide;
  // Metric columns in order of first appearance, keyed ones first.
  std::map<std::string, size_t> column;
  for (int pass = 0; pass < 2; ++pass)
    for (const SeriesRow& r : rows) {
      const bool unmapped = r.marker == "unmapped";
      if (unmapped != (pass == 1)) continue;
      std::string name = unmapped ? "unmapped:" + r.metric : r.metric;
      if (column.emplace(name, wide.metrics.size()).second) wide.metrics.push_back(name);
    }
  struct Sets {
    std::set<std::string> markers, findings, documents;
  };
  std::vector<Sets> sets;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, size_t> at;
  for (const SeriesRow& r : rows) {
    const std::string unit_key = r.unit_canonical.empty() ? r.unit : r.unit_canonical;
    auto [it, fresh] = at.emplace(std::make_tuple(r.body, r.period_kind, r.period, unit_key),
                                  wide.lines.size());
    if (fresh) {
      WideSeries::Line l;
      l.period = r.period, l.period_kind = r.period_kind, l.body = r.body, l.unit = r.unit;
      l.unit_canonical = r.unit_canonical;
      l.values.resize(wide.metrics.size());
      l.flagged.resize(wide.metrics.size());
      l.suggested.resize(wide.metrics.size());
      wide.lines.push_back(std::move(l));
      sets.emplace_back();
    }
    WideSeries::Line& l = wide.lines[it->second];
    Sets& s = sets[it->second];
    const std::string name = r.marker == "unmapped" ? "unmapped:" + r.metric : r.metric;
    const size_t k = column[name];
    l.values[k] = r.value;
    if (!r.marker.empty() && r.marker != "unmapped" && r.marker != "finding") s.markers.insert(r.marker);
    if (r.has_finding) {
      l.flagged[k] = true;
      l.suggested[k] = r.suggested;
      std::string f = r.metric;
      if (r.suggested) f += "=" + FormatValue(r.suggested) + "?";
      s.findings.insert(f);
    }
    if (!r.document.empty()) s.documents.insert(r.document);
  }
  auto join = [](const std::set<std::string>& s) {
    std::string out;
    for (const std::string& x : s) out += (out.empty() ? "" : ";") + x;
    return out;
  };
  for (size_t i = 0; i < wide.lines.size(); ++i) {
    wide.lines[i].markers = join(sets[i].markers);
    wide.lines[i].findings = join(sets[i].findings);
    wide.lines[i].documents = join(sets[i].documents);
  }
  std::stable_sort(wide.lines.begin(), wide.lines.end(),
                   [](const WideSeries::Line& a, const WideSeries::Line& b) {
                     return std::tie(a.body, a.period_kind, a.period) <
                            std::tie(b.body, b.period_kind, b.period);
                   });
  return wide;
}

std::vector<std::string> WideSeriesHeader(const WideSeries& wide) {
  std::vector<std::string> header = {"period", "period_kind", "body", "unit", "unit_canonical"};
  header.insert(header.end(), wide.metrics.begin(), wide.metrics.end());
  header.insert(header.end(), {"markers", "findings", "documents"});
  return header;
}

std::string SeriesWideCsv(const std::vector<SeriesRow>& rows, CsvStyle style) {
  const WideSeries wide = MakeWideSeries(rows);
  std::string out;
  CsvLine(WideSeriesHeader(wide), &out, style);
  for (const WideSeries::Line& l : wide.lines) {
    std::vector<std::string> f = {l.period, l.period_kind, l.body, l.unit, l.unit_canonical};
    for (const auto& v : l.values) f.push_back(FormatValue(v));
    f.insert(f.end(), {l.markers, l.findings, l.documents});
    CsvLine(f, &out, style);
  }
  return out;
}

const char kSeriesJsonBegin[] = "{\"series\":[";
const char kFindingsJsonBegin[] = "{\"findings\":[";
const char kJsonEnd[] = "]}\n";

void SeriesJsonRow(const SeriesRow& r, bool first, std::string* out) {
  JsonWriter j;
  j.BeginObject();
  j.Key("period").String(r.period);
  j.Key("period_kind").String(r.period_kind);
  j.Key("body").String(r.body);
  j.Key("unit").String(r.unit);
  j.Key("unit_canonical").String(r.unit_canonical);
  j.Key("metric").String(r.metric);
  j.Key("value").OptionalNumber(r.value);
  j.Key("marker").String(r.marker);
  j.Key("finding").Bool(r.has_finding);
  j.Key("suggested").OptionalNumber(r.suggested);
  j.Key("document").String(r.document);
  j.Key("table").String(r.table);
  j.Key("page").Int(r.page);
  j.Key("line").Int(r.line);
  j.Key("source_note").String(r.source_note);
  j.EndObject();
  if (!first) out->push_back(',');
  *out += j.str();
}

std::string SeriesJson(const std::vector<SeriesRow>& rows) {
  std::string out = kSeriesJsonBegin;
  for (size_t i = 0; i < rows.size(); ++i) SeriesJsonRow(rows[i], i == 0, &out);
  return out + kJsonEnd;
}

std::vector<std::string> FindingsHeader() {
  return {"document", "period", "page", "line", "kind", "severity", "table", "row", "row_label",
          "column", "stated", "expected", "suggested", "message", "unit", "unit_canonical",
          "cell_column", "column_header", "cell_page", "cell_line", "value_read",
          "related_document"};
}

std::string FindingsCsvHeader() {
  std::string out;
  CsvLine(FindingsHeader(), &out);
  return out;
}

std::vector<ExportField> FindingFields(const FindingRow& fr) {
  const Finding& f = fr.finding;
  std::optional<double> suggested = f.suspect ? f.suspect->suggested : std::nullopt;
  const CellPlace c = fr.cell.value_or(CellPlace());
  auto text = [](std::string s) { return ExportField{std::move(s), std::nullopt}; };
  auto number = [](std::optional<double> v) { return ExportField{FormatValue(v), v}; };
  auto cell_int = [&](int v) {
    return fr.cell ? number(static_cast<double>(v)) : ExportField{};
  };
  return {text(fr.document), text(fr.period), number(f.page), number(f.line),
          text(FindingKindName(f.kind)), text(SeverityName(f.severity)), text(f.table),
          number(f.row), text(f.row_label), text(f.column), number(f.stated),
          number(f.expected), number(suggested), text(f.message), text(c.unit),
          text(c.unit_canonical), text(c.column), text(c.header), cell_int(c.page),
          cell_int(c.line), number(c.value), text(fr.related_document)};
}

void FindingsCsvRow(const FindingRow& fr, std::string* out, CsvStyle style) {
  std::vector<std::string> fields;
  for (ExportField& f : FindingFields(fr)) fields.push_back(std::move(f.text));
  CsvLine(fields, out, style);
}

std::string FindingsCsv(const std::vector<FindingRow>& rows, CsvStyle style) {
  std::string out = FindingsCsvHeader();
  for (const FindingRow& fr : rows) FindingsCsvRow(fr, &out, style);
  return out;
}

static void CellPlaceJson(const CellPlace& c, const std::optional<double>& suggested, JsonWriter* j) {
  j->BeginObject();
  j->Key("table").String(c.table);
  j->Key("row").Int(c.row);
  j->Key("unit").String(c.unit);
  j->Key("unit_canonical").String(c.unit_canonical);
  j->Key("column").String(c.column);
  j->Key("header").String(c.header);
  j->Key("page").Int(c.page);
  j->Key("line").Int(c.line);
  j->Key("value").OptionalNumber(c.value);
  j->Key("suggested").OptionalNumber(suggested);
  j->EndObject();
}

void FindingsJsonRow(const FindingRow& fr, bool first, std::string* out) {
  JsonWriter j;
  {
    const Finding& f = fr.finding;
    j.BeginObject();
    j.Key("document").String(fr.document);
    j.Key("content_hash").String(fr.content_hash);
    j.Key("period").String(fr.period);
    j.Key("page").Int(f.page);
    j.Key("line").Int(f.line);
    j.Key("kind").String(FindingKindName(f.kind));
    j.Key("severity").String(SeverityName(f.severity));
    j.Key("table").String(f.table);
    j.Key("row").Int(f.row);
    j.Key("row_label").String(f.row_label);
    j.Key("column").String(f.column);
    j.Key("stated").OptionalNumber(f.stated);
    j.Key("expected").OptionalNumber(f.expected);
    j.Key("message").String(f.message);
    j.Key("inferred").Bool(f.inferred);
    if (!fr.related_document.empty()) j.Key("related_document").String(fr.related_document);
    if (fr.cell) {
      j.Key("unit").String(fr.cell->unit);
      j.Key("unit_canonical").String(fr.cell->unit_canonical);
      j.Key("cell");
      CellPlaceJson(*fr.cell, f.suspect ? f.suspect->suggested : std::nullopt, &j);
    }
    if (f.suspect) {
      j.Key("suspect").BeginObject();
      j.Key("row").Int(f.suspect->row);
      j.Key("column").String(f.suspect->column);
      if (fr.cell) {
        j.Key("unit").String(fr.cell->unit);
        j.Key("unit_canonical").String(fr.cell->unit_canonical);
        j.Key("header").String(fr.cell->header);
      }
      j.Key("value").OptionalNumber(f.suspect->value);
      j.Key("suggested").OptionalNumber(f.suspect->suggested);
      j.Key("alternatives").BeginArray();
      for (double a : f.suspect->alternatives) j.Number(a);
      j.EndArray();
      j.EndObject();
    }
    j.EndObject();
  }
  if (!first) out->push_back(',');
  *out += j.str();
}

std::string FindingsJson(const std::vector<FindingRow>& rows) {
  std::string out = kFindingsJsonBegin;
  for (size_t i = 0; i < rows.size(); ++i) FindingsJsonRow(rows[i], i == 0, &out);
  return out + kJsonEnd;
}

}  // namespace sohoa
