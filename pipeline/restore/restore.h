// restore: puts back stripped diacritics and repairs OCR-garbled Vietnamese.
//   in:  Document after normalize (NFC UTF-8)
//   out: the same Document with repaired words (Word::original keeps the
//        input form, repair_confidence and alternatives say how sure it is)
// A Restorer loads the language model once; RestoreDocument is const and
// thread-safe.
#ifndef SOHOA_RESTORE_RESTORE_H_
#define SOHOA_RESTORE_RESTORE_H_

#include <memory>
#include <string>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace sohoa {

enum class RestoreMode { kAuto, kStripped, kOcr };

struct RestoreOptions {
  RestoreMode mode = RestoreMode::kAuto;
  std::string model_dir;         // empty: ModelDir()
  std::string dictionaries_dir;  // empty: DictionariesDir()
};

class Restorer {
 public:
  static Status Open(const RestoreOptions& options, std::unique_ptr<Restorer>* out);
  virtual ~Restorer() = default;
  virtual Status RestoreDocument(Document* doc) const = 0;
};

}  // namespace sohoa

#endif  // SOHOA_RESTORE_RESTORE_H_
