#include "pipeline/restore/ocr_channel.h"

#include <gtest/gtest.h>

#include "pipeline/core/utf8.h"
#include "pipeline/restore/restore.h"
#include "tests/testing/run_command.h"

namespace sohoa::restore {
namespace {

ConfusionModel Load() {
  ConfusionModel m;
  Status s = ConfusionModel::Load(std::string(SOHOA_DICTIONARIES_DIR_FOR_TESTS) + "/ocr/confusions.tsv", &m);
  EXPECT_TRUE(s.ok()) << s.message();
  return m;
}

bool HasSkeleton(const ConfusionModel& m, const std::string& ocr, const std::string& skel) {
  for (const auto& [s, lp] : m.Skeletons(PrepareOcrToken(ocr), 8)) if (s == skel) return true;
  return false;
}

// `text` repaired in OCR mode.
std::string RestoreOcr(const std::string& text) {
  RestoreOptions o;
  o.mode = RestoreMode::kOcr;
  std::unique_ptr<Restorer> r;
  Status s = Restorer::Open(o, &r);
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return "";
  Document doc;
  doc.pages = PagesFromText(text, WordSource::kPlainText);
  EXPECT_TRUE(r->RestoreDocument(&doc).ok());
  return doc.Text();
}

TEST(OcrChannelTest, LearnedConfusionsProposeTheSource) {
  ConfusionModel m = Load();
  EXPECT_GT(m.size(), 200u);
  EXPECT_TRUE(HasSkeleton(m, "chirc", "chuc"));
  EXPECT_TRUE(HasSkeleton(m, "t6", "to"));
  EXPECT_TRUE(HasSkeleton(m, "cdc", "cac"));
  // The right syllable explains the OCR token better than a look-alike.
  EXPECT_GT(m.Score(Utf8ToU32("chức"), PrepareOcrToken("chirc")),
            m.Score(Utf8ToU32("chúc"), PrepareOcrToken("chirc")));
  EXPECT_GT(m.Score(Utf8ToU32("tổ"), PrepareOcrToken("t6")),
            m.Score(Utf8ToU32("tô"), PrepareOcrToken("t9")));
}

// A symbol and the letter after it stand together for one vowel ("\\f" for
// "ự"), whatever the onset before them; the beam keeps only prefixes that
// can still become a syllable, so the pair is not crowded out.
TEST(OcrChannelTest, SymbolPairIsOneVowel) {
  ConfusionModel m = Load();
  EXPECT_TRUE(HasSkeleton(m, "th\\fc", "thuc"));
  EXPECT_TRUE(HasSkeleton(m, "tr\\fc", "truc"));
  EXPECT_TRUE(HasSkeleton(m, "h\\fc", "huc"));
  for (const auto& [s, lp] : m.Skeletons(PrepareOcrToken("th\\fc"), 20))
    EXPECT_EQ(s.find('f'), std::string::npos) << s;  // no Vietnamese syllable has an f
}

// In context the pair comes back as a word, and a horn read as an
// apostrophe ("tu’", "tru'c") is part of the word, not kept as a quote.
TEST(OcrChannelTest, SymbolPairsAndHornsInContext) {
  const std::string out = RestoreOcr("Cac co quan da th\\fc hi~n nghiem tuc cong tac cai cach hanh chinh\n"
                                     "dich vu c6ng tru'c tuy\u00e9n va Th6ng tu\u2019 cua Van phong\n");
  EXPECT_NE(out.find("thực hiện"), std::string::npos) << out;
  EXPECT_NE(out.find("trực tuyến"), std::string::npos) << out;
  EXPECT_NE(out.find("Thông tư "), std::string::npos) << out;
}

// A marked vowel the engine lost altogether ("cng" for "công") is one
// inserted vowel; the candidates still have to be syllables.
TEST(OcrChannelTest, DroppedVowelIsProposed) {
  ConfusionModel m = Load();
  EXPECT_TRUE(HasSkeleton(m, "cng", "cong"));
  EXPECT_TRUE(HasSkeleton(m, "ph", "phu"));
  EXPECT_TRUE(HasSkeleton(m, "cha", "chua"));
  for (const auto& [s, lp] : m.Skeletons(PrepareOcrToken("cng"), 30))
    EXPECT_NE(s, "cng") << "not a syllable";
}

// A "?" glued to a word in mid-sentence is a mark the engine could not
// read, not punctuation; before a capital only when the word is no syllable
// without it. At the end of a sentence it stays a question mark.
TEST(OcrChannelTest, GluedQuestionMarkIsAnUnreadMark) {
  const std::string out = RestoreOcr("Can cv? vao ket qua kiem tra, Uy ban nhan dan tinh giao nhiem vu\n"
                                     "Can cv? Nghi dinh cua Chinh phu\n"
                                     "Ai la nguoi ky van ban?\n");
  EXPECT_NE(out.find("Căn cứ vào kết quả kiểm tra"), std::string::npos) << out;
  EXPECT_NE(out.find("Căn cứ Nghị định"), std::string::npos) << out;
  EXPECT_NE(out.find("văn bản?"), std::string::npos) << out;
  EXPECT_EQ(out.find('?'), out.rfind('?')) << out;
}

// A lone "6" between words is "ở" or the number, as the context says.
TEST(OcrChannelTest, LoneSixIsALetterOrANumber) {
  const std::string out = RestoreOcr("Ho so truc tuyen 6 mot so linh vuc\n"
                                     "Trong thang 6 nam 2024, Trung tam da tiep nhan ho so\n");
  EXPECT_NE(out.find("trực tuyến ở một"), std::string::npos) << out;
  EXPECT_NE(out.find("tháng 6 năm 2024"), std::string::npos) << out;
}

// Foreign words and names in plain letters are kept, not split into
// invented syllables; a merge of plain syllables may still be split.
// "Il." is "II." with one I read as l; a token without a real capital I, V
// or X, or with any other letter, is left to the decoder.
TEST(OcrChannelTest, RomanNumeralWithAMisreadIIsRepaired) {
  const std::string out = RestoreOcr("Il. TON TAI HAN CHE VA NGUYEN NHAN\nKet qua quy Il va quy IIl\n");
  EXPECT_NE(out.find("II. TỒN TẠI"), std::string::npos) << out;
  EXPECT_NE(out.find("quý II và quý III"), std::string::npos) << out;
  const std::string other = RestoreOcr("Cac muc lll va Ilo\n");
  EXPECT_EQ(other.find("III"), std::string::npos) << other;
  EXPECT_EQ(other.find("IIo"), std::string::npos) << other;
}

// The right skeleton is often not among the first few by the rough beam
// score: "1lé" (lệ) and "vi" (với, the "ơ" dropped) need a wide beam.
TEST(OcrChannelTest, WideSkeletonBeamFindsTheSource) {
  const std::string out = RestoreOcr("Ty 1lé s6 héa két qua giai quyét thu tuc tai cap xa dat 82,3%,\n"
                                     "Tai Trung tam, tang 36 thu tuc so vi cudi quy II.\n");
  EXPECT_NE(out.find("Tỷ lệ số hóa"), std::string::npos) << out;
  EXPECT_NE(out.find("so với cuối quý II"), std::string::npos) << out;
}

// After a figure, and as "&", the engine's "ở" is still a candidate.
TEST(OcrChannelTest, LoneSixOrAmpersandAfterAFigure) {
  const std::string out = RestoreOcr("Ty 1é s6 héa dat 92,15% 6 cap tinh, 84,37% 6 cap huyén, 79,60% & cap xa;\n"
                                     "Bao cao thang 6 nam 2024 cua So KH & DT\n");
  EXPECT_NE(out.find("92,15% ở cấp tỉnh, 84,37% ở cấp huyện, 79,60% ở cấp xã"), std::string::npos) << out;
  EXPECT_NE(out.find("tháng 6 năm 2024"), std::string::npos) << out;
  EXPECT_NE(out.find(" & "), std::string::npos) << out;  // before a capital: left alone
}

// A merged token keeps the capital of its later piece ("SéNoéng": Nông).
TEST(OcrChannelTest, SplitPiecesKeepTheirCapitals) {
  const std::string out = RestoreOcr("- SéNoéng nghiép va Phat trién nong thon: tiép nhan 245 hé so\n");
  EXPECT_NE(out.find("Nông nghiệp và Phát triển nông thôn"), std::string::npos) << out;
}

TEST(OcrChannelTest, ForeignWordsAreKept) {
  const std::string out = RestoreOcr("Duong truyen internet co luc cham, phan mem iGate cua VNPT\n"
                                     "Nguoi dan gui qua email hoac website, da giai quyet thutuc\n");
  for (const char* w : {"internet", "iGate", "VNPT", "email", "website"})
    EXPECT_NE(out.find(w), std::string::npos) << w << " in: " << out;
  EXPECT_NE(out.find("thủ tục"), std::string::npos) << out;
}

TEST(OcrChannelTest, AdaptationMovesWeightTowardsTheDocument) {
  ConfusionModel m = Load();
  const float before = m.Score(Utf8ToU32("ộ"), U"Q");
  std::vector<std::pair<std::u32string, std::u32string>> pairs(40, {U"ộ", U"Q"});
  m.Adapt(pairs, 50.0);
  EXPECT_GT(m.Score(Utf8ToU32("ộ"), U"Q"), before + 0.3f);
}

TEST(OcrChannelTest, HeldOutOcrTextComesBack) {
  RestoreOptions o;
  o.mode = RestoreMode::kOcr;
  std::unique_ptr<Restorer> r;
  ASSERT_TRUE(Restorer::Open(o, &r).ok());
  const std::string src = sohoa::testing::ReadFile(sohoa::testing::Fixture("restore/ocr_heldout.src.txt"));
  const std::string ocr = sohoa::testing::ReadFile(sohoa::testing::Fixture("restore/ocr_heldout.ocr.txt"));
  Document truth, doc;
  truth.pages = PagesFromText(src, WordSource::kPlainText);
  doc.pages = PagesFromText(ocr, WordSource::kPlainText);
  ASSERT_TRUE(r->RestoreDocument(&doc).ok());
  ASSERT_EQ(truth.pages[0].lines.size(), doc.pages[0].lines.size());
  int before = 0, after = 0, total = 0;
  for (size_t i = 0; i < doc.pages[0].lines.size(); ++i) {
    const Line& t = truth.pages[0].lines[i];
    const Line& d = doc.pages[0].lines[i];
    std::vector<std::string> got;
    for (const Word& w : d.words) {
      // A split merged token is several words in one Word.
      size_t a = 0;
      for (;;) {
        size_t sp = w.text.find(' ', a);
        got.push_back(w.text.substr(a, sp == std::string::npos ? std::string::npos : sp - a));
        if (sp == std::string::npos) break;
        a = sp + 1;
      }
    }
    if (got.size() != t.words.size()) continue;
    for (size_t k = 0; k < got.size(); ++k) {
      ++total;
      after += got[k] == t.words[k].text;
      before += (k < d.words.size() && (d.words[k].original.empty() ? d.words[k].text : d.words[k].original) == t.words[k].text);
    }
  }
  ASSERT_GT(total, 1500);
  std::printf("OCR held-out: words right %.2f%% (before %.2f%%)\n", 100.0 * after / total,
              100.0 * before / total);
  EXPECT_GT(static_cast<double>(after) / total, 0.90);
}

}  // namespace
}  // namespace sohoa::restore
