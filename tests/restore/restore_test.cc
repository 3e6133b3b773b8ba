#include "pipeline/restore/restore.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/restore/lm.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using sohoa::testing::Fixture;
using sohoa::testing::ReadFile;

std::unique_ptr<Restorer> Open(RestoreMode mode) {
  RestoreOptions o;
  o.mode = mode;
  std::unique_ptr<Restorer> r;
  Status s = Restorer::Open(o, &r);
  EXPECT_TRUE(s.ok()) << s.message();
  return r;
}

Document FromText(const std::string& text) {
  Document d;
  d.pages = PagesFromText(text, WordSource::kPlainText);
  return d;
}

std::vector<std::string> Words(const Document& d) {
  std::vector<std::string> out;
  for (const Page& p : d.pages)
    for (const Line& l : p.lines)
      for (const Word& w : l.words) out.push_back(w.text);
  return out;
}

// The seeds 000, 002, 003 are held out: the model never saw them.
const char* kHeldOut[] = {"seeds/000_eec36b514c44fab6.txt", "seeds/002_e06f4918bee2bbad.txt",
                          "seeds/003_fdc46fb5b852ba72.txt"};

TEST(RestoreTest, StrippedHeldOutReportsComeBack) {
  auto r = Open(RestoreMode::kStripped);
  ASSERT_TRUE(r);
  int total = 0, right = 0, confident = 0, confident_right = 0;
  for (const char* f : kHeldOut) {
    const std::string clean = ReadFile(Fixture(f));
    Document truth = FromText(clean);
    Document doc = FromText(StripDiacritics(clean));
    RestoreReport report;
    ASSERT_TRUE(r->Restore(&doc, &report).ok());
    EXPECT_EQ(report.mode_used, RestoreMode::kStripped);
    std::vector<std::string> want = Words(truth), got = Words(doc);
    ASSERT_EQ(want.size(), got.size());
    size_t k = 0;
    for (const Page& p : doc.pages) {
      for (const Line& l : p.lines) {
        for (const Word& w : l.words) {
          const std::string& t = want[k++];
          if (StripDiacritics(t) == t) continue;  // count the words that had marks
          ++total;
          right += w.text == t;
          if (w.repair_confidence >= RestoreOptions().confident) {
            ++confident;
            confident_right += w.text == t;
          }
        }
      }
    }
  }
  ASSERT_GT(total, 3000);
  const double accuracy = static_cast<double>(right) / total;
  const double precision = static_cast<double>(confident_right) / confident;
  std::printf("held-out stripped: %d/%d marked words right (%.2f%%); confident %d, %.2f%% right\n",
              right, total, 100 * accuracy, confident, 100 * precision);
  // Session 2 measured 96.6% and 99.4% (cache model, threshold from dev).
  EXPECT_GT(accuracy, 0.955);
  EXPECT_GT(precision, 0.99);
}

TEST(RestoreTest, AutoModeLeavesCleanTextByteIdentical) {
  auto r = Open(RestoreMode::kAuto);
  for (const char* f : kHeldOut) {
    const std::string clean = ReadFile(Fixture(f));
    Document doc = FromText(clean);
    const std::string before = doc.Text();
    RestoreReport report;
    ASSERT_TRUE(r->Restore(&doc, &report).ok());
    EXPECT_EQ(report.mode_used, RestoreMode::kAuto) << report.assessment.Summary();
    EXPECT_EQ(doc.Text(), before);
    EXPECT_EQ(report.repaired, 0);
  }
}

// Open checks the model file up front (errors before any document); the
// model itself is read on the first line that needs restoring, so a clean
// document never touches it.
TEST(RestoreTest, ModelIsCheckedAtOpenAndLoadedOnFirstNeed) {
  const std::string dir = sohoa::testing::TempDir() + "/lazy_model";
  std::filesystem::create_directories(dir);
  const std::string link = dir + "/" + restore::kLanguageModelFile;
  std::filesystem::remove(link);
  RestoreOptions o;
  o.model_dir = dir;
  o.mode = RestoreMode::kStripped;
  std::unique_ptr<Restorer> r;
  {
    std::ofstream(link) << std::string(4096, 'x');
    const Status s = Restorer::Open(o, &r);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(s.message().find("not a sohoa language model"), std::string::npos) << s.message();
    std::filesystem::remove(link);
  }
  std::filesystem::create_symlink(ModelDir() + "/" + restore::kLanguageModelFile, link);
  o.mode = RestoreMode::kAuto;
  ASSERT_TRUE(Restorer::Open(o, &r).ok());
  std::filesystem::remove(link);  // gone before any document
  Document clean = FromText(ReadFile(Fixture(kHeldOut[0])));
  const std::string before = clean.Text();
  ASSERT_TRUE(r->RestoreDocument(&clean).ok());
  EXPECT_EQ(clean.Text(), before);
  Document stripped = FromText(StripDiacritics(before));
  const Status s = r->RestoreDocument(&stripped);
  EXPECT_EQ(s.code(), Status::Code::kNotFound) << s.message();
}

