// Round trip of all 134 Vietnamese letters outside ASCII (67 lower, 67 upper:
// 11 marked vowel rows x 6 tones + 6 toned plain vowels ... i.e. every letter
// of the tone rows except the toneless a e i o u y, plus đ/Đ) in every
// encoding, against the independently typed reference encoders.
#include <iconv.h>

#include <string>

#include <gtest/gtest.h>

#include "pipeline/core/utf8.h"
#include "pipeline/normalize/legacy_codec.h"
#include "pipeline/normalize/normalize.h"
#include "tests/normalize/reference_encoders.h"

namespace sohoa {
namespace {

using testing::BytesAsCp1252;
using testing::VietnameseLetters;
namespace ni = normalize_internal;

class LettersTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv("SOHOA_DICTIONARIES", SOHOA_DICTIONARIES_DIR_FOR_TESTS, 1); }
};

std::string Letter(char32_t c) { return U32ToUtf8(std::u32string(1, c)); }

std::string Decode(const std::string& bytes, const std::string& from) {
  NormalizeOptions o;
  o.from = from;
  NormalizeResult r;
  Status s = NormalizeBytes(bytes, o, &r);
  EXPECT_TRUE(s.ok()) << s.ToString();
  for (const Note& n : r.notes) EXPECT_NE(n.level, "warning") << n.message;
  return r.text;
}

TEST_F(LettersTest, ThereAre134) {
  EXPECT_EQ(VietnameseLetters(false).size(), 67u);
  EXPECT_EQ(VietnameseLetters(true).size(), 67u);
}

// Each letter alone, so one wrong table line cannot hide behind another.
void ExpectEachLetter(bool upper, const std::string& from,
                      std::string (*encode)(const std::string&, bool*), bool mojibake) {
  for (char32_t c : VietnameseLetters(upper)) {
    std::string letter = Letter(c);
    bool ok = true;
    std::string bytes = encode(letter, &ok);
    ASSERT_TRUE(ok) << letter;
    std::string input = mojibake ? BytesAsCp1252(bytes) : bytes;
    // Between ASCII letters, as inside a word.
    EXPECT_EQ(Decode("x" + input + "x", from), "x" + letter + "x")
        << from << (mojibake ? " mojibake " : " ") << letter;
  }
}

TEST_F(LettersTest, Tcvn3LowerCase) {
  ExpectEachLetter(false, "tcvn3", testing::EncodeTcvn3Ref, false);
  ExpectEachLetter(false, "tcvn3", testing::EncodeTcvn3Ref, true);
}

TEST_F(LettersTest, Tcvn3NormalFontCapitals) {
  for (const auto& [c, byte] : testing::Tcvn3NormalCapitals()) {
    EXPECT_EQ(Decode(std::string("X") + byte + "X", "tcvn3"), "X" + Letter(c) + "X");
  }
}

// The upper-case fonts (.VnTimeH): the lower-case slots draw the capitals.
TEST_F(LettersTest, Tcvn3UpperCaseFontCapitals) {
  Document doc;
  doc.format = "pdf";
  Page page;
  page.number = 1;
  page.source = WordSource::kTextLayer;
  Line line;
  std::vector<char32_t> caps = VietnameseLetters(true);
  for (char32_t c : caps) {
    Word w;
    bool ok = true;
    w.text = BytesAsCp1252(testing::EncodeTcvn3Ref(Letter(c), &ok));
    ASSERT_TRUE(ok);
    w.source = WordSource::kTextLayer;
    w.font = "ABCDEF+.VnTimeH";
    w.trailing = " ";
    line.words.push_back(w);
  }
  page.lines.push_back(line);
  doc.pages.push_back(page);
  ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
  ASSERT_EQ(doc.pages[0].lines[0].words.size(), caps.size());
  for (size_t i = 0; i < caps.size(); ++i) {
    const Word& w = doc.pages[0].lines[0].words[i];
    EXPECT_EQ(w.text, Letter(caps[i]));
    EXPECT_EQ(w.encoding, "tcvn3");
  }
  EXPECT_EQ(doc.encoding, "tcvn3");
}

