// Viterbi beam search over a lattice of candidate syllable sequences, scored
// by the trigram language model plus each candidate's channel log
// probability. One slot per input token; a slot's candidates may be one
// syllable or several (a merged OCR token split up). Also gives each slot a
// posterior-like confidence: the chosen candidate's share of probability
// among the slot's candidates with the best path around it held fixed.
// Stateless; thread-safe.
#ifndef SOHOA_RESTORE_DECODER_H_
#define SOHOA_RESTORE_DECODER_H_

#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include "pipeline/restore/lm.h"
#include "pipeline/restore/syllables.h"

namespace sohoa::restore {

struct Candidate {
  std::vector<uint32_t> ids;  // 1..3 syllable ids (or kNum / kUnk)
  float channel = 0;          // log10 P(observed | candidate)
  // Split tokens: bit k set when piece k (k >= 1) starts with a capital in
  // the observed token ("SéNoéng" = Sở Nông).
  uint8_t piece_caps = 0;
};

struct Slot {
  std::vector<Candidate> candidates;  // at least one
  bool boundary_before = false;       // a sentence starts here
};

struct SlotResult {
  int chosen = 0;
  float confidence = 1.0f;
  std::vector<int> ranked;  // candidate indices, best first (chosen first)
};

// Document-level cache model: syllables and syllable pairs decoded
// confidently elsewhere in the same document (a report repeats its
// vocabulary). Mixed with the n-gram model as
//   P(w | u v) = (1 - weight) P_lm(w | u v) + weight P_cache(w | v),
//   P_cache(w | v) = (c(v w) + kappa c(w) / N) / (c(v) + kappa).
class DocumentCache {
 public:
  explicit DocumentCache(float weight = 0.0f, float kappa = 2.0f);
  // One confidently decoded sentence run (ids, kNum allowed; only syllable
  // ids are counted, pairs only of adjacent syllables).
  void AddRun(const std::vector<uint32_t>& ids);
  bool empty() const { return total_ == 0; }
  float weight() const { return weight_; }
  uint32_t Count(uint32_t w) const { return w < uni_.size() ? uni_[w] : 0; }
  // log10 of the mixture given the n-gram model's log10 probability.
  float Mix(float lm_log10, uint32_t v, uint32_t w) const;

 private:
  float weight_, kappa_, log_keep_;
  uint32_t total_ = 0;
  std::vector<uint32_t> uni_, ctx_;
  std::unordered_map<uint64_t, uint32_t> bi_;
};

struct DecoderOptions {
  int beam = 12;          // states kept per slot
  float lm_weight = 1.0f;  // LM log-probability scale against the channel
  // Posterior sharpness: probabilities are 10^(score * this).
  float posterior_scale = 1.0f;
  const DocumentCache* cache = nullptr;  // null or empty: the n-gram model alone
  // Confidences(): a slot whose chosen candidate scores this many log10
  // units below another candidate of the same length (path around it held
  // fixed) takes that candidate instead. Infinity: never.
  float revise_margin = std::numeric_limits<float>::infinity();
};

void Decode(const LanguageModel& lm, const std::vector<Slot>& slots, const DecoderOptions& options,
            std::vector<SlotResult>* results);

// A window inside a sentence: the two ids before it and the (at most two)
// fixed ids after it; `right` empty means the sentence ends after the window
// (kEos), and a kEos in `right` ends it there.
struct DecodeContext {
  uint32_t u = kBos, v = kBos;
  std::vector<uint32_t> right;
};
void Decode(const LanguageModel& lm, const std::vector<Slot>& slots, const DecoderOptions& options,
            const DecodeContext& context, std::vector<SlotResult>* results);

// Recomputes every slot's confidence and ranking for the choices in
// `results` (a whole document: sentence boundaries are in the slots);
// with a finite options.revise_margin it may also change a choice.
void Confidences(const LanguageModel& lm, const std::vector<Slot>& slots, const DecoderOptions& options,
                 std::vector<SlotResult>* results);

}  // namespace sohoa::restore

#endif  // SOHOA_RESTORE_DECODER_H_
