// Fuzzes the HTML reader (gumbo, table layout, text-with-tables splitting)
// on arbitrary bytes taken as text, both as a whole document and as a text
// file with tables, with small limits so that the limit paths run too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/core/utf8.h"
#include "pipeline/ingest/html_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = sohoa::ToValidUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size));
  sohoa::HtmlLimits limits;
  limits.max_depth = 64;
  limits.max_cells = 20'000;
  limits.max_line_bytes = 1 << 16;
  for (sohoa::HtmlKind kind : {sohoa::HtmlKind::kDocument, sohoa::HtmlKind::kTextWithTables}) {
    sohoa::Document doc;
    (void)sohoa::ReadHtml("fuzz.html", text, kind, limits, &doc);
    for (sohoa::Page& page : doc.pages) sohoa::RefreshGridCellTexts(&page);
  }
  (void)sohoa::DetectHtml(text);
  (void)sohoa::DeclaredHtmlCharset(text);
  return 0;
}