TEST(RestoreTest, DetectorVerdicts) {
  const std::string clean = ReadFile(Fixture(kHeldOut[2]));
  EXPECT_EQ(DetectDamage(FromText(clean)).verdict, RestoreMode::kAuto);
  EXPECT_EQ(DetectDamage(FromText(StripDiacritics(clean))).verdict, RestoreMode::kStripped);
  EXPECT_EQ(DetectDamage(FromText(ReadFile(Fixture("restore/ocr_heldout.ocr.txt")))).verdict,
            RestoreMode::kOcr);
  EXPECT_EQ(DetectDamage(FromText("The quick brown fox jumps over the lazy dog again and again.")).verdict,
            RestoreMode::kAuto);
}

TEST(RestoreTest, NonVietnameseNumbersAndEmptyPassThrough) {
  for (RestoreMode mode : {RestoreMode::kAuto, RestoreMode::kStripped, RestoreMode::kOcr}) {
    auto r = Open(mode);
    const std::vector<std::string> inputs = {
        "",
        "\n\n\n",
        "The report was sent to the committee on Monday, and they replied on Friday.\n"
        "Please find attached the tables for the second quarter of the year.",
        "1\t12\t4\t8\t11\t11\t0\n2\t3.028\t119\t1.952\t957\t79,79\n",
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html  abc@example.org",
    };
    for (const std::string& in : inputs) {
      Document doc = FromText(in);
      const std::string before = doc.Text();
      ASSERT_TRUE(r->RestoreDocument(&doc).ok());
      EXPECT_EQ(doc.Text(), before) << RestoreModeName(mode) << ": " << in;
    }
  }
}

TEST(RestoreTest, VeryLongLineIsBoundedAndKeepsItsWords) {
  auto r = Open(RestoreMode::kStripped);
  std::string line;
  while (line.size() < 100000) line += "so ho so tiep nhan trong thang tang so voi cung ky nam truoc ";
  Document doc = FromText(line + "\nthe end\n");
  const size_t words = Words(doc).size();
  // Throughput is measured in bench/restore; here: it finishes and keeps every word.
  ASSERT_TRUE(r->RestoreDocument(&doc).ok());
  EXPECT_EQ(Words(doc).size(), words);
  EXPECT_EQ(doc.pages[0].lines.size(), 3u);
  EXPECT_EQ(doc.pages[0].lines[0].words[1].text, "hồ");
}

TEST(RestoreTest, MarkedWordsAreTrustedInStrippedMode) {
  auto r = Open(RestoreMode::kStripped);
  Document doc = FromText("Sở Tư pháp tiep nhan hồ sơ");
  ASSERT_TRUE(r->RestoreDocument(&doc).ok());
  std::vector<std::string> w = Words(doc);
  EXPECT_EQ(w[0], "Sở");
  EXPECT_EQ(w[5], "hồ");
  EXPECT_EQ(w[6], "sơ");
  EXPECT_EQ(doc.pages[0].lines[0].words[3].original, "tiep");
  EXPECT_EQ(w[3], "tiếp");
}

}  // namespace
}  // namespace sohoa

