// Auto-detection on texts of several lengths (one line, a paragraph, a page,
// a whole report, many pages) in every encoding and shape. The texts are the
// seed reports, encoded here with the reference encoders (written
// independently of the stage's tables); the stage must name the encoding and
// give back the text.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalize.h"
#include "tests/normalize/reference_encoders.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

struct Variant {
  std::string name;
  std::string expected_encoding;
  std::function<std::string(const std::string&)> encode;
  bool case_insensitive = false;  // TCVN3 plain text cannot say which capitals had tones
};

std::vector<Variant> Variants() {
  using namespace sohoa::testing;
  auto tcvn3 = [](const std::string& s) { return EncodeTcvn3Ref(s); };
  auto vni = [](const std::string& s) { return EncodeVniRef(s); };
  auto viscii = [](const std::string& s) { return EncodeVisciiRef(s); };
  auto cp1258 = [](const std::string& s) { return EncodeCp1258Ref(s); };
  return {
      {"tcvn3", "tcvn3", tcvn3, true},
      {"tcvn3-mojibake", "tcvn3", [=](const std::string& s) { return BytesAsCp1252(tcvn3(s)); }, true},
      {"vni", "vni", vni},
      {"vni-mojibake", "vni", [=](const std::string& s) { return BytesAsCp1252(vni(s)); }},
      {"viscii", "viscii", viscii},
      {"viscii-mojibake", "viscii", [=](const std::string& s) { return BytesAsCp1252(viscii(s)); }},
      {"cp1258", "cp1258", cp1258},
      {"cp1258-mojibake", "cp1258", [=](const std::string& s) { return BytesAsCp1252(cp1258(s)); }},
      {"viqr", "viqr", [](const std::string& s) { return EncodeViqrRef(s); }},
      {"utf16le-bom", "utf-16le",
       [](const std::string& s) { return "\xFF\xFE" + EncodeUtf16Ref(s, true); }},
      {"utf16be-bom", "utf-16be",
       [](const std::string& s) { return "\xFE\xFF" + EncodeUtf16Ref(s, false); }},
      {"utf8", "utf-8", [](const std::string& s) { return s; }},
  };
}

// Seed text restricted to what every legacy encoding can hold: ASCII and
// Vietnamese letters (other characters become '?'), NFC.
std::string Encodable(const std::string& text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = DecodeUtf8(text, &pos);
    char32_t base;
    Tone tone;
    bool upper;
    if (c == '\r') continue;
    if (c < 0x80 || SplitLetter(c, &base, &tone, &upper)) {
      AppendUtf8(c, &out);
    } else if (c == 0xA0) {
      out.push_back(' ');
    } else {
      out.push_back('?');
    }
  }
  return out;
}

std::vector<std::string> SeedTexts() {
  std::vector<std::string> texts;
  std::string dir = sohoa::testing::Fixture("seeds");
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return texts;
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 4 && n.substr(n.size() - 4) == ".txt") names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& n : names)
    texts.push_back(Encodable(sohoa::testing::ReadFile(dir + "/" + n)));
  return texts;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

class DetectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SOHOA_DICTIONARIES", SOHOA_DICTIONARIES_DIR_FOR_TESTS, 1);
    seeds_ = SeedTexts();
    ASSERT_GE(seeds_.size(), 4u);
  }

  // Returns a failure description, or "" when detection and text are right.
  static std::string Check(const Variant& v, const std::string& clean) {
    NormalizeOptions o;
    NormalizeResult expected, got;
    if (!NormalizeBytes(clean, o, &expected).ok()) return "clean text failed";
    if (!NormalizeBytes(v.encode(clean), o, &got).ok()) return "failed";
    std::string a = got.text, b = expected.text;
    if (v.case_insensitive) {
      a = ToLowerVietnamese(a);
      b = ToLowerVietnamese(b);
    }
    // The text must come back. The encoding's name must be right too, except
    // where another reading gives the very same text (VISCII and CP1258 share
    // Đ at 0xD0; "BÁO CÁO" in VISCII mojibake is the Unicode text itself).
    if (a != b) {
      return "detected " + got.encoding + "; text differs: got [" + got.text.substr(0, 200) + "]";
    }
    if (got.encoding == v.expected_encoding) return "";
    NormalizeOptions forced;
    forced.from = v.expected_encoding == "utf-16le" || v.expected_encoding == "utf-16be" ? "utf16"
                  : v.expected_encoding == "utf-8" ? "utf8" : v.expected_encoding;
    std::string other = got.encoding == "utf-8" ? "utf8" : got.encoding;
    NormalizeOptions as_detected;
    as_detected.from = other;
    NormalizeResult r1, r2;
    if (NormalizeBytes(v.encode(clean), forced, &r1).ok() &&
        NormalizeBytes(v.encode(clean), as_detected, &r2).ok() && r1.text == r2.text)
      return "";
    return "detected " + got.encoding + " (text right)";
  }

  // Texts with three or more words carrying Vietnamese letters must all be
  // right. Shorter ones can be truly ambiguous (VNI "Hồ" is VISCII and
  // CP1258 "Hoà"; VNI-mojibake "Hồ" is the Unicode word "Hoà"; VIQR "tra?"
  // may be English punctuation): at most 10% of them may be wrong, and the
  // counts are printed (README gives them).
  void CheckAll(const std::vector<std::string>& texts, const std::string& what) {
    for (const Variant& v : Variants()) {
      int failures = 0, total = 0, short_failures = 0, short_total = 0, short_ambiguous = 0;
      for (const std::string& t : texts) {
        int words = VietnameseWords(t);
        if (words == 0) continue;
        bool is_short = words < 3;
        (is_short ? short_total : total)++;
        std::string why = Check(v, t);
        if (why.empty()) continue;
        if (is_short) {
          ++short_failures;
          if (IsAmbiguous(v, t)) {
            ++short_ambiguous;
          } else {
            ADD_FAILURE() << v.name << " short " << what << " [" << t << "]: " << why
                          << " (and the input is not also a faithful encoding of what was read)";
          }
        } else if (++failures <= 5) {
          ADD_FAILURE() << v.name << " " << what << " [" << t.substr(0, 160) << "]: " << why;
        }
      }
      EXPECT_EQ(failures, 0) << v.name << ": " << failures << " of " << total << " " << what;
      EXPECT_LE(short_failures, short_total / 10)
          << v.name << ": " << short_failures << " of " << short_total << " short " << what;
      std::printf("%-16s %-18s wrong: %d of %d (3+ words), %d of %d (1-2 words, %d of them undecidable)\n",
                  v.name.c_str(), what.c_str(), failures, total, short_failures, short_total,
                  short_ambiguous);
    }
  }

  // A short text read "wrong" is undecidable when its bytes are also,
  // exactly, some encoding's faithful encoding of the text that was read,
  // and that text is Vietnamese too (every word with a non-ASCII letter a
  // valid syllable): the same input stands for two texts, and no detector
  // can give both back.
  static bool IsAmbiguous(const Variant& v, const std::string& clean) {
    const std::string input = v.encode(clean);
    NormalizeOptions o;
    NormalizeResult got;
    if (!NormalizeBytes(input, o, &got).ok() || got.text == clean) return false;
    std::string word;
    for (size_t i = 0; i <= got.text.size(); ++i) {
      const char c = i < got.text.size() ? got.text[i] : ' ';
      const bool letter = static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (letter) {
        word += c;
        continue;
      }
      const bool ascii = std::all_of(word.begin(), word.end(), [](char x) { return static_cast<unsigned char>(x) < 0x80; });
      if (!word.empty() && !ascii && !IsVietnameseSyllable(word)) return false;
      word.clear();
    }
    for (const Variant& w : Variants())
      if (w.encode(got.text) == input) return true;
    return false;
  }

  static int VietnameseWords(const std::string& t) {
    int n = 0;
    bool in_word = false, marked = false;
    for (size_t i = 0; i <= t.size(); ++i) {
      bool space = i == t.size() || t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\f';
      if (space) {
        if (in_word && marked) ++n;
        in_word = marked = false;
      } else {
        in_word = true;
        if (static_cast<unsigned char>(t[i]) >= 0x80) marked = true;
      }
    }
    return n;
  }

  std::vector<std::string> seeds_;
};

TEST_F(DetectTest, EveryLineAlone) {
  std::vector<std::string> lines;
  for (const std::string& s : seeds_)
    for (const std::string& l : Lines(s)) lines.push_back(l);
  CheckAll(lines, "single lines");
}

TEST_F(DetectTest, ThreeLineParagraphs) {
  std::vector<std::string> paras;
  for (const std::string& s : seeds_) {
    std::vector<std::string> lines = Lines(s);
    for (size_t i = 0; i + 3 <= lines.size(); i += 3)
      paras.push_back(lines[i] + "\n" + lines[i + 1] + "\n" + lines[i + 2]);
  }
  CheckAll(paras, "three-line texts");
}

