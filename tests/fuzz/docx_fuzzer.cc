// Fuzzes the .docx reader (libzip, pugixml, styles, tables) on arbitrary
// bytes as a package, and on arbitrary bytes as word/document.xml inside a
// valid package (the first byte chooses), so that the XML walker is reached
// without the fuzzer having to forge zip checksums. A package that reads is
// handed to the appendix table parser.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/ingest/docx_reader.h"
#include "pipeline/tables/tables.h"

namespace {

std::string ZipOneDocument(const std::string& xml) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!src) return "";
  zip_source_keep(src);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  if (!za) {
    zip_source_free(src);
    return "";
  }
  zip_source_t* part = zip_source_buffer(za, xml.data(), xml.size(), 0);
  zip_file_add(za, "word/document.xml", part, ZIP_FL_OVERWRITE);
  zip_close(za);
  std::string out;
  if (zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    out.resize(static_cast<size_t>(zip_source_tell(src)));
    zip_source_seek(src, 0, SEEK_SET);
    zip_source_read(src, out.data(), out.size());
    zip_source_close(src);
  }
  zip_source_free(src);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  sohoa::DocxLimits limits;
  limits.max_depth = 64;
  limits.max_cells = 20'000;
  limits.max_part_bytes = 1 << 20;
  sohoa::Document doc;
  if (data[0] & 1) bytes = ZipOneDocument(bytes);
  if (!sohoa::ReadDocx("fuzz.docx", bytes, limits, &doc).ok()) return 0;
  // The Word tables as the appendix parser sees them (issue 25).
  std::vector<sohoa::Table> tables;
  std::vector<sohoa::Finding> findings;
  (void)sohoa::ParseTables(doc, sohoa::TableOptions(), &tables, &findings);
  return 0;
}
