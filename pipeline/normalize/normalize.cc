#include "pipeline/normalize/normalize.h"

#include "pipeline/core/utf8.h"

namespace sohoa {

// Placeholder until the normalisation stage lands: only makes the text valid UTF-8.
Status NormalizeDocument(const NormalizeOptions& options, Document* doc) {
  if (!doc->undecoded_bytes.empty()) {
    doc->pages = PagesFromText(ToValidUtf8(doc->undecoded_bytes), WordSource::kPlainText);
    doc->undecoded_bytes.clear();
    doc->AddNote("normalize", "warning", "legacy encodings are not decoded yet");
  }
  return Status::Ok();
}

}  // namespace sohoa
