// sohoa check: verify every figure of reports (identities, column totals,
// percentages, narrative claims, carry-over between periods) and point to the
// cell that is wrong with the value that repairs it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

#include "pipeline/check/apply.h"
#include "pipeline/check/check.h"
#include "pipeline/check/memory_archive.h"
#include "pipeline/check/table_check.h"
#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/options.h"
#include "pipeline/cli/output.h"
#include "pipeline/cli/progress.h"
#include "pipeline/store/store.h"
#include "pipeline/core/files.h"
#include "pipeline/core/numbers.h"
#include "pipeline/pipeline.h"

namespace sohoa::cli {

namespace {

CommandSpec CheckSpec() {
  CommandSpec spec;
  spec.name = "check";
  spec.usage = "sohoa check [options] FILE...";
  spec.summary = "Check every figure of reports and point to the cell that is wrong.";
  spec.description =
      "Each file is extracted and its appendix tables parsed as by `sohoa tables`, then\n"
      "checked: row identities (Tổng số = Kỳ trước + Số mới = Đã giải quyết + Đang giải\n"
      "quyết, ...; inferred from the data for tables of unknown layout), column totals\n"
      "against the Tổng cộng row, the Tỷ lệ % row recomputed over each column's parent,\n"
      "row bounds (trực tuyến <= Số mới tiếp nhận, ...: dictionaries/check/bounds.txt),\n"
      "figures claimed in the text (\"đã giải quyết 10.170 hồ sơ (chiếm 79,79%)\")\n"
      "against the tables and each other, and, when two or more files of one body\n"
      "are given (or --previous), the carry-over between consecutive periods (Kỳ\n"
      "trước of a month = Đang giải quyết of the month before) and the text's\n"
      "comparisons with an earlier period (\"giảm 5,65 % so với tháng 5\"); when\n"
      "the period referred to is not given, nothing is said. When one cell explains\n"
      "the broken relations it is named with the value that repairs them all; values one\n"
      "OCR confusion away from what was read (3/8, 1/7, a dropped digit, 12,746 for\n"
      "12.746) are preferred; when several explanations fit equally they are all\n"
      "listed and none is suggested. The extracted data is never changed.\n"
      "\n"
      "The report (stdout) is grouped by table, most serious first, each line giving\n"
      "page and line, unit and column, then the source line as written (and where\n"
      "the suspect cell is when it is on another row). Exit code 0 whenever the\n"
      "check ran (findings or not), 1 with --strict when there is an error finding,\n"
      "or the input error codes of README \"Exit codes\".";
  spec.flags = ExtractionFlags();
  spec.flags.push_back({"json", "", "",
                        "print {\"findings\": [{file, kind, severity, table, row, row_label, column, "
                        "stated, expected, message, suspect: {row, column, value, suggested, "
                        "alternatives}, page, line}]}"});
  spec.flags.push_back({"strict", "", "", "exit 1 when any finding has severity error"});
  spec.flags.push_back({"previous", "FILE", "",
                        "a report of an earlier period to check carry-over against (repeatable); "
                        "it is not itself reported on",
                        true});
  spec.flags.push_back({"apply-suggestions", "OUT", "",
                        "write a corrected copy of the tables to OUT (.json: as `sohoa tables "
                        "--json`; otherwise CSV file,table,row,stt,unit,column,text,value); each "
                        "change is listed on stderr"});
  spec.flags.push_back({"dictionaries", "DIR", "", "dictionaries directory (default: the installed one)"});
  spec.flags.push_back({"quiet", "", "", "no progress on stderr (shown only when stderr is a terminal)"});
  spec.examples =
      "  sohoa check report.pdf\n"
      "  sohoa check --json report.txt | jq '.findings[] | select(.severity == \"error\")'\n"
      "  sohoa check --strict thang5.pdf thang6.pdf      # carry-over between the two months\n"
      "  sohoa check --previous thang5.pdf thang6.pdf\n"
      "  sohoa check --apply-suggestions fixed.csv scan.pdf\n";
  return spec;
}

struct Item {
  std::string path;
  ProcessedDocument pd;
  bool reported = true;  // false for --previous files
};

int SeverityRank(Severity s) { return s == Severity::kError ? 2 : s == Severity::kWarning ? 1 : 0; }

std::string Where(const Finding& f) {
  std::string out;
  if (f.page) out += "p" + std::to_string(f.page) + " ";
  if (f.line) out += "l" + std::to_string(f.line);
  while (out.size() < 9) out += ' ';
  return out;
}

// The source line (page, line) as written, whitespace collapsed, at most
// ~110 bytes (cut at a space); "" when the document has no such line.
std::string SourceText(const Document& doc, int page, int line) {
  if (page <= 0 || line <= 0) return "";
  for (const Page& p : doc.pages) {
    if (p.number != page) continue;
    for (size_t i = 0; i < p.lines.size(); ++i) {
      int n = p.lines[i].source_line ? p.lines[i].source_line : static_cast<int>(i) + 1;
      if (n != line) continue;
      std::string q;
      const std::string text = p.lines[i].Text();
      for (size_t k = 0; k < text.size(); ++k) {
        char ch = text[k];
        // Markup of text inputs ("<b>Tổng cộng</b>") is not what a person sees.
        if (ch == '<' && k + 1 < text.size() &&
            (isalpha(static_cast<unsigned char>(text[k + 1])) || text[k + 1] == '/')) {
          size_t close = text.find('>', k);
          if (close != std::string::npos) {
            k = close;
            continue;
          }
        }
        bool space = ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
        if (space && (q.empty() || q.back() == ' ')) continue;
        q += space ? ' ' : ch;
      }
      while (!q.empty() && q.back() == ' ') q.pop_back();
      if (q.size() > 110) {
        size_t cut = q.rfind(' ', 110);
        q = q.substr(0, cut == std::string::npos || cut < 60 ? 110 : cut);
        while (!q.empty() && (static_cast<unsigned char>(q.back()) & 0xC0) == 0x80) q.pop_back();
        if (!q.empty() && (static_cast<unsigned char>(q.back()) & 0xC0) == 0xC0) q.pop_back();
        q += " …";
      }
      return q;
    }
  }
  return "";
}

void PrintReport(const Item& item) {
  const std::vector<Finding>& findings = item.pd.findings;
  int counts[3] = {0, 0, 0};
  for (const Finding& f : findings) ++counts[SeverityRank(f.severity)];
  std::string period;
  if (item.pd.meta.period_determined) {
    const ReportMeta& m = item.pd.meta;
    period = " (" + m.period_kind + " " + std::to_string(m.period_index) + "/" +
             std::to_string(m.period_year) + ")";
  }
  std::printf("%s%s: %zu table(s), %d error(s), %d warning(s), %d note(s)\n", Printable(item.path).c_str(),
              period.c_str(), item.pd.tables.size(), counts[2], counts[1], counts[0]);
  // Group by table; the narrative ("") as its own group.
  std::map<std::string, std::vector<const Finding*>> groups;
  for (const Finding& f : findings) groups[f.table].push_back(&f);
  std::vector<std::pair<std::string, std::vector<const Finding*>>> ordered(groups.begin(), groups.end());
  auto worst = [](const std::vector<const Finding*>& v) {
    int w = 0;
    for (const Finding* f : v) w = std::max(w, SeverityRank(f->severity));
    return w;
  };
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](const auto& a, const auto& b) { return worst(a.second) > worst(b.second); });
  for (auto& [table, list] : ordered) {
    std::string title = table.empty() ? "Text (narrative claims and carry-over)" : "Table " + table;
    for (const Table& t : item.pd.tables)
      if (t.id == table && !t.title.empty()) title += " — " + t.title;
    std::printf("  %s\n", title.c_str());
    std::stable_sort(list.begin(), list.end(), [](const Finding* a, const Finding* b) {
      if (SeverityRank(a->severity) != SeverityRank(b->severity))
        return SeverityRank(a->severity) > SeverityRank(b->severity);
      return a->page != b->page ? a->page < b->page : a->line < b->line;
    });
    const char* indent = "                                   ";
    for (const Finding* f : list) {
      std::printf("    %-7s %s %-12s %s\n", SeverityName(f->severity), Where(*f).c_str(),
                  FindingKindName(f->kind), f->message.c_str());
      // The line as written, so a person finds it in the source (narrative
      // messages already quote theirs).
      if (f->kind != FindingKind::kNarrative) {
        std::string src = SourceText(item.pd.doc, f->page, f->line);
        if (!src.empty()) std::printf("%s│ %s\n", indent, src.c_str());
      }
      if (f->suspect && f->suspect->suggested) {
        std::string who = "text", column = f->suspect->column, at, src;
        for (const Table& t : item.pd.tables) {
          if (t.id != f->table || f->suspect->row == -1) continue;
          who = RowLabel(t, f->suspect->row);
          int c = t.ColumnIndex(f->suspect->column);
          if (c >= 0) column = ColumnLabel(t, c, nullptr);
          const Row* row = f->suspect->row == kTotalRowIndex    ? (t.total ? &*t.total : nullptr)
                           : f->suspect->row == kPercentRowIndex ? (t.percent ? &*t.percent : nullptr)
                           : f->suspect->row >= 0 && f->suspect->row < static_cast<int>(t.rows.size())
                               ? &t.rows[f->suspect->row]
                               : nullptr;
          if (!row) continue;
          int page = row->page, line = row->line;
          if (c >= 0 && c < static_cast<int>(row->cells.size()) && row->cells[c].line)
            page = row->cells[c].page ? row->cells[c].page : page, line = row->cells[c].line;
          if (!page) page = t.page;
          if (line && (page != f->page || line != f->line)) {
            at = " at p" + std::to_string(page) + " l" + std::to_string(line);
            src = SourceText(item.pd.doc, page, line);
          }
        }
        std::printf("%s→ suggested %s for %s, '%s'%s\n", indent,
                    FormatVietnameseNumber(*f->suspect->suggested,
                                           f->suspect->row == kPercentRowIndex ||
                                                   std::fabs(*f->suspect->suggested -
                                                             std::round(*f->suspect->suggested)) > 1e-9
                                               ? 2
                                               : 0).c_str(),
                    who.c_str(), column.c_str(), at.c_str());
        if (!src.empty()) std::printf("%s│ %s\n", indent, src.c_str());
      }
    }
  }
}

