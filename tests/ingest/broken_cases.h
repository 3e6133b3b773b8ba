// Files of the broken-input corpus (fixtures/broken/README.md) whose
// handling needs no OCR, with their documented exit code and message.
#ifndef SOHOA_TESTS_INGEST_BROKEN_CASES_H_
#define SOHOA_TESTS_INGEST_BROKEN_CASES_H_

#include <ostream>

namespace sohoa::testing {

struct Case {
  const char* file;
  int exit_code;
  const char* message;  // part of the one-line error (empty: success)
};

// gtest prints parameters with this (instead of raw bytes).
inline void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }

inline constexpr Case kFastCases[] = {
    {"broken/truncated.pdf", 5, "PDF is damaged and cannot be read"},
    {"broken/truncated_header_only.pdf", 5, "PDF is damaged and cannot be read"},
    {"broken/encrypted.pdf", 6, "PDF is encrypted"},
    {"broken/zero_pages.pdf", 4, "PDF has no pages"},
    {"broken/one_pixel_page.pdf", 4, "no text found"},
    {"broken/empty.pdf", 4, "file is empty"},
    {"broken/huge_20000x20000.png", 8, "image is 20000x20000 pixels"},
    {"broken/truncated.docx", 5, "Word document is damaged: not a readable zip archive"},
    {"broken/not_zip_text.docx", 5, "Word document is damaged: not a zip archive (named .docx)"},
    {"broken/not_zip_binary.odt", 5, "Word document is damaged: not a zip archive (named .odt)"},
    {"broken/zip_bomb.docx", 8, "refused as a zip bomb"},
    {"broken/billion_laughs.docx", 5, "declares a DTD (<!DOCTYPE>): refused"},
    {"broken/xxe.docx", 5, "declares a DTD (<!DOCTYPE>): refused"},
    {"broken/encrypted.docx", 6, "Word document is encrypted (password required)"},
    {"broken/deep_nesting.html", 8, "HTML elements nested deeper than 256 levels"},
};

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_INGEST_BROKEN_CASES_H_
