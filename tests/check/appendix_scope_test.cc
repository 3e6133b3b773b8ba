// Which appendix a report's own figures are checked against: a centre's
// departments (PHỤ LỤC I) beside the district People's Committees (PHỤ LỤC
// II). Small tables and texts written here.
#include "pipeline/check/appendix_scope.h"

#include <gtest/gtest.h>

#include "pipeline/check/narrative.h"
#include "pipeline/core/files.h"

namespace sohoa {
namespace {

class AppendixScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(CheckSchemas::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &schemas_).ok());
    Status s = NarrativeRules::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &rules_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    subject_of_ = [this](const std::string& label) { return rules_.SubjectOfLabel(label); };
  }
  // `unit` as written: "Huyện Cao Phong|UBND huyện Cao Phong" gives the
  // canonical name the tables stage finds after the bar.
  static Row MakeRow(const std::string& unit, const std::vector<double>& v) {
    Row r;
    r.unit = unit.substr(0, unit.find('|'));
    if (unit.find('|') != std::string::npos) r.unit_canonical = unit.substr(unit.find('|') + 1);
    for (double x : v) {
      Cell c;
      c.value = x;
      r.cells.push_back(c);
    }
    return r;
  }
  // received_total, resolved_total, resolved_early, resolved_ontime,
  // resolved_late, pending_total; the total row is the rows' sum.
  static Table Results(const std::string& id, const std::string& title,
                       const std::vector<std::pair<std::string, std::vector<double>>>& rows,
                       const std::vector<std::string>& keys = {"received_total", "resolved_total",
                                                               "resolved_early", "resolved_ontime",
                                                               "resolved_late", "pending_total"}) {
    Table t;
    t.id = id;
    t.title = title;
    t.schema = "results";
    for (const std::string& k : keys) {
      Column c;
      c.key = k;
      c.header = {k};
      t.columns.push_back(c);
    }
    std::vector<double> total(keys.size(), 0);
    for (const auto& [unit, v] : rows) {
      t.rows.push_back(MakeRow(unit, v));
      for (size_t i = 0; i < v.size(); ++i) total[i] += v[i];
    }
    t.total = MakeRow("Tổng cộng", total);
    return t;
  }
  static Table Departments() {
    return Results("PL-I", "KẾT QUẢ GIẢI QUYẾT HỒ SƠ CỦA CÁC SỞ, BAN, NGÀNH THÁNG 9 NĂM 2021",
                   {{"Sở Tư pháp", {120, 100, 60, 38, 2, 20}}, {"Sở Y tế", {80, 70, 40, 29, 1, 10}}});
  }
  // Rows only: the title says nothing of the level.
  static Table Districts(const std::string& title = "KẾT QUẢ GIẢI QUYẾT HỒ SƠ THÁNG 9 NĂM 2021") {
    return Results("PL-II", title,
                   {{"UBND thành phố Hòa Bình", {300, 250, 150, 95, 5, 50}},
                    {"Huyện Cao Phong|UBND huyện Cao Phong", {210, 190, 100, 88, 2, 20}},
                    {"UBND H. Lạc Sơn|UBND huyện Lạc Sơn", {90, 80, 50, 29, 1, 10}}});
  }
  std::vector<Finding> Check(const std::string& text, const std::vector<Table>& tables) {
    Document doc;
    doc.pages = PagesFromText(text, WordSource::kPlainText);
    ReportMeta meta;
    meta.period_kind = "month";
    meta.period_year = 2021;
    meta.period_index = 9;
    meta.period_determined = true;
    std::vector<Finding> f;
    CheckNarrative(doc, meta, tables, schemas_, rules_, &f);
    return f;
  }
  static std::vector<const Finding*> Errors(const std::vector<Finding>& f) {
    std::vector<const Finding*> out;
    for (const Finding& x : f)
      if (x.severity == Severity::kError) out.push_back(&x);
    return out;
  }
  static std::string Dump(const std::vector<Finding>& findings) {
    std::string out;
    for (const Finding& f : findings) out += f.message + "\n";
    return out;
  }
  CheckSchemas schemas_;
  NarrativeRules rules_;
  SubjectOf subject_of_;
};

TEST_F(AppendixScopeTest, LevelFromTitleOrFromRows) {
  EXPECT_EQ(TableLevel(Departments(), subject_of_), "");
  EXPECT_EQ(TableLevel(Districts(), subject_of_), "level_huyen");
  Table titled = Departments();
  titled.title = "KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH CẤP HUYỆN THÁNG 9 NĂM 2021";
  EXPECT_EQ(TableLevel(titled, subject_of_), "level_huyen");
  // One district among departments does not make the table the district's.
  Table mixed = Departments();
  mixed.rows.push_back(MakeRow("UBND huyện Cao Phong", {1, 1, 1, 0, 0, 0}));
  EXPECT_EQ(TableLevel(mixed, subject_of_), "");
}

TEST_F(AppendixScopeTest, DistrictTableIsALevelOnlyBesideAnotherTable) {
  EXPECT_EQ(AppendixSubjects({Departments(), Districts()}, subject_of_),
            (std::vector<std::string>{"", "level_huyen"}));
  // A district's report on its own districts' rows (or a report whose only
  // appendix is that table): the table is the issuer's.
  EXPECT_EQ(AppendixSubjects({Districts()}, subject_of_), (std::vector<std::string>{""}));
  // The departments' table unread (no rows, no total) still is not the
  // district table's: the district total is not the centre's.
  Table unread = Departments();
  unread.rows.clear();
  unread.total.reset();
  EXPECT_EQ(AppendixSubjects({unread, Districts()}, subject_of_),
            (std::vector<std::string>{"", "level_huyen"}));
}