Status WriteCorrected(const std::string& out, const std::vector<Item>& items) {
  bool json = out.size() >= 5 && out.compare(out.size() - 5, 5, ".json") == 0;
  std::string contents;
  JsonWriter jw;
  if (json) jw.BeginObject().Key("documents").BeginArray();
  bool first = true;
  for (const Item& item : items) {
    if (!item.reported) continue;
    std::vector<AppliedChange> changes;
    std::vector<Table> fixed = ApplySuggestions(item.pd.tables, item.pd.findings, &changes);
    for (const AppliedChange& c : changes)
      std::fprintf(stderr, "sohoa check: %s: %s, %s, %s: %s -> %s\n", Printable(item.path).c_str(),
                   c.table.c_str(), c.row_label.c_str(), c.column.c_str(),
                   c.old_text.empty() ? "(blank)" : c.old_text.c_str(), c.new_text.c_str());
    if (changes.empty())
      std::fprintf(stderr, "sohoa check: %s: no suggestion to apply\n", Printable(item.path).c_str());
    if (json) {
      jw.BeginObject().Key("path").String(item.path).Key("tables").BeginArray();
      for (const Table& t : fixed) WriteTableJson(t, &jw);
      jw.EndArray().EndObject();
    } else {
      contents += TablesToCsv(item.path, fixed, first);
    }
    first = false;
  }
  if (json) {
    jw.EndArray().EndObject();
    contents = jw.str() + "\n";
  }
  if (out == "-") {
    std::fwrite(contents.data(), 1, contents.size(), stdout);
    return std::fflush(stdout) == 0 ? Status::Ok()
                                    : Status::IoError("standard output: write failed");
  }
  return WriteFileAtomically(out, contents);
}

}  // namespace

