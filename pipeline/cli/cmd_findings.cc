// sohoa findings: every finding in the archive, with document, page and cell.
#include <cstdio>
#include <memory>
#include <string>

#include "pipeline/store/export.h"
#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/output.h"
#include "pipeline/store/store.h"

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
      "The archive is opened read-only. Exit codes: 0 ok, 2 usage, 11 archive error.";
  spec.flags = {
      {"db", "FILE", "sohoa.db", "the archive written by 'sohoa ingest'"},
      {"body", "NAME", "", "only reports of this issuing (or parent) body; case and diacritics ignored"},
      {"province", "NAME", "", "only reports of this province (\"Phú Yên\", \"phu yen\")"},
      {"format", "FORMAT", "csv", "csv or json"},
  };
  spec.examples =
      "  sohoa findings --db sohoa.db\n"
      "  sohoa findings --db sohoa.db --format json | jq '.findings[] | select(.kind == \"carryover\")'\n";
  return spec;
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
  const std::string format = flags.Get("format");
  if (format != "csv" && format != "json")
    return UsageError("findings", "--format must be csv or json, not '" + format + "'");
  ArchiveOptions ao;
  ao.read_only = true;
  std::unique_ptr<SqliteArchive> archive;
  Status s = SqliteArchive::Open(flags.Get("db"), ao, &archive);
  FindingsQuery q;
  q.body = flags.Get("body");
  q.province = flags.Get("province");
  StreamedOutput out;
  if (s.ok()) s = out.Open("");
  const bool json = format == "json";
  if (s.ok()) {
    *out.buffer() += json ? std::string(kFindingsJsonBegin) : FindingsCsvHeader();
    bool first = true;
    s = archive->Findings(q, [&](FindingRow&& r) {
      if (json) FindingsJsonRow(r, first, out.buffer());
      else FindingsCsvRow(r, out.buffer());
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
