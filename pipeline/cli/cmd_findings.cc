// sohoa findings: every finding in the archive, with document, page and cell.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/store/export.h"
#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/output.h"
#include "pipeline/core/files.h"
#include "pipeline/store/store.h"
#include "pipeline/store/xlsx.h"

namespace sohoa::cli {

namespace {

CommandSpec FindingsSpec() {
  CommandSpec spec;
  spec.name = "findings";
  spec.usage = "sohoa findings [options] [--db FILE]";
  spec.summary = "List every finding in the archive with document, page and cell.";
  spec.description =
      "Findings are what the tables and check stages found wrong or doubtful: row\n"
      "identities, column totals, percentages, narrative claims, carry-over between\n"
      "periods and cells that could not be read. Each row names the document, its\n"
      "period, the page and line, the table, row and column of the cell, the value as\n"
      "stated, the value expected and, when one explanation fits best, a suggestion.\n"
      "On a terminal the findings are an aligned table (document, period, unit,\n"
      "column, value read, suggested value, message) cut to the terminal's width;\n"
      "when stdout is not a terminal the default is CSV, so scripts keep working.\n"
      "--format chooses: table, csv or json. In CSV a text cell that a spreadsheet\n"
      "would take for a formula (starting with =, +, -, @, a tab or a carriage\n"
      "return) has a ' in front and is quoted (the OWASP rule); numbers stay numbers.\n"
      "The archive is opened read-only. Exit codes: 0 ok, 2 usage, 11 archive error.";
  spec.flags = {
      {"db", "ARCHIVE", "sohoa.db",
       "the archive written by 'sohoa ingest': an SQLite file or a PostgreSQL database "
       "(postgresql://... or \"host=... dbname=...\")"},
      {"body", "NAME", "", "only reports of this issuing (or parent) body; case and diacritics ignored"},
      {"province", "NAME", "", "only reports of this province (\"Phú Yên\", \"phu yen\")"},
      {"format", "FORMAT", "", "table, csv, json or xlsx (default: table on a terminal, else csv)"},
      {"raw-csv", "", "", "csv: write text cells that start with = + - @ as they are "
                          "(default: as text, with a ' in front)"},
      {"output", "FILE", "", "write to FILE (complete or not at all) instead of stdout"},
  };
  spec.flags.back().short_name = 'o';
  spec.examples =
      "  sohoa findings --db sohoa.db\n"
      "  sohoa findings --db sohoa.db --format table | less -S\n"
      "  sohoa findings --db sohoa.db > findings.csv\n"
      "  sohoa findings --db sohoa.db --format xlsx -o findings.xlsx\n"
      "  sohoa findings --db sohoa.db --format json | jq '.findings[] | select(.kind == \"carryover\")'\n";
  return spec;
}

// Terminal columns a UTF-8 string takes: one per code point, none for
// combining marks (U+0300..U+036F, as decomposed Vietnamese tones are).
size_t DisplayWidth(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    if (c == 0xCC && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80) {
      ++i;  // U+0300..U+033F
      continue;
    }
    if (c == 0xCD && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0xAF) {
      ++i;  // U+0340..U+036F
      continue;
    }
    ++w;
  }
  return w;
}

// `s` cut to `width` columns (the last one "…" when cut), padded with spaces
// when `pad`.
std::string Fit(const std::string& s, size_t width, bool pad) {
  std::string out;
  if (DisplayWidth(s) <= width) {
    out = s;
  } else if (width > 0) {
    size_t i = 0;
    while (i < s.size()) {
      size_t j = i + 1;
      while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
      if (DisplayWidth(s.substr(0, j)) > width - 1) break;
      i = j;
    }
    out = s.substr(0, i) + "\u2026";
  }
  if (pad) out.append(width - std::min(width, DisplayWidth(out)), ' ');
  return out;
}

// 0 when output should not be cut.
size_t TerminalWidth() {
  struct winsize ws;
  if (isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS"); c != nullptr && std::atoi(c) > 0)
    return static_cast<size_t>(std::atoi(c));
  return 0;
}

// The findings as an aligned table for people: one line each.
std::string FindingsTable(const std::vector<FindingRow>& rows, size_t width) {
  const std::vector<std::string> header = {"document", "period",    "unit",   "column",
                                           "read",     "suggested", "message"};
  const std::vector<size_t> caps = {28, 12, 24, 22, 12, 12, 0};
  std::vector<std::vector<std::string>> cells;
  for (const FindingRow& fr : rows) {
    const Finding& f = fr.finding;
    const CellPlace c = fr.cell.value_or(CellPlace());
    const size_t slash = fr.document.find_last_of('/');
    std::string doc = slash == std::string::npos ? fr.document : fr.document.substr(slash + 1);
    std::string unit = fr.cell ? c.unit : f.row_label;
    std::string column = fr.cell ? (c.header.empty() ? c.column : c.header) : f.column;
    std::string read = fr.cell && c.value ? FormatValue(c.value) : FormatValue(f.stated);
    std::string suggested = FormatValue(f.suspect ? f.suspect->suggested : std::nullopt);
    std::string message = std::string(SeverityName(f.severity)) + ": " + f.message;
    std::vector<std::string> row = {doc, fr.period, unit, column, read, suggested, message};
    // Control characters (a document's escape sequences too) shown as \x1b.
    for (std::string& cell : row) {
      for (char& ch : cell)
        if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
      cell = Printable(cell);
    }
    cells.push_back(std::move(row));
  }
  std::vector<size_t> w(header.size());
  for (size_t k = 0; k < header.size(); ++k) {
    w[k] = DisplayWidth(header[k]);
    for (const auto& row : cells) w[k] = std::max(w[k], DisplayWidth(row[k]));
    if (caps[k] > 0) w[k] = std::min(w[k], caps[k]);
  }
  size_t fixed = 0;
  for (size_t k = 0; k + 1 < w.size(); ++k) fixed += w[k] + 2;
  // On a narrow terminal the names give way (widest first, to 8 columns)
  // so that the message keeps at least kMessage columns.
  constexpr size_t kMessage = 36, kNarrowest = 8;
  while (width > 0 && fixed + kMessage > width) {
    size_t* widest = nullptr;
    for (size_t k : {0, 2, 3})
      if (w[k] > kNarrowest && (widest == nullptr || w[k] > *widest)) widest = &w[k];
    if (widest == nullptr) break;
    --*widest;
    --fixed;
  }
  if (width > 0) w.back() = width > fixed + 10 ? width - fixed : 10;
  std::string out;
  auto line = [&](const std::vector<std::string>& row) {
    std::string l;
    for (size_t k = 0; k < row.size(); ++k) {
      const bool last = k + 1 == row.size();
      l += Fit(row[k], w[k], !last);
      if (!last) l += "  ";
    }
    if (width > 0) l = Fit(l, width, false);
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(header);
  for (const auto& row : cells) line(row);
  out += std::to_string(rows.size()) + (rows.size() == 1 ? " finding\n" : " findings\n");
  return out;
}

}  // namespace

int RunFindings(const Args& args) {
  static const CommandSpec spec = FindingsSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("findings", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  if (!flags.positional().empty())
    return UsageError("findings", "unexpected argument '" + flags.positional()[0] + "'");
  const std::string output = flags.Get("output");
  if (flags.Has("output") && output.empty())
    return UsageError("findings", "--output needs a value (it was empty)");
  std::string format = flags.Get("format");
  if (format.empty()) format = isatty(STDOUT_FILENO) == 1 && output.empty() ? "table" : "csv";
  if (format != "table" && format != "csv" && format != "json" && format != "xlsx")
    return UsageError("findings", "--format must be table, csv, json or xlsx, not '" + format + "'");
  if (format == "xlsx" && (output.empty() || output == "-"))
    return UsageError("findings", "--format xlsx needs -o FILE.xlsx");
  if (Status c = CheckOutputPath(output, {flags.Get("db")}); !output.empty() && !c.ok())
    return UsageError("findings", c.message());
  if (flags.Has("raw-csv") && format != "csv") return UsageError("findings", "--raw-csv is for --format csv");
  const CsvStyle style = flags.Has("raw-csv") ? CsvStyle::kRaw : CsvStyle::kSpreadsheetSafe;
  ArchiveOptions ao;
  ao.read_only = true;
  std::unique_ptr<SqliteArchive> archive;
  Status s = SqliteArchive::Open(flags.Get("db"), ao, &archive);
  FindingsQuery q;
  q.body = flags.Get("body");
  q.province = flags.Get("province");
  if (s.ok() && format == "xlsx") {
    std::vector<FindingRow> rows;
    s = archive->Findings(q, &rows);
    if (s.ok()) s = WriteXlsx(output, {nullptr, &rows});
    if (!s.ok()) {
      PrintError(s);
      return ExitCodeFor(s);
    }
    return 0;
  }
  if (s.ok() && format == "table") {
    // A table for a person on a terminal: column widths need every row.
    std::vector<FindingRow> rows;
    s = archive->Findings(q, [&](FindingRow&& r) { rows.push_back(std::move(r)); });
    if (s.ok()) {
      StreamedOutput out;
      s = out.Open(output);
      if (s.ok()) {
        *out.buffer() = FindingsTable(rows, output.empty() ? TerminalWidth() : 0);
        s = out.Finish();
      }
      if (s.ok()) return 0;
    }
  }
  StreamedOutput out;
  if (s.ok()) s = out.Open(output);
  const bool json = format == "json";
  if (s.ok()) {
    *out.buffer() += json ? std::string(kFindingsJsonBegin) : FindingsCsvHeader();
    bool first = true;
    s = archive->Findings(q, [&](FindingRow&& r) {
      if (json) FindingsJsonRow(r, first, out.buffer());
      else FindingsCsvRow(r, out.buffer(), style);
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
