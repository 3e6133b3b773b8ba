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
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace sohoa {

enum class RestoreMode { kAuto, kStripped, kOcr };

// Where restored syllables with the rhymes oa, oe, uy carry their tone mark:
// kDocument follows the marked syllables the document already has (the
// traditional "hòa" when it has none); kOld "hòa", "thúy"; kNew "hoà",
// "thuý" (as normalize --tone-style names them).
enum class ToneMarkStyle { kDocument, kOld, kNew };

struct RestoreOptions {
  // kAuto: decide per line (DecideLineMode), OCR throughout when the
  // document as a whole looks OCR'd (DetectDamage); kStripped: restore marks
  // of toneless syllables, keep the rest; kOcr: also repair OCR look-alikes.
  RestoreMode mode = RestoreMode::kAuto;
  std::string model_dir;         // empty: ModelDir()
  std::string dictionaries_dir;  // empty: DictionariesDir()
  int beam = 8;                  // decoder states kept per token (8 as good as 12 on dev)
  // Candidate syllables per token by frequency: stripped text, and OCR text
  // (16: "cu" has 12 marked forms, and at 10 "cứ" could fall out; dev OCR
  // word errors 84 -> 80 at 16; stripped text the same at 10 and 16, and 10
  // keeps it above 50,000 syllables/s).
  int max_candidates = 10;
  int ocr_max_candidates = 16;
  // Tokens whose confidence is below this are reported as low-confidence
  // (0.98: the lowest threshold with >= 99.5% precision on the dev split,
  // rounded up).
  float confident = 0.98f;
  // OCR mode: re-estimate the confusion weights from the document's own
  // confident repairs and decode a second time.
  bool adapt = true;
  // Document cache model (decoder.h DocumentCache): weight of the cache in
  // the second pass (0: no cache; 0.3 and 0.95 were chosen on the dev split,
  // fixtures/restore/dev_*), its bigram smoothing, the confidence a
  // first-pass choice needs to enter the cache, and (stripped mode) the
  // first-pass confidence below which a sentence is decoded again.
  ToneMarkStyle tone_style = ToneMarkStyle::kDocument;
  float cache_weight = 0.3f;
  float cache_kappa = 2.0f;
  float cache_min_confidence = 0.95f;
  float cache_redo_below = 0.99f;
};

// What the document-level detector saw (alphabetic tokens only).
struct DamageAssessment {
  int tokens = 0;          // alphabetic tokens
  int toned = 0;           // valid syllables with Vietnamese marks
  int toneless = 0;        // valid syllables without marks
  int non_syllables = 0;   // not a Vietnamese syllable
  int ocr_like = 0;        // letters mixed with digits/symbols, odd capitals
  RestoreMode verdict = RestoreMode::kAuto;  // kAuto here means "leave alone"
  std::string Summary() const;
};
DamageAssessment DetectDamage(const Document& doc);
// Auto mode's choice for one line of a document whose own verdict is
// `document_verdict`: kAuto (keep the line byte-identical), kStripped or kOcr.
RestoreMode DecideLineMode(const Line& line, RestoreMode document_verdict);

// The mode auto chose for one line: kAuto means kept as it was (intact
// Unicode, or nothing to restore).
struct LineDecision {
  int page = 0;         // Page::number
  int line = 0;         // Line::source_line
  RestoreMode mode = RestoreMode::kAuto;
};

struct RestoreReport {
  DamageAssessment assessment;
  // Auto mode decides per line (a document may hold intact lines, lines
  // that lost their marks and OCR-garbled lines): one entry per line with
  // words, in reading order. Empty when a mode was forced.
  std::vector<LineDecision> lines;
  // The document's verdict, or (auto mode, a document that looks intact
  // as a whole) the mode of most restored lines; kAuto: left alone.
  RestoreMode mode_used = RestoreMode::kAuto;
  int decoded = 0;         // tokens that had more than one candidate
  int repaired = 0;        // tokens whose text changed
  int low_confidence = 0;  // decoded tokens below options.confident
  int codes_repaired = 0;  // document codes fixed by pattern
};

class Restorer {
 public:
  static Status Open(const RestoreOptions& options, std::unique_ptr<Restorer>* out);
  virtual ~Restorer() = default;
  virtual Status RestoreDocument(Document* doc) const = 0;
  // The same, saying what was done.
  virtual Status Restore(Document* doc, RestoreReport* report) const = 0;
};

const char* RestoreModeName(RestoreMode mode);  // "auto", "stripped", "ocr"


}  // namespace sohoa

#endif  // SOHOA_RESTORE_RESTORE_H_
