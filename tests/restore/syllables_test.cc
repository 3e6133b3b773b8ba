#include "pipeline/restore/syllables.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "pipeline/core/syllable.h"
#include "pipeline/restore/orthography.h"

namespace sohoa::restore {
namespace {

TEST(SyllableSetTest, GeneratedFromTheOrthography) {
  const SyllableSet& s = SyllableSet::Get();
  EXPECT_GT(s.size(), 12000u);
  EXPECT_LT(s.size(), 30000u);
  for (uint32_t id = kFirstSyllable; id < s.size(); ++id) {
    ASSERT_TRUE(IsVietnameseSyllable(s.Text(id))) << s.Text(id);
    ASSERT_EQ(s.Id(s.Text(id)), id) << s.Text(id);
  }
}

// The set is loaded from a table generated at build time: it must be the
// orthography's enumeration, id for id.
TEST(SyllableSetTest, TableIsTheEnumeration) {
  const SyllableSet& s = SyllableSet::Get();
  const std::vector<std::string> all = EnumerateSyllables();
  ASSERT_EQ(s.size(), all.size() + kFirstSyllable);
  size_t indexed = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    const uint32_t id = static_cast<uint32_t>(i + kFirstSyllable);
    ASSERT_EQ(s.Text(id), all[i]) << i;
    // The stripped forms come from the table too.
    const auto* same = s.ByStripped(StripDiacritics(all[i]));
    ASSERT_NE(same, nullptr) << all[i];
    EXPECT_NE(std::find(same->begin(), same->end(), id), same->end()) << all[i];
    indexed += same->front() == id ? same->size() : 0;
  }
  EXPECT_EQ(indexed, all.size());  // no id indexed under two forms
}

TEST(SyllableSetTest, StrippedIndex) {
  const SyllableSet& s = SyllableSet::Get();
  const auto* nguoi = s.ByStripped("nguoi");
  ASSERT_NE(nguoi, nullptr);
  std::set<std::string> forms;
  for (uint32_t id : *nguoi) {
    forms.insert(s.Text(id));
    EXPECT_EQ(StripDiacritics(s.Text(id)), "nguoi");
  }
  EXPECT_TRUE(forms.count("người"));
  EXPECT_TRUE(forms.count("ngươi"));
  EXPECT_TRUE(forms.count("ngưỡi"));
  EXPECT_EQ(s.ByStripped("xyz"), nullptr);
  // đ strips to d.
  std::set<std::string> duong;
  for (uint32_t id : *s.ByStripped("duong")) duong.insert(s.Text(id));
  EXPECT_TRUE(duong.count("đường"));
  EXPECT_TRUE(duong.count("dương"));
}

TEST(SyllableSetTest, CheckedRhymesTakeOnlySacOrNang) {
  const SyllableSet& s = SyllableSet::Get();
  std::set<std::string> cac;
  for (uint32_t id : *s.ByStripped("cac")) {
    cac.insert(s.Text(id));
    SyllableParts p;
    ASSERT_TRUE(ParseSyllable(s.Text(id), &p));
    EXPECT_TRUE(p.tone == Tone::kSac || p.tone == Tone::kNang) << s.Text(id);
  }
  EXPECT_TRUE(cac.count("các"));
  EXPECT_TRUE(cac.count("cạc"));
  EXPECT_TRUE(cac.count("cắc"));
  EXPECT_EQ(s.Id("càc"), kUnk);
  EXPECT_EQ(s.Id("tac"), kUnk);
}

TEST(SyllableSetTest, EitherTonePlacementMapsToOneId) {
  const SyllableSet& s = SyllableSet::Get();
  EXPECT_NE(s.Id("hòa"), kUnk);
  EXPECT_EQ(s.Id("hòa"), s.Id("hoà"));
  EXPECT_EQ(s.Id("thủy"), s.Id("thuỷ"));
  EXPECT_EQ(s.Id("Người"), s.Id("người"));
  EXPECT_EQ(s.Text(s.Id("hoà")), "hòa");
}

TEST(SyllableSetTest, CoversHunspellVietnamese) {
  std::ifstream in("/usr/share/hunspell/vi_VN.dic");
  if (!in) GTEST_SKIP() << "hunspell-vi not installed";
  const SyllableSet& s = SyllableSet::Get();
  std::string w;
  std::getline(in, w);
  int syllables = 0, covered = 0;
  while (std::getline(in, w)) {
    if (w.find('/') != std::string::npos) w.resize(w.find('/'));
    bool lower = ToLowerVietnamese(w) == w;
    bool has_vowel = w.find_first_of("aeiouy") != std::string::npos || w.size() > 1;
    if (!lower || !has_vowel) continue;  // abbreviations, names
    ++syllables;
    if (s.Id(w) != kUnk) ++covered;
  }
  ASSERT_GT(syllables, 5000);
  EXPECT_GT(static_cast<double>(covered) / syllables, 0.97) << covered << "/" << syllables;
}

}  // namespace
}  // namespace sohoa::restore