namespace sohoa {
namespace {

std::string RestoreWith(ToneMarkStyle style, const std::string& text,
                        RestoreMode mode = RestoreMode::kStripped) {
  RestoreOptions o;
  o.mode = mode;
  o.tone_style = style;
  std::unique_ptr<Restorer> r;
  EXPECT_TRUE(Restorer::Open(o, &r).ok());
  Document d;
  d.pages = PagesFromText(text, WordSource::kPlainText);
  EXPECT_TRUE(r->RestoreDocument(&d).ok());
  return d.Text();
}

// Restored oa/oe/uy syllables take the tone placement asked for, or the one
// the document already uses; words the document marked itself are kept.
// An OCR engine lowers one marked capital ("HiEN" for "HIỆN"); the word is
// still written in capitals, in headings and in running text alike.
TEST(RestoreTest, OneLoweredCapitalKeepsTheWordInCapitals) {
  auto r = Open(RestoreMode::kOcr);
  Document d = FromText("II. KET QUA THUC HiEN NHIEM VU\nI. CONG TAC CHi DAO\nTrung tam Phuc vu da THUC HiEN tot\n");
  ASSERT_TRUE(r->RestoreDocument(&d).ok());
  const std::string out = d.Text();
  EXPECT_NE(out.find("THỰC HIỆN NHIỆM VỤ"), std::string::npos) << out;
  EXPECT_NE(out.find("CHỈ ĐẠO"), std::string::npos) << out;
  EXPECT_NE(out.find("HIỆN tốt"), std::string::npos) << out;
}

// A line in capitals is a heading, a sentence of its own: the document code
// on the line before (no full stop after it) is not its left context.
TEST(RestoreTest, LineInCapitalsIsASentenceOfItsOwn) {
  auto r = Open(RestoreMode::kStripped);
  Document d = FromText("UBND TINH HA TINH\nSo: 118/BC-TTPVHCC\nCONG HOA XA HOI CHU NGHIA VIET NAM\n"
                        "Doc lap - Tu do - Hanh phuc\n");
  ASSERT_TRUE(r->RestoreDocument(&d).ok());
  const std::string out = d.Text();
  EXPECT_NE(out.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos) << out;
  EXPECT_NE(out.find("Độc lập - Tự do - Hạnh phúc"), std::string::npos) << out;
}

// Acronyms do not make a line foreign: "- Luu: VT, NV." is restored, an
// English line with an acronym is still left alone.
TEST(RestoreTest, AcronymsDoNotMakeALineForeign) {
  auto r = Open(RestoreMode::kStripped);
  Document d = FromText("Noi nhan:\n- Luu: VT, NV.\nThe annual report of the DOJ was filed\n");
  ASSERT_TRUE(r->RestoreDocument(&d).ok());
  const std::string out = d.Text();
  EXPECT_NE(out.find("- Lưu: VT, NV."), std::string::npos) << out;
  EXPECT_NE(out.find("The annual report of the DOJ was filed"), std::string::npos) << out;
}

// A two-letter word in capitals next to a longer one in capitals stays in
// capitals even on a line that is not all capitals (two-column headers).
TEST(RestoreTest, TwoLetterCapitalsBesideCapitalsStayCapitals) {
  auto r = Open(RestoreMode::kStripped);
  Document d = FromText("TRUNG TAM PHUC VU                        Doc lap - Tu do - Hanh phuc\n");
  ASSERT_TRUE(r->RestoreDocument(&d).ok());
  EXPECT_NE(d.Text().find("PHỤC VỤ "), std::string::npos) << d.Text();
}

// An abbreviation of capitals joined by '&' is no OCR damage: "Sở LĐTB&XH"
// in a fixed-width appendix came back as "Sở LÁT BỘ", and the unit left its
// series.
TEST(RestoreTest, RegressionAmpersandAbbreviationsAreKept) {
  auto r = Open(RestoreMode::kAuto);
  Document d = FromText(
      "Báo cáo kết quả giải quyết thủ tục hành chính của các sở, ngành trong tháng\n"
      "  7 Sở LĐTB&XH                         213      63     150     172\n"
      "  8 Sở NN&PTNT                         538     158     380     430\n");
  ASSERT_TRUE(r->RestoreDocument(&d).ok());
  EXPECT_NE(d.Text().find("Sở LĐTB&XH "), std::string::npos) << d.Text();
  EXPECT_NE(d.Text().find("Sở NN&PTNT "), std::string::npos) << d.Text();
}

// Known abbreviations get their Đ back; an unknown acronym with a D may
// have lost one: kept, with low confidence.
TEST(RestoreTest, StrippedAbbreviations) {
  auto r = Open(RestoreMode::kStripped);
  Document d = FromText("- TT. HDND tinh va LDVP UBND tinh;\n- Chi nhanh VPDKDD va phong QLDTX;\n");
  RestoreReport report;
  ASSERT_TRUE(r->Restore(&d, &report).ok());
  const std::string out = d.Text();
  EXPECT_NE(out.find("TT. HĐND "), std::string::npos) << out;
  EXPECT_NE(out.find(" LĐVP UBND "), std::string::npos) << out;
  EXPECT_NE(out.find("Chi nhánh VPĐKĐĐ"), std::string::npos) << out;
  bool seen = false;
  for (const Word& w : d.pages[0].lines[1].words) {
    if (w.text != "QLDTX;") continue;
    seen = true;
    EXPECT_LT(w.repair_confidence, 0.98f);
  }
  EXPECT_TRUE(seen) << out;
}

// A wide gap between two words is a column break: the left column's last
// word is not the right column's context.
TEST(RestoreTest, WideGapIsAColumnBreak) {
  auto r = Open(RestoreMode::kStripped);
  Document d = FromText("UBND TINH BINH PHUOC                        CONG HOA XA HOI CHU NGHIA VIET NAM\n");
  ASSERT_TRUE(r->RestoreDocument(&d).ok());
  EXPECT_NE(d.Text().find("CỘNG HÒA XÃ HỘI"), std::string::npos) << d.Text();
}

TEST(RestoreTest, ToneStyleOfRestoredSyllables) {
  const std::string stripped = "Trung tam da tiep nhan ho so va thuy san, suc khoe\n";
  std::string old_style = RestoreWith(ToneMarkStyle::kOld, stripped);
  EXPECT_NE(old_style.find("thủy sản"), std::string::npos) << old_style;
  EXPECT_NE(old_style.find("khỏe"), std::string::npos) << old_style;
  std::string new_style = RestoreWith(ToneMarkStyle::kNew, stripped);
  EXPECT_NE(new_style.find("thuỷ sản"), std::string::npos) << new_style;
  EXPECT_NE(new_style.find("khoẻ"), std::string::npos) << new_style;
  // The document writes "Thuỷ" in the new style: restored words follow it.
  std::string follow =
      RestoreWith(ToneMarkStyle::kDocument, "Sở Thuỷ sản. " + stripped);
  EXPECT_NE(follow.find("Sở Thuỷ sản. "), std::string::npos) << follow;
  EXPECT_NE(follow.find("khoẻ"), std::string::npos) << follow;
  // Nothing to follow: the traditional placement.
  EXPECT_NE(RestoreWith(ToneMarkStyle::kDocument, stripped).find("khỏe"), std::string::npos);
  // In OCR text the marks are the engine's ("hoá" it read into a scan): no
  // vote, the traditional placement.
  std::string ocr = RestoreWith(ToneMarkStyle::kDocument,
                                "Uy ban nhan dan huyén da chi dao hoá don, hoá chat, hoá don\n" + stripped,
                                RestoreMode::kOcr);
  EXPECT_NE(ocr.find("Ủy ban"), std::string::npos) << ocr;
  EXPECT_NE(ocr.find("thủy sản"), std::string::npos) << ocr;
}

}  // namespace
}  // namespace sohoa

