// Syllable trigram language model with interpolated Kneser-Ney smoothing.
//   build: Corpus (corpus.h) -> WriteLanguageModel -> one binary file
//   use:   LanguageModel::Open memory-maps the file (no parsing, loads in
//          milliseconds); Score() is log10 P(w | u v).
// The file holds the unigram arrays and two open-addressing hash tables of
// packed 21-bit syllable ids with 16-bit quantised log probabilities and
// back-off weights (the interpolated model written in back-off form, so a
// lookup is at most three probes). A LanguageModel is immutable and
// thread-safe; it deletes copying because it owns the mapping.
#ifndef SOHOA_RESTORE_LM_H_
#define SOHOA_RESTORE_LM_H_

#include <cstdint>
#include <memory>
#include <string>

#include "pipeline/core/status.h"
#include "pipeline/restore/corpus.h"

namespace sohoa::restore {

inline constexpr const char* kLanguageModelFile = "syllables.lm";

struct LmFileStats {
  CorpusStats corpus;
  uint64_t unigrams = 0, bigrams = 0, trigrams = 0;
  double discounts[3] = {0, 0, 0};
};

// Estimates the model from `corpus` and writes it atomically to `path`.
Status WriteLanguageModel(const Corpus& corpus, const std::string& path, LmFileStats* stats);

class LanguageModel {
 public:
  static Status Open(const std::string& path, std::unique_ptr<LanguageModel>* out);
  // The checks Open makes (the file is there, its header, syllable set and
  // size are right), with the same errors, reading only the header.
  static Status Check(const std::string& path);
  ~LanguageModel();
  LanguageModel(const LanguageModel&) = delete;
  LanguageModel& operator=(const LanguageModel&) = delete;

  // log10 P(w | u v); ids from SyllableSet (kBos for sentence starts).
  float Score(uint32_t u, uint32_t v, uint32_t w) const;
  // log10 P(w), the Kneser-Ney unigram.
  float Unigram(uint32_t w) const { return w < vocab_ ? uni_logp_[w] : -99.0f; }
  // How often w was seen in the training text (0: never).
  uint32_t Count(uint32_t w) const { return w < vocab_ ? uni_count_[w] : 0; }
  // log10 P(capitalised | w) for a word inside a sentence, or of lower case
  // when `capital` is false; from how the training text wrote w.
  float CaseScore(uint32_t w, bool capital) const;
  const LmFileStats& stats() const { return stats_; }
  uint64_t file_bytes() const { return size_; }

 private:
  LanguageModel() = default;
  void* map_ = nullptr;
  uint64_t size_ = 0;
  uint32_t vocab_ = 0;
  const float* uni_logp_ = nullptr;
  const float* uni_bow_ = nullptr;
  const uint32_t* uni_count_ = nullptr;
  const uint32_t* mid_count_ = nullptr;
  const uint32_t* mid_cap_ = nullptr;
  const uint64_t* bi_keys_ = nullptr;
  const uint32_t* bi_vals_ = nullptr;
  uint64_t bi_mask_ = 0;
  const uint64_t* tri_keys_ = nullptr;
  const uint16_t* tri_vals_ = nullptr;
  uint64_t tri_mask_ = 0;
  LmFileStats stats_;
};

}  // namespace sohoa::restore

#endif  // SOHOA_RESTORE_LM_H_
