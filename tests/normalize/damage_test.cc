// Damage that tools leave in text (issue 30): HTML character references
// broken by a converter, and UTF-16 whose zero bytes became a filler
// character (with a legacy encoding inside too). Lines already right must
// come back unchanged.
#include <ctime>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/core/char_refs.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/displaced_marks.h"
#include "pipeline/normalize/legacy_codec.h"
#include "pipeline/normalize/normalize.h"

namespace sohoa {
namespace {

namespace ni = normalize_internal;

class DamageTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv("SOHOA_DICTIONARIES", SOHOA_DICTIONARIES_DIR_FOR_TESTS, 1); }
};

std::string Decode(const std::string& s) {
  return RepairCharRefs(s, CharRefOutput::kDecode, nullptr);
}

TEST_F(DamageTest, JoinsReferencesBrokenByLineBreaksSpacesAndTags) {
  EXPECT_EQ(Decode("N&\n#431;&\n#7898;C"), "NƯỚC");
  EXPECT_EQ(Decode("C&#7896;NG H&# 210;A"), "CỘNG HÒA");
  EXPECT_EQ(Decode("TR&#1<br>94;N"), "TRÂN");
  EXPECT_EQ(Decode("V&#7<span class=\"x\">883; tr&#x</font>ED;"), "Vị trí");
  EXPECT_EQ(Decode("&d str\nok;&#x1ed3;ng v&agr<wbr>ave ;"), "đồng và");
  EXPECT_EQ(Decode("th&#7917"), "thử");  // intact numeric reference without ';'
  CharRefStats st;
  std::string out = RepairCharRefs("a&#7\n897;b &amp; c", CharRefOutput::kDecode, &st);
  EXPECT_EQ(out, "aộb & c");
  EXPECT_EQ(st.references, 2u);
  EXPECT_EQ(st.broken, 1u);
  EXPECT_EQ(st.line_breaks_removed, 1u);
}

TEST_F(DamageTest, LeavesWhatIsNoReferenceAlone) {
  // Markup outside a reference is content; a lone '&', an unknown name, a
  // broken reference without ';' stay as written.
  for (const std::string s : {"<b>Tổng cộng</b>", "Sở Tài nguyên & Môi trường", "AT&T; R&D",
                              "&#12 ab", "&foo;", "mã số &# ;", "giá 5 & 6;"}) {
    EXPECT_EQ(Decode(s), s);
  }
}

TEST_F(DamageTest, CanonicalFormForHtmlParsers) {
  EXPECT_EQ(RepairCharRefs("<p>NH&#1<br>94;N &lt;b&gt; &#x\n1EA1;</p>", CharRefOutput::kCanonical,
                           nullptr),
            "<p>NH&#194;N &lt;b&gt; &#7841;</p>");
}

TEST_F(DamageTest, PlainTextDocumentJoinsLinesAndKeepsWrittenForm) {
  Document doc;
  doc.format = "text";
  doc.pages = PagesFromText("Ban ch&#7881; &\n#273;&#7841;o\nD&ograve;ng hai\n", WordSource::kPlainText);
  ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
  ASSERT_GE(doc.pages[0].lines.size(), 2u);
  EXPECT_EQ(doc.pages[0].lines[0].Text(), "Ban chỉ đạo");
  EXPECT_EQ(doc.pages[0].lines[1].Text(), "Dòng hai");
  EXPECT_FALSE(doc.pages[0].lines[0].words[0].original.empty());
  EXPECT_EQ(doc.pages[0].lines[1].words[0].original, "D&ograve;ng");
  EXPECT_TRUE(doc.pages[0].lines[1].words[1].original.empty());
}

TEST_F(DamageTest, PlainTextWithOneIntactReferenceIsKept) {
  Document doc;
  doc.format = "text";
  doc.pages = PagesFromText("Công ty A &amp; B\n", WordSource::kPlainText);
  ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
  EXPECT_EQ(doc.pages[0].lines[0].Text(), "Công ty A &amp; B");
}

// UTF-16 of `text` with every high byte and every control-code low byte
// replaced by `filler`.
std::string FilledUtf16(const std::string& text, bool le, char filler, bool bom) {
  std::string out;
  if (bom) out += le ? "\xFF\xFE" : "\xFE\xFF";
  for (char32_t c : Utf8ToU32(text)) {
    char lo = static_cast<char>(c & 0xFF);
    if ((c & 0xFF) < 0x20 && c != '\n') lo = filler;
    if (le) {
      out += lo;
      out += filler;
    } else {
      out += filler;
      out += lo;
    }
  }
  return out;
}

