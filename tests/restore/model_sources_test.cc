// The language model is built from dictionaries/domain/*.tsv; the restore
// measures (bench/restore, fixtures/restore) are only honest if no sentence
// of those files is a copy or close paraphrase of an evaluation text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/core/syllable.h"
#include "pipeline/core/text_util.h"
#include "pipeline/core/utf8.h"

namespace sohoa::restore {
namespace {

constexpr size_t kN = 6;  // words per shingle

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Lower-cased, diacritic-stripped words (so a stripped evaluation text is
// compared like a marked one); punctuation separates words.
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(ToLowerVietnamese(StripDiacritics(cur)));
    cur.clear();
  };
  for (char32_t c : Utf8ToU32(text)) {
    const bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0;
    if (word) cur += U32ToUtf8(std::u32string(1, c));
    else flush();
  }
  flush();
  return out;
}

std::vector<std::string> Shingles(const std::vector<std::string>& w) {
  std::vector<std::string> out;
  for (size_t i = 0; i + kN <= w.size(); ++i) {
    std::string s;
    for (size_t k = 0; k < kN; ++k) s += w[i + k] + ' ';
    out.push_back(s);
  }
  return out;
}

TEST(ModelSourcesTest, NoDomainSentenceCopiesAnEvaluationText) {
  const std::string fixtures = std::string(SOHOA_FIXTURES_DIR) + "/restore";
  std::set<std::string> eval;
  size_t eval_files = 0;
  for (const auto& e : std::filesystem::directory_iterator(fixtures)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".txt" || name.find(".ocr.") != std::string::npos) continue;
    for (std::string& s : Shingles(Words(ReadAll(e.path().string())))) eval.insert(std::move(s));
    ++eval_files;
  }
  ASSERT_GE(eval_files, 3u);
  ASSERT_GT(eval.size(), 3000u);

  size_t sentences = 0;
  const std::string domain = std::string(SOHOA_DICTIONARIES_DIR_FOR_TESTS) + "/domain";
  for (const auto& e : std::filesystem::directory_iterator(domain)) {
    // Terms, names and abbreviations are shared by every report; only the
    // sentence files could carry an evaluation text into the model.
    if (e.path().extension() != ".tsv" || e.path().filename().string().find("sentences") == std::string::npos)
      continue;
    ForEachDataLine(ReadAll(e.path().string()), [&](std::string_view line, int) {
      const std::string sentence(line.substr(0, line.find('\t')));
      const std::vector<std::string> sh = Shingles(Words(sentence));
      if (sh.size() < 4) return true;  // too short to tell a copy from a set phrase
      ++sentences;
      size_t shared = 0;
      for (const std::string& s : sh) shared += eval.count(s);
      // Formulaic openings (the title of a decree) share up to ~80%; a
      // copied or lightly edited sentence shares nearly all.
      EXPECT_LT(shared * 100, sh.size() * 85)
          << e.path().filename().string() << ": \"" << sentence << "\" shares " << shared << "/" << sh.size()
          << " six-word spans with fixtures/restore";
      return true;
    });
  }
  EXPECT_GT(sentences, 300u);
}

}  // namespace
}  // namespace sohoa::restore
