// The document cache model of the decoder (decoder.h DocumentCache).
#include <gtest/gtest.h>

#include <cmath>

#include "pipeline/restore/decoder.h"
#include "pipeline/restore/syllables.h"

namespace sohoa::restore {
namespace {

constexpr uint32_t kA = kFirstSyllable, kB = kFirstSyllable + 1, kC = kFirstSyllable + 2;

TEST(DocumentCacheTest, UnseenWordKeepsTheModelShare) {
  DocumentCache cache(0.3f);
  cache.AddRun({kA, kB, kA});
  // Not in the cache: only the model's share (1 - 0.3) of its probability.
  EXPECT_NEAR(cache.Mix(-2.0f, kA, kC), -2.0f + std::log10(0.7f), 1e-4);
  EXPECT_EQ(cache.Count(kC), 0u);
  EXPECT_EQ(cache.Count(kA), 2u);
}

TEST(DocumentCacheTest, SeenWordAndPairRaiseTheProbability) {
  DocumentCache cache(0.3f, 2.0f);
  cache.AddRun({kA, kB, kUnk, kA, kB, kNum, kC});
  // After kA, kB followed twice: P_cache(kB | kA) = (2 + 2 * 2/5) / (2 + 2).
  const double pc = (2.0 + 2.0 * 2.0 / 5.0) / 4.0;
  EXPECT_NEAR(cache.Mix(-3.0f, kA, kB), std::log10(0.7 * 1e-3 + 0.3 * pc), 1e-4);
  // kC was never after kA: only its unigram share, smoothed by kappa.
  const double pc_c = (0.0 + 2.0 * 1.0 / 5.0) / 4.0;
  EXPECT_NEAR(cache.Mix(-3.0f, kA, kC), std::log10(0.7 * 1e-3 + 0.3 * pc_c), 1e-4);
  EXPECT_GT(cache.Mix(-3.0f, kA, kB), cache.Mix(-3.0f, kA, kC));
  // kNum and kUnk break pairs and are not counted.
  EXPECT_EQ(cache.Count(kNum), 0u);
}

TEST(DocumentCacheTest, WeightZeroIsTheModelAlone) {
  DocumentCache cache(0.0f);
  cache.AddRun({kA, kB});
  EXPECT_NEAR(cache.Mix(-1.5f, kA, kB), -1.5f, 1e-4);
  EXPECT_NEAR(cache.Mix(-1.5f, kA, kC), -1.5f, 1e-4);
}

}  // namespace
}  // namespace sohoa::restore
