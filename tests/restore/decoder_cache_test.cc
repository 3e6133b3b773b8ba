// The document cache model of the decoder (decoder.h DocumentCache).
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "pipeline/restore/corpus.h"
#include "pipeline/restore/decoder.h"
#include "pipeline/restore/lm.h"
#include "pipeline/restore/syllables.h"
#include "tests/testing/run_command.h"

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

// The cache pass chose "hành" (the document is full of "hành chính"); the
// n-gram model alone prefers "nhanh" here by far more than the margin.
TEST(ConfidencesTest, ReviseMarginLetsTheModelOverruleAChoice) {
  Corpus corpus;
  for (int i = 0; i < 5; ++i) {
    corpus.AddText("người dân được phục vụ nhanh và thuận tiện hơn.");
    corpus.AddText("thủ tục hành chính. cải cách hành chính. trung tâm hành chính công.");
  }
  const std::string path = sohoa::testing::TempDir() + "/revise.lm";
  LmFileStats stats;
  ASSERT_TRUE(WriteLanguageModel(corpus, path, &stats).ok());
  std::unique_ptr<LanguageModel> lm;
  ASSERT_TRUE(LanguageModel::Open(path, &lm).ok());
  const SyllableSet& s = SyllableSet::Get();
  std::vector<Slot> slots;
  for (const char* w : {"phục", "vụ", "nhanh", "và", "thuận", "tiện"}) slots.push_back({{{{s.Id(w)}, 0.0f}}});
  slots[2].candidates.push_back({{s.Id("hành")}, 0.0f});
  slots[0].boundary_before = true;
  std::vector<SlotResult> results(slots.size());
  results[2].chosen = 1;  // "hành"
  DecoderOptions keep;
  std::vector<SlotResult> kept = results;
  Confidences(*lm, slots, keep, &kept);
  EXPECT_EQ(kept[2].chosen, 1);  // infinite margin: confidences only
  EXPECT_LT(kept[2].confidence, 0.1f);
  DecoderOptions revise;
  revise.revise_margin = 1.0f;
  Confidences(*lm, slots, revise, &results);
  EXPECT_EQ(results[2].chosen, 0);
  EXPECT_GT(results[2].confidence, 0.9f);
  // A margin the model's preference does not reach changes nothing.
  std::vector<SlotResult> strict(slots.size());
  strict[2].chosen = 1;
  revise.revise_margin = 40.0f;
  Confidences(*lm, slots, revise, &strict);
  EXPECT_EQ(strict[2].chosen, 1);
}

}  // namespace
}  // namespace sohoa::restore
