// sohoa series: time series out of the archive, one row per period x unit x
// metric, with gaps (missing periods) shown as rows marked "gap".
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/store/export.h"
#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/output.h"
#include "pipeline/core/files.h"
#include "pipeline/core/json.h"
#include "pipeline/store/store.h"
#include "pipeline/store/xlsx.h"
#include "pipeline/tables/units.h"

namespace sohoa::cli {

namespace {

CommandSpec SeriesSpec() {
  CommandSpec spec;
  spec.name = "series";
  spec.usage = "sohoa series [options] [--db FILE]";
  spec.summary = "Export time series (period x unit x metric) from the archive.";
  spec.description =
      "One row per period, unit and metric (a column key of the appendix tables, such\n"
      "as received_total or resolved_late), with the document it came from and whether\n"
      "that cell has a finding. Periods are written 2020-06 (month), 2020-Q2, 2020-H1,\n"
      "2020-9M, 2020 (year). A period missing between two present ones is a row with\n"
      "an empty value and the marker 'gap'. Reports whose period could not be read are\n"
      "left out (see their period_note in the archive). Units are matched by their\n"
      "canonical name or their name as written, without regard to case.\n"
      "Each issuer (body and province, however its heading was written) is one\n"
      "series; of two documents for one period the series takes one (the one whose\n"
      "tables were read, then fewer error findings, the later issue date, the higher\n"
      "number) and --explain says which and why; copies of a report count once.\n"
      "Markers: gap (no report for the period), unparsed (a report whose tables were\n"
      "not read), missing_unit, missing_column, finding (the cell has a finding;\n"
      "--explain gives the suggested value), unmapped (a column no schema key fits,\n"
      "listed after the keyed rows under its own slug).\n"
      "Text that a spreadsheet would take for a formula (a unit name starting with\n"
      "=, +, -, @, a tab or a carriage return) is written as text: in CSV with a '\n"
      "in front and in quotes (the OWASP rule; --raw-csv turns it off), in XLSX as a\n"
      "string cell. Numbers, negative ones too, stay numbers.\n"
      "The archive is opened read-only. Exit codes: 0 ok, 2 usage, 11 archive error.";
  spec.flags = {
      {"db", "ARCHIVE", "sohoa.db",
       "the archive written by 'sohoa ingest': an SQLite file or a PostgreSQL database "
       "(postgresql://... or \"host=... dbname=...\")"},
      {"unit", "NAME", "", "only this unit (repeatable), e.g. \"Sở Tư pháp\"", true},
      {"metric", "KEY", "", "only this column key, e.g. resolved_late"},
      {"body", "NAME", "", "only reports of this issuing (or parent) body; case and diacritics ignored"},
      {"province", "NAME", "", "only reports of this province (\"Phú Yên\", \"phu yen\")"},
      {"from", "YYYY-MM", "", "only periods ending in or after this month"},
      {"to", "YYYY-MM", "", "only periods ending in or before this month"},
      {"format", "FORMAT", "csv", "csv, json or xlsx (a wide sheet and a findings sheet; needs -o)"},
      {"wide", "", "", "csv: one row per period and unit, the metrics as columns"},
      {"explain", "", "", "csv: add the suggested value, the line and which document a period's "
                          "value comes from and why"},
      {"bom", "", "", "csv: start with a UTF-8 byte order mark (Excel on Windows)"},
      {"raw-csv", "", "", "csv: write text cells that start with = + - @ as they are "
                          "(default: as text, with a ' in front)"},
      {"output", "FILE", "", "write to FILE (complete or not at all) instead of stdout"},
  };
  spec.flags.back().short_name = 'o';
  spec.examples =
      "  sohoa series --db sohoa.db --unit \"Sở Tư pháp\" --metric resolved_late \\\n"
      "      --from 2019-01 --to 2023-12 --format csv\n"
      "  sohoa series --db sohoa.db --metric received_total --format json | jq '.series[0]'\n"
      "  sohoa series --db sohoa.db --format xlsx -o series.xlsx\n";
  return spec;
}

// Unit names as the user typed them, plus their canonical names through the
// alias table (dictionaries/units), so "Sở NNPTNT" finds "Sở Nông nghiệp và
// Phát triển nông thôn". The store matches either, without regard to case.
Status ResolveUnitNames(std::vector<std::string>* units) {
  if (units->empty()) return Status::Ok();
  UnitAliases aliases;
  if (Status s = aliases.Load(DictionariesDir() + "/units"); !s.ok()) return s;
  const size_t n = units->size();
  for (size_t i = 0; i < n; ++i) {
    std::string canonical = aliases.Canonical((*units)[i]);
    if (!canonical.empty()) units->push_back(canonical);
  }
  return Status::Ok();
}

bool ValidMonth(const std::string& s) {
  return s.empty() || (s.size() == 7 && std::isdigit(static_cast<unsigned char>(s[0])) &&
                       s[4] == '-' && s.substr(5) >= "01" && s.substr(5) <= "12");
}

}  // namespace

int RunSeries(const Args& args) {
  static const CommandSpec spec = SeriesSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("series", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  if (!flags.positional().empty())
    return UsageError("series", "unexpected argument '" + flags.positional()[0] + "'");
  const std::string format = flags.Get("format");
  if (format != "csv" && format != "json" && format != "xlsx")
    return UsageError("series", "--format must be csv, json or xlsx, not '" + format + "'");
  if (format == "xlsx" && (flags.Get("output").empty() || flags.Get("output") == "-"))
    return UsageError("series", "--format xlsx needs -o FILE.xlsx");
  if (Status c = CheckOutputPath(flags.Get("output"), {flags.Get("db")}); !flags.Get("output").empty() && !c.ok())
    return UsageError("series", c.message());
  if (format == "xlsx" && flags.Has("explain"))
    return UsageError("series", "--explain is for --format csv (the xlsx has a findings sheet)");
  if (format != "csv" && (flags.Get("wide") == "true" || flags.Get("bom") == "true" ||
                           flags.Has("raw-csv")))
    return UsageError("series", "--wide, --bom and --raw-csv are for --format csv (xlsx is always wide)");
  const CsvStyle style = flags.Has("raw-csv") ? CsvStyle::kRaw : CsvStyle::kSpreadsheetSafe;
  for (const char* name : {"metric", "body", "province", "unit", "from", "to", "output"})
    if (flags.Has(name) && flags.Get(name).empty())
      return UsageError("series", std::string("--") + name + " needs a value (it was empty)");
  SeriesQuery q;
  q.units = flags.GetAll("unit");
  q.metric = flags.Get("metric");
  q.body = flags.Get("body");
  q.province = flags.Get("province");
  q.from = flags.Get("from");
  q.to = flags.Get("to");
  if (!ValidMonth(q.from) || !ValidMonth(q.to))
    return UsageError("series", "--from and --to take a month as YYYY-MM, e.g. 2020-06");
  Status s = ResolveUnitNames(&q.units);
  if (!s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  ArchiveOptions ao;
  ao.read_only = true;
  std::unique_ptr<SqliteArchive> archive;
  if (s = SqliteArchive::Open(flags.Get("db"), ao, &archive); !s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  if (format == "xlsx") {
    std::vector<SeriesRow> rows;
    std::vector<FindingRow> findings;
    FindingsQuery fq;
    fq.body = q.body;
    fq.province = q.province;
    s = archive->Series(q, &rows);
    if (s.ok()) s = archive->Findings(fq, &findings);
    if (s.ok()) {
      const WideSeries wide = MakeWideSeries(rows);
      s = WriteXlsx(flags.Get("output"), {&wide, &findings});
    }
    if (!s.ok()) {
      PrintError(s);
      return ExitCodeFor(s);
    }
    return 0;
  }
  const bool wide = flags.Get("wide") == "true", explain = flags.Get("explain") == "true";
  const bool json = format == "json";
  StreamedOutput out;
  if (s = out.Open(flags.Get("output")); !s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  if (format == "csv" && flags.Get("bom") == "true") *out.buffer() += "\xEF\xBB\xBF";
  if (wide) {
    // The wide form's columns are the metrics in order of first appearance
    // and its lines are sorted: it needs every row before the first line.
    std::vector<SeriesRow> rows;
    if (s = archive->Series(q, &rows); s.ok()) *out.buffer() += SeriesWideCsv(rows, style);
  } else {
    *out.buffer() += json ? std::string(kSeriesJsonBegin) : SeriesCsvHeader(explain);
    bool first = true;
    s = archive->Series(q, [&](SeriesRow&& r) {
      if (json) SeriesJsonRow(r, first, out.buffer());
      else SeriesCsvRow(r, explain, out.buffer(), style);
      first = false;
      out.Flush();
    });
    if (json) *out.buffer() += kJsonEnd;
  }
  if (s.ok()) s = out.Finish();
  if (!s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  return 0;
}

}  // namespace sohoa::cli
