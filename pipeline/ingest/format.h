// Input format detection from the first bytes of a file (magic numbers), with
// the file name's extension as a hint only: a JPEG named .pdf is a JPEG.
// Thread-safe (pure functions).
#ifndef SOHOA_INGEST_FORMAT_H_
#define SOHOA_INGEST_FORMAT_H_

#include <string>
#include <string_view>

namespace sohoa {

enum class InputFormat {
  kUnknown, kText, kPdf, kPng, kJpeg, kTiff, kBmp, kGif, kWebp,
  kHtml,             // text holding an HTML document or <table> elements
  kDocx,             // zip with word/document.xml
  kOdt,              // zip whose mimetype is an OpenDocument text
  kZip,              // any other zip (not read)
  kDoc,              // OLE compound file with a WordDocument stream (Word 97-2003)
  kEncryptedOffice,  // OLE compound file with an EncryptedPackage stream (password-protected .docx)
  kOle,              // any other OLE compound file (Excel, PowerPoint, ...: not read)
  kRtf,
};

const char* InputFormatName(InputFormat format);  // "pdf", "png", "text", ...
bool IsImageFormat(InputFormat format);

// What the extension of `path` claims (case-insensitive); kUnknown for none
// or an extension sohoa does not know.
InputFormat FormatFromExtension(std::string_view path);

// What the content is. Binary signatures first (%PDF may follow up to 1 KB
// of junk, as readers allow); then text: a BOM, valid UTF-8, or bytes with no
// NUL and few control characters (legacy 8-bit encodings).
InputFormat SniffFormat(std::string_view bytes);

}  // namespace sohoa

#endif  // SOHOA_INGEST_FORMAT_H_
