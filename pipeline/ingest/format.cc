#include "pipeline/ingest/format.h"

#include <algorithm>
#include <cctype>

#include "pipeline/core/utf8.h"
#include "pipeline/ingest/html_reader.h"

namespace sohoa {

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Text unless it holds NULs or more than 2% C0 controls other than
// tab/newline/carriage return/form feed/escape (the sample is the first 64 KB).
bool LooksLikeText(std::string_view bytes) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                            (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    return true;
  std::string_view sample = bytes.substr(0, 65536);
  size_t controls = 0;
  for (unsigned char c : sample) {
    if (c == 0) return false;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++controls;
  }
  return controls * 50 <= sample.size();
}

// A UTF-16LE stream name as it appears in a compound file's directory.
bool HasUtf16Name(std::string_view b, std::string_view ascii) {
  std::string wide;
  for (char c : ascii) {
    wide.push_back(c);
    wide.push_back('\0');
  }
  return b.find(wide) != std::string_view::npos;
}

}  // namespace

const char* InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kText: return "text";
    case InputFormat::kPdf: return "pdf";
    case InputFormat::kPng: return "png";
    case InputFormat::kJpeg: return "jpeg";
    case InputFormat::kTiff: return "tiff";
    case InputFormat::kBmp: return "bmp";
    case InputFormat::kGif: return "gif";
    case InputFormat::kWebp: return "webp";
    case InputFormat::kHtml: return "html";
    case InputFormat::kDocx: return "docx";
    case InputFormat::kOdt: return "odt";
    case InputFormat::kZip: return "zip";
    case InputFormat::kDoc: return "doc";
    case InputFormat::kEncryptedOffice: return "encrypted office document";
    case InputFormat::kOle: return "OLE compound file";
    case InputFormat::kRtf: return "rtf";
    case InputFormat::kUnknown: break;
  }
  return "unknown";
}

bool IsImageFormat(InputFormat format) {
  switch (format) {
    case InputFormat::kPng: case InputFormat::kJpeg: case InputFormat::kTiff:
    case InputFormat::kBmp: case InputFormat::kGif: case InputFormat::kWebp:
      return true;
    default:
      return false;
  }
}

InputFormat FormatFromExtension(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos) return InputFormat::kUnknown;
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "txt" || ext == "md" || ext == "text") return InputFormat::kText;
  if (ext == "pdf") return InputFormat::kPdf;
  if (ext == "png") return InputFormat::kPng;
  if (ext == "jpg" || ext == "jpeg") return InputFormat::kJpeg;
  if (ext == "tif" || ext == "tiff") return InputFormat::kTiff;
  if (ext == "bmp") return InputFormat::kBmp;
  if (ext == "gif") return InputFormat::kGif;
  if (ext == "webp") return InputFormat::kWebp;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return InputFormat::kHtml;
  if (ext == "docx") return InputFormat::kDocx;
  if (ext == "odt") return InputFormat::kOdt;
  if (ext == "zip") return InputFormat::kZip;
  if (ext == "doc") return InputFormat::kDoc;
  if (ext == "rtf") return InputFormat::kRtf;
  return InputFormat::kUnknown;
}

InputFormat SniffFormat(std::string_view b) {
  if (StartsWith(b, "\x89PNG\r\n\x1A\n")) return InputFormat::kPng;
  if (StartsWith(b, "\xFF\xD8\xFF")) return InputFormat::kJpeg;
  if (StartsWith(b, std::string_view("II*\0", 4)) || StartsWith(b, std::string_view("MM\0*", 4)))
    return InputFormat::kTiff;
  if (StartsWith(b, "BM") && b.size() >= 26) {
    // "BM" alone is too weak (a text file may start so): the DIB header size
    // that follows must be one of the sizes BMP versions use.
    unsigned dib = static_cast<unsigned char>(b[14]) | static_cast<unsigned char>(b[15]) << 8;
    if ((dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 108 || dib == 124) &&
        b[16] == 0 && b[17] == 0)
      return InputFormat::kBmp;
  }
  if (StartsWith(b, "GIF87a") || StartsWith(b, "GIF89a")) return InputFormat::kGif;
  if (StartsWith(b, "RIFF") && b.size() >= 12 && b.compare(8, 4, "WEBP") == 0)
    return InputFormat::kWebp;
  if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return InputFormat::kPdf;
  if (StartsWith(b, "PK\x03\x04") || StartsWith(b, "PK\x05\x06")) {
    // Member names are stored uncompressed (local headers and the central
    // directory), so a search of the bytes finds them even in a damaged zip.
    if (b.find("word/document") != std::string_view::npos) return InputFormat::kDocx;
    if (b.substr(0, 100).find("mimetypeapplication/vnd.oasis.opendocument.text") !=
        std::string_view::npos)
      return InputFormat::kOdt;
    return InputFormat::kZip;
  }
  if (StartsWith(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    if (HasUtf16Name(b, "EncryptedPackage")) return InputFormat::kEncryptedOffice;
    if (HasUtf16Name(b, "WordDocument")) return InputFormat::kDoc;
    return InputFormat::kOle;
  }
  if (StartsWith(b, "{\\rtf")) return InputFormat::kRtf;
  if (LooksLikeText(b)) return DetectHtml(b) == HtmlKind::kNone ? InputFormat::kText : InputFormat::kHtml;
  return InputFormat::kUnknown;
}

}  // namespace sohoa