// Legacy bytes widened to 16 bits, zero bytes replaced by `filler`.
std::string FilledLegacy(const std::string& bytes, bool le, char filler) {
  std::string out;
  for (char b : bytes) {
    char lo = static_cast<unsigned char>(b) < 0x20 && b != '\n' ? filler : b;
    if (le) {
      out += lo;
      out += filler;
    } else {
      out += filler;
      out += lo;
    }
  }
  return out;
}

// Lines written for this test (a district's quarterly report).
const char* const kLines[] = {
    "Ủy ban nhân dân xã Đông Hưng báo cáo kết quả thực hiện nhiệm vụ quý III năm 2023.",
    "Đã tổ chức 12 cuộc họp với người dân về đất đai, trật tự xây dựng và môi trường.",
    "Tổng số hồ sơ tiếp nhận là 1.245 hồ sơ, đã giải quyết đúng hạn 1.198 hồ sơ.",
    "Năm nay, đường giao thông nông thôn được đầu tư thêm 3,5 km bằng nguồn vốn ngân sách.",
    "Công tác phòng, chống thiên tai được triển khai đúng kế hoạch đề ra.",
};

std::string Joined() {
  std::string t;
  for (const char* l : kLines) t += std::string(l) + "\n";
  return t;
}

TEST_F(DamageTest, Utf16WithFillerDecodesEveryLine) {
  const std::string truth = Joined();
  for (bool le : {true, false}) {
    for (char filler : {'#', '.', '?'}) {
      for (bool bom : {false, true}) {
        NormalizeResult r;
        ASSERT_TRUE(NormalizeBytes(FilledUtf16(truth, le, filler, bom), NormalizeOptions(), &r).ok());
        // "hạn" and "hơn" share their low bytes (U+1EA1, U+01A1): normalize
        // keeps both for restore's language model to choose.
        std::string text = r.text;
        if (size_t at = text.find("đúng hơn"); at != std::string::npos)
          text.replace(at, std::string("đúng hơn").size(), "đúng hạn");
        EXPECT_EQ(text, truth) << "le=" << le << " filler=" << filler << " bom=" << bom;
        bool offered = false;
        for (const WordAlternatives& a : r.alternatives)
          for (const std::string& alt : a.alternatives)
            offered = offered || (a.text == "hơn" && alt == "hạn") || (a.text == "hạn" && alt == "hơn");
        EXPECT_TRUE(offered);
        EXPECT_EQ(r.encoding, le ? "utf-16le" : "utf-16be");
      }
    }
  }
}

TEST_F(DamageTest, LegacyBytesInsideFilledUtf16) {
  const std::string truth = Joined();
  Status s;
  for (ni::Legacy e : {ni::Legacy::kTcvn3, ni::Legacy::kVni, ni::Legacy::kViscii}) {
    const ni::LegacyCodec* codec = ni::GetCodec(e, &s);
    ASSERT_NE(codec, nullptr);
    std::string bytes;
    ASSERT_TRUE(codec->Encode(truth, &bytes));
    for (bool le : {true, false}) {
      NormalizeResult r;
      ASSERT_TRUE(NormalizeBytes(FilledLegacy(bytes, le, '#'), NormalizeOptions(), &r).ok());
      EXPECT_EQ(r.text, truth) << ni::LegacyName(e) << " le=" << le;
      EXPECT_EQ(r.encoding, ni::LegacyName(e));
    }
  }
}

TEST_F(DamageTest, FilledLinesShownAsCharactersAmongCleanLines) {
  // One line damaged (its bytes shown as Latin-1 characters), the others
  // clean: only that line changes, and its written form is kept.
  std::string bytes = FilledUtf16(kLines[1], true, '#', false);
  std::string shown;
  for (char b : bytes) AppendUtf8(static_cast<unsigned char>(b), &shown);
  Document doc;
  doc.format = "text";
  doc.pages = PagesFromText(std::string(kLines[0]) + "\n" + shown + "\n" + kLines[2] + "\n",
                            WordSource::kPlainText);
  ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
  EXPECT_EQ(doc.pages[0].lines[0].Text(), kLines[0]);
  EXPECT_EQ(doc.pages[0].lines[1].Text(), kLines[1]);
  EXPECT_EQ(doc.pages[0].lines[2].Text(), kLines[2]);
  EXPECT_EQ(doc.pages[0].lines[1].words[0].original, shown);
  EXPECT_TRUE(doc.pages[0].lines[0].words[0].original.empty());
}

