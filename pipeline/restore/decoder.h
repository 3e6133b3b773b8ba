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
#include <vector>

#include "pipeline/restore/lm.h"

namespace sohoa::restore {

struct Candidate {
  std::vector<uint32_t> ids;  // 1..3 syllable ids (or kNum / kUnk)
  float channel = 0;          // log10 P(observed | candidate)
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

struct DecoderOptions {
  int beam = 12;          // states kept per slot
  float lm_weight = 1.0f;  // LM log-probability scale against the channel
  // Posterior sharpness: probabilities are 10^(score * this).
  float posterior_scale = 1.0f;
};

void Decode(const LanguageModel& lm, const std::vector<Slot>& slots, const DecoderOptions& options,
            std::vector<SlotResult>* results);

}  // namespace sohoa::restore

#endif  // SOHOA_RESTORE_DECODER_H_