namespace sohoa {
namespace {

// Issue 18: a report whose lines were typed with their marks, save a few
// pasted from a plain-text e-mail. The mode was chosen for the whole
// document ("leave alone"), so the stripped lines stayed stripped.
TEST(RestoreTest, MixedDocumentRestoresStrippedLinesAndKeepsIntactOnes) {
  const std::string intact1 = "Ủy ban nhân dân huyện đã ban hành kế hoạch cải cách hành chính năm 2024.";
  const std::string intact2 = "Các xã đều tổ chức họp ba lần trong quý để rà soát hồ sơ tồn đọng.";
  const std::string intact3 = "Văn phòng Ủy ban nhân dân huyện tổng hợp, báo cáo kết quả thực hiện.";
  const std::string text = intact1 + "\n" + "Trung tam Phuc vu hanh chinh cong tiep nhan ho so cua nguoi dan.\n" +
                           intact2 + "\n" + "So ho so giai quyet dung han tang so voi cung ky nam truoc.\n" +
                           intact3 + "\n";
  auto r = Open(RestoreMode::kAuto);
  Document doc = FromText(text);
  RestoreReport report;
  ASSERT_TRUE(r->Restore(&doc, &report).ok());
  const auto& lines = doc.pages[0].lines;
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(lines[0].Text(), intact1);
  EXPECT_EQ(lines[2].Text(), intact2);
  EXPECT_EQ(lines[4].Text(), intact3);
  EXPECT_EQ(lines[1].Text(), "Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ của người dân.");
  EXPECT_EQ(lines[3].Text(), "Số hồ sơ giải quyết đúng hạn tăng so với cùng kỳ năm trước.");
  // The decision per line, as `sohoa restore --json` shows it.
  ASSERT_EQ(report.lines.size(), 5u);
  const RestoreMode want[] = {RestoreMode::kAuto, RestoreMode::kStripped, RestoreMode::kAuto,
                              RestoreMode::kStripped, RestoreMode::kAuto};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(report.lines[i].mode, want[i]) << i;
    EXPECT_EQ(report.lines[i].line, static_cast<int>(i) + 1);
  }
  for (size_t i : {0, 2, 4})
    for (const Word& w : lines[i].words) EXPECT_TRUE(w.original.empty()) << w.text;
}

// A garbled line (English-model OCR: marked letters that make no syllable)
// in a typed document is repaired as OCR, not taken for a stripped line.
TEST(RestoreTest, MixedDocumentRepairsGarbledLine) {
  Line typed = FromText("Ủy ban nhân dân huyện đã ban hành kế hoạch cải cách hành chính.").pages[0].lines[0];
  Line stripped = FromText("Trung tam Phuc vu hanh chinh cong tiep nhan ho so.").pages[0].lines[0];
  Line garbled = FromText("Hién con 339 hé so dang duoc giai quyét va van trong thoi han.").pages[0].lines[0];
  Line acronym = FromText("Chi nhánh VPĐKĐĐ tiếp nhận hồ sơ.").pages[0].lines[0];
  EXPECT_EQ(DecideLineMode(typed, RestoreMode::kAuto), RestoreMode::kAuto);
  EXPECT_EQ(DecideLineMode(stripped, RestoreMode::kAuto), RestoreMode::kStripped);
  EXPECT_EQ(DecideLineMode(garbled, RestoreMode::kAuto), RestoreMode::kOcr);
  EXPECT_EQ(DecideLineMode(acronym, RestoreMode::kAuto), RestoreMode::kAuto);
  // In a document OCR'd as a whole, only a clearly typed line is kept.
  EXPECT_EQ(DecideLineMode(typed, RestoreMode::kOcr), RestoreMode::kAuto);
  EXPECT_EQ(DecideLineMode(stripped, RestoreMode::kOcr), RestoreMode::kOcr);

  auto r = Open(RestoreMode::kAuto);
  Document doc = FromText("Ủy ban nhân dân huyện đã ban hành kế hoạch cải cách hành chính năm 2024.\n"
                          "Hién con 339 hé so dang duoc giai quyét va van trong thoi han quy dinh.\n"
                          "Văn phòng Ủy ban nhân dân huyện tổng hợp, báo cáo kết quả thực hiện.\n");
  RestoreReport report;
  ASSERT_TRUE(r->Restore(&doc, &report).ok());
  ASSERT_EQ(report.lines.size(), 3u);
  EXPECT_EQ(report.lines[1].mode, RestoreMode::kOcr);
  const std::vector<Word>& w = doc.pages[0].lines[1].words;
  EXPECT_EQ(w[0].text, "Hiện");
  EXPECT_EQ(w[3].text, "hồ");
  EXPECT_EQ(w[8].text, "quyết");
  EXPECT_EQ(doc.pages[0].lines[0].words[0].original, "");  // the typed lines are kept
}

}  // namespace