TEST_F(DamageTest, TextThatOnlyLooksAlternatingIsKept) {
  for (const std::string s : {"Mục 1.2.3.4.5 của phụ lục\n", ". . . . . . . . . .\n",
                              "a-b-c-d-e-f-g-h\n", "- - - - - - - -\n"}) {
    Document doc;
    doc.format = "text";
    doc.pages = PagesFromText(s, WordSource::kPlainText);
    ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
    EXPECT_EQ(doc.pages[0].Text(), s.substr(0, s.size() - 1) + "\n") << s;
  }
}

// Displaced marks in flattened text: a letter torn off before punctuation
// left a space between its word and the comma or colon ("s ," for "sở,");
// the gap is filled and the pieces joined, not the letter put at the word's
// edge with the space kept ("sở ,").
TEST_F(DamageTest, DetachedLetterFillsTheGapBeforePunctuation) {
  std::vector<std::string> out;
  ASSERT_TRUE(ni::PlaceDetachedMarks({"ở"}, {"các", "s", ",", "ngành"}, &out));
  EXPECT_EQ(out, (std::vector<std::string>{"các", "sở,", "ngành"}));
  ASSERT_TRUE(ni::PlaceDetachedMarks({"ồ", "ơ"}, {"Mã", "h", "s", ":", "H56"}, &out));
  EXPECT_EQ(out, (std::vector<std::string>{"Mã", "hồ", "sơ:", "H56"}));
  ASSERT_TRUE(ni::PlaceDetachedMarks({"Ủ"}, {"(", "y", "ban)"}, &out));
  EXPECT_EQ(out, (std::vector<std::string>{"(Ủy", "ban)"}));
}

// A line that opens with a one-letter word is written so: the letter is not
// moved into a later word ("Ý kiến ... thu" had become "kiến ... thuÝ", and
// "ý kiến" in TCVN3 text without capitals "kiến ... thuý"). A capital
// after a lower-case letter makes no word.
TEST_F(DamageTest, LineOpeningWithOneLetterWordIsKept) {
  std::vector<std::string> out;
  EXPECT_FALSE(ni::PlaceDetachedMarks({"Ý"}, {"đề", "nghị", "thu", "hồi"}, &out));
  for (const std::string s : {"Ý kiến các hộ về mức thu phí vệ sinh.\n",
                              "ý kiến các hộ về mức thu phí vệ sinh.\n",
                              "Ở các thôn vùng cao, mức thu chưa đạt.\n"}) {
    Document doc;
    doc.format = "text";
    doc.pages = PagesFromText(s, WordSource::kPlainText);
    ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
    EXPECT_EQ(doc.pages[0].Text(), s) << s;
  }
  // A letter torn off before a lone capital still goes into it.
  ASSERT_TRUE(ni::PlaceDetachedMarks({"ố"}, {"S", ":", "15/BC"}, &out));
  EXPECT_EQ(out, (std::vector<std::string>{"Số:", "15/BC"}));
}

// Letters with a dot below come out on a line under their words, the others
// above: a word may take letters from both lines, each line in its order
// ("h p" takes "ợ" from below; "tr ng" "ườ" from above).
TEST_F(DamageTest, DetachedLettersFromAboveAndBelowTogether) {
  std::vector<std::string> out;
  ASSERT_TRUE(ni::PlaceDetachedMarksTwoLines({"ườ"}, {"ợ", "ạ"}, {"tr", "ng", "h", "p", "h", "n"},
                                             &out));
  EXPECT_EQ(out, (std::vector<std::string>{"trường", "hợp", "hạn"}));
}

// Regression: a lone "ụ" was put into a clean word as "ngụân" (the parser
// takes a tone on any vowel); with a marked vowel the tone must be on it.
TEST_F(DamageTest, DetachedLetterMakesNoWordWithItsToneOffTheMarkedVowel) {
  std::vector<std::string> out;
  EXPECT_FALSE(ni::PlaceDetachedMarks({"ụ"}, {"nguồn", "ngân", "sách"}, &out));
  ASSERT_TRUE(ni::PlaceDetachedMarks({"ậ"}, {"ngu", "n"}, &out));
  EXPECT_EQ(out, (std::vector<std::string>{"nguận"}));
}

