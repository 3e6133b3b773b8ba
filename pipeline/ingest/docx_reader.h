// Word .docx input (Office Open XML), read with libzip and pugixml.
//   in:  the bytes of a .docx (a zip of XML parts)
//   out: plain-text pages (BoxUnit::kNone): each paragraph of
//        word/document.xml a line (w:br and w:cr end a line, a page break
//        w:br type="page" or pageBreakBefore starts a page, w:tab is a tab,
//        w:noBreakHyphen a hyphen, w:sym the character it names); each table
//        (w:tbl) a Grid (structure "docx") with gridSpan, gridBefore, hMerge
//        and vMerge restart/continue laid out into slots, and its rows as
//        lines of tab-separated cell texts (nested tables flattened into
//        their cell); a 1x1 table (a frame) is read as ordinary paragraphs.
//        Every word carries the font of its run (Word::font, from w:rFonts,
//        else the run's character style, the paragraph's style chain and the
//        document defaults in styles.xml), so that normalize decodes runs in
//        legacy fonts (.VnTime, .VnTimeH capitals, VNI-*) exactly as it does
//        PDF text-layer font spans: Word stores such runs as the characters
//        U+0000..U+00FF (CP1252) that stand for the legacy bytes ("Céng hßa").
//        Headers and footers (the parts the sections reference) become notes.
// Hostile input: zip entry count, total and per-member uncompressed size and
// compression ratio are limited (TooLarge), members are looked up by name in
// memory and never used as file paths; an XML part that declares a DTD is
// refused (Corrupt; Word never writes one, and pugixml would not expand its
// entities anyway); nesting deeper than `max_depth` is refused (TooLarge).
// A damaged zip or malformed XML is Corrupt; a zip with encrypted members is
// Encrypted. Thread-safe (no shared state).
#ifndef SOHOA_INGEST_DOCX_READER_H_
#define SOHOA_INGEST_DOCX_READER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace sohoa {

struct DocxLimits {
  int64_t max_entries = 10'000;             // default 10,000 zip members
  uint64_t max_total_bytes = 512ull << 20;  // default 512 MiB declared for all members
  uint64_t max_part_bytes = 64ull << 20;    // default 64 MiB per XML part read
  double max_ratio = 100;                   // default 100:1 for parts above 1 MiB
  int max_depth = 256;                      // default 256 nested XML elements / tables
  size_t max_cells = 1'000'000;             // default 1,000,000 grid slots in all tables
  size_t max_line_bytes = 1u << 20;         // default 1 MiB per output line
};

// `path` names the file in errors and notes.
Status ReadDocx(const std::string& path, std::string_view bytes, const DocxLimits& limits,
                Document* doc);

}  // namespace sohoa

#endif  // SOHOA_INGEST_DOCX_READER_H_
