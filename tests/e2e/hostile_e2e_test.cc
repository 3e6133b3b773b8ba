// End-to-end: documents are untrusted input (issue 25). One batch of the
// hostile fixtures (fixtures/hostile/README.md) under hostile file names and
// the Word/HTML bombs of fixtures/broken: the bombs are refused with their
// one-line errors and exit codes while the rest is stored; the CSV and XLSX
// exports never hold a live formula; the review site shows every hostile
// string literally and, loaded in headless Chromium, runs none of them.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "pipeline/core/csv.h"
#include "tests/testing/chromium.h"
#include "tests/testing/run_command.h"
#include "tests/testing/zip_read.h"

namespace sohoa {
namespace {

namespace fs = std::filesystem;
using testing::Chromium;
using testing::DumpDom;
using testing::Fixture;
using testing::ReadFile;
using testing::RunSohoa;
using testing::ZipMember;

// What an injected script would do: set the title to exactly this.
const char kCanary[] = "PWNED";
const char kImgName[] = "<img src=x onerror=document.title='PWNED'>.html";
const char kSvgName[] = "\"><svg onload=document.title='PWNED'>.html";
const std::vector<std::string> kHostileUnits = {
    "<script>document.title='PWNED'</script>",
    "<img src=x onerror=\"document.title='PWNED'\">",
    "javascript:document.title='PWNED'",
    "=HYPERLINK(\"http://example.invalid/?leak\",\"Sở Y tế\")",
    "\"><svg onload=document.title='PWNED'>",
    "</script><script>document.title='PWNED'</script>",
};

// RFC 4180 fields of a whole CSV text.
std::vector<std::string> CsvFields(const std::string& csv) {
  std::vector<std::string> fields;
  std::string f;
  bool quoted = false, in_quotes = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') f += '"', ++i;
      else if (c == '"') in_quotes = false;
      else f += c;
    } else if (c == '"') {
      in_quotes = quoted = true;
    } else if (c == ',' || c == '\n') {
      fields.push_back(f);
      f.clear();
      quoted = false;
    } else {
      f += c;
    }
  }
  (void)quoted;
  return fields;
}

// The title's text, its character references decoded (Chromium's DOM dump
// and the site write different but equivalent ones).
std::string Title(const std::string& dom) {
  const size_t a = dom.find("<title>"), b = dom.find("</title>");
  if (a == std::string::npos || b == std::string::npos) return "(no title)";
  std::string t = dom.substr(a + 7, b - a - 7), out;
  const std::vector<std::pair<std::string, char>> refs = {
      {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&#96;", '`'}, {"&amp;", '&'}};
  for (size_t i = 0; i < t.size();) {
    bool matched = false;
    for (const auto& [ref, ch] : refs)
      if (t.compare(i, ref.size(), ref) == 0) {
        out += ch;
        i += ref.size();
        matched = true;
        break;
      }
    if (!matched) out += t[i++];
  }
  return out;
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t pos = 0; (pos = s.find(what, pos)) != std::string::npos; pos += what.size()) ++n;
  return n;
}

class HostileArchiveTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::TempDir());
    const std::string in = *dir_ + "/in";
    fs::create_directories(in);
    fs::copy_file(Fixture("hostile/xss_2022_11.html"), in + "/" + kImgName);
    fs::copy_file(Fixture("hostile/xss_2022_12.html"), in + "/" + kSvgName);
    ingest_ = new testing::CommandResult(RunSohoa(
        {"ingest", "--restore=off", "--db", *dir_ + "/a.db", in,
         Fixture("broken/zip_bomb.docx"), Fixture("broken/billion_laughs.docx"),
         Fixture("broken/xxe.docx"), Fixture("broken/path_traversal.docx"),
         Fixture("broken/deep_nesting.html")}));
  }
  static void TearDownTestSuite() {
    delete ingest_;
    delete dir_;
  }
  static std::string Db() { return *dir_ + "/a.db"; }
  static std::string* dir_;
  static testing::CommandResult* ingest_;
};
std::string* HostileArchiveTest::dir_ = nullptr;
testing::CommandResult* HostileArchiveTest::ingest_ = nullptr;

TEST_F(HostileArchiveTest, BombsAreRefusedAndTheRestIsStored) {
  EXPECT_EQ(ingest_->exit_code, 1) << ingest_->err;  // some files failed, the rest stored
  const std::string all = ingest_->out + ingest_->err;
  EXPECT_NE(all.find("3 stored"), std::string::npos) << all;
  EXPECT_NE(all.find("4 failed"), std::string::npos) << all;
  const std::vector<std::pair<std::string, std::string>> refusals = {
      {"broken/zip_bomb.docx", "refused as a zip bomb [too_large, exit 8]"},
      {"broken/billion_laughs.docx", "declares a DTD (<!DOCTYPE>): refused"},
      {"broken/xxe.docx", "declares a DTD (<!DOCTYPE>): refused"},
      {"broken/deep_nesting.html", "nested deeper than 256 levels [too_large, exit 8]"},
  };
  for (const auto& [file, message] : refusals) {
    const std::string line = "sohoa: " + Fixture(file) + ": ";
    const size_t at = ingest_->err.find(line);
    ASSERT_NE(at, std::string::npos) << file << "\n" << ingest_->err;
    const std::string rest = ingest_->err.substr(at, ingest_->err.find('\n', at) - at);
    EXPECT_NE(rest.find(message), std::string::npos) << rest;
  }
}