int RunCheck(const Args& args) {
  static const CommandSpec spec = CheckSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("check", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  if (flags.positional().empty()) return UsageError("check", "no input file given");
  PipelineOptions options;
  if (Status s = ReadExtractionFlags(flags, &options); !s.ok()) return UsageError("check", s.message());
  options.tables.dictionaries_dir = flags.Get("dictionaries");
  options.check.dictionaries_dir = flags.Get("dictionaries");
  if (flags.Has("apply-suggestions")) {
    // Checked before any work: the output must not replace an input or a device.
    std::vector<std::string> inputs = flags.positional();
    for (const std::string& p : flags.GetAll("previous")) inputs.push_back(p);
    if (Status s = CheckOutputPath(flags.Get("apply-suggestions"), inputs); !s.ok())
      return UsageError("check", s.message());
  }
  std::unique_ptr<Restorer> restorer;
  if (options.restore) {
    if (Status s = OpenRestorer(flags, &restorer); !s.ok()) {
      PrintError(s);
      return ExitCodeFor(s);
    }
  }
  int exit_code = 0;
  std::vector<Item> items;
  PageProgress progress(
      PageProgress::ShouldShow(flags.Has("quiet")),
      static_cast<int>(flags.GetAll("previous").size() + flags.positional().size()));
  auto process = [&](const std::string& path, bool reported) {
    Item item;
    item.path = path;
    item.reported = reported;
    progress.StartFile(path, &options);
    Status s = ProcessDocument(path, options, restorer.get(), nullptr, &item.pd);
    progress.Clear();
    if (!s.ok()) {
      PrintError(s);
      exit_code = CombineExitCodes(exit_code, ExitCodeFor(s));
      return;
    }
    PrintWarnings(item.pd.doc);
    items.push_back(std::move(item));
  };
  for (const std::string& path : flags.GetAll("previous")) process(path, false);
  for (const std::string& path : flags.positional()) process(path, true);
  // Carry-over: every file (and --previous) is the archive for the others.
  MemoryArchive archive;
  for (const Item& item : items)
    archive.Add(StoredReport{item.pd.doc.content_hash, item.path, item.pd.meta, item.pd.tables});
  for (Item& item : items) {
    if (!item.reported) continue;
    if (Status s = CheckAgainstArchive(item.pd.doc, item.pd.meta, item.pd.tables, &archive,
                                       options.check, &item.pd.findings);
        !s.ok()) {
      PrintError(Status::Internal(item.path + ": " + s.message()));
      exit_code = CombineExitCodes(exit_code, ExitCodeFor(s));
    }
  }
  // Report in period order when the periods are known.
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    auto pa = MemoryArchive::PeriodOrdinal(a.pd.meta), pb = MemoryArchive::PeriodOrdinal(b.pd.meta);
    if (pa && pb && a.pd.meta.period_kind == b.pd.meta.period_kind) return *pa < *pb;
    return false;
  });
  bool any_error = false;
  if (flags.Has("json")) {
    JsonWriter jw;
    jw.BeginObject().Key("findings").BeginArray();
    for (const Item& item : items) {
      if (!item.reported) continue;
      const ReportMeta& m = item.pd.meta;
      const std::string period =
          m.period_determined ? PeriodLabel(m.period_kind, m.period_year, m.period_index) : "";
      for (const Finding& f : item.pd.findings)
        WriteFindingJson(f, &jw, item.path, period, item.pd.tables);
    }
    jw.EndArray().EndObject();
    std::puts(jw.str().c_str());
  } else {
    for (const Item& item : items)
      if (item.reported) PrintReport(item);
  }
  for (const Item& item : items)
    for (const Finding& f : item.pd.findings)
      any_error = any_error || (item.reported && f.severity == Severity::kError);
  if (flags.Has("apply-suggestions")) {
    if (Status s = WriteCorrected(flags.Get("apply-suggestions"), items); !s.ok()) {
      PrintError(s);
      exit_code = CombineExitCodes(exit_code, ExitCodeFor(s));
    }
  }
  if (flags.Has("strict") && any_error) exit_code = CombineExitCodes(exit_code, 1);
  return exit_code;
}

}  // namespace sohoa::cli