// Regression (bench/office): LibreOffice draws no TCVN3 ư (0xAD), so a PDF
// it printed from a .VnTime run reads "Sở T pháp", "trớc", "đợc". Put back
// where the word is no syllable without it and one place makes it one;
// never in a Unicode span, never where the word is a syllable ("Cha").
TEST_F(LettersTest, Tcvn3UNotDrawnInPdfIsPutBack) {
  Document doc;
  doc.format = "pdf";
  Page page;
  page.number = 1;
  page.source = WordSource::kTextLayer;
  const std::vector<std::string> truth = {"Sở", "Tư", "pháp", "báo", "cáo", "hồ", "sơ", "trước",
                                          "hạn", "được", "giao", "và", "Chưa", "đến", "hạn", "của",
                                          "Sở", "Kế", "hoạch", "và", "Đầu", "tư", "UBND"};
  Line legacy, unicode;
  for (const std::string& t : truth) {
    std::string no_u = t;
    for (const std::string u : {"ư", "Ư"})
      for (size_t at; (at = no_u.find(u)) != std::string::npos;) no_u.erase(at, u.size());
    Word w;
    bool ok = true;
    w.text = BytesAsCp1252(testing::EncodeTcvn3Ref(no_u, &ok));
    ASSERT_TRUE(ok) << t;
    w.source = WordSource::kTextLayer;
    w.font = "DejaVuSans";
    w.trailing = " ";
    legacy.words.push_back(w);
  }
  for (const char* t : {"Kết", "quả", "giải", "quyết", "trớc", "hạn", "năm", "nay"}) {
    Word w;
    w.text = t;
    w.source = WordSource::kTextLayer;
    w.font = "LiberationSerif";
    w.trailing = " ";
    unicode.words.push_back(w);
  }
  page.lines = {legacy, unicode};
  doc.pages.push_back(page);
  ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
  const auto& got = doc.pages[0].lines[0].words;
  ASSERT_EQ(got.size(), truth.size());
  for (size_t i = 0; i < truth.size(); ++i) {
    // "Chưa" without ư is "Cha", a syllable: left as it is.
    EXPECT_EQ(got[i].text, truth[i] == "Chưa" ? "Cha" : truth[i]) << i;
  }
  EXPECT_EQ(doc.pages[0].lines[1].words[4].text, "trớc");  // a Unicode span: never
}

TEST_F(LettersTest, Vni) {
  for (bool upper : {false, true}) {
    ExpectEachLetter(upper, "vni", testing::EncodeVniRef, false);
    ExpectEachLetter(upper, "vni", testing::EncodeVniRef, true);
  }
}

TEST_F(LettersTest, Viscii) {
  for (bool upper : {false, true}) {
    ExpectEachLetter(upper, "viscii", testing::EncodeVisciiRef, false);
    ExpectEachLetter(upper, "viscii", testing::EncodeVisciiRef, true);
  }
}

// Regression: the six capitals at control-code positions are letters.
TEST_F(LettersTest, VisciiControlPositionCapitals) {
  EXPECT_EQ(Decode("\x02\x05\x06\x14\x19\x1E", "viscii"), "ẲẴẪỶỸỴ");
}

TEST_F(LettersTest, Cp1258) {
  for (bool upper : {false, true}) {
    ExpectEachLetter(upper, "cp1258", testing::EncodeCp1258Ref, false);
  }
}

std::string ViqrRef(const std::string& s, bool* ok) { return testing::EncodeViqrRef(s); }

TEST_F(LettersTest, Viqr) {
  for (bool upper : {false, true}) ExpectEachLetter(upper, "viqr", ViqrRef, false);
}

TEST_F(LettersTest, Utf16BothEndsWithAndWithoutBom) {
  std::string all;
  for (bool upper : {false, true})
    for (char32_t c : VietnameseLetters(upper)) all += Letter(c) + " ";
  EXPECT_EQ(Decode("\xFF\xFE" + testing::EncodeUtf16Ref(all, true), "auto"), all);
  EXPECT_EQ(Decode("\xFE\xFF" + testing::EncodeUtf16Ref(all, false), "auto"), all);
  EXPECT_EQ(Decode(testing::EncodeUtf16Ref(all, true), "utf16"), all);
  EXPECT_EQ(Decode(testing::EncodeUtf16Ref(all, false), "utf16"), all);
}

