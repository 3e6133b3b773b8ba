#include "pipeline/review/html.h"

#include <gtest/gtest.h>

namespace sohoa::review {
namespace {

TEST(HtmlEscapeTest, TextHasNoMarkupLeft) {
  EXPECT_EQ(HtmlText("<script>document.title='PWNED'</script>"),
            "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;");
  EXPECT_EQ(HtmlText("a & b \"c\""), "a &amp; b &quot;c&quot;");
  EXPECT_EQ(HtmlText("Sở Tư pháp\nline 2"), "Sở Tư pháp\nline 2");
  EXPECT_EQ(HtmlText("&lt;"), "&amp;lt;");  // already-escaped text stays literal
}

TEST(HtmlEscapeTest, AttributeCannotBeClosed) {
  const std::string a = HtmlAttr("\"><svg onload=alert(1)>' `x`\nnext");
  EXPECT_EQ(a.find('"'), std::string::npos);
  EXPECT_EQ(a.find('\''), std::string::npos);
  EXPECT_EQ(a.find('<'), std::string::npos);
  EXPECT_EQ(a.find('>'), std::string::npos);
  EXPECT_EQ(a.find('`'), std::string::npos);
  EXPECT_EQ(a.find('\n'), std::string::npos);
  EXPECT_NE(a.find("&#10;"), std::string::npos);
}

TEST(HtmlEscapeTest, ControlCharactersAndBadUtf8AreReplaced) {
  EXPECT_EQ(HtmlText(std::string("a\x1b[31mb", 7)), "a\uFFFD[31mb");
  EXPECT_EQ(HtmlText(std::string("a\0b", 3)), "a\uFFFDb");
  EXPECT_EQ(HtmlText("x\xC3(y"), "x\uFFFD(y");  // no lone lead byte left
}

TEST(HtmlEscapeTest, SiteUrlsOnlyNameTheSitesOwnFiles) {
  EXPECT_EQ(SiteUrl("doc-12.html"), "doc-12.html");
  EXPECT_EQ(SiteUrl("#cell-00ff"), "#cell-00ff");
  EXPECT_EQ(SiteUrl("doc-1.html#cell-a1"), "doc-1.html#cell-a1");
  for (const char* bad : {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x",
                          "http://example.invalid/", "//example.invalid/x", "../etc/passwd",
                          "/etc/passwd", ".hidden", "a b.html", "doc\".html", "", "vbscript:x",
                          "doc-1.html#a#b"})
    EXPECT_EQ(SiteUrl(bad), "#") << bad;
}

}  // namespace
}  // namespace sohoa::review
