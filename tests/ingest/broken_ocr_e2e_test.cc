// End-to-end: the broken inputs that are OCR'd (slow: Tesseract on a page
// each), and the whole corpus in one batch with a good file last.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>

#include "pipeline/core/files.h"
#include "tests/ingest/broken_cases.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

using testing::Case;
using testing::Fixture;
using testing::kFastCases;
using testing::RunSohoa;


std::string Sha(const std::string& path) { return Sha256Hex(testing::ReadFile(path)); }

TEST(BrokenOcrE2eTest, JpegNamedPdfIsReadAsJpegWithWarning) {
  std::string path = Fixture("broken/jpeg_named.pdf");
  auto r = RunSohoa({"text", "--restore=off", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(path + ": warning: file name says pdf but the content is jpeg"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("Trung tâm"), std::string::npos) << r.out;
}

// A multi-page TIFF cut short inside its third page: the two whole pages
// are read, with a warning naming where it was cut (issue 23: the whole
// file used to be refused as damaged).
TEST(BrokenOcrE2eTest, TruncatedMultiPageTiffKeepsThePagesBeforeTheCut) {
  std::string path = Fixture("broken/truncated_multipage.tif");
  auto r = RunSohoa({"text", "--restore=off", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(path + ": warning: TIFF is cut short after page 2"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("Trung tâm"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("tháng 5"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("cuối"), std::string::npos) << r.out;
}

TEST(BrokenOcrE2eTest, ReplacementCharTextLayerIsOcrd) {
  auto r = RunSohoa({"text", "--json", "--restore=off", Fixture("broken/fffd_text_layer.pdf")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"source\":\"ocr\""), std::string::npos);
  EXPECT_EQ(r.out.find("\\ufffd"), std::string::npos);
  EXPECT_EQ(r.out.find("\xEF\xBF\xBD"), std::string::npos);
}

// The whole corpus in one batch, with a good file last: every bad file gets
// its line, the good file still comes out, the exit code is the largest,
// and no input file changed.
TEST(BrokenOcrE2eTest, BatchGoesOnAndInputsAreUnchanged) {
  std::vector<std::string> args = {"text", "--restore=off"};
  std::map<std::string, std::string> before;
  for (const Case& c : kFastCases) args.push_back(Fixture(c.file));
  for (const char* f : {"broken/corrupt_xref.pdf", "broken/invalid_utf8.txt",
                        "broken/jpeg_named.pdf", "broken/fffd_text_layer.pdf",
                        "pdf/000_page1_rotate90.pdf"})
    args.push_back(Fixture(f));
  for (size_t i = 2; i < args.size(); ++i) before[args[i]] = Sha(args[i]);
  auto r = RunSohoa(args);
  EXPECT_EQ(r.exit_code, 8) << r.err;  // the largest: too large
  for (const Case& c : kFastCases)
    EXPECT_NE(r.err.find(Fixture(c.file) + ": "), std::string::npos) << c.file;
  // The last (good) file came out after all the failures.
  size_t pos = r.out.rfind("Trung tâm đã nhận được 12.746 hồ sơ");
  EXPECT_NE(pos, std::string::npos);
  for (const auto& [path, sha] : before) EXPECT_EQ(Sha(path), sha) << path << " was modified";
}

}  // namespace
}  // namespace sohoa
