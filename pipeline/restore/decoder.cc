#include "pipeline/restore/decoder.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "pipeline/restore/syllables.h"

namespace sohoa::restore {

namespace {

struct State {
  uint32_t u, v;  // last two ids
  float score;
  int back;       // index into the previous slot's states; -1 at the start
  int cand;
};

float Extend(const LanguageModel& lm, uint32_t* u, uint32_t* v, const std::vector<uint32_t>& ids) {
  float s = 0;
  for (uint32_t w : ids) {
    s += lm.Score(*u, *v, w);
    *u = *v;
    *v = w;
  }
  return s;
}

}  // namespace

void Decode(const LanguageModel& lm, const std::vector<Slot>& slots, const DecoderOptions& o,
            std::vector<SlotResult>* results) {
  results->assign(slots.size(), SlotResult());
  if (slots.empty()) return;
  std::vector<std::vector<State>> lattice(slots.size());
  std::vector<State> prev = {{kBos, kBos, 0.0f, -1, -1}};
  std::vector<State> next;
  for (size_t i = 0; i < slots.size(); ++i) {
    const Slot& slot = slots[i];
    next.clear();
    if (slot.boundary_before && i > 0) {
      // Close the sentence: keep the best state only, then start afresh.
      int best = 0;
      for (size_t k = 0; k < prev.size(); ++k) {
        float s = prev[k].score + o.lm_weight * lm.Score(prev[k].u, prev[k].v, kEos);
        prev[k].score = s;
        if (s > prev[best].score) best = static_cast<int>(k);
      }
      (void)best;
      for (State& s : prev) {
        s.u = kBos;
        s.v = kBos;
      }
    }
    for (size_t k = 0; k < prev.size(); ++k) {
      for (size_t c = 0; c < slot.candidates.size(); ++c) {
        const Candidate& cand = slot.candidates[c];
        uint32_t u = prev[k].u, v = prev[k].v;
        float s = prev[k].score + o.lm_weight * Extend(lm, &u, &v, cand.ids) + cand.channel;
        // Merge with a state that has the same history.
        bool merged = false;
        for (State& st : next) {
          if (st.u == u && st.v == v) {
            if (s > st.score) st = {u, v, s, static_cast<int>(k), static_cast<int>(c)};
            merged = true;
            break;
          }
        }
        if (!merged) next.push_back({u, v, s, static_cast<int>(k), static_cast<int>(c)});
      }
    }
    if (static_cast<int>(next.size()) > o.beam) {
      std::nth_element(next.begin(), next.begin() + o.beam, next.end(),
                       [](const State& a, const State& b) { return a.score > b.score; });
      next.resize(o.beam);
    }
    lattice[i] = next;
    prev.swap(next);
  }
  // Best final state (with the sentence end), then back-pointers.
  int best = 0;
  float best_score = -std::numeric_limits<float>::infinity();
  for (size_t k = 0; k < prev.size(); ++k) {
    float s = prev[k].score + o.lm_weight * lm.Score(prev[k].u, prev[k].v, kEos);
    if (s > best_score) {
      best_score = s;
      best = static_cast<int>(k);
    }
  }
  for (int i = static_cast<int>(slots.size()) - 1, k = best; i >= 0; --i) {
    (*results)[i].chosen = lattice[i][k].cand;
    k = lattice[i][k].back;
  }
  // Confidence: re-score each slot's candidates with the best path around
  // it fixed (two syllables of left context, the next two syllables after).
  std::vector<uint32_t> path;   // the chosen syllables, with boundaries
  std::vector<size_t> start(slots.size());
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].boundary_before && i > 0) {
      path.push_back(kEos);
      path.push_back(kBos);
      path.push_back(kBos);
    } else if (i == 0) {
      path.push_back(kBos);
      path.push_back(kBos);
    }
    start[i] = path.size();
    for (uint32_t id : slots[i].candidates[(*results)[i].chosen].ids) path.push_back(id);
  }
  path.push_back(kEos);
  for (size_t i = 0; i < slots.size(); ++i) {
    const Slot& slot = slots[i];
    SlotResult& r = (*results)[i];
    const size_t n = slot.candidates.size();
    if (n == 1) {
      r.ranked = {0};
      continue;
    }
    const size_t chosen_len = slot.candidates[r.chosen].ids.size();
    const size_t after = start[i] + chosen_len;
    std::vector<float> local(n);
    for (size_t c = 0; c < n; ++c) {
      uint32_t u = path[start[i] - 2], v = path[start[i] - 1];
      float s = o.lm_weight * Extend(lm, &u, &v, slot.candidates[c].ids) + slot.candidates[c].channel;
      for (size_t j = after; j < std::min(path.size(), after + 2); ++j) {
        if (path[j] == kBos) break;
        s += o.lm_weight * lm.Score(u, v, path[j]);
        u = v;
        v = path[j];
      }
      local[c] = s;
    }
    float top = *std::max_element(local.begin(), local.end());
    double z = 0, mine = 0;
    for (size_t c = 0; c < n; ++c) {
      double p = std::pow(10.0, (local[c] - top) * o.posterior_scale);
      z += p;
      if (static_cast<int>(c) == r.chosen) mine = p;
    }
    r.confidence = static_cast<float>(mine / z);
    r.ranked.resize(n);
    for (size_t c = 0; c < n; ++c) r.ranked[c] = static_cast<int>(c);
    std::sort(r.ranked.begin(), r.ranked.end(), [&](int a, int b) {
      if (a == r.chosen) return b != r.chosen;
      if (b == r.chosen) return false;
      return local[a] > local[b];
    });
  }
}

}  // namespace sohoa::restore