// Issue 30, do no harm: a lone capital, an acronym in a typed line, a code
// after typed words are no stripped syllables ("C" had become "Ca", "HU"
// "Hu", "2a" "ở").
TEST(RestoreTest, CapitalsAndCodesInTypedLinesAreLeftAlone) {
  Line code_line = FromText("Biểu mẫu 2a").pages[0].lines[0];
  EXPECT_EQ(DecideLineMode(code_line, RestoreMode::kAuto), RestoreMode::kAuto);
  // In an OCR'd document a figure glued to a letter may still be a word.
  EXPECT_EQ(DecideLineMode(code_line, RestoreMode::kOcr), RestoreMode::kOcr);
  auto r = Open(RestoreMode::kAuto);
  const std::string text =
      "Trung tam Phuc vu hanh chinh cong tiep nhan ho so.\n"
      "- TT. HU, TT. HĐND huyện;\n"
      "Phòng C xa trung tam tinh\n";
  Document doc = FromText(text);
  ASSERT_TRUE(r->RestoreDocument(&doc).ok());
  const auto& lines = doc.pages[0].lines;
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0].Text(), "Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ.");
  EXPECT_EQ(lines[1].Text(), "- TT. HU, TT. HĐND huyện;");
  EXPECT_EQ(lines[2].words[1].text, "C");
  Document typed = FromText(
      "Ủy ban nhân dân huyện đã ban hành kế hoạch cải cách hành chính năm 2024.\n"
      "Các xã đều tổ chức họp ba lần trong quý để rà soát hồ sơ tồn đọng.\n"
      "Biểu mẫu 2a\n");
  ASSERT_TRUE(r->RestoreDocument(&typed).ok());
  EXPECT_EQ(typed.pages[0].lines[2].Text(), "Biểu mẫu 2a");
}

