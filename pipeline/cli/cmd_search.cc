// sohoa search: full-text search over the archive's pages, without case or
// diacritics, with document, period, page and a snippet for each hit.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/output.h"
#include "pipeline/core/json.h"
#include "pipeline/store/store.h"

namespace sohoa::cli {

namespace {

constexpr int kExitNoMatch = 1;

CommandSpec SearchSpec() {
  CommandSpec spec;
  spec.name = "search";
  spec.usage = "sohoa search [options] QUERY... [--db FILE]";
  spec.summary = "Find pages of the archive by their words, without case or diacritics.";
  spec.description =
      "Looks for pages holding every word of the query. Case and diacritics are\n"
      "ignored on both sides: \"quyet dinh\" finds \"Quyết định\", \"dak lak\" finds\n"
      "\"Đắk Lắk\", and \"QUYẾT ĐỊNH\" finds both. Several arguments are one query.\n"
      "  \"words in quotes\"   the words together and in this order (a phrase)\n"
      "  word*               a prefix: \"hanh chinh*\" finds \"hành chính công\"\n"
      "Hits come best first (BM25: rare words and short pages weigh more), each with\n"
      "its document, period, page and the text around the match, matched words in\n"
      "[brackets]. The archive is opened read-only. Archives written by an older\n"
      "sohoa are indexed when 'sohoa ingest' next opens them.\n"
      "Exit codes: 0 some page matches, 1 no page matches, 2 usage (also a query\n"
      "without any word), 11 archive error.";
  spec.flags = {
      {"db", "ARCHIVE", "sohoa.db",
       "the archive written by 'sohoa ingest': an SQLite file or a PostgreSQL database "
       "(postgresql://... or \"host=... dbname=...\")"},
      {"limit", "N", "20", "show at most N hits (best first)"},
      {"format", "FORMAT", "text", "text, csv (document,period,page,body,snippet) or json"},
  };
  spec.examples =
      "  sohoa search quyet dinh --db sohoa.db\n"
      "  sohoa search '\"chi thi so\"' 2020 --db sohoa.db\n"
      "  sohoa search --format csv --limit 1000 'dak lak' --db sohoa.db > hits.csv\n";
  return spec;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

int RunSearch(const Args& args) {
  static const CommandSpec spec = SearchSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("search", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  if (flags.positional().empty()) return UsageError("search", "no query given");
  const std::string format = flags.Get("format");
  if (format != "text" && format != "csv" && format != "json")
    return UsageError("search", "--format must be text, csv or json, not '" + format + "'");
  const int limit = flags.GetInt("limit", -1);
  if (limit < 1) return UsageError("search", "--limit must be a positive number");
  SearchQuery q;
  for (const std::string& word : flags.positional()) q.text += (q.text.empty() ? "" : " ") + word;
  q.limit = limit;

  ArchiveOptions ao;
  ao.read_only = true;
  std::unique_ptr<SqliteArchive> archive;
  Status s = SqliteArchive::Open(flags.Get("db"), ao, &archive);
  std::vector<SearchHit> hits;
  int total = 0;
  if (s.ok()) s = archive->Search(q, &hits, &total);
  if (s.code() == Status::Code::kInvalidArgument) return UsageError("search", s.message());
  if (!s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  std::string out;
  if (format == "csv") {
    out = "document,period,page,body,snippet\n";
    for (const SearchHit& h : hits)
      out += CsvField(h.document) + "," + h.period + "," + std::to_string(h.page) + "," +
             CsvField(h.body) + "," + CsvField(h.snippet) + "\n";
  } else if (format == "json") {
    JsonWriter j;
    j.BeginObject();
    j.Key("query").String(q.text);
    j.Key("total").Int(total);
    j.Key("hits").BeginArray();
    for (const SearchHit& h : hits) {
      j.BeginObject();
      j.Key("document").String(h.document);
      j.Key("content_hash").String(h.content_hash);
      j.Key("period").String(h.period);
      j.Key("body").String(h.body);
      j.Key("page").Int(h.page);
      j.Key("snippet").String(h.snippet);
      j.EndObject();
    }
    j.EndArray();
    j.EndObject();
    out = j.str() + "\n";
  } else {
    for (const SearchHit& h : hits) {
      out += Printable(h.document) + "  " + (h.period.empty() ? "(no period)" : h.period) +
             "  page " + std::to_string(h.page) + "\n    " + Printable(h.snippet) + "\n";
    }
    out += std::to_string(total) + (total == 1 ? " page matches" : " pages match");
    if (total > static_cast<int>(hits.size()))
      out += " (" + std::to_string(hits.size()) + " shown; --limit shows more)";
    out += "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return hits.empty() ? kExitNoMatch : 0;
}

}  // namespace sohoa::cli