TEST_F(HostileArchiveTest, CsvNeverHoldsALiveFormulaButNumbersStayNumbers) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"series", "--db", Db()},
        std::vector<std::string>{"series", "--db", Db(), "--wide"},
        std::vector<std::string>{"findings", "--db", Db(), "--format", "csv"}}) {
    auto r = RunSohoa(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    int guarded = 0, negative = 0;
    for (const std::string& f : CsvFields(r.out)) {
      // A field a spreadsheet would evaluate must not be left as it is.
      EXPECT_FALSE(LooksLikeFormula(f)) << args[0] << ": " << f;
      if (f.rfind("'=HYPERLINK(", 0) == 0) ++guarded;
      if (f.size() > 1 && f[0] == '-' && IsPlainNumber(f)) ++negative;
    }
    // The =HYPERLINK unit has no finding: it is in the series only.
    if (args[0] == "series") EXPECT_GT(guarded, 0) << r.out.substr(0, 2000);
    if (args[0] == "findings") EXPECT_GT(negative, 0) << "row -2 (the total row) stays a number";
  }
  auto raw = RunSohoa({"series", "--db", Db(), "--raw-csv"});
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  EXPECT_NE(raw.out.find(",\"=HYPERLINK("), std::string::npos);
}

TEST_F(HostileArchiveTest, XlsxHoldsTextAsStringsAndNoFormula) {
  const std::string xlsx = *dir_ + "/series.xlsx";
  auto r = RunSohoa({"series", "--db", Db(), "--format", "xlsx", "-o", xlsx});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string strings = ZipMember(xlsx, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("=HYPERLINK("), std::string::npos);
  for (const char* sheet : {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}) {
    const std::string xml = ZipMember(xlsx, sheet);
    ASSERT_FALSE(xml.empty()) << sheet;
    EXPECT_EQ(xml.find("<f>"), std::string::npos) << sheet;
    EXPECT_EQ(xml.find("<f "), std::string::npos) << sheet;
  }
}

class HostileSiteTest : public HostileArchiveTest {
 protected:
  void SetUp() override {
    site_ = *dir_ + "/site";
    auto r = RunSohoa({"report", "--db", Db(), "-o", site_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const auto& e : fs::directory_iterator(site_))
      if (e.path().extension() == ".html") pages_.push_back(e.path().string());
    ASSERT_GE(pages_.size(), 5u);
  }
  std::string site_;
  std::vector<std::string> pages_;
};

TEST_F(HostileSiteTest, EveryPageIsEscapedAndLocked) {
  const std::regex href("(href|src)=\"([^\"]*)\"");
  const std::regex own("(index|series|series-[0-9]+|doc-[0-9]+)\\.html(#cell-[0-9a-f]+)?|"
                       "#cell-[0-9a-f]+|site\\.(css|js)|doc-[0-9]+-p[0-9]+\\.jpg");
  int shown_literally = 0;
  for (const std::string& page : pages_) {
    const std::string html = ReadFile(page);
    EXPECT_EQ(Count(html, "<script"), 1u) << page;  // site.js, nothing inline
    EXPECT_NE(html.find("<script src=\"site.js\"></script>"), std::string::npos) << page;
    EXPECT_NE(html.find("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "script-src 'self'"),
              std::string::npos)
        << page;
    for (const char* raw : {"<img", "<svg onload", "onerror=\"", "</script><script>"})
      EXPECT_EQ(html.find(raw), std::string::npos) << raw << " in " << page;
    for (std::sregex_iterator it(html.begin(), html.end(), href), end; it != end; ++it)
      EXPECT_TRUE(std::regex_match((*it)[2].str(), own)) << (*it)[2] << " in " << page;
    if (html.find("&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;") !=
        std::string::npos)
      ++shown_literally;
  }
  EXPECT_GE(shown_literally, 3) << "index? the two documents' pages and the series page";
  // Refuses to write over a folder that is not a review site.
  const std::string other = *dir_ + "/other";
  fs::create_directories(other);
  std::ofstream(other + "/keep.txt") << "mine";
  auto r = RunSohoa({"report", "--db", Db(), "-o", other});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is not a review site"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(other + "/keep.txt"), "mine");
}

TEST_F(HostileSiteTest, NoInjectedScriptRunsInChromium) {
  const std::string chromium = Chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (Debian package chromium)";
  // The detector works: an unescaped page without the policy does get the
  // canary title, so a page that does not is a page where nothing ran.
  const std::string control = *dir_ + "/control.html";
  std::ofstream(control) << "<!DOCTYPE html><html><head><title>control</title></head><body>"
                         << kHostileUnits[1] << "</body></html>";
  ASSERT_EQ(Title(DumpDom(chromium, control)), kCanary) << "Chromium ran no script";
  int checked = 0;
  for (const std::string& page : pages_) {
    const std::string before = ReadFile(page);
    // Pages without hostile text (the failed bombs' pages) are not loaded:
    // Chromium takes seconds a page.
    if (before.find(kCanary) == std::string::npos) continue;
    const std::string dom = DumpDom(chromium, page);
    ASSERT_FALSE(dom.empty()) << page;
    // Our own script ran (so scripts were on) and the title is the one written.
    EXPECT_NE(dom.find("data-site-js=\"ran\""), std::string::npos) << page;
    EXPECT_NE(Title(dom), kCanary) << page;
    EXPECT_EQ(Title(dom), Title(before)) << page;
    for (const char* raw : {"<img", "<svg onload", "<iframe"})
      EXPECT_EQ(dom.find(raw), std::string::npos) << raw << " in " << page;
    if (before.find("&lt;script&gt;document.title") != std::string::npos) {
      // The text is in the DOM as text: each hostile unit shown as written.
      for (const std::string& unit : {kHostileUnits[0], kHostileUnits[5]}) {
        std::string escaped;
        for (char c : unit) escaped += c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
        EXPECT_NE(dom.find(escaped), std::string::npos) << unit << " in " << page;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 3);
}

}  // namespace
}  // namespace sohoa