// Normalize's other readings of a word (UTF-16 without zero bytes: "hơn"
// and "hạn" share their bytes) are chosen by the language model in context,
// in a line that is otherwise kept.
TEST(RestoreTest, NormalizeAlternativesAreChosenInContext) {
  Document doc = FromText("Hồ sơ được giải quyết đúng hơn theo quy định.\n");
  Word& w = doc.pages[0].lines[0].words[6];
  ASSERT_EQ(w.text, "hơn");
  w.alternatives = {"hạn"};
  auto r = Open(RestoreMode::kAuto);
  ASSERT_TRUE(r->RestoreDocument(&doc).ok());
  EXPECT_EQ(doc.pages[0].lines[0].Text(), "Hồ sơ được giải quyết đúng hạn theo quy định.");
  EXPECT_EQ(doc.pages[0].lines[0].words[6].original, "hơn");
}

}  // namespace sohoa

namespace sohoa {
namespace {

Document TextDocument(const std::string& text) {
  Document d;
  d.pages = PagesFromText(text, WordSource::kPlainText);
  return d;
}

// Issue 18, do no harm: a typed line is kept even when it holds a code of
// capitals and figures, a number with a unit, or a name outside the
// syllable set ("NL1" had become "Nó", "m2" "mô", "Đắk" "Đã").
TEST(RestoreTest, TypedLinesWithCodesUnitsAndNamesAreKept) {
  for (const char* text : {"- Lưu: VT, TH2.", "Diện tích sàn xây dựng khoảng 2.400 m2 trên khu đất.",
                           "Krông Pắc, ngày 12 tháng 3 năm 2024", "Y Moan Êban"}) {
    const Line line = TextDocument(text).pages[0].lines[0];
    EXPECT_EQ(DecideLineMode(line, RestoreMode::kAuto), RestoreMode::kAuto) << text;
  }
  // A stripped line with a unit is still stripped, an English-model OCR
  // line still OCR.
  EXPECT_EQ(DecideLineMode(TextDocument("Dien tich san 2.400 m2 tren khu dat.").pages[0].lines[0],
                           RestoreMode::kAuto),
            RestoreMode::kStripped);
  EXPECT_EQ(DecideLineMode(TextDocument("Hién con 339 hé so dang duoc giai quyét.").pages[0].lines[0],
                           RestoreMode::kAuto),
            RestoreMode::kOcr);
  auto r = Open(RestoreMode::kAuto);
  const std::string typed =
      "Ủy ban nhân dân huyện đã ban hành kế hoạch cải cách hành chính năm 2024.\n"
      "Diện tích sàn xây dựng khoảng 2.400 m2 trên khu đất.\n"
      "Trung tam Phuc vu hanh chinh cong tiep nhan ho so cua nguoi dan.\n"
      "Krông Pắc, ngày 12 tháng 3 năm 2024\n"
      "- Lưu: VT, TH2.\n";
  Document doc = TextDocument(typed);
  ASSERT_TRUE(r->RestoreDocument(&doc).ok());
  const auto& lines = doc.pages[0].lines;
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(lines[1].Text(), "Diện tích sàn xây dựng khoảng 2.400 m2 trên khu đất.");
  EXPECT_EQ(lines[2].Text(), "Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ của người dân.");
  EXPECT_EQ(lines[3].Text(), "Krông Pắc, ngày 12 tháng 3 năm 2024");
  EXPECT_EQ(lines[4].Text(), "- Lưu: VT, TH2.");
}

// Issue 18: a short line whose only word is an unmarked syllable, in a
// typed document, is restored when the marked word is far more frequent
// ("So: 415/TB-STP" stayed "So"), and kept when the word is common as it
// is ("qua").
TEST(RestoreTest, LoneUnmarkedSyllableLinesAreWeighed) {
  auto r = Open(RestoreMode::kAuto);
  Document doc = TextDocument(
      "Ủy ban nhân dân huyện đã ban hành kế hoạch cải cách hành chính năm 2024.\n"
      "So: 27/BC-UBND\n"
      "- UBND tinh;\n"
      "qua\n");
  RestoreReport report;
  ASSERT_TRUE(r->Restore(&doc, &report).ok());
  const auto& lines = doc.pages[0].lines;
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[1].Text(), "Số: 27/BC-UBND");
  EXPECT_EQ(lines[2].Text(), "- UBND tỉnh;");
  EXPECT_EQ(lines[3].Text(), "qua");
  ASSERT_EQ(report.lines.size(), 4u);
  EXPECT_EQ(report.lines[1].mode, RestoreMode::kStripped);
  EXPECT_EQ(report.lines[3].mode, RestoreMode::kAuto);
}

// Regression (office: Unicode Word tables): text a program wrote (Word,
// HTML, a PDF text layer) and intact as a whole is not "restored" on lines
// without marks that are names ("Mang Yang" had become "Mảng Yang", "Nam
// Giang" "Năm Giang", "So: 27" "Số: 27"); a pasted stripped sentence (three
// or more lower-case unmarked syllables) still is. The same lines in a
// plain-text document are weighed as before.
TEST(RestoreTest, ProgramWrittenTextIsRestoredOnlyOnEvidence) {
  auto r = Open(RestoreMode::kAuto);
  const std::string text =
      "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc báo cáo định kỳ kết quả giải quyết.\n"
      "1\tMang Yang\t100\t50\n"
      "2\tNam Giang\t135\t85\n"
      "So: 27/BC-UBND\n"
      "Kinh gui: Uy ban nhan dan tinh va cac co quan lien quan.\n";
  for (const char* format : {"docx", "html"}) {
    SCOPED_TRACE(format);
    Document doc = FromText(text);
    doc.format = format;
    RestoreReport report;
    ASSERT_TRUE(r->Restore(&doc, &report).ok());
    const auto& lines = doc.pages[0].lines;
    ASSERT_GE(lines.size(), 5u);
    EXPECT_EQ(lines[1].Text(), "1\tMang Yang\t100\t50");
    EXPECT_EQ(lines[2].Text(), "2\tNam Giang\t135\t85");
    EXPECT_EQ(lines[3].Text(), "So: 27/BC-UBND");
    EXPECT_EQ(lines[4].Text(), "Kính gửi: Ủy ban nhân dân tỉnh và các cơ quan liên quan.");
  }
  // A PDF text layer: guarded by the page's source.
  Document pdf;
  pdf.format = "pdf";
  pdf.pages = PagesFromText(text, WordSource::kTextLayer);
  ASSERT_TRUE(r->RestoreDocument(&pdf).ok());
  EXPECT_EQ(pdf.pages[0].lines[1].Text(), "1\tMang Yang\t100\t50");
  EXPECT_EQ(pdf.pages[0].lines[3].Text(), "So: 27/BC-UBND");
  // Plain text: the lone unmarked syllable line is weighed as before.
  Document plain = FromText(text);
  ASSERT_TRUE(r->RestoreDocument(&plain).ok());
  EXPECT_EQ(plain.pages[0].lines[3].Text(), "Số: 27/BC-UBND");
}

// Issue 18, OCR: list labels opening a line and units after a figure are
// kept ("b)" had become "bộ)", "c)" "có)", "m2" "mô", "ha" "hay"); the
// signature-block abbreviations stay ("KT." had become "KỲ.", "VT" "Vật").
TEST(RestoreTest, OcrKeepsListLabelsUnitsAndSignatureAbbreviations) {
  auto r = Open(RestoreMode::kOcr);
  Document doc = TextDocument(
      "b) Dat trong lua nuoc: 2,15 ha cua 9 ho gia dinh;\n"
      "c) Nha van hoa thon co dien tich 420 m2 da xuong cap.\n"
      "KT. CHU TICH\n"
      "- Luu: VT, TH.\n");
  ASSERT_TRUE(r->RestoreDocument(&doc).ok());
  const auto& lines = doc.pages[0].lines;
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0].words[0].text, "b)");
  EXPECT_EQ(lines[0].words[6].text, "ha");
  EXPECT_EQ(lines[1].words[0].text, "c)");
  EXPECT_EQ(lines[1].words[9].text, "m2");
  EXPECT_EQ(lines[2].words[0].text, "KT.");
  EXPECT_EQ(lines[3].words[2].text, "VT,");
}

