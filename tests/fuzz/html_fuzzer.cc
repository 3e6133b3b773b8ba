// Fuzzes the HTML reader (gumbo, table layout, text-with-tables splitting)
// on arbitrary bytes taken as text, both as a whole document and as a text
// file with tables, with small limits so that the limit paths run too; what
// reads is handed to the appendix table parser.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/utf8.h"
#include "pipeline/ingest/html_reader.h"
#include "pipeline/tables/tables.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = sohoa::ToValidUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size));
  sohoa::HtmlLimits limits;
  limits.max_depth = 64;
  limits.max_cells = 20'000;
  limits.max_line_bytes = 1 << 16;
  for (sohoa::HtmlKind kind : {sohoa::HtmlKind::kDocument, sohoa::HtmlKind::kTextWithTables}) {
    sohoa::Document doc;
    if (!sohoa::ReadHtml("fuzz.html", text, kind, limits, &doc).ok()) continue;
    for (sohoa::Page& page : doc.pages) sohoa::RefreshGridCellTexts(&page);
    // The HTML tables as the appendix parser sees them (issue 25).
    std::vector<sohoa::Table> tables;
    std::vector<sohoa::Finding> findings;
    (void)sohoa::ParseTables(doc, sohoa::TableOptions(), &tables, &findings);
  }
  (void)sohoa::DetectHtml(text);
  (void)sohoa::DeclaredHtmlCharset(text);
  return 0;
}
