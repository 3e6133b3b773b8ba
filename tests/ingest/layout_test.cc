#include "pipeline/ingest/layout.h"

#include <gtest/gtest.h>

namespace sohoa {
namespace {

PdfTextBox Tb(const std::string& text, double x0, double y0, double x1, double y1, int rot = 0) {
  PdfTextBox b;
  b.text = text;
  b.box = {x0, y0, x1, y1};
  b.rotation = rot;
  b.font = "DejaVuSerif";
  return b;
}

std::string Text(const std::vector<Line>& lines) {
  std::string out;
  for (const Line& l : lines) out += l.Text() + "\n";
  return out;
}

TEST(LayoutTest, GroupsByVerticalOverlapInReadingOrder) {
  // Out of order, with a word slightly lower on the first line (baseline jitter).
  std::vector<PdfTextBox> boxes = {Tb("sơ", 60, 31, 80, 43), Tb("Trung", 10, 10, 40, 22),
                                   Tb("hồ", 40, 30, 55, 42), Tb("tâm", 45, 11, 70, 23)};
  std::vector<Line> lines = LinesFromTextBoxes(boxes);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(Text(lines), "Trung tâm\nhồ sơ\n");
  EXPECT_EQ(lines[0].words[0].source, WordSource::kTextLayer);
  EXPECT_EQ(lines[0].words[0].font, "DejaVuSerif");
  EXPECT_EQ(lines[0].words[1].trailing, "");
}

// Regression: LibreOffice PDFs draw a marked capital from a fallback font, so
// Poppler gives "T" "Ỉ" "NH" as three boxes with no gap; they were printed
// as "T Ỉ NH". Real spaces (space_after, or a gap of a quarter em) stay.
TEST(LayoutTest, JoinsPiecesOfOneWordNotAcrossSpaces) {
  auto piece = [](const std::string& text, double x0, double x1, const char* font, bool space) {
    PdfTextBox b = Tb(text, x0, 71.8, x1, 87.4);
    b.font = font;
    b.font_size = 12;
    b.space_after = space;
    return b;
  };
  std::vector<PdfTextBox> boxes = {
      piece("UBND", 106.90, 140.85, "LiberationSerif-Bold", true),
      piece("T", 143.87, 151.86, "LiberationSerif-Bold", false),
      piece("Ỉ", 151.90, 157.50, "DejaVuSerif-Bold", false),
      piece("NH", 157.46, 175.47, "LiberationSerif-Bold", true),
      // No space_after, but a gap of a word space (3 pt at 12 pt).
      piece("KON", 178.44, 205.79, "LiberationSerif-Bold", false),
      piece("TUM", 208.73, 236.73, "LiberationSerif-Bold", false)};
  std::vector<Line> lines = LinesFromTextBoxes(boxes);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(Text(lines), "UBND TỈNH KON TUM\n");
  ASSERT_EQ(lines[0].words.size(), 4u);
  EXPECT_EQ(lines[0].words[1].font, "LiberationSerif-Bold");  // the longest piece
  EXPECT_DOUBLE_EQ(lines[0].words[1].box.x0, 143.87);
  EXPECT_DOUBLE_EQ(lines[0].words[1].box.x1, 175.47);
}

// Chromium: Poppler marks space_after at a change of font size although the
// boxes touch ("Ti" "ếp"); touching boxes are one word, a 3 pt gap is not.
TEST(LayoutTest, TouchingBoxesJoinDespiteSpaceAfter) {
  PdfTextBox a = Tb("Ti", 221.54, 322.05, 231.99, 329.85);
  a.font_size = 6;
  a.space_after = true;
  PdfTextBox b = Tb("ếp", 231.99, 317.06, 242.0, 330.35);
  b.font_size = 12;
  b.space_after = true;
  PdfTextBox c = Tb("nhận", 245.0, 322.05, 265.0, 329.85);
  c.font_size = 6;
  std::vector<Line> lines = LinesFromTextBoxes({a, b, c});
  EXPECT_EQ(Text(lines), "Tiếp nhận\n");
}

// A justified LibreOffice line spreads letters: "vi" "ệ" "c," are 0.44 pt
// apart at 13 pt and Poppler marks a space after "vi"; the words are 4 pt apart.
TEST(LayoutTest, LetterSpacedJustifiedLineKeepsWords) {
  auto piece = [](const std::string& text, double x0, double x1, bool space) {
    PdfTextBox p = Tb(text, x0, 655.55, x1, 672.45);
    p.font_size = 13;
    p.space_after = space;
    return p;
  };
  std::vector<Line> lines = LinesFromTextBoxes(
      {piece("làm", 465.60, 484.99, true), piece("vi", 489.06, 499.16, true),
       piece("ệ", 499.60, 507.28, false), piece("c,", 506.85, 515.88, true),
       piece("n", 519.91, 526.41, true), piece("ộ", 526.89, 534.71, false),
       piece("i", 534.20, 537.80, false)});
  EXPECT_EQ(Text(lines), "làm việc, nội\n");
}

TEST(LayoutTest, WideGapBecomesTab) {
  // Two-column heading: gap 200 pt on a 12 pt line.
  std::vector<PdfTextBox> boxes = {Tb("UBND", 10, 10, 50, 22), Tb("CỘNG", 250, 10, 290, 22),
                                   Tb("HÒA", 293, 10, 320, 22)};
  std::vector<Line> lines = LinesFromTextBoxes(boxes);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].Text(), "UBND\tCỘNG HÒA");
}