// The stage's encoders (used by benchmarks and fixtures) agree with the
// reference encoders letter by letter.
TEST_F(LettersTest, StageEncodersAgree) {
  Status s;
  const ni::LegacyCodec* tcvn3 = ni::GetCodec(ni::Legacy::kTcvn3, &s);
  const ni::LegacyCodec* tcvn3h = ni::GetCodec(ni::Legacy::kTcvn3Upper, &s);
  const ni::LegacyCodec* vni = ni::GetCodec(ni::Legacy::kVni, &s);
  const ni::LegacyCodec* viscii = ni::GetCodec(ni::Legacy::kViscii, &s);
  ASSERT_TRUE(tcvn3 && tcvn3h && vni && viscii) << s.ToString();
  for (bool upper : {false, true}) {
    for (char32_t c : VietnameseLetters(upper)) {
      std::string l = Letter(c), out;
      bool ok = true;
      if (!upper || testing::Tcvn3NormalCapitals().count(c)) {
        EXPECT_TRUE(tcvn3->Encode(l, &out)) << l;
        EXPECT_EQ(out, testing::EncodeTcvn3Ref(l, &ok)) << l;
      }
      if (upper) {
        // In the H fonts Ă Â Ê Ô Ơ Ư Đ have two codes (both slots draw capitals).
        EXPECT_TRUE(tcvn3h->Encode(l, &out)) << l;
        if (!testing::Tcvn3NormalCapitals().count(c)) {
          EXPECT_EQ(out, testing::EncodeTcvn3Ref(l, &ok)) << l;
        }
        std::string back;
        tcvn3h->Decode(out, &back, nullptr);
        EXPECT_EQ(back, l);
      }
      EXPECT_TRUE(vni->Encode(l, &out));
      EXPECT_EQ(out, testing::EncodeVniRef(l, &ok)) << l;
      EXPECT_TRUE(viscii->Encode(l, &out));
      EXPECT_EQ(out, testing::EncodeVisciiRef(l, &ok)) << l;
      EXPECT_EQ(ni::EncodeViqr(l), testing::EncodeViqrRef(l)) << l;
    }
  }
}

// A third, independent opinion where the C library has the encoding: glibc's
// iconv converters for VISCII, TCVN5712-1 (agrees with VN3 on lower case) and
// CP1258 must decode to the same letters through the stage.
std::string Iconv(const char* to, const std::string& utf8, bool* ok) {
  iconv_t cd = iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    *ok = false;
    return "";
  }
  std::string in = utf8, out(utf8.size() * 4 + 16, '\0');
  char* ip = in.data();
  char* op = out.data();
  size_t il = in.size(), ol = out.size();
  *ok = iconv(cd, &ip, &il, &op, &ol) != static_cast<size_t>(-1);
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

TEST_F(LettersTest, AgreesWithGlibcIconv) {
  for (bool upper : {false, true}) {
    for (char32_t c : VietnameseLetters(upper)) {
      std::string l = Letter(c);
      bool ok = true;
      std::string v = Iconv("VISCII", l, &ok);
      if (ok) {
        EXPECT_EQ(Decode("x" + v + "x", "viscii"), "x" + l + "x") << l;
      }
      std::string w = Iconv("CP1258", l, &ok);
      if (ok) {
        EXPECT_EQ(Decode("x" + w + "x", "cp1258"), "x" + l + "x") << l;
      }
      if (!upper) {
        std::string t = Iconv("TCVN5712-1", l, &ok);
        if (ok) {
          EXPECT_EQ(Decode("x" + t + "x", "tcvn3"), "x" + l + "x") << l;
        }
      }
    }
  }
}

}  // namespace
}  // namespace sohoa