// bench/archive_c: the centre's sentence was compared with PHỤ LỤC II's
// total row (the districts'), an error for each figure.
TEST_F(AppendixScopeTest, RegressionCentreFiguresAreNotComparedWithTheDistrictTable) {
  const std::string text =
      "Trong tháng, Trung tâm tiếp nhận 200 hồ sơ. Đã giải quyết 170 hồ sơ, trong đó trước hạn 100 "
      "hồ sơ, đúng hạn 67 hồ sơ, quá hạn 3 hồ sơ; đang giải quyết 30 hồ sơ.\n";
  std::vector<Finding> f = Check(text, {Departments(), Districts()});
  EXPECT_TRUE(Errors(f).empty()) << Dump(f);
  // The departments' table read without its resolved parts: the parts are
  // not taken from the district table either.
  Table partial = Results("PL-I", Departments().title,
                          {{"Sở Tư pháp", {120, 100, 20}}, {"Sở Y tế", {80, 70, 10}}},
                          {"received_total", "resolved_total", "pending_total"});
  f = Check(text, {partial, Districts()});
  EXPECT_TRUE(Errors(f).empty()) << Dump(f);
  // A centre's figure that is wrong is still an error, against PHỤ LỤC I.
  std::string wrong = text;
  wrong.replace(wrong.find("170 hồ sơ"), 3, "171");
  f = Check(wrong, {Departments(), Districts()});
  std::vector<const Finding*> e = Errors(f);
  ASSERT_FALSE(e.empty()) << Dump(f);
  bool names_pl1 = false;
  for (const Finding* x : e) {
    EXPECT_EQ(x->message.find("PL-II"), std::string::npos) << x->message;
    names_pl1 |= x->message.find("PL-I") != std::string::npos;
  }
  EXPECT_TRUE(names_pl1) << Dump(f);
}

TEST_F(AppendixScopeTest, DistrictLevelSentenceIsCheckedAgainstTheDistrictTable) {
  const std::string text = "Ở cấp huyện, UBND các huyện, thành phố đã giải quyết 520 hồ sơ.\n";
  std::vector<Finding> f = Check(text, {Departments(), Districts()});
  EXPECT_TRUE(Errors(f).empty()) << Dump(f);
  std::string wrong = text;
  wrong.replace(wrong.find("520"), 3, "530");
  f = Check(wrong, {Departments(), Districts()});
  ASSERT_EQ(Errors(f).size(), 1u) << Dump(f);
  EXPECT_EQ(*Errors(f)[0]->stated, 530);
  EXPECT_NE(Errors(f)[0]->message.find("PL-II"), std::string::npos) << Dump(f);
}

// Two tables of the whole whose totals disagree: which one the text means
// cannot be told, so neither is the reference (no error either way).
TEST_F(AppendixScopeTest, TwoWholeTablesThatDisagreeAreNoReference) {
  Table other = Departments();
  other.id = "PL-III";
  for (Cell& c : other.total->cells) *c.value *= 2;
  other.rows.clear();
  std::vector<Finding> f = Check("Trong tháng, Trung tâm đã giải quyết 170 hồ sơ.\n", {Departments(), other});
  EXPECT_TRUE(Errors(f).empty()) << Dump(f);
  f = Check("Trong tháng, Trung tâm đã giải quyết 340 hồ sơ.\n", {Departments(), other});
  EXPECT_TRUE(Errors(f).empty()) << Dump(f);
  // With one of them only, each is the reference.
  f = Check("Trong tháng, Trung tâm đã giải quyết 340 hồ sơ.\n", {Departments()});
  EXPECT_EQ(Errors(f).size(), 1u) << Dump(f);
}

// bench/archive_b: a total row keyed by its sums the other way round
// (resolved and pending swapped) made both of the text's right figures
// errors. Two figures that are the table's two values crosswise are a
// warning on the table's keys, not an error in the text.
TEST_F(AppendixScopeTest, FiguresCrosswiseToTheTableAreAWarningOnItsKeys) {
  Table swapped = Results("PL-I", Departments().title, {{"Sở Tư pháp", {120, 100, 20}}, {"Sở Y tế", {80, 70, 10}}},
                          {"received_total", "pending_total", "resolved_total"});
  const std::string text = "Trong tháng, đã giải quyết 170 hồ sơ; còn 30 hồ sơ đang giải quyết.\n";
  std::vector<Finding> f = Check(text, {swapped});
  EXPECT_TRUE(Errors(f).empty()) << Dump(f);
  int warnings = 0;
  for (const Finding& x : f)
    warnings += x.severity == Severity::kWarning && x.message.find("keyed wrongly") != std::string::npos;
  EXPECT_EQ(warnings, 2) << Dump(f);
  // One figure wrong (not crosswise) is still an error.
  f = Check("Trong tháng, đã giải quyết 171 hồ sơ; còn 30 hồ sơ đang giải quyết.\n", {swapped});
  EXPECT_FALSE(Errors(f).empty()) << Dump(f);
}

}  // namespace
}  // namespace sohoa