TEST(LayoutTest, UprightUndoesQuarterTurns) {
  // A 100 x 200 page shown rotated by 90: words read top to bottom at x=80
  // (first line, rightmost) and x=60 (second line).
  std::vector<PdfTextBox> boxes = {Tb("một", 80, 10, 92, 40, 1), Tb("hai", 80, 45, 92, 70, 1),
                                   Tb("ba", 60, 10, 72, 30, 1)};
  double w = 100, h = 200;
  EXPECT_EQ(DominantRotation(boxes), 1);
  MakeUpright(1, &boxes, &w, &h);
  EXPECT_EQ(w, 200);
  EXPECT_EQ(h, 100);
  EXPECT_EQ(boxes[0].rotation, 0);
  EXPECT_EQ(Text(LinesFromTextBoxes(boxes)), "một hai\nba\n");

  std::vector<PdfTextBox> upside = {Tb("một", 60, 180, 90, 190, 2), Tb("hai", 20, 180, 55, 190, 2),
                                    Tb("ba", 60, 160, 90, 170, 2)};
  w = 100, h = 200;
  MakeUpright(2, &upside, &w, &h);
  EXPECT_EQ(Text(LinesFromTextBoxes(upside)), "một hai\nba\n");

  std::vector<PdfTextBox> up = {Tb("một", 10, 160, 22, 190, 3), Tb("hai", 10, 120, 22, 155, 3),
                                Tb("ba", 30, 170, 42, 190, 3)};
  w = 100, h = 200;
  MakeUpright(3, &up, &w, &h);
  EXPECT_EQ(Text(LinesFromTextBoxes(up)), "một hai\nba\n");
}

TEST(LayoutTest, OcrWordsGroupedByEngineLines) {
  std::vector<OcrWord> words(4);
  words[0] = {"Trung", {0, 0, 50, 20}, 0.9f, 1, 1};
  words[1] = {"tâm", {55, 0, 90, 20}, 0.8f, 1, 1};
  words[2] = {"hồ", {0, 30, 20, 50}, 0.7f, 1, 2};
  words[3] = {"sơ", {0, 30, 20, 50}, 0.7f, 2, 2};  // new block, same line number
  std::vector<Line> lines = LinesFromOcrWords(words);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].Text(), "Trung tâm");
  EXPECT_EQ(lines[0].box.x1, 90);
  EXPECT_EQ(lines[0].words[1].source, WordSource::kOcr);
  EXPECT_FLOAT_EQ(lines[0].words[1].confidence, 0.8f);
}

}  // namespace
}  // namespace sohoa