namespace sohoa {
namespace {

std::string IconvTcvn(const std::string& utf8) {
  iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string in = utf8, out(utf8.size() * 2 + 16, '\0');
  char* ip = in.data();
  char* op = out.data();
  size_t il = in.size(), ol = out.size();
  EXPECT_NE(iconv(cd, &ip, &il, &op, &ol), static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

class Tcvn3CapitalsTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv("SOHOA_DICTIONARIES", SOHOA_DICTIONARIES_DIR_FOR_TESTS, 1); }
};

// Issue 18: TCVN3 .txt files (as `iconv -t TCVN5712-1` and converters write
// them) hold the toned capitals at the VN1 positions VN3 leaves empty; they
// came back as CP1252 symbols ("žY BAN" for "ỦY BAN", "B—" for "BỘ").
TEST_F(Tcvn3CapitalsTest, Tcvn3TextKeepsTonedCapitals) {
  for (char32_t c : VietnameseLetters(true)) {
    const std::string letter = U32ToUtf8(std::u32string(1, c));
    NormalizeOptions o;
    o.from = "tcvn3";
    NormalizeResult r;
    ASSERT_TRUE(NormalizeBytes("X" + IconvTcvn(letter) + "X", o, &r).ok());
    EXPECT_EQ(r.text, "X" + letter + "X") << letter;
  }
  // Detected, not told: a heading in capitals and the same words in running text.
  const std::string text =
      "ỦY BAN NHÂN DÂN TỈNH\nBỘ TƯ PHÁP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Bộ Tư pháp đã ban hành thông tư hướng dẫn; Ủy ban nhân dân tỉnh tổ chức thực hiện.\n";
  NormalizeOptions o;
  NormalizeResult r;
  ASSERT_TRUE(NormalizeBytes(IconvTcvn(text), o, &r).ok());
  EXPECT_EQ(r.text, text);
}

// The upper-case font (.VnTimeH) writes a toned capital with a lower-case
// slot ("ủY" in "ỦY BAN"): a line whose other words are capitals is a
// heading in capitals; "Bộ Tư pháp" in running text keeps its case.
TEST_F(Tcvn3CapitalsTest, Tcvn3HeadingInCapitalsFontIsRaised) {
  NormalizeOptions o;
  o.from = "tcvn3";
  NormalizeResult r;
  ASSERT_TRUE(NormalizeBytes("\xF1Y BAN NH\xA2N D\xA2N\nB\xE9 T\xAD ph\xB8p ban h\xB5nh", o, &r).ok());
  EXPECT_EQ(r.text, "ỦY BAN NHÂN DÂN\nBộ Tư pháp ban hành");
  // A short heading with one plain capital word: "BỘ Y TẾ".
  ASSERT_TRUE(NormalizeBytes("B\xE9 Y T\xD5\nB\xE9 Y t\xD5 ban h\xB5nh", o, &r).ok());
  EXPECT_EQ(r.text, "BỘ Y TẾ\nBộ Y tế ban hành");
}

// Headings typed in an upper-case font with caps lock off are all
// lower-case codes: no byte says they are capitals. In a text whose long
// lines open with a capital, a short line with no capital after a short
// line, a sentence end or a blank line is raised; a list item ("a) ...")
// and a line ending with ';' are not.
TEST_F(Tcvn3CapitalsTest, Tcvn3HeadingsInLowerCaseCodesAreRaised) {
  const std::string body1 =
      "Sở Tư pháp tỉnh thông báo về việc lựa chọn tổ chức đấu giá tài sản như sau đây cho các đơn vị:\n";
  const std::string body2 =
      "Hồ sơ gửi qua đường bưu điện tính theo dấu bưu điện đến và không nhận hồ sơ nộp trực tiếp.\n";
  const std::string body3 =
      "Mọi chi tiết xin liên hệ Văn phòng Sở theo số điện thoại của đơn vị trong giờ hành chính.\n";
  const std::string in = "sở tư pháp tỉnh bắc giang\ncộng hòa xã hội chủ nghĩa việt nam\n"
                         "Số: 415/TB-STP\nthông báo\n" + body1 + "a) có cơ sở vật chất;\n" +
                         body2 + body3 + "kt. giám đốc\nphó giám đốc\nNgô Đức Thịnh\n";
  const std::string want = "SỞ TƯ PHÁP TỈNH BẮC GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                           "Số: 415/TB-STP\nTHÔNG BÁO\n" + body1 + "a) có cơ sở vật chất;\n" +
                           body2 + body3 + "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNgô Đức Thịnh\n";
  NormalizeOptions o;
  NormalizeResult r;
  ASSERT_TRUE(NormalizeBytes(IconvTcvn(in), o, &r).ok());
  EXPECT_EQ(r.text, want);
  // A hard-wrapped text (long lines that open in lower case): nothing raised.
  const std::string wrapped =
      "Sở Tư pháp tỉnh thông báo về việc lựa chọn tổ chức đấu giá tài sản như sau đây cho\n"
      "các đơn vị có nhu cầu tham gia và đăng ký theo đúng thời hạn đã nêu trong thông báo\n"
      "này và các văn bản hướng dẫn có liên quan của Bộ Tư pháp về đấu giá tài sản công\n"
      "trên địa bàn tỉnh trong năm nay\nthông báo\n";
  ASSERT_TRUE(NormalizeBytes(IconvTcvn(wrapped), o, &r).ok());
  EXPECT_EQ(r.text, wrapped);
}

}  // namespace
}  // namespace sohoa
