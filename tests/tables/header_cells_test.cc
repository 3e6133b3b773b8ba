// Approximate (OCR-tolerant) reading of header cells laid out from word
// boxes: synthetic misreadings of the labels of every schema.
#include <gtest/gtest.h>

#include <random>

#include "pipeline/core/utf8.h"
#include "pipeline/tables/internal.h"

namespace sohoa::tables_internal {
namespace {

const std::string kDict = SOHOA_DICTIONARIES_DIR_FOR_TESTS;

class HeaderCellsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(LoadSchemas(kDict + "/schemas", &dict_.schemas).ok());
    ASSERT_TRUE(LoadTableVocabulary(kDict + "/schemas/common.txt", &dict_.vocabulary).ok());
    dict_.Prepare();
  }

  // The cells of a schema's full tree as a text layer lists them: level by
  // level, left to right, each node written with synonym `pick` (modulo).
  struct Header {
    std::vector<std::string> cells;
    std::vector<std::string> leaf_keys;
  };
  Header FullHeader(const Schema& s, size_t pick) const {
    const int n = static_cast<int>(s.columns.size());
    std::vector<int> depth(n, 0), leftmost(n, n);
    auto index = [&](const std::string& key) {
      for (int i = 0; i < n; ++i)
        if (s.columns[i].key == key) return i;
      return -1;
    };
    for (int k = 0; k < n; ++k)
      for (int g = index(s.columns[k].group); g >= 0; g = index(s.columns[g].group)) ++depth[k];
    for (int k = 0; k < n; ++k) {
      if (!s.columns[k].leaf) continue;
      for (int a = k; a >= 0; a = index(s.columns[a].group)) leftmost[a] = std::min(leftmost[a], k);
    }
    std::vector<int> order(n);
    for (int k = 0; k < n; ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return depth[a] != depth[b] ? depth[a] < depth[b] : leftmost[a] < leftmost[b];
    });
    Header h;
    for (int k : order) {
      const auto& syn = s.columns[k].synonyms;
      h.cells.push_back(syn[pick % syn.size()]);
    }
    h.leaf_keys = s.LeafKeys();
    return h;
  }

  Dictionaries dict_;
};

// OCR-like damage: every letter replaced, dropped or stripped of its marks
// with probability `rate` (at least one change).
std::string Misread(const std::string& s, double rate, std::mt19937* rng) {
  std::vector<char32_t> cps;
  size_t pos = 0;
  while (pos < s.size()) cps.push_back(DecodeUtf8(s, &pos));
  std::uniform_real_distribution<double> u(0, 1);
  const std::u32string confusions = U"lI1rnmhbuvaoec";
  std::u32string out;
  bool changed = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c != U' ' && u(*rng) < rate) {
      changed = true;
      double r = u(*rng);
      if (r < 0.5) out.push_back(confusions[static_cast<size_t>(u(*rng) * confusions.size()) % confusions.size()]);
      else if (r < 0.7) continue;  // dropped
      else out.push_back(c < 0x80 ? c : U'a');
      continue;
    }
    out.push_back(c);
  }
  if (!changed) {
    for (char32_t& c : out)
      if (c != U' ') {
        c = c == U'l' ? U'I' : U'l';
        break;
      }
  }
  std::string r;
  for (char32_t c : out) AppendUtf8(c, &r);
  return r;
}

TEST(LabelDistanceTest, EqualCloseAndUnlike) {
  auto w = [](const char* s) { return Words(NormalizeLabel(s)); };
  EXPECT_EQ(LabelDistance(w("Quá hạn"), w("Quá hạn")), 0);
  EXPECT_LT(LabelDistance(w("Qua hgn"), w("Quá hạn")), 0.2);
  EXPECT_LT(LabelDistance(w("Hồ sơ nhận Ảnh lhu y"), w("Hồ sơ nhận qua trực tuyến")),
            LabelDistance(w("Hồ sơ nhận Ảnh lhu y"), w("Hồ sơ mức độ 3, 4")));
  EXPECT_GT(LabelDistance(w("Tổng cộng"), w("Ý kiến góp ý")), 0.7);
  EXPECT_EQ(LabelDistance(w("Tổng"), {}), 1);
}

TEST_F(HeaderCellsTest, ExactCellsOfEverySchemaReadWithoutNotes) {
  for (const Schema& s : dict_.schemas) {
    Header h = FullHeader(s, 0);
    std::vector<Column> cols;
    std::vector<HeaderNote> notes;
    int schema = -1;
    ASSERT_TRUE(ParseHeaderCells(dict_, h.cells, static_cast<int>(h.leaf_keys.size()), &cols, &schema, &notes))
        << s.name;
    EXPECT_EQ(dict_.schemas[schema].name, s.name);
    std::vector<std::string> keys;
    for (const Column& c : cols) keys.push_back(c.key);
    EXPECT_EQ(keys, h.leaf_keys) << s.name;
    EXPECT_TRUE(notes.empty()) << s.name;
  }
}