// A document: the letters above a line and the dot-below letters on the
// line under it go back into that line, both marks lines are dropped, the
// written form is kept; the clean line after it is left alone, and a line of
// dot-below letters that fits nowhere is not given to it.
TEST_F(DamageTest, PlainTextLinesOfLettersAboveAndBelow) {
  Document doc;
  doc.format = "text";
  doc.pages = PagesFromText(
      "ề ườ\nv tr ng h p quá h n\nợ ạ\nKinh phí từ nguồn ngân sách tỉnh.\nụ\n"
      "Ông Trần Văn Dũng.",
      WordSource::kPlainText);
  ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
  std::string text;
  for (const Line& l : doc.pages[0].lines) text += l.Text() + "\n";
  EXPECT_EQ(text,
            "về trường hợp quá hạn\nKinh phí từ nguồn ngân sách tỉnh.\nụ\nÔng Trần Văn Dũng.\n");
  EXPECT_FALSE(doc.pages[0].lines[0].words[0].original.empty());
}

// pdftotext -raw writes a block's lines first and then one line of
// detached letters per damaged line, in order. Each letters-line goes back
// into its line: "S T pháp" (pieces that are capitals, not broken) takes
// "ở ư", a line with nothing detached ("Không hài") takes none, and the
// clean line after the block is left alone.
TEST_F(DamageTest, PlainTextLettersAfterTheirBlock) {
  Document doc;
  doc.format = "text";
  doc.pages = PagesFromText(
      "2 S Công Th ng 433\n11 S Tài nguyên và Môi tr ng 91\n12 S T pháp 608\nKhông hài\n"
      "lòng v nghi p\nở ươ\nở ườ\nở ư\nề ệ\n\nKinh phí từ nguồn ngân sách tỉnh.",
      WordSource::kPlainText);
  ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
  std::string text;
  for (const Line& l : doc.pages[0].lines) text += l.Text() + "\n";
  EXPECT_EQ(text,
            "2 Sở Công Thương 433\n11 Sở Tài nguyên và Môi trường 91\n12 Sở Tư pháp 608\n"
            "Không hài\nlòng về nghiệp\n\nKinh phí từ nguồn ngân sách tỉnh.\n");
  EXPECT_NE(doc.pages[0].lines[1].words[0].original.find(" / ở ườ"), std::string::npos);
}

// One detached letter before words that are all words or capitals ("S"
// is an initial, "huy" a syllable) still goes back where it leaves no
// broken piece; a piece with its closing punctuation ("n;") is a piece; a
// code longer than any word ("H56.22-220615-0042") does not stop the line.
// A line that opens with "Ở" as written is left alone.
TEST_F(DamageTest, PlainTextOneLetterBeforeTheWords) {
  Document doc;
  doc.format = "text";
  doc.pages = PagesFromText(
      "ố S : 123/BC-UBND\nệ - TT. HU, TT. HĐND huy n;\nồ ơ Mã h s : H56.22-220615-0042\n"
      "Ở cấp xã, có 12/15 xã đạt chuẩn.",
      WordSource::kPlainText);
  ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
  std::string text;
  for (const Line& l : doc.pages[0].lines) text += l.Text() + "\n";
  EXPECT_EQ(text,
            "Số: 123/BC-UBND\n- TT. HU, TT. HĐND huyện;\nMã hồ sơ: H56.22-220615-0042\n"
            "Ở cấp xã, có 12/15 xã đạt chuẩn.\n");
}

// Extraction put one letter at the end of the run ("ố ỉ" for "ỉ ố"): in
// their order the letters leave a piece that is no word ("tố ỉnh s"), with
// the last one moved they do not.
TEST_F(DamageTest, PlainTextDetachedLettersWithOneMovedToTheEnd) {
  Document doc;
  doc.format = "text";
  doc.pages = PagesFromText("ố ỉ t nh s 5", WordSource::kPlainText);
  ASSERT_TRUE(NormalizeDocument(NormalizeOptions(), &doc).ok());
  ASSERT_EQ(doc.pages[0].lines.size(), 1u);
  EXPECT_EQ(doc.pages[0].lines[0].Text(), "tỉnh số 5");
}

// Regression: 6,000 bytes of one value (a non-zip file named .docx) read as
// filled UTF-16 made one 3,000-letter word, resolved letter by letter in
// quadratic time (18 s of CPU). A run longer than any word is not searched.
TEST_F(DamageTest, FilledRunLongerThanAnyWordIsDecodedInLinearTime) {
  const std::string bytes(6000, '\xB8');
  const std::clock_t start = std::clock();
  NormalizeResult r;
  ASSERT_TRUE(NormalizeBytes(bytes, NormalizeOptions(), &r).ok());
  const double cpu = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  EXPECT_LT(cpu, 2.0);
}

}  // namespace
}  // namespace sohoa
