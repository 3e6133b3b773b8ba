// normalize: decodes legacy encodings and brings all text to clean NFC UTF-8.
//   in:  Document from ingest (words possibly in mojibake, or undecoded bytes)
//   out: the same Document, every word NFC UTF-8, decoded words carrying the
//        encoding they came from; notes say what was detected and where text
//        could not be decoded.
// Thread-safe.
#ifndef SOHOA_NORMALIZE_NORMALIZE_H_
#define SOHOA_NORMALIZE_NORMALIZE_H_

#include <string>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace sohoa {

enum class ToneStyle { kKeep, kOld, kNew };  // keep the input's; hòa/thúy; hoà/thuý

struct NormalizeOptions {
  // auto, utf8, utf16, cp1258, tcvn3, vni, viscii, viqr
  std::string from = "auto";
  ToneStyle tone_style = ToneStyle::kKeep;
};

Status NormalizeDocument(const NormalizeOptions& options, Document* doc);

}  // namespace sohoa

#endif  // SOHOA_NORMALIZE_NORMALIZE_H_