// One cell misread at a time, in every schema, with several wordings: the
// reading is either refused or right (never a wrong key), it is taken in
// most cases, and the misread cell is named in a note with the schema's
// wording in the header.
TEST_F(HeaderCellsTest, OneMisreadCellIsReadRightOrRefused) {
  std::mt19937 rng(20261123);
  int cases = 0, taken = 0;
  for (const Schema& s : dict_.schemas) {
    for (size_t pick = 0; pick < 3; ++pick) {
      Header h = FullHeader(s, pick);
      for (size_t c = 0; c < h.cells.size(); ++c) {
        for (int trial = 0; trial < 3; ++trial) {
          std::vector<std::string> cells = h.cells;
          cells[c] = StripMarkup(Misread(cells[c], 0.25, &rng));
          if (Words(NormalizeLabel(cells[c])) == Words(NormalizeLabel(h.cells[c]))) continue;
          ++cases;
          std::vector<Column> cols;
          std::vector<HeaderNote> notes;
          int schema = -1;
          if (!ParseHeaderCells(dict_, cells, static_cast<int>(h.leaf_keys.size()), &cols, &schema, &notes))
            continue;
          ++taken;
          std::vector<std::string> keys;
          for (const Column& col : cols) keys.push_back(col.key);
          EXPECT_EQ(dict_.schemas[schema].name, s.name) << "'" << cells[c] << "' for '" << h.cells[c] << "'";
          EXPECT_EQ(keys, h.leaf_keys) << "'" << cells[c] << "' for '" << h.cells[c] << "'";
          bool named = false;
          for (const HeaderNote& n : notes) named |= n.message.find("'" + cells[c] + "'") != std::string::npos;
          // (No note when the misreading is another wording of a label.)
          EXPECT_TRUE(named || notes.empty()) << cells[c];
        }
      }
    }
  }
  ASSERT_GT(cases, 100);
  EXPECT_GE(taken * 10, cases * 8) << taken << " of " << cases << " misread headers read";
  std::printf("%d of %d headers with one misread cell read (the rest refused)\n", taken, cases);
}

TEST_F(HeaderCellsTest, MisreadCellGetsTheSchemaWordingAndANote) {
  std::vector<std::string> cells = {"Hài lòng với dịch vụ", "Hài lòng về thái độ phục vụ",
                                    "Không hài lòng về nghiệp vụ nhân viên",
                                    "Khóng hài lòng vé thòi gion giao djch", "Ý kiến góp ý", "Tổng cộng"};
  std::vector<Column> cols;
  std::vector<HeaderNote> notes;
  int schema = -1;
  ASSERT_TRUE(ParseHeaderCells(dict_, cells, 6, &cols, &schema, &notes));
  EXPECT_EQ(dict_.schemas[schema].name, "satisfaction");
  ASSERT_EQ(cols.size(), 6u);
  EXPECT_EQ(cols[3].key, "unsatisfied_time");
  EXPECT_EQ(cols[3].header, std::vector<std::string>{"Không hài lòng về thời gian giao dịch"});
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].key, "unsatisfied_time");
  EXPECT_NE(notes[0].message.find("Khóng hài lòng vé thòi gion giao djch"), std::string::npos);
}

TEST_F(HeaderCellsTest, GarbledOrAmbiguousCellsAreRefused) {
  std::vector<Column> cols;
  std::vector<HeaderNote> notes;
  int schema = -1;
  // Nothing like any label.
  EXPECT_FALSE(ParseHeaderCells(dict_, {"Xyzw qptk", "Ghjkl", "Mnbv cxz"}, 0, &cols, &schema, &notes));
  // One cell garbled beyond reading.
  EXPECT_FALSE(ParseHeaderCells(dict_,
                                {"Hài lòng với dịch vụ", "Hài lòng về thái độ phục vụ", "Kxqwz pttr vvv",
                                 "Không hài lòng về thời gian giao dịch", "Ý kiến góp ý", "Tổng cộng"},
                                6, &cols, &schema, &notes));
  // The wrong number of leaves for the cells.
  EXPECT_FALSE(ParseHeaderCells(dict_, {"Hài lòng với dịch vụ", "Hài lòng về thái độ phục vụ"}, 5, &cols,
                                &schema, &notes));
  EXPECT_TRUE(notes.empty());
}

}  // namespace
}  // namespace sohoa::tables_internal
