// sohoa tables: appendix tables (Phụ lục) as records: aligned text, JSON or CSV.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/options.h"
#include "pipeline/cli/output.h"
#include "pipeline/cli/progress.h"
#include "pipeline/core/csv.h"
#include "pipeline/core/numbers.h"
#include "pipeline/core/utf8.h"
#include "pipeline/pipeline.h"

namespace sohoa::cli {

namespace {

CommandSpec TablesSpec() {
  CommandSpec spec;
  spec.name = "tables";
  spec.usage = "sohoa tables [options] FILE...";
  spec.summary = "Find the appendix tables (Phụ lục I, II, ...) and print them as records.";
  spec.description =
      "Each file is extracted as by `sohoa text`, then every appendix table is found\n"
      "(its id PL-I, PL-II, ... or T1, T2 without a heading, title and period), its\n"
      "header read into a column tree whose leaves get canonical keys from\n"
      "dictionaries/schemas (received_total, resolved_late, ...), and every row read:\n"
      "STT, unit (with its canonical name from dictionaries/units) and one cell per\n"
      "column. Blank cells stay blank (null), never zero. Rows or cells that cannot be\n"
      "read are kept and reported as `parse` findings on stderr (and in --json).\n"
      "Default output is an aligned plain-text rendering.";
  spec.flags = ExtractionFlags();
  spec.flags.push_back({"json", "", "",
                        "print tables (id, title, schema, page, period, columns, rows, total, percent) and findings as JSON"});
  spec.flags.push_back({"csv", "", "", "print one CSV row per cell: file,table,stt,unit,unit_canonical,column,value"});
  spec.flags.push_back({"raw-csv", "", "", "csv: write text cells that start with = + - @ as they are "
                                           "(default: as text, with a ' in front)"});
  spec.flags.push_back({"dictionaries", "DIR", "", "dictionaries directory (default: the installed one)"});
  spec.flags.push_back({"quiet", "", "", "no progress on stderr (shown only when stderr is a terminal)"});
  spec.examples =
      "  sohoa tables report.txt\n"
      "  sohoa tables --json report.pdf | jq '.documents[0].tables[0].rows[0]'\n"
      "  sohoa tables --csv *.pdf > cells.csv\n"
      "  sohoa tables --ocr=always --json scan.pdf\n";
  return spec;
}

std::string CellText(const Cell& c) {
  if (c.dash) return "-";
  if (!c.value) return "";
  double v = *c.value;
  int decimals = 0;
  if (size_t comma = c.text.find(','); comma != std::string::npos) {
    while (comma + 1 + decimals < c.text.size() && std::isdigit(static_cast<unsigned char>(c.text[comma + 1 + decimals])))
      ++decimals;
  } else if (v != static_cast<long long>(v)) {
    decimals = 2;
  }
  return FormatVietnameseNumber(v, decimals) + c.footnote;
}

std::string CsvValue(const Cell& c) {
  if (c.dash) return "-";
  if (!c.value) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", *c.value);
  return buf;
}

std::string Pad(const std::string& s, size_t width, bool right) {
  size_t n = Utf8Length(s);
  if (n >= width) return s;
  std::string pad(width - n, ' ');
  return right ? pad + s : s + pad;
}

void PrintTable(const Table& t) {
  std::printf("%s  %s\n", t.id.c_str(), t.title.c_str());
  std::printf("  schema: %s  page: %d", t.schema.empty() ? "(unknown)" : t.schema.c_str(), t.page);
  if (!t.period_from.empty()) std::printf("  period: %s .. %s", t.period_from.c_str(), t.period_to.c_str());
  std::printf("\n");
  for (size_t k = 0; k < t.columns.size(); ++k) {
    std::string path;
    for (const std::string& h : t.columns[k].header) path += (path.empty() ? "" : " > ") + h;
    std::printf("  [%zu] %-22s %s\n", k + 1, t.columns[k].key.c_str(), path.c_str());
  }
  std::vector<const Row*> rows;
  for (const Row& r : t.rows) rows.push_back(&r);
  if (t.total) rows.push_back(&*t.total);
  if (t.percent) rows.push_back(&*t.percent);
  size_t unit_w = 4;
  std::vector<size_t> w(t.columns.size());
  for (size_t k = 0; k < t.columns.size(); ++k) w[k] = std::to_string(k + 1).size() + 2;
  for (const Row* r : rows) {
    unit_w = std::max(unit_w, Utf8Length(r->unit));
    for (size_t k = 0; k < r->cells.size() && k < w.size(); ++k) w[k] = std::max(w[k], Utf8Length(CellText(r->cells[k])));
  }
  std::string line = Pad("STT", 4, false) + " " + Pad("Unit", unit_w, false);
  for (size_t k = 0; k < w.size(); ++k) line.append(" ").append(Pad(std::string("[").append(std::to_string(k + 1)).append("]"), w[k], true));
  std::printf("%s\n", line.c_str());
  for (const Row* r : rows) {
    line = Pad(r->stt, 4, false) + " " + Pad(r->unit, unit_w, false);
    for (size_t k = 0; k < w.size(); ++k)
      line.append(" ").append(Pad(k < r->cells.size() ? CellText(r->cells[k]) : "", w[k], true));
    std::printf("%s\n", line.c_str());
  }
  std::printf("\n");
}

void PrintFinding(const std::string& path, const Finding& f) {
  std::fprintf(stderr, "sohoa: %s:%d:%d: %s: table %s: %s\n", Printable(path).c_str(), f.page, f.line,
               FindingKindName(f.kind), f.table.c_str(), f.message.c_str());
}

}  // namespace

int RunTables(const Args& args) {
  static const CommandSpec spec = TablesSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("tables", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  if (flags.positional().empty()) return UsageError("tables", "no input file given");
  const bool json = flags.Has("json"), csv = flags.Has("csv");
  if (json && csv) return UsageError("tables", "--json and --csv cannot be combined");
  if (flags.Has("raw-csv") && !csv) return UsageError("tables", "--raw-csv is for --csv");
  const CsvStyle style = flags.Has("raw-csv") ? CsvStyle::kRaw : CsvStyle::kSpreadsheetSafe;
  auto field = [style](const std::string& s) { return CsvField(s, style); };
  PipelineOptions options;
  if (Status s = ReadExtractionFlags(flags, &options); !s.ok()) return UsageError("tables", s.message());
  options.tables.dictionaries_dir = flags.Get("dictionaries");
  std::unique_ptr<Restorer> restorer;
  if (options.restore) {
    if (Status s = OpenRestorer(flags, &restorer); !s.ok()) {
      PrintError(s);
      return ExitCodeFor(s);
    }
  }
  JsonWriter jw;
  if (json) jw.BeginObject().Key("documents").BeginArray();
  if (csv) std::printf("file,table,stt,unit,unit_canonical,column,value\n");
  int exit_code = 0;
  PageProgress progress(PageProgress::ShouldShow(flags.Has("quiet")),
                        static_cast<int>(flags.positional().size()));
  for (const std::string& path : flags.positional()) {
    Document doc;
    progress.StartFile(path, &options);
    Status s = ExtractText(path, options, restorer.get(), &doc);
    progress.Clear();
    std::vector<Table> tables;
    std::vector<Finding> findings;
    if (s.ok()) s = ParseTables(doc, options.tables, &tables, &findings);
    if (!s.ok()) {
      PrintError(s);
      exit_code = CombineExitCodes(exit_code, ExitCodeFor(s));
      continue;
    }
    // A page image on which no table could be read says so (a finding and
    // the exit code of an empty input), never an empty result in silence.
    if (doc.format == "image" && tables.empty()) {
      Finding none;
      none.kind = FindingKind::kParse;
      none.severity = Severity::kError;
      none.page = 1;
      none.message = "no table could be read on the image";
      for (const Note& n : doc.notes)
        if (n.level == "warning" && n.message.rfind("photo: ", 0) == 0) none.message += " (" + n.message.substr(7) + ")";
      findings.push_back(none);
      exit_code = CombineExitCodes(exit_code, ExitCodeFor(Status::Empty(path)));
    }
    PrintWarnings(doc);
    for (const Finding& f : findings) PrintFinding(path, f);
    if (json) {
      jw.BeginObject().Key("path").String(path).Key("tables").BeginArray();
      for (const Table& t : tables) WriteTableJson(t, &jw);
      jw.EndArray().Key("findings").BeginArray();
      for (const Finding& f : findings) WriteFindingJson(f, &jw);
      jw.EndArray().EndObject();
    } else if (csv) {
      for (const Table& t : tables) {
        auto emit = [&](const Row& r, const std::string& stt) {
          for (size_t k = 0; k < r.cells.size() && k < t.columns.size(); ++k)
            std::printf("%s,%s,%s,%s,%s,%s,%s\n", field(path).c_str(), field(t.id).c_str(),
                        field(stt).c_str(), field(r.unit).c_str(), field(r.unit_canonical).c_str(),
                        field(t.columns[k].key).c_str(), CsvValue(r.cells[k]).c_str());
        };
        for (const Row& r : t.rows) emit(r, r.stt);
        if (t.total) emit(*t.total, "total");
        if (t.percent) emit(*t.percent, "percent");
      }
    } else {
      if (flags.positional().size() > 1) std::printf("== %s\n", Printable(path).c_str());
      if (tables.empty()) std::printf("(no appendix tables)\n");
      for (const Table& t : tables) PrintTable(t);
    }
  }
  if (json) {
    jw.EndArray().EndObject();
    std::puts(jw.str().c_str());
  }
  return exit_code;
}

}  // namespace sohoa::cli
