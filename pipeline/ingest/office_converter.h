// Converts Word 97-2003 .doc, RTF and OpenDocument text to .docx with
// LibreOffice headless (soffice --convert-to docx), for the .docx reader.
// Each conversion runs in its own temporary directory with its own
// LibreOffice profile (-env:UserInstallation), so conversions can run side
// by side; soffice runs in its own process group with a CPU limit and is
// killed (the whole group) when it does not finish within the time limit.
// The input is copied into that directory under a fixed name (its own name is
// never given to soffice, so a .doc named .pdf is not taken for a PDF).
// Thread-safe.
#ifndef SOHOA_INGEST_OFFICE_CONVERTER_H_
#define SOHOA_INGEST_OFFICE_CONVERTER_H_

#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace sohoa {

// The soffice program: $SOHOA_SOFFICE if set (tests point it elsewhere),
// else `soffice` on PATH, else /usr/lib/libreoffice/program/soffice; "" when
// none is there.
std::string FindSoffice();

// Converts `bytes` (a document of type `extension`: "doc", "rtf", "odt") to
// .docx bytes. Unsupported (exit 7) when LibreOffice is missing, naming the
// Debian package; Timeout after `timeout_seconds`; Corrupt when LibreOffice
// gives no output (it could not read the file). `seconds` (may be null)
// receives the wall-clock time taken.
Status ConvertToDocx(const std::string& path, std::string_view bytes, const std::string& extension,
                     int timeout_seconds, std::string* docx, double* seconds);

}  // namespace sohoa

#endif  // SOHOA_INGEST_OFFICE_CONVERTER_H_