// Issue 18, OCR: two words glued by a full stop or an apostrophe where the
// space was are split and each decoded ("ngan.sach" = "ngân sách"); abbreviations,
// figures and addresses with a stop are not.
TEST(RestoreTest, OcrSplitsWordsGluedWithAStop) {
  auto r = Open(RestoreMode::kOcr);
  Document doc = TextDocument(
      "Tiet kiem chi ngan.sach nha nuoc 12,5 ty dong, tiét kiém.10% chi thuong xuyen tai TP.HCM.\n");
  ASSERT_TRUE(r->RestoreDocument(&doc).ok());
  const std::string out = doc.pages[0].lines[0].Text();
  EXPECT_NE(out.find("ngân sách nhà nước"), std::string::npos) << out;
  EXPECT_NE(out.find("kiệm 10%"), std::string::npos) << out;
  EXPECT_NE(out.find("TP.HCM."), std::string::npos) << out;
  EXPECT_NE(out.find("12,5"), std::string::npos) << out;
  // An apostrophe before a figure is a lost space too; after u, o, v, t
  // before a letter it is the horn ("tru'c" = trực).
  Document ap = TextDocument("Trung tam da tiep nhan'1.250 ho so tru'c tuyen trong thang.\n");
  ASSERT_TRUE(r->RestoreDocument(&ap).ok());
  const std::string ap_out = ap.pages[0].lines[0].Text();
  EXPECT_NE(ap_out.find("nhận 1.250"), std::string::npos) << ap_out;
  EXPECT_NE(ap_out.find("trực tuyến"), std::string::npos) << ap_out;
  // Both pieces remember the glued form.
  bool found = false;
  for (const Word& w : doc.pages[0].lines[0].words) found = found || w.original == "ngan.sach";
  EXPECT_TRUE(found);
}

