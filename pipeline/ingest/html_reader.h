// HTML input: a whole HTML document, or a plain-text report with HTML
// <table> elements in it (clerks' text exports), parsed with gumbo (libgumbo,
// the HTML5 parsing algorithm).
//   out: plain-text pages (BoxUnit::kNone). Text outside tables becomes
//        lines: block elements and <br> end a line, newlines inside text are
//        kept (many such files are text exports with some markup), runs of
//        spaces collapse, <script>/<style>/<head> are dropped, entities and
//        numeric references are decoded by gumbo. Each <table> becomes a Grid
//        (structure "html") with rowspan/colspan laid out into slots, and its
//        rows as lines of tab-separated cell texts (markup inside a cell, a
//        nested table included, flattened into the cell's text). A 1x1 table
//        (a layout frame) is read as ordinary text.
//        In a plain-text file only the <table>...</table> parts are parsed;
//        the text between them is kept exactly as written (lines, tabs,
//        other markup), as the plain-text reader keeps it.
// Limits (TooLarge, exit 8): input size, element nesting depth (checked on
// the bytes before gumbo builds its tree, whose destruction recurses), table
// cells. Thread-safe (no shared state).
#ifndef SOHOA_INGEST_HTML_READER_H_
#define SOHOA_INGEST_HTML_READER_H_

#include <string>
#include <string_view>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace sohoa {

struct HtmlLimits {
  size_t max_bytes = 32u << 20;      // default 32 MiB of HTML
  int max_depth = 256;               // default 256 nested elements
  size_t max_cells = 1'000'000;      // default 1,000,000 grid slots in all tables
  size_t max_line_bytes = 1u << 20;  // default 1 MiB per output line
};

enum class HtmlKind { kNone, kDocument, kTextWithTables };

// kDocument when the text starts (after a BOM, whitespace, comments or an
// XML declaration) with <!DOCTYPE html, <html, <head or <body; kTextWithTables
// when it holds a <table ...> followed by a <td or <th; else kNone. Works on
// UTF-8 and on ASCII-compatible 8-bit text.
HtmlKind DetectHtml(std::string_view text);

// The encoding an HTML document declares in its first 1024 bytes
// (<meta charset=...> or content="...; charset=..."), lower-case; "" if none.
std::string DeclaredHtmlCharset(std::string_view text);

// Reads `utf8` (valid UTF-8) as `kind` into doc->pages. `path` names the file
// in errors.
Status ReadHtml(const std::string& path, std::string_view utf8, HtmlKind kind,
                const HtmlLimits& limits, Document* doc);

}  // namespace sohoa

#endif  // SOHOA_INGEST_HTML_READER_H_
