#include "pipeline/ingest/displaced_glyphs.h"

#include <gtest/gtest.h>

#include "pipeline/ingest/layout.h"

namespace sohoa {
namespace {

// A box of 11 pt text: 12 pt high, `y` its top.
PdfTextBox Tb(const std::string& text, double x0, double x1, double y, bool space = true) {
  PdfTextBox b;
  b.text = text;
  b.box = {x0, y, x1, y + 12};
  b.font = "LiberationSerif";
  b.font_size = 11;
  b.space_after = space;
  return b;
}

std::string Text(const std::vector<PdfTextBox>& boxes) {
  std::string out;
  for (const Line& l : LinesFromTextBoxes(boxes)) out += l.Text() + "\n";
  return out;
}

TEST(DisplacedGlyphsTest, WhatCountsAsDisplacedGlyphText) {
  EXPECT_TRUE(IsDisplacedGlyphText("ở"));
  EXPECT_TRUE(IsDisplacedGlyphText("ươ"));
  EXPECT_TRUE(IsDisplacedGlyphText("Ủ"));
  EXPECT_TRUE(IsDisplacedGlyphText("\xCC\x81"));  // U+0301
  EXPECT_TRUE(IsDisplacedGlyphText("´"));
  EXPECT_FALSE(IsDisplacedGlyphText("a"));
  EXPECT_FALSE(IsDisplacedGlyphText("Sở"));
  EXPECT_FALSE(IsDisplacedGlyphText("1"));
  EXPECT_FALSE(IsDisplacedGlyphText("~"));
  EXPECT_FALSE(IsDisplacedGlyphText(""));
}

// Issue 30: the letters raised 0.7 em over the gaps they left came out as a
// line of their own ("ở ươ" over "2 S Công Th ng").
TEST(DisplacedGlyphsTest, RaisedLettersGoBackIntoTheirGaps) {
  const double y = 42.9, up = y - 7.7;
  std::vector<PdfTextBox> boxes = {
      Tb("ở", 57.117, 62.931, up), Tb("ươ", 104.437, 116.568, up),
      Tb("2", 42.75, 48.25, y),    Tb("S", 50.994, 57.109, y, false),
      Tb("Công", 65.854, 89.675, y), Tb("Th", 92.223, 104.435, y, false),
      Tb("ng", 116.742, 127.736, y), Tb("433", 130.482, 146.972, y)};
  EXPECT_EQ(Text(boxes), "ở\tươ\n2 S Công Th ng 433\n");  // as before
  EXPECT_EQ(ReattachDisplacedGlyphs(&boxes), 2u);
  EXPECT_EQ(Text(boxes), "2 Sở Công Thương 433\n");
}

// A letter with a dot below, lowered under its line, lies nearer the letters
// raised over the next line than that line's words: it goes where it fits.
TEST(DisplacedGlyphsTest, LoweredLetterFindsItsLineNotTheNextOne) {
  const double l1 = 42.9, l2 = 59.4;
  std::vector<PdfTextBox> boxes = {
      Tb("B", 42.75, 50.09, l1, false), Tb("i", 56.2, 58.6, l1), Tb("chi", 61.7, 76.9, l1),
      Tb("ộ", 50.09, 56.2, l1 + 6.4),   // lowered: Bội
      Tb("ế", 86.17, 92.28, l2 - 6.35),  // raised over the next line: quyết
      Tb("Ngh", 42.75, 62.9, l2, false), Tb("ị", 62.9, 65.3, l2 + 6.4),
      Tb("quy", 68.44, 86.17, l2, false), Tb("t", 92.32, 95.38, l2)};
  EXPECT_EQ(ReattachDisplacedGlyphs(&boxes), 3u);
  EXPECT_EQ(Text(boxes), "Bội chi\nNghị quyết\n");
}

// A marked letter that stayed on the baseline ("đ" of "để") is a word of its
// line: it takes the raised letter and is not moved itself.
TEST(DisplacedGlyphsTest, MarkedLetterOnTheBaselineTakesTheRaisedOne) {
  const double y = 100;
  std::vector<PdfTextBox> boxes = {Tb("còn", 40, 58, y), Tb("đ", 61, 67.1, y, false),
                                   Tb("ể", 67.1, 73.2, y - 7), Tb("xảy", 76, 93, y)};
  EXPECT_EQ(ReattachDisplacedGlyphs(&boxes), 1u);
  EXPECT_EQ(Text(boxes), "còn để xảy\n");
}

// A word made only of displaced letters ("ý") sits alone in a word gap.
TEST(DisplacedGlyphsTest, WholeWordOfDisplacedLettersKeepsItsSpaces) {
  const double y = 137.4, up = y - 6.2;
  std::vector<PdfTextBox> boxes = {Tb("v", 139.66, 145.16, y, false), Tb("à", 145.16, 150.04, up),
                                   Tb("ý", 152.8, 158.36, up), Tb("kiến", 161.15, 180.4, y)};
  EXPECT_EQ(ReattachDisplacedGlyphs(&boxes), 2u);
  EXPECT_EQ(Text(boxes), "và ý kiến\n");
}

// Poppler made one box "àý" of the raised letters of "và ý" (its glyph
// boxes reach to the next glyph); the width of "à" shown alone elsewhere on
// the page says where the gap is, and each letter goes to its own place.
TEST(DisplacedGlyphsTest, RaisedLettersOfTwoWordsInOneBoxAreCut) {
  const double y = 137.4, up = y - 6.2;
  PdfTextBox both = Tb("àý", 145.16, 158.36, up);
  both.glyphs = {{145.16, up, 152.8, up + 12}, {152.8, up, 158.36, up + 12}};
  PdfTextBox alone = Tb("à", 300, 304.88, 60);  // "và" of another line
  alone.glyphs = {{300, 60, 304.88, 72}};
  std::vector<PdfTextBox> boxes = {Tb("v", 139.66, 145.16, y, false), both,
                                   Tb("kiến", 161.15, 180.4, y), Tb("v", 294.5, 300, 67, false),
                                   alone};
  EXPECT_EQ(ReattachDisplacedGlyphs(&boxes), 3u);
  EXPECT_EQ(Text(boxes), "và\nvà ý kiến\n");
}

// Do no harm: a marked word in its own line stays, even where a word of the
// line above ends right over its left edge; and a raised letter that fits
// no gap (it would cover a letter) stays where it is.
TEST(DisplacedGlyphsTest, LeavesWordsOfTheirOwnLineAndMisfitsAlone) {
  std::vector<PdfTextBox> boxes = {
      Tb("trong", 40, 70, 100), Tb("tháng", 73, 100, 100),
      Tb("nhà", 40, 58, 114),   Tb("ở", 70, 76, 114), Tb("xã", 79, 92, 114)};
  std::vector<PdfTextBox> before = boxes;
  EXPECT_EQ(ReattachDisplacedGlyphs(&boxes), 0u);
  EXPECT_EQ(Text(boxes), Text(before));
  std::vector<PdfTextBox> over = {Tb("ư", 45, 52, 93), Tb("trong", 40, 70, 100)};
  EXPECT_EQ(ReattachDisplacedGlyphs(&over), 0u);
  EXPECT_EQ(over.size(), 2u);
}

// A spacing acute (or a combining mark) drawn over a letter becomes the
// combining mark after that letter, found by the glyph boxes.
TEST(DisplacedGlyphsTest, MarkOverALetterBecomesItsCombiningMark) {
  PdfTextBox word = Tb("Cac", 33.75, 59.2, 234.1);
  word.glyphs = {{33.75, 234.1, 43.0, 246.1}, {43.0, 234.1, 50.1, 246.1}, {50.1, 234.1, 59.2, 246.1}};
  std::vector<PdfTextBox> boxes = {word, Tb("´", 44.1, 50.1, 231.1)};
  EXPECT_EQ(ReattachDisplacedGlyphs(&boxes), 1u);
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_EQ(boxes[0].text, "Ca\xCC\x81" "c");  // normalize composes it (NFC)
}

// Text turned a quarter (Poppler's rotation 1): the same, in its own direction.
TEST(DisplacedGlyphsTest, WorksInTheTextDirection) {
  std::vector<PdfTextBox> upright = {Tb("Th", 92.2, 104.4, 42.9, false),
                                     Tb("ươ", 104.4, 116.6, 35.2), Tb("ng", 116.7, 127.7, 42.9)};
  // Turn the page a quarter clockwise (the inverse of MakeUpright's turn 1).
  std::vector<PdfTextBox> turned = upright;
  double w = 0, h = 0;
  MakeUpright(3, &turned, &w, &h);
  for (PdfTextBox& b : turned) b.rotation = 1;
  EXPECT_EQ(ReattachDisplacedGlyphs(&turned), 1u);
  ASSERT_EQ(turned.size(), 1u);
  EXPECT_EQ(turned[0].text, "Thương");
  EXPECT_EQ(turned[0].rotation, 1);
}

}  // namespace
}  // namespace sohoa