TEST_F(DetectTest, PagesWholeReportsAndManyPages) {
  std::vector<std::string> texts;
  std::string all;
  for (const std::string& s : seeds_) {
    std::vector<std::string> lines = Lines(s);
    std::string page;
    for (size_t i = 0; i < lines.size() && i < 45; ++i) page += lines[i] + "\n";
    texts.push_back(page);
    texts.push_back(s);
    all += s + "\f";
  }
  texts.push_back(all);
  CheckAll(texts, "pages and reports");
}

TEST_F(DetectTest, Utf16WithoutBomOnPages) {
  std::string s = seeds_[0];
  for (bool le : {true, false}) {
    NormalizeResult r;
    ASSERT_TRUE(NormalizeBytes(sohoa::testing::EncodeUtf16Ref(s, le), NormalizeOptions(), &r).ok());
    EXPECT_EQ(r.encoding, le ? "utf-16le" : "utf-16be");
    NormalizeResult clean;
    ASSERT_TRUE(NormalizeBytes(s, NormalizeOptions(), &clean).ok());
    EXPECT_EQ(r.text, clean.text);
  }
}

// Unicode text must stay as it is: no legacy reading may take it over.
TEST_F(DetectTest, CleanUnicodeIsKept) {
  for (const std::string& s : seeds_) {
    for (const std::string& l : Lines(s)) {
      NormalizeResult r;
      ASSERT_TRUE(NormalizeBytes(l, NormalizeOptions(), &r).ok());
      EXPECT_EQ(r.encoding, "utf-8") << l;
    }
  }
}

TEST_F(DetectTest, ReportsConfidenceAndCandidates) {
  NormalizeResult r;
  std::string bytes = sohoa::testing::EncodeVniRef(seeds_[0]);
  ASSERT_TRUE(NormalizeBytes(bytes, NormalizeOptions(), &r).ok());
  ASSERT_EQ(r.spans.size(), 1u);
  EXPECT_EQ(r.spans[0].encoding, "vni");
  EXPECT_GT(r.confidence, 0.8f);
  EXPECT_GE(r.spans[0].candidates.size(), 4u);
  bool noted = false;
  for (const Note& n : r.notes) noted = noted || n.message.find("decoded as vni") != std::string::npos;
  EXPECT_TRUE(noted);
}

// A reading that puts a capital inside a small-letter word ("hƠn": VISCII
// "ạ" read as CP1258 "Ơ") is not Vietnamese, however valid the syllable.
TEST_F(DetectTest, ShortVisciiWordsAreNotReadWithInnerCapitals) {
  for (const std::string text : {"hạn \n", "Quá hạn \n", "Đúng hạn\n"}) {
    NormalizeResult r;
    ASSERT_TRUE(NormalizeBytes(sohoa::testing::EncodeVisciiRef(text), NormalizeOptions(), &r).ok());
    EXPECT_EQ(r.text, text);
    EXPECT_EQ(r.encoding, "viscii") << text;
  }
}

// Short VIQR lines: the letters of HTML markup do not count as words without
// marks, and an abbreviation (LĐTBXH) beside a syllable is enough.
TEST_F(DetectTest, ShortViqrLinesWithMarkupAndAbbreviations) {
  for (const std::string text : {"\t<i>Tỷ lệ %</i>\t<i>23,04</i>\t<i>76,96</i>\t<i>0,00</i>\n",
                                  "22\tSở LĐTBXH\t9\t9\n"}) {
    NormalizeResult r;
    ASSERT_TRUE(NormalizeBytes(sohoa::testing::EncodeViqrRef(text), NormalizeOptions(), &r).ok());
    EXPECT_EQ(r.text, text);
    EXPECT_EQ(r.encoding, "viqr") << text;
  }
}

// On a near tie between legacy readings of very short bytes, the encodings
// common in government archives (TCVN3, VNI) win over VISCII and CP1258:
// VNI "Hồ" is VISCII and CP1258 "Hoà".
TEST_F(DetectTest, ShortBytesNearTieFavoursCommonEncodings) {
  NormalizeResult r;
  ASSERT_TRUE(NormalizeBytes(sohoa::testing::EncodeVniRef("Hồ \n"), NormalizeOptions(), &r).ok());
  EXPECT_EQ(r.text, "Hồ \n");
  EXPECT_EQ(r.encoding, "vni");
  // The prior fades with evidence: a VISCII paragraph stays VISCII.
  std::string para = "Hồ sơ đã giải quyết đúng hạn và trả kết quả cho người dân.\n";
  ASSERT_TRUE(NormalizeBytes(sohoa::testing::EncodeVisciiRef(para), NormalizeOptions(), &r).ok());
  EXPECT_EQ(r.text, para);
  EXPECT_EQ(r.encoding, "viscii");
}

}  // namespace
}  // namespace sohoa
