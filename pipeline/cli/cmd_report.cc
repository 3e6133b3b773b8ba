// sohoa report: the review site of an archive (pipeline/review/site.h).
#include <cstdio>
#include <memory>
#include <string>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/output.h"
#include "pipeline/review/site.h"
#include "pipeline/store/store.h"

namespace sohoa::cli {

namespace {

CommandSpec ReportSpec() {
  CommandSpec spec;
  spec.name = "report";
  spec.usage = "sohoa report [--db FILE] -o DIR";
  spec.summary = "Write a review site of the archive: static HTML to open in a browser.";
  spec.description =
      "DIR/index.html lists every file of the archive (period, issuer, stored or\n"
      "failed with the reason, findings by severity; sortable and filterable); a\n"
      "page per file shows its findings in words, its appendix tables with the\n"
      "suspect cells outlined in red beside the suggested value, and its text page\n"
      "by page; a page per issuer shows each metric by unit and period with gaps\n"
      "and findings marked. No server and no network: open DIR/index.html from\n"
      "disk. Text from the documents is shown as written, never run: every page\n"
      "is escaped and forbids inline scripts (Content-Security-Policy).\n"
      "DIR appears only when complete; an earlier review site there is replaced,\n"
      "another non-empty folder is refused.\n"
      "Each page that holds a table or a finding is shown as an image (PDF pages\n"
      "rendered by Poppler, scans as they are, at most 1600 pixels wide) with the\n"
      "table cells outlined in blue and the suspect cells in red, beside its\n"
      "tables. The images are made from the files where they were ingested: a\n"
      "file that is gone or whose bytes changed (SHA-256) gets a note instead.\n"
      "--no-images skips them.\n"
      "The archive is opened read-only. Exit codes: 0 ok, 2 usage, 3 cannot write\n"
      "DIR, 11 archive error.";
  spec.flags = {
      {"db", "FILE", "sohoa.db", "the archive written by 'sohoa ingest'"},
      {"output", "DIR", "", "the folder to write (required)"},
  };
  spec.flags.back().short_name = 'o';
  spec.flags.push_back({"no-images", "", "", "no page images (faster; the files need not be there)"});
  spec.examples = "  sohoa report --db sohoa.db -o review/ && xdg-open review/index.html\n";
  return spec;
}

}  // namespace

int RunReport(const Args& args) {
  static const CommandSpec spec = ReportSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("report", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  if (!flags.positional().empty())
    return UsageError("report", "unexpected argument '" + flags.positional()[0] + "'");
  const std::string dir = flags.Get("output");
  if (dir.empty()) return UsageError("report", "-o DIR is required (the folder to write)");
  ArchiveOptions ao;
  ao.read_only = true;
  std::unique_ptr<SqliteArchive> archive;
  Status s = SqliteArchive::Open(flags.Get("db"), ao, &archive);
  review::SiteCounts counts;
  review::SiteOptions options;
  options.page_images = !flags.Has("no-images");
  if (s.ok()) s = review::WriteSite(archive.get(), dir, options, &counts);
  if (!s.ok()) {
    PrintError(s);
    return s.code() == Status::Code::kInvalidArgument ? 2 : ExitCodeFor(s);
  }
  std::fprintf(stderr,
               "sohoa report: %d documents, %d findings, %d cells outlined, %d series pages, "
               "%d page images (%d pages without: file gone or changed) -> %s/index.html\n",
               counts.documents, counts.findings, counts.flagged_cells, counts.series_pages,
               counts.page_images, counts.pages_without_image, Printable(dir).c_str());
  return 0;
}

}  // namespace sohoa::cli
