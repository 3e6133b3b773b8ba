#include "pipeline/ingest/ingest.h"

#include <sys/stat.h>

#include "pipeline/core/files.h"
#include "pipeline/core/utf8.h"

namespace sohoa {

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char a = s[s.size() - suffix.size() + i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != suffix[i]) return false;
  }
  return true;
}

// UTF-16 with a byte-order mark to UTF-8; unpaired surrogates and a
// truncated final unit become U+FFFD.
std::string Utf16ToUtf8(const std::string& bytes, bool little_endian, Document* doc) {
  std::string out;
  size_t n = bytes.size();
  auto unit = [&](size_t i) -> char16_t {
    unsigned char a = bytes[i], b = bytes[i + 1];
    return little_endian ? static_cast<char16_t>(a | (b << 8))
                         : static_cast<char16_t>((a << 8) | b);
  };
  size_t i = 2;
  for (; i + 1 < n; i += 2) {
    char16_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
      char16_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        AppendUtf8(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), &out);
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      doc->AddNote("ingest", "warning", "unpaired UTF-16 surrogate", 0, static_cast<int64_t>(i));
      AppendUtf8(kReplacementChar, &out);
      continue;
    }
    AppendUtf8(u, &out);
  }
  if (i < n) {
    doc->AddNote("ingest", "warning", "truncated UTF-16: odd final byte", 0,
                 static_cast<int64_t>(i));
    AppendUtf8(kReplacementChar, &out);
  }
  return out;
}

Status ExtractPlainText(const std::string& path, const std::string& bytes, Document* doc) {
  doc->format = "text";
  std::string text;
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    text = bytes.substr(3);
    doc->encoding = "utf-8";
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
             static_cast<unsigned char>(bytes[1]) == 0xFE) {
    text = Utf16ToUtf8(bytes, true, doc);
    doc->encoding = "utf-16le";
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
             static_cast<unsigned char>(bytes[1]) == 0xFF) {
    text = Utf16ToUtf8(bytes, false, doc);
    doc->encoding = "utf-16be";
  } else if (IsValidUtf8(bytes)) {
    text = bytes;
    doc->encoding = "utf-8";
  } else {
    // Legacy 8-bit text: the normalize stage decides which encoding it is.
    doc->undecoded_bytes = bytes;
    doc->encoding = "8-bit";
    doc->AddNote("ingest", "info",
                 "not UTF-8 (first invalid byte at offset " +
                     std::to_string(FirstInvalidUtf8(bytes)) +
                     "); passed to normalisation as 8-bit bytes",
                 0, static_cast<int64_t>(FirstInvalidUtf8(bytes)));
    return Status::Ok();
  }
  doc->encoding_confidence = 1.0f;
  doc->pages = PagesFromText(text, WordSource::kPlainText);
  return Status::Ok();
}

}  // namespace

Status ExtractDocument(const std::string& path, const IngestOptions& options, Document* doc) {
  *doc = Document();
  doc->path = path;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound(path + ": no such file");
  if (S_ISDIR(st.st_mode)) return Status::IoError(path + ": is a directory");
  std::string bytes;
  Status s = ReadFileBytes(path, &bytes);
  if (!s.ok()) return s;
  doc->size_bytes = bytes.size();
  if (bytes.empty()) return Status::Empty(path + ": file is empty (0 bytes)");
  doc->content_hash = Sha256Hex(bytes);
  if (EndsWith(path, ".txt") || EndsWith(path, ".md") || EndsWith(path, ".text"))
    return ExtractPlainText(path, bytes, doc);
  return Status::Unsupported(path + ": unsupported format (not yet available: PDF and images)");
}

}  // namespace sohoa
