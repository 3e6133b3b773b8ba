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

float Extend(const LanguageModel& lm, const DocumentCache* cache, uint32_t* u, uint32_t* v,
             const std::vector<uint32_t>& ids) {
  float s = 0;
  for (uint32_t w : ids) {
    s += cache ? cache->Mix(lm.Score(*u, *v, w), *v, w) : lm.Score(*u, *v, w);
    *u = *v;
    *v = w;
  }
  return s;
}

}  // namespace

DocumentCache::DocumentCache(float weight, float kappa)
    : weight_(std::clamp(weight, 0.0f, 0.95f)),
      kappa_(kappa),
      log_keep_(static_cast<float>(std::log10(1.0 - std::clamp(weight, 0.0f, 0.95f)))) {}

void DocumentCache::AddRun(const std::vector<uint32_t>& ids) {
  uint32_t prev = kUnk;
  for (uint32_t w : ids) {
    if (w < kFirstSyllable) {
      prev = kUnk;
      continue;
    }
    if (w >= uni_.size()) {
      uni_.resize(w + 1024, 0);
      ctx_.resize(w + 1024, 0);
    }
    ++uni_[w];
    ++total_;
    if (prev != kUnk) {
      ++ctx_[prev];
      ++bi_[uint64_t{prev} << 32 | w];
    }
    prev = w;
  }
}

float DocumentCache::Mix(float lm_log10, uint32_t v, uint32_t w) const {
  const uint32_t cw = Count(w);
  if (cw == 0 || total_ == 0) return lm_log10 + log_keep_;
  const double uni = static_cast<double>(cw) / total_;
  double pc = uni;
  if (v < ctx_.size() && ctx_[v] > 0) {
    auto it = bi_.find(uint64_t{v} << 32 | w);
    const double c = it == bi_.end() ? 0.0 : it->second;
    pc = (c + kappa_ * uni) / (ctx_[v] + kappa_);
  }
  return std::log10((1.0f - weight_) * std::exp2(3.3219281f * lm_log10) +
                    weight_ * static_cast<float>(pc));
}

// Confidence: re-scores each slot's candidates with the path around it
// fixed (two syllables of left context, the next two syllables after).
static void LocalPosteriors(const LanguageModel& lm, const std::vector<Slot>& slots,
                            const DecoderOptions& o, const DecodeContext& ctx,
                            std::vector<SlotResult>* results) {
  const DocumentCache* cache = o.cache && !o.cache->empty() && o.cache->weight() > 0 ? o.cache : nullptr;
  auto score = [&](uint32_t u, uint32_t v, uint32_t w) {
    return cache ? cache->Mix(lm.Score(u, v, w), v, w) : lm.Score(u, v, w);
  };
  std::vector<uint32_t> path;   // the chosen syllables, with boundaries
  std::vector<size_t> start(slots.size());
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].boundary_before && i > 0) {
      path.push_back(kEos);
      path.push_back(kBos);
      path.push_back(kBos);
    } else if (i == 0) {
      path.push_back(ctx.u);
      path.push_back(ctx.v);
    }
    start[i] = path.size();
    for (uint32_t id : slots[i].candidates[(*results)[i].chosen].ids) path.push_back(id);
  }
  if (ctx.right.empty()) path.push_back(kEos);
  for (uint32_t id : ctx.right) path.push_back(id);
  std::vector<float> local;
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
    local.assign(n, 0.0f);
    for (size_t c = 0; c < n; ++c) {
      uint32_t u = path[start[i] - 2], v = path[start[i] - 1];
      float s = o.lm_weight * Extend(lm, cache, &u, &v, slot.candidates[c].ids) + slot.candidates[c].channel;
      for (size_t j = after; j < std::min(path.size(), after + 2); ++j) {
        if (path[j] == kBos) break;
        s += o.lm_weight * score(u, v, path[j]);
        u = v;
        v = path[j];
      }
      local[c] = s;
    }
    const size_t best = std::max_element(local.begin(), local.end()) - local.begin();
    const float top = local[best];
    // The chosen candidate came from a pass with the document cache; the
    // n-gram model alone may overrule it when it is that much surer.
    if (top > local[r.chosen] + o.revise_margin && slot.candidates[best].ids.size() == chosen_len)
      r.chosen = static_cast<int>(best);
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

