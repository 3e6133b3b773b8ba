#include "pipeline/core/document.h"

#include <gtest/gtest.h>

namespace sohoa {
namespace {

TEST(DocumentTest, PageFromTextKeepsTabsAndLines) {
  Page p = PageFromText("STT\tĐơn vị\t\tTổng số\n1\tSở Y tế\t\t12", 1, WordSource::kPlainText);
  ASSERT_EQ(p.lines.size(), 2u);
  EXPECT_EQ(p.lines[0].words.size(), 5u);
  EXPECT_EQ(p.lines[0].words[1].text, "Đơn");
  EXPECT_EQ(p.lines[0].words[2].trailing, "\t\t");
  EXPECT_EQ(p.Text(), "STT\tĐơn vị\t\tTổng số\n1\tSở Y tế\t\t12");
}

TEST(DocumentTest, RoundTripsLeadingAndTrailingWhitespace) {
  std::string text = "  Trung tâm  \n\n\tPhụ lục I\t\n";
  Page p = PageFromText(text, 1, WordSource::kPlainText);
  EXPECT_EQ(p.lines.size(), 4u);
  EXPECT_EQ(p.Text(), text);
}

TEST(DocumentTest, CarriageReturnsAreDropped) {
  Page p = PageFromText("a b\r\nc\r\n", 1, WordSource::kPlainText);
  EXPECT_EQ(p.Text(), "a b\nc\n");
}

// Found by fuzz_text_model: a CR inside a line was dropped and the words
// around it were joined by a space.
TEST(DocumentTest, CarriageReturnInsideLineIsKept) {
  std::string text = std::string("`a\tb\r\0\0", 7) + "\nc";
  Page p = PageFromText(text, 1, WordSource::kPlainText);
  EXPECT_EQ(p.Text(), text);
}

TEST(DocumentTest, FormFeedsSeparatePages) {
  auto pages = PagesFromText("một\fhai\fba", WordSource::kPlainText);
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[2].number, 3);
  Document d;
  d.pages = pages;
  EXPECT_EQ(d.Text(), "một\fhai\fba");
  EXPECT_EQ(d.WordCount(), 3u);
}

TEST(DocumentTest, RepairKeepsTheFirstOriginal) {
  Word w;
  w.text = "t6";
  w.Repair("tô");
  w.Repair("tổ");
  EXPECT_EQ(w.text, "tổ");
  EXPECT_EQ(w.original, "t6");
  Word same;
  same.text = "tổ";
  same.Repair("tổ");
  EXPECT_TRUE(same.original.empty());
}

}  // namespace
}  // namespace sohoa
