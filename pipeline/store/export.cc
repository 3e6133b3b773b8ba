#include "pipeline/store/export.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <algorithm>

#include "pipeline/core/json.h"

namespace sohoa {

namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

void CsvLine(const std::vector<std::string>& fields, std::string* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out->push_back(',');
    *out += CsvField(fields[i]);
  }
  out->push_back('\n');
}

}  // namespace

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

void SeriesCsvRow(const SeriesRow& r, bool explain, std::string* out) {
  std::vector<std::string> f = {r.period, r.period_kind, r.body, r.unit, r.unit_canonical,
                                r.metric, FormatValue(r.value), r.marker,
                                r.has_finding ? "yes" : "", r.document, r.table,
                                r.page > 0 ? std::to_string(r.page) : ""};
  if (explain)
    f.insert(f.end(), {FormatValue(r.suggested), r.line > 0 ? std::to_string(r.line) : "",
                       r.source_note});
  CsvLine(f, out);
}

std::string SeriesCsv(const std::vector<SeriesRow>& rows, bool explain) {
  std::string out = SeriesCsvHeader(explain);
  for (const SeriesRow& r : rows) SeriesCsvRow(r, explain, &out);
  return out;
}

std::string SeriesWideCsv(const std::vector<SeriesRow>& rows) {
  // Metric columns in order of first appearance, keyed ones first.
  std::vector<std::string> metrics;
  std::map<std::string, size_t> column;
  for (int pass = 0; pass < 2; ++pass)
    for (const SeriesRow& r : rows) {
      const bool unmapped = r.marker == "unmapped";
      if (unmapped != (pass == 1)) continue;
      std::string name = unmapped ? "unmapped:" + r.metric : r.metric;
      if (column.emplace(name, metrics.size()).second) metrics.push_back(name);
    }
  struct Line {
    std::string period, kind, body, unit, canonical;
    std::vector<std::string> values;
    std::set<std::string> markers, findings, documents;
  };
  std::vector<Line> lines;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, size_t> at;
  for (const SeriesRow& r : rows) {
    const std::string unit_key = r.unit_canonical.empty() ? r.unit : r.unit_canonical;
    auto [it, fresh] = at.emplace(std::make_tuple(r.body, r.period_kind, r.period, unit_key),
                                  lines.size());
    if (fresh) {
      Line l;
      l.period = r.period, l.kind = r.period_kind, l.body = r.body, l.unit = r.unit;
      l.canonical = r.unit_canonical;
      l.values.resize(metrics.size());
      lines.push_back(std::move(l));
    }
    Line& l = lines[it->second];
    const std::string name = r.marker == "unmapped" ? "unmapped:" + r.metric : r.metric;
    l.values[column[name]] = FormatValue(r.value);
    if (!r.marker.empty() && r.marker != "unmapped" && r.marker != "finding") l.markers.insert(r.marker);
    if (r.has_finding) {
      std::string f = r.metric;
      if (r.suggested) f += "=" + FormatValue(r.suggested) + "?";
      l.findings.insert(f);
    }
    if (!r.document.empty()) l.documents.insert(r.document);
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return std::tie(a.body, a.kind, a.period) < std::tie(b.body, b.kind, b.period);
  });
  auto join = [](const std::set<std::string>& s) {
    std::string out;
    for (const std::string& x : s) out += (out.empty() ? "" : ";") + x;
    return out;
  };
  std::string out;
  std::vector<std::string> header = {"period", "period_kind", "body", "unit", "unit_canonical"};
  header.insert(header.end(), metrics.begin(), metrics.end());
  header.insert(header.end(), {"markers", "findings", "documents"});
  CsvLine(header, &out);
  for (const Line& l : lines) {
    std::vector<std::string> f = {l.period, l.kind, l.body, l.unit, l.canonical};
    f.insert(f.end(), l.values.begin(), l.values.end());
    f.insert(f.end(), {join(l.markers), join(l.findings), join(l.documents)});
    CsvLine(f, &out);
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

std::string FindingsCsvHeader() {
  std::string out;
  CsvLine({"document", "period", "page", "line", "kind", "severity", "table", "row", "row_label",
           "column", "stated", "expected", "suggested", "message", "unit", "unit_canonical",
           "cell_column", "column_header", "cell_page", "cell_line", "value_read",
           "related_document"},
          &out);
  return out;
}

void FindingsCsvRow(const FindingRow& fr, std::string* out) {
  const Finding& f = fr.finding;
  std::optional<double> suggested = f.suspect ? f.suspect->suggested : std::nullopt;
  const CellPlace c = fr.cell.value_or(CellPlace());
  CsvLine({fr.document, fr.period, std::to_string(f.page), std::to_string(f.line),
           FindingKindName(f.kind), SeverityName(f.severity), f.table, std::to_string(f.row),
           f.row_label, f.column, FormatValue(f.stated), FormatValue(f.expected),
           FormatValue(suggested), f.message, c.unit, c.unit_canonical, c.column, c.header,
           fr.cell ? std::to_string(c.page) : "", fr.cell ? std::to_string(c.line) : "",
           FormatValue(c.value), fr.related_document},
          out);
}

std::string FindingsCsv(const std::vector<FindingRow>& rows) {
  std::string out = FindingsCsvHeader();
  for (const FindingRow& fr : rows) FindingsCsvRow(fr, &out);
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