void Decode(const LanguageModel& lm, const std::vector<Slot>& slots, const DecoderOptions& o,
            std::vector<SlotResult>* results) {
  Decode(lm, slots, o, DecodeContext(), results);
}

void Decode(const LanguageModel& lm, const std::vector<Slot>& slots, const DecoderOptions& o,
            const DecodeContext& ctx, std::vector<SlotResult>* results) {
  results->assign(slots.size(), SlotResult());
  if (slots.empty()) return;
  const DocumentCache* cache = o.cache && !o.cache->empty() && o.cache->weight() > 0 ? o.cache : nullptr;
  auto score = [&](uint32_t u, uint32_t v, uint32_t w) {
    return cache ? cache->Mix(lm.Score(u, v, w), v, w) : lm.Score(u, v, w);
  };
  std::vector<std::vector<State>> lattice(slots.size());
  std::vector<State> prev = {{ctx.u, ctx.v, 0.0f, -1, -1}};
  std::vector<State> next;
  std::vector<int> merge;    // hash of (u, v) -> index into next, -1 empty
  std::vector<size_t> used;  // merge entries to clear
  for (size_t i = 0; i < slots.size(); ++i) {
    const Slot& slot = slots[i];
    next.clear();
    if (slot.boundary_before && i > 0) {
      // Close the sentence: keep the best state only, then start afresh.
      int best = 0;
      for (size_t k = 0; k < prev.size(); ++k) {
        float s = prev[k].score + o.lm_weight * score(prev[k].u, prev[k].v, kEos);
        prev[k].score = s;
        if (s > prev[best].score) best = static_cast<int>(k);
      }
      (void)best;
      for (State& s : prev) {
        s.u = kBos;
        s.v = kBos;
      }
    }
    // The merge table must hold every state of the slot at most half full.
    const size_t states = prev.size() * slot.candidates.size();
    if (merge.size() < 2 * states) {
      size_t n = 64;
      while (n < 2 * states) n *= 2;
      merge.assign(n, -1);
    }
    const size_t kMergeMask = merge.size() - 1;
    for (size_t h : used) merge[h] = -1;
    used.clear();
    for (size_t k = 0; k < prev.size(); ++k) {
      for (size_t c = 0; c < slot.candidates.size(); ++c) {
        const Candidate& cand = slot.candidates[c];
        uint32_t u = prev[k].u, v = prev[k].v;
        float s = prev[k].score + o.lm_weight * Extend(lm, cache, &u, &v, cand.ids) + cand.channel;
        // Merge with a state that has the same history (open addressing
        // over the states of this slot).
        size_t h = ((uint64_t{u} * 0x9E3779B1u) ^ (uint64_t{v} * 0x85EBCA77u)) & kMergeMask;
        while (merge[h] >= 0) {
          State& st = next[merge[h]];
          if (st.u == u && st.v == v) break;
          h = (h + 1) & kMergeMask;
        }
        if (merge[h] >= 0) {
          State& st = next[merge[h]];
          if (s > st.score) st = {u, v, s, static_cast<int>(k), static_cast<int>(c)};
        } else {
          merge[h] = static_cast<int>(next.size());
          used.push_back(h);
          next.push_back({u, v, s, static_cast<int>(k), static_cast<int>(c)});
        }
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
    float s = prev[k].score;
    if (ctx.right.empty()) {
      s += o.lm_weight * score(prev[k].u, prev[k].v, kEos);
    } else {
      uint32_t u = prev[k].u, v = prev[k].v;
      for (uint32_t w : ctx.right) {
        if (w == kBos) break;
        s += o.lm_weight * score(u, v, w);
        u = v;
        v = w;
      }
    }
    if (s > best_score) {
      best_score = s;
      best = static_cast<int>(k);
    }
  }
  for (int i = static_cast<int>(slots.size()) - 1, k = best; i >= 0; --i) {
    (*results)[i].chosen = lattice[i][k].cand;
    k = lattice[i][k].back;
  }
  LocalPosteriors(lm, slots, o, ctx, results);
}

void Confidences(const LanguageModel& lm, const std::vector<Slot>& slots, const DecoderOptions& o,
                 std::vector<SlotResult>* results) {
  if (!slots.empty()) LocalPosteriors(lm, slots, o, DecodeContext(), results);
}

}  // namespace sohoa::restore