// Issue 18, OCR: "€" inside a word is the English engine's ê (it stayed:
// "th€m", "chuy€n").
TEST(RestoreTest, OcrReadsEuroSignInsideAWordAsALetter) {
  auto r = Open(RestoreMode::kOcr);
  Document doc = TextDocument("Ho tro th€m 20% muc dong cho nguoi lao dong.\n");
  ASSERT_TRUE(r->RestoreDocument(&doc).ok());
  EXPECT_EQ(doc.pages[0].lines[0].words[2].text, "thêm");
}

// Names outside the syllable set in a line of an intact document are no
// damage: capitalised words with marks ("Lắk", "Plơi") are names, not an
// English-model engine's letters, and acronyms with Đ ("HĐND") are no
// stripped words ("Lắk" had become "Là", "Con" "Côn"). Stripped and garbled
// lines of the same document are still found.
TEST(RestoreTest, NamesInTypedLinesAreNoDamage) {
  const Line roster =
      FromText("12 Y Blơ Kpă Gia Rai thôn Ea Sô, huyện Lắk 2.100.000").pages[0].lines[0];
  const Line office = FromText("- Văn phòng HĐND huyện Krông Pắc;").pages[0].lines[0];
  const Line names = FromText("- Thường trực HĐND xã Ia Plơi;").pages[0].lines[0];
  for (const Line* l : {&roster, &office, &names})
    EXPECT_EQ(DecideLineMode(*l, RestoreMode::kAuto), RestoreMode::kAuto) << l->Text();
  // In a document OCR'd as a whole a marked word that is no syllable is
  // still the engine's.
  EXPECT_EQ(DecideLineMode(roster, RestoreMode::kOcr), RestoreMode::kOcr);
  Line stripped = FromText("Thon Ea So da hoan thanh ke hoach trong nam.").pages[0].lines[0];
  Line garbled = FromText("Hién con 12 hé so dang duoc giai quyét tai Ea So.").pages[0].lines[0];
  EXPECT_EQ(DecideLineMode(stripped, RestoreMode::kAuto), RestoreMode::kStripped);
  EXPECT_EQ(DecideLineMode(garbled, RestoreMode::kAuto), RestoreMode::kOcr);

  auto r = Open(RestoreMode::kAuto);
  const std::string text =
      "Ủy ban nhân dân huyện đã ban hành kế hoạch cải cách hành chính năm 2024.\n"
      "12 Y Blơ Kpă Gia Rai thôn Ea Sô, huyện Lắk 2.100.000\n"
      "- Thường trực HĐND xã Ia Plơi;\n"
      "Trung tam Phuc vu hanh chinh cong tiep nhan ho so.\n";
  Document doc = FromText(text);
  ASSERT_TRUE(r->RestoreDocument(&doc).ok());
  const auto& lines = doc.pages[0].lines;
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[1].Text(), "12 Y Blơ Kpă Gia Rai thôn Ea Sô, huyện Lắk 2.100.000");
  EXPECT_EQ(lines[2].Text(), "- Thường trực HĐND xã Ia Plơi;");
  EXPECT_EQ(lines[3].Text(), "Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ.");
}

}  // namespace
}  // namespace sohoa
