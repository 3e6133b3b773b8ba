// The OCR channel: a weighted confusion model P(ocr segment | source
// segment) learned from rendered Vietnamese text OCR'd by Tesseract's
// English model (dictionaries/ocr/confusions.tsv, made by
// scripts/restore_learn_ocr.py). It proposes the stripped skeletons an OCR
// token may come from ("chirc" -> "chuc", "t6" -> "to") and scores a source
// syllable against the OCR token by the best segment alignment.
// Immutable after Load/Adapt; const methods are thread-safe.
#ifndef SOHOA_RESTORE_OCR_CHANNEL_H_
#define SOHOA_RESTORE_OCR_CHANNEL_H_

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa::restore {

class ConfusionModel {
 public:
  // Reads "source<TAB>ocr<TAB>count<TAB>prob" lines ("<del>" = empty).
  static Status Load(const std::string& path, ConfusionModel* out);

  // log10 P(ocr | source) under the best segmentation; `source` is a lower
  // case syllable, `ocr` the token as OCR gave it (see PrepareOcrToken).
  float Score(const std::u32string& source, const std::u32string& ocr) const;
  // Stripped lower-case strings the token may come from, best first, with
  // an approximate log10 channel probability.
  std::vector<std::pair<std::string, float>> Skeletons(const std::u32string& ocr,
                                                       size_t max) const;
  // Re-estimates the segment probabilities with counts of (source, ocr)
  // segment pairs observed in one document, mixed with the learned table
  // (`prior_weight` pseudo-counts per source segment).
  void Adapt(const std::vector<std::pair<std::u32string, std::u32string>>& pairs,
             double prior_weight);
  size_t size() const { return table_.size(); }

 private:
  static std::u32string Key(const std::u32string& src, const std::u32string& ocr);
  std::unordered_map<std::u32string, float> table_;  // Key(src, ocr) -> log10 p
  std::unordered_map<std::u32string, float> source_total_;  // src -> count
  std::unordered_map<std::u32string, double> counts_;       // Key -> count
  // ocr segment -> (stripped source segment, best log10 p)
  std::unordered_map<std::u32string, std::vector<std::pair<std::u32string, float>>> reverse_;
  void Rebuild();
};

// The token as the channel sees it: the first letter lower-cased (sentence
// case is not an OCR error); an all-capitals word entirely lower-cased.
std::u32string PrepareOcrToken(const std::string& token);

// Segment pairs of an alignment of `source` (lower case) with `ocr`, for
// Adapt (the same grouping the learning script uses).
void AlignSegments(const std::u32string& source, const std::u32string& ocr,
                   std::vector<std::pair<std::u32string, std::u32string>>* out);

}  // namespace sohoa::restore

#endif  // SOHOA_RESTORE_OCR_CHANNEL_H_
