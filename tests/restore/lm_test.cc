#include "pipeline/restore/lm.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fstream>

#include "pipeline/core/files.h"
#include "pipeline/restore/corpus.h"
#include "pipeline/restore/syllables.h"
#include "tests/testing/run_command.h"

namespace sohoa::restore {
namespace {

float SentenceScore(const LanguageModel& lm, const std::vector<std::string>& words) {
  const SyllableSet& s = SyllableSet::Get();
  uint32_t u = kBos, v = kBos;
  float total = 0;
  for (const std::string& w : words) {
    uint32_t id = s.Id(w);
    total += lm.Score(u, v, id);
    u = v;
    v = id;
  }
  return total + lm.Score(u, v, kEos);
}

TEST(LanguageModelTest, ProbabilitiesSumToOne) {
  Corpus corpus;
  corpus.AddText("hôm nay trời đẹp. hôm nay trời mưa. ngày mai trời đẹp. hôm qua trời mưa to.");
  corpus.AddText("chúng tôi đi học. chúng tôi đi làm. họ đi học.");
  const std::string path = sohoa::testing::TempDir() + "/tiny.lm";
  LmFileStats stats;
  ASSERT_TRUE(WriteLanguageModel(corpus, path, &stats).ok());
  EXPECT_GT(stats.trigrams, 10u);
  std::unique_ptr<LanguageModel> lm;
  ASSERT_TRUE(LanguageModel::Open(path, &lm).ok());
  const SyllableSet& s = SyllableSet::Get();
  // A seen context, a context seen only as a bigram, and an unseen one.
  for (auto [a, b] : std::vector<std::pair<std::string, std::string>>{
           {"hôm", "nay"}, {"trời", "đẹp"}, {"con", "mèo"}}) {
    double sum = 0;
    for (uint32_t w = kEos; w < s.size(); ++w) sum += std::pow(10.0, lm->Score(s.Id(a), s.Id(b), w));
    EXPECT_NEAR(sum, 1.0, 0.03) << a << " " << b;
  }
  EXPECT_GT(lm->Score(s.Id("hôm"), s.Id("nay"), s.Id("trời")),
            lm->Score(s.Id("hôm"), s.Id("nay"), s.Id("học")));
}

TEST(LanguageModelTest, RejectsCorruptFiles) {
  const std::string dir = sohoa::testing::TempDir();
  std::unique_ptr<LanguageModel> lm;
  EXPECT_EQ(LanguageModel::Open(dir + "/missing.lm", &lm).code(), Status::Code::kNotFound);
  ASSERT_TRUE(WriteFileAtomically(dir + "/junk.lm", std::string(4096, 'x')).ok());
  EXPECT_FALSE(LanguageModel::Open(dir + "/junk.lm", &lm).ok());
  Corpus corpus;
  corpus.AddText("hôm nay trời đẹp.");
  ASSERT_TRUE(WriteLanguageModel(corpus, dir + "/ok.lm", nullptr).ok());
  std::string bytes;
  ASSERT_TRUE(ReadFileBytes(dir + "/ok.lm", &bytes).ok());
  ASSERT_TRUE(WriteFileAtomically(dir + "/cut.lm", bytes.substr(0, bytes.size() - 100)).ok());
  EXPECT_FALSE(LanguageModel::Open(dir + "/cut.lm", &lm).ok());
  // Check (what Restorer::Open uses before loading lazily) says the same.
  EXPECT_TRUE(LanguageModel::Check(dir + "/ok.lm").ok());
  for (const char* name : {"missing.lm", "junk.lm", "cut.lm"}) {
    const Status opened = LanguageModel::Open(dir + "/" + name, &lm);
    const Status checked = LanguageModel::Check(dir + "/" + name);
    EXPECT_EQ(checked.code(), opened.code()) << name;
    EXPECT_EQ(checked.message(), opened.message()) << name;
  }
}

TEST(LanguageModelTest, BuiltModelPrefersRealSentences) {
  // Load time is measured in bench/restore, not asserted here.
  std::unique_ptr<LanguageModel> lm;
  Status st = LanguageModel::Open(ModelDir() + "/" + kLanguageModelFile, &lm);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_GT(lm->stats().corpus.syllables, 100000);
  const std::vector<std::vector<std::string>> sentences = {
      {"người", "dân", "nộp", "hồ", "sơ", "tại", "bộ", "phận", "một", "cửa"},
      {"kết", "quả", "giải", "quyết", "thủ", "tục", "hành", "chính", "trong", "tháng"},
      {"các", "tập", "tin", "được", "lưu", "trong", "thư", "mục", "của", "bạn"},
  };
  for (const auto& words : sentences) {
    std::vector<std::string> shuffled = words;
    // A fixed derangement: reverse, then rotate.
    std::reverse(shuffled.begin(), shuffled.end());
    std::rotate(shuffled.begin(), shuffled.begin() + 3, shuffled.end());
    EXPECT_GT(SentenceScore(*lm, words), SentenceScore(*lm, shuffled) + 5.0f) << words[0];
  }
}

}  // namespace
}  // namespace sohoa::restore

namespace sohoa::restore {
namespace {

// Numbers, decimal numbers and Roman numerals are all kNum in the training
// stream, as the decoder reads them ("quý II", "Phụ lục III", "98,96").
TEST(CorpusTest, NumbersAndRomanNumeralsAreNumbers) {
  Corpus c;
  c.AddText("Báo cáo quý II và Phụ lục III đạt 98,96 phần trăm", 1, 0.0);
  const SyllableSet& s = SyllableSet::Get();
  const std::vector<uint32_t> want = {s.Id("Báo"), s.Id("cáo"), s.Id("quý"), kNum, s.Id("và"),
                                      s.Id("Phụ"), s.Id("lục"), kNum, s.Id("đạt"), kNum,
                                      s.Id("phần"), s.Id("trăm"), kEos};
  EXPECT_EQ(c.stream(), want);
}

// A comma ends a run as a full stop does (the decoder splits there too):
// "Thứ tư, một ..." is not the trigram "thứ tư một"; a decimal comma is not.
TEST(CorpusTest, CommaEndsARunButNotANumber) {
  Corpus c;
  c.AddText("Thứ tư, một bộ phận đạt 8,4 phần trăm", 1, 0.0);
  const SyllableSet& s = SyllableSet::Get();
  const std::vector<uint32_t> want = {s.Id("Thứ"), s.Id("tư"), kEos, s.Id("một"), s.Id("bộ"),
                                      s.Id("phận"), s.Id("đạt"), kNum, s.Id("phần"), s.Id("trăm"),
                                      kEos};
  EXPECT_EQ(c.stream(), want);
  EXPECT_EQ(c.stats().sentences, 2);
}

}  // namespace
}  // namespace sohoa::restore
