// Unit tests of the tables stage: schema loader, unit aliases, cells, and
// the parser on small hand-written tables of every shape.
#include <gtest/gtest.h>

#include <memory>
#include <tuple>

#include "pipeline/core/document.h"
#include "pipeline/tables/internal.h"
#include "pipeline/tables/tables.h"
#include "tests/testing/run_command.h"

namespace sohoa {
namespace {

const std::string kDict = SOHOA_DICTIONARIES_DIR_FOR_TESTS;

class TablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TableOptions o;
    o.dictionaries_dir = kDict;
    ASSERT_TRUE(TableParser::Open(o, &parser_).ok());
  }
  std::vector<Table> Parse(const std::string& text) {
    Document doc;
    doc.pages = PagesFromText(text, WordSource::kPlainText);
    std::vector<Table> tables;
    findings_.clear();
    parser_->Parse(doc, &tables, &findings_);
    return tables;
  }
  std::unique_ptr<TableParser> parser_;
  std::vector<Finding> findings_;
};

TEST(SchemaTest, LoadsResultsWithParentsGroupsAndIdentities) {
  std::vector<Schema> schemas;
  ASSERT_TRUE(LoadSchemas(kDict + "/schemas", &schemas).ok());
  const Schema* results = nullptr;
  for (const Schema& s : schemas)
    if (s.name == "results") results = &s;
  ASSERT_NE(results, nullptr);
  std::vector<std::string> leaves = results->LeafKeys();
  EXPECT_EQ(leaves.size(), 13u);
  EXPECT_EQ(leaves.front(), "received_total");
  ASSERT_NE(results->Find("resolved_early"), nullptr);
  EXPECT_EQ(results->Find("resolved_early")->parent, "resolved_total");
  EXPECT_EQ(results->Find("resolved_early")->group, "resolved");
  EXPECT_EQ(results->Find("pending_overdue")->parent, "pending_total");
  EXPECT_FALSE(results->Find("resolved")->leaf);
  ASSERT_FALSE(results->identities.empty());
  EXPECT_EQ(results->identities[0].lhs, "received_total");
  EXPECT_EQ(results->identities[0].terms,
            (std::vector<std::string>{"received_carryover", "received_new"}));
}

TEST(SchemaTest, BadFileNamesFileAndLine) {
  std::string dir = testing::TempDir();
  std::string path = dir + "/bad.schema";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("schema x\ncolumn | a | - | nosuch | A\n", f);
  std::fclose(f);
  Schema s;
  Status st = LoadSchemaFile(path, &s);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("bad.schema"), std::string::npos);
  EXPECT_NE(st.message().find("nosuch"), std::string::npos);
}

TEST(SchemaTest, NormalizeAndSlug) {
  EXPECT_EQ(NormalizeLabel("Số hồ sơ mức độ 3, 4 (*)"), "so ho so muc do 3 4");
  EXPECT_EQ(NormalizeLabel("<b>TỔNG  cộng</b>"), "tong cong");
  EXPECT_EQ(SlugKey("Số hồ sơ đã giải quyết"), "so_ho_so_da_giai_quyet");
}

TEST(UnitAliasesTest, DepartmentsWrittenSeveralWays) {
  UnitAliases u;
  ASSERT_TRUE(u.Load(kDict + "/units").ok());
  const std::string nn = "Sở Nông nghiệp và Phát triển nông thôn";
  EXPECT_EQ(u.Canonical("Sở NNPTNT"), nn);
  EXPECT_EQ(u.Canonical("Sở Nông nghiệp và PTNT"), nn);
  EXPECT_EQ(u.Canonical("Sở Nông nghiệp & Phát triển Nông thôn"), nn);
  EXPECT_EQ(u.Canonical("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"), nn);
  EXPECT_EQ(u.Canonical("Sở NN&PTNT"), nn);
  EXPECT_EQ(u.Canonical("BHXH tỉnh"), "Bảo hiểm xã hội tỉnh");
  EXPECT_EQ(u.Canonical("Bảo hiểm xã hội"), "Bảo hiểm xã hội tỉnh");
  EXPECT_EQ(u.Canonical("Sở LĐTBXH"), "Sở Lao động - Thương binh và Xã hội");
  EXPECT_EQ(u.Canonical("Sở Lao động, Thương binh và Xã hội"), "Sở Lao động - Thương binh và Xã hội");
  EXPECT_EQ(u.Canonical("Sở VH-TT-DL"), "Sở Văn hóa, Thể thao và Du lịch");
  EXPECT_EQ(u.Canonical("Sở Văn hoá,  Thể thao và Du lịch"), "Sở Văn hóa, Thể thao và Du lịch");
  EXPECT_EQ(u.Canonical("Sở KH&ĐT"), "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(u.Canonical("Sở TT&TT"), "Sở Thông tin và Truyền thông");
  EXPECT_EQ(u.Key("Sở NNPTNT"), u.Key("Sở Nông nghiệp và Phát triển nông thôn"));
}

TEST(UnitAliasesTest, LocalGovernmentAndUnknown) {
  UnitAliases u;
  ASSERT_TRUE(u.Load(kDict + "/units").ok());
  EXPECT_EQ(u.Canonical("UBND huyện Mỹ Tú"), "UBND huyện Mỹ Tú");
  EXPECT_EQ(u.Canonical("Ủy ban nhân dân huyện Mỹ Tú"), "UBND huyện Mỹ Tú");
  EXPECT_EQ(u.Canonical("Huyện Mỹ Tú"), "UBND huyện Mỹ Tú");
  EXPECT_EQ(u.Canonical("UBND TP Sóc Trăng"), "UBND thành phố Sóc Trăng");
  EXPECT_EQ(u.Canonical("UBND thị xã Ngã Năm"), "UBND thị xã Ngã Năm");
  EXPECT_EQ(u.Canonical("Hợp tác xã Bình Minh"), "");
  EXPECT_EQ(u.Canonical(""), "");
}

TEST(UnitAliasesTest, ShortFormsAbbreviationsAndBrokenWords) {
  UnitAliases u;
  ASSERT_TRUE(u.Load(kDict + "/units").ok());
  const std::string tnmt = "Sở Tài nguyên và Môi trường";
  EXPECT_EQ(u.Canonical("Sở TN&MT"), tnmt);
  EXPECT_EQ(u.Canonical("Sở Tài nguyên & Môi trường"), tnmt);
  EXPECT_EQ(u.Canonical("UBND H. Châu Thành"), "UBND huyện Châu Thành");
  EXPECT_EQ(u.Canonical("UBND H Châu Thành"), "UBND huyện Châu Thành");
  EXPECT_EQ(u.Canonical("UBND TX. Sơn Tây"), "UBND thị xã Sơn Tây");
  EXPECT_EQ(u.Canonical("Sở TP"), "Sở Tư pháp");  // "TP" after "Sở" is no city
  EXPECT_EQ(u.Canonical("Sở NV"), "Sở Nội vụ");
  EXPECT_EQ(u.Canonical("Sở Lao động TB&XH"), "Sở Lao động - Thương binh và Xã hội");
  EXPECT_EQ(u.Canonical("CA tỉnh"), "Công an tỉnh");
  EXPECT_EQ(u.Canonical("S ở T ư pháp"), "Sở Tư pháp");  // a text layer's broken words
  // Initials no abbreviation lists (issue 16: a unit's series split in two).
  EXPECT_EQ(u.Canonical("Sở DT&TG"), "Sở Dân tộc và Tôn giáo");
  EXPECT_EQ(u.Canonical("Sở NN&MT"), "Sở Nông nghiệp và Môi trường");
  EXPECT_EQ(u.Canonical("Ban QL Khu kinh tế tỉnh"), "Ban Quản lý Khu kinh tế");
  EXPECT_EQ(u.Canonical("Sở XYZ"), "");
  EXPECT_EQ(u.Canonical("Sở T"), "");  // one letter is no initials
  // Two units are never one: a district is not its province's department.
  EXPECT_NE(u.Canonical("UBND H. Châu Thành"), u.Canonical("UBND TP Châu Thành"));
}

TEST(HeaderPathTest, FlattenedPathsSplitIntoLevels) {
  using tables_internal::SplitHeaderPath;
  EXPECT_EQ(SplitHeaderPath("Kết quả giải quyết - Số hồ sơ đã giải quyết - Tổng số"),
            (std::vector<std::string>{"Kết quả giải quyết", "Số hồ sơ đã giải quyết", "Tổng số"}));
  EXPECT_EQ(SplitHeaderPath("Số hồ sơ nhận giải quyết / Kỳ trước"),
            (std::vector<std::string>{"Số hồ sơ nhận giải quyết", "Kỳ trước"}));
  EXPECT_EQ(SplitHeaderPath("Đang giải quyết: Quá hạn"),
            (std::vector<std::string>{"Đang giải quyết", "Quá hạn"}));
  // Hyphens inside a label and numbers stay whole.
  EXPECT_EQ(SplitHeaderPath("Số hồ sơ mức độ 3, 4"), (std::vector<std::string>{"Số hồ sơ mức độ 3, 4"}));
  EXPECT_EQ(SplitHeaderPath("Lao động-Thương binh"), (std::vector<std::string>{"Lao động-Thương binh"}));
}

TEST_F(TablesTest, FlattenedHeaderPathsMapToSchemaKeysAndAnUnknownColumnIsKeptApart) {
  auto t = Parse(
      "PHỤ LỤC I\nKẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\n"
      "STT\tĐơn vị\tTiếp nhận - Tổng số\tTiếp nhận - Kỳ trước\tTiếp nhận - Mới tiếp nhận\t"
      "Kết quả giải quyết - Đã giải quyết - Tổng số\tKết quả giải quyết / Đã giải quyết / Trước hạn\t"
      "Đã giải quyết: Đúng hạn\tĐã giải quyết: Quá hạn\tSố hồ sơ xin rút\n"
      "1\tSở Y tế\t10\t2\t8\t6\t3\t2\t1\t0\n"
      "2\tSở Tư pháp\t5\t1\t4\t5\t5\t0\t0\t1\n");
  ASSERT_EQ(t.size(), 1u);
  ASSERT_EQ(t[0].columns.size(), 8u);
  const std::vector<std::string> keys = {"received_total", "received_carryover", "received_new",
                                         "resolved_total", "resolved_early", "resolved_ontime",
                                         "resolved_late"};
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(t[0].columns[i].key, keys[i]) << i;
    EXPECT_TRUE(t[0].columns[i].mapped) << i;
  }
  EXPECT_EQ(t[0].columns[7].key, "so_ho_so_xin_rut");
  EXPECT_FALSE(t[0].columns[7].mapped);
  int unmapped = 0;
  for (const Finding& f : findings_)
    if (f.message.find("unmapped column") != std::string::npos) ++unmapped;
  EXPECT_EQ(unmapped, 1);
}

// "Tổng số hồ sơ" under the resolved and pending groups, and a satisfaction
// table whose header is two levels ("Hài lòng" over "Với dịch vụ") written
// as flattened paths.
TEST_F(TablesTest, TotalsOfResultGroupsAndTwoLevelSatisfactionHeaders) {
  auto t = Parse(
      "PHỤ LỤC I\nKẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\n"
      "STT\tĐơn vị\tTiếp nhận / Tổng số hồ sơ\tĐã giải quyết / Tổng số hồ sơ\t"
      "Đã giải quyết / Đúng hạn\tĐã giải quyết / Quá hạn\tĐang giải quyết / Tổng số hồ sơ\t"
      "Đang giải quyết / Còn hạn\n"
      "1\tSở Y tế\t10\t7\t6\t1\t3\t3\n"
      "2\tSở Tư pháp\t5\t5\t5\t0\t0\t0\n"
      "\nPHỤ LỤC II\nTHỐNG KÊ MỨC ĐỘ HÀI LÒNG\n"
      "STT\tĐơn vị\tHài lòng / Về dịch vụ\tHài lòng / Về thái độ phục vụ\t"
      "Không hài lòng / Về nghiệp vụ nhân viên\tKhông hài lòng / Về thời gian giao dịch\tTổng số\n"
      "1\tSở Y tế\t4\t3\t1\t0\t8\n"
      "2\tSở Tư pháp\t2\t2\t0\t1\t5\n");
  ASSERT_EQ(t.size(), 2u);
  std::vector<std::string> keys;
  for (const Column& c : t[0].columns) keys.push_back(c.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"received_total", "resolved_total", "resolved_ontime",
                                            "resolved_late", "pending_total", "pending_ontime"}));
  keys.clear();
  for (const Column& c : t[1].columns) keys.push_back(c.key);
  EXPECT_EQ(t[1].schema, "satisfaction");
  EXPECT_EQ(keys, (std::vector<std::string>{"satisfied_service", "satisfied_attitude",
                                            "unsatisfied_staff", "unsatisfied_time",
                                            "ratings_total"}));
  for (const Finding& f : findings_)
    EXPECT_EQ(f.message.find("unmapped column"), std::string::npos) << f.message;
}

// A header laid out in character columns, labels wrapped in place, the
// total after its parts and "online" before "returned".
TEST_F(TablesTest, HeaderLaidOutInCharacterColumnsIsReadByPosition) {
  auto t = Parse(
      "PHỤ LỤC I\nKẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\n"
      "STT      Sở, ngành               Số hồ sơ nhận giải          Đã giải quyết         Hồ sơ    Hồ sơ\n"
      "                                       quyết                                      trực    bị trả\n"
      "                                                                                  tuyến     lại\n"
      "                                Kỳ       Mới      Tổng     Tổng   Đúng    Trễ\n"
      "                               trước    tiếp       số       số    hạn     hạn\n"
      "                                        nhận\n"
      "  1 Sở Y tế                        2        8      10        9      8      1        4        1\n"
      "  2 Sở Tư pháp                     1        4       5        5      5      0        3        0\n");
  ASSERT_EQ(t.size(), 1u);
  std::vector<std::string> keys;
  for (const Column& c : t[0].columns) keys.push_back(c.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"received_carryover", "received_new", "received_total",
                                            "resolved_total", "resolved_ontime", "resolved_late",
                                            "online", "returned"}));
  ASSERT_EQ(t[0].rows.size(), 2u);
  EXPECT_EQ(t[0].rows[0].cells[2].value, 10);
  EXPECT_EQ(t[0].rows[1].cells[6].value, 3);
}

// A leaf of the second level ("Tổng" of the received group, spanning down)
// stands just above and left of the first child of the next group on the
// third level: the data rows' right-aligned numbers put the two labels in
// different columns, so the leaf is no parent (it was, and the header read
// as numbered columns).
TEST_F(TablesTest, AlignedLeafAboveTheNextGroupsChildIsNoParent) {
  auto t = Parse(
      "PHỤ LỤC I\nKẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\n"
      "STT            Sở, ngành              Số hồ sơ nhận giải                      Kết quả giải quyết\n"
      "                                             quyết\n"
      "                                    Tồn kỳ  Số mới   Tổng            Đã giải quyết              Đang giải quyết\n"
      "                                     trước   tiếp\n"
      "                                             nhận\n"
      "                                                             Tổng    Trước   Đúng     Trễ    Tổng    Trong    Quá\n"
      "                                                                      hạn     hạn     hạn             hạn     hạn\n"
      "\n"
      "  1 Sở Thông tin và Truyền thông         2      10      12      10       9       1       0       2       2       0\n"
      "  2 Sở Công Thương                      45     355     400     364     358       1       5      36      35       1\n");
  ASSERT_EQ(t.size(), 1u);
  std::vector<std::string> keys;
  for (const Column& c : t[0].columns) keys.push_back(c.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"received_carryover", "received_new", "received_total",
                                            "resolved_total", "resolved_early", "resolved_ontime",
                                            "resolved_late", "pending_total", "pending_ontime",
                                            "pending_overdue"}));
  ASSERT_EQ(t[0].rows.size(), 2u);
  EXPECT_EQ(t[0].rows[1].cells[2].value, 400);
  EXPECT_EQ(t[0].rows[1].cells[3].value, 364);
}

// pdftotext -layout of a header set in a narrow font: the leaves of the third
// level run together one space apart on one line, the group labels of the
// first level stand above the STT line, a lone "Tổng số" on a line of its
// own, and a row numbers the columns. The leaves are split by the schema's
// wordings and placed by the lines above and the column numbers (resolved
// before pending here, as the labels of the second line say).
TEST_F(TablesTest, HeaderLabelsRunTogetherOneSpaceApartAreSplitByTheSchema) {
  auto t = Parse(
      "PHỤ LỤC I\nKẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\n"
      "                              Số hồ sơ nhận giải quyết                               Kết quả giải quyết\n"
      "\n"
      "STT   Đơn vị                      Trong đó                     Đã giải quyết                     Đang giải quyết      Trả lại\n"
      "                   Tổng số\n"
      "                           Kỳ trước Mới tiếp nhận Tổng số Trước hạn Đúng hạn Quá hạn Tổng số Còn hạn Quá hạn\n"
      "\n"
      "(1)   (2)           (3)       (4)       (5)       (6)       (7)       (8)       (9)       (10)      (11)      (12)      (13)\n"
      " 1   Sở Y tế        20         5        15        12         6         5         1         8         7         1         0\n"
      " 2   Sở Tư pháp     10         2         8         7         7         0         0         3         3         0         1\n"
      "Tổng cộng           30         7        23        19        13         5         1        11        10         1         1\n");
  ASSERT_EQ(t.size(), 1u);
  std::vector<std::string> keys;
  for (const Column& c : t[0].columns) keys.push_back(c.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"received_total", "received_carryover", "received_new",
                                            "resolved_total", "resolved_early", "resolved_ontime",
                                            "resolved_late", "pending_total", "pending_ontime",
                                            "pending_overdue", "returned"}));
  EXPECT_EQ(t[0].columns[0].header, (std::vector<std::string>{"Số hồ sơ nhận giải quyết", "Tổng số"}));
  EXPECT_EQ(t[0].columns[8].header,
            (std::vector<std::string>{"Kết quả giải quyết", "Đang giải quyết", "Còn hạn"}));
  for (const Finding& f : findings_) EXPECT_EQ(f.message.find("keyed by the row sums"), std::string::npos);
  ASSERT_EQ(t[0].rows.size(), 2u);
  EXPECT_EQ(t[0].rows[0].cells[3].value, 12);
  EXPECT_EQ(t[0].rows[1].cells[10].value, 1);
}

// The same kind of header wrapped within its cells (LibreOffice's PDF): the
// leaf "Tổng" right under its group's label and the wrapped label of its
// neighbour are read as their own labels, with no column-number row (the
// data rows place the columns); pending before resolved.
TEST_F(TablesTest, WrappedLeafUnderItsGroupLabelIsALabelOfItsOwn) {
  auto t = Parse(
      "PHỤ LỤC I\nKẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\n"
      "(Kèm theo Báo cáo số 12/BC-TT)\n"
      "STT  Tên đơn     Hồ sơ tiếp nhận               Kết quả xử lý                                   Trả lại\n"
      "     vị          Tổng      Chia ra             Đang giải quyết            Đã giải quyết\n"
      "                        Tồn kỳ    Tiếp     Tổng     Chưa     Đã quá    Tổng    Sớm    Đúng    Trễ\n"
      "                        trước     nhận              đến hạn  hạn               hạn    hạn     hạn\n"
      "                                  trong\n"
      "                                  kỳ\n"
      "1    Sở Y tế      20       5       15        8        7         1       12      6      5       1       0\n"
      "2    Sở Tư pháp   10       2        8        3        3         0        7      7      0       0       1\n");
  ASSERT_EQ(t.size(), 1u);
  std::vector<std::string> keys;
  for (const Column& c : t[0].columns) keys.push_back(c.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"received_total", "received_carryover", "received_new",
                                            "pending_total", "pending_ontime", "pending_overdue",
                                            "resolved_total", "resolved_early", "resolved_ontime",
                                            "resolved_late", "returned"}));
  EXPECT_EQ(t[0].columns[2].header,
            (std::vector<std::string>{"Hồ sơ tiếp nhận", "Chia ra", "Tiếp nhận trong kỳ"}));
  ASSERT_EQ(t[0].rows.size(), 2u);
  EXPECT_EQ(t[0].rows[0].cells[6].value, 12);
}

// A unit name wrapped in its cell right after a hyphen ("Sở Lao" / "động -"
// / "Thương binh và Xã hội"): the hyphen is part of the name, not a dash
// cell making a row of its own.
TEST_F(TablesTest, UnitNameWrappedAtAHyphenIsNoRowOfItsOwn) {
  auto t = Parse(
      "PHỤ LỤC I\nKẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\n"
      "STT   Đơn vị          Tổng số    Kỳ trước    Mới tiếp nhận\n"
      "1     Sở Lao            30          10           20\n"
      "      động -\n"
      "      Thương binh\n"
      "      và Xã hội\n"
      "2     Sở Y tế            9           4            5\n"
      "3     Sở Nội vụ          -           -            -\n");
  ASSERT_EQ(t.size(), 1u);
  ASSERT_EQ(t[0].rows.size(), 3u);
  EXPECT_EQ(t[0].rows[0].unit, "Sở Lao động - Thương binh và Xã hội");
  EXPECT_EQ(t[0].rows[0].cells[0].value, 30);
  EXPECT_EQ(t[0].rows[1].unit, "Sở Y tế");
  EXPECT_TRUE(t[0].rows[2].cells[1].dash);
  for (const Finding& f : findings_) EXPECT_EQ(f.message.find("cells for"), std::string::npos) << f.message;
}

// The text layer gives each header cell on its own line, level by level; the
// clerk put "online" before "returned" and the total after its parts.
TEST_F(TablesTest, FlatHeaderInAnotherColumnOrderThanTheSchema) {
  auto t = Parse(
      "PHỤ LỤC I\nKẾT QUẢ GIẢI QUYẾT\nSTT\nSở, ngành\nTiếp nhận\nĐã giải quyết\nHồ sơ trực tuyến\n"
      "Hồ sơ bị trả lại\nKỳ trước\nMới tiếp nhận\nTổng số\nTrước hạn\nĐúng hạn\nQuá hạn\nTổng số\n"
      "1 Sở Y tế 2 8 10 1 4 1 6 3 0\n");
  ASSERT_EQ(t.size(), 1u);
  std::vector<std::string> keys;
  for (const Column& c : t[0].columns) keys.push_back(c.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"received_carryover", "received_new", "received_total",
                                            "resolved_early", "resolved_ontime", "resolved_late",
                                            "resolved_total", "online", "returned"}));
}

// The second level swapped under one group only: the received total before
// its parts, but pending before resolved ("Số hồ sơ trả lại" is returned).
TEST_F(TablesTest, FlatHeaderWithOneGroupsSecondLevelSwapped) {
  auto t = Parse(
      "PHỤ LỤC I\nKẾT QUẢ GIẢI QUYẾT\nSTT\nĐơn vị\nTiếp nhận\nKết quả giải quyết\nHồ sơ trực tuyến\n"
      "Số hồ sơ trả lại\nTổng\nTrong đó\nHồ sơ đang giải quyết\nHồ sơ đã giải quyết\nKỳ trước\n"
      "Số mới tiếp nhận\nTổng\nChưa đến hạn\nQuá hạn\nTổng\nTrước hạn\nĐúng hạn\nQuá hạn\n"
      "1 Sở Y tế 10 2 8 3 3 0 7 4 2 1 5 1\n");
  ASSERT_EQ(t.size(), 1u);
  std::vector<std::string> keys;
  for (const Column& c : t[0].columns) keys.push_back(c.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"received_total", "received_carryover", "received_new",
                                            "pending_total", "pending_ontime", "pending_overdue",
                                            "resolved_total", "resolved_early", "resolved_ontime",
                                            "resolved_late", "online", "returned"}));
}

TEST_F(TablesTest, FlattenedRowWithTooFewCellsIsReportedAndAssignedFromTheRight) {
  auto t = Parse(
      "PHỤ LỤC II\nTHỐNG KÊ SỐ HỒ SƠ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG\n"
      "STT Tên đơn vị\nHài lòng với\ndịch vụ\nHài lòng về\nthái độ phục vụ\nTổng\ncộng\n"
      "1 Sở Y tế 10 10 20\n2 Sở Tư pháp 5 5\n  Tổng cộng 15 15 25\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].id, "PL-II");
  EXPECT_EQ(t[0].schema, "satisfaction");
  ASSERT_EQ(t[0].columns.size(), 3u);
  EXPECT_EQ(t[0].columns[2].key, "ratings_total");
  ASSERT_EQ(t[0].rows.size(), 2u);
  EXPECT_FALSE(t[0].rows[1].cells[0].value.has_value());
  EXPECT_EQ(t[0].rows[1].cells[1].value, 5);
  EXPECT_EQ(t[0].rows[1].cells[2].value, 5);
  ASSERT_EQ(findings_.size(), 1u);
  EXPECT_EQ(findings_[0].kind, FindingKind::kParse);
  EXPECT_EQ(findings_[0].line, 11);
  EXPECT_EQ(findings_[0].row, 1);
}

TEST_F(TablesTest, TabRowsBlankDashFootnoteUnreadableAndWrappedNames) {
  auto t = Parse(
      "Phụ lục\nSTT\tĐơn vị\tTrước hạn\tĐúng hạn\tQuá hạn\n"
      "1\tBan Quản lý các Khu\t1\t-\t\n\tcông nghiệp tỉnh\t\t\t\n"
      "2\tSở Y tế\t3,5^(*)\t1O\t2\n"
      "\tTổng cộng\t4\t1\t2\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].id, "PL");
  ASSERT_EQ(t[0].rows.size(), 2u);
  EXPECT_EQ(t[0].rows[0].unit, "Ban Quản lý các Khu công nghiệp tỉnh");
  EXPECT_EQ(t[0].rows[0].unit_canonical, "Ban Quản lý các Khu công nghiệp");
  EXPECT_TRUE(t[0].rows[0].cells[1].dash);
  EXPECT_FALSE(t[0].rows[0].cells[1].value.has_value());
  EXPECT_FALSE(t[0].rows[0].cells[2].value.has_value());
  EXPECT_EQ(t[0].rows[1].cells[0].value, 3.5);
  EXPECT_EQ(t[0].rows[1].cells[0].footnote, "(*)");
  EXPECT_FALSE(t[0].rows[1].cells[1].value.has_value());
  ASSERT_TRUE(t[0].total.has_value());
  ASSERT_EQ(findings_.size(), 1u) << findings_[0].message;
  EXPECT_EQ(findings_[0].column, "resolved_ontime");
  EXPECT_NE(findings_[0].message.find("1O"), std::string::npos);
}

// A long table continued over a form feed: page 1 ends with a page number,
// page 2 starts with a running head, then (or not) the header row again.
std::string SplitTableText(int rows, int page_one_rows, bool repeat_header, const std::string& between) {
  const std::string header = "STT\tĐơn vị\tTrước hạn\tĐúng hạn\tQuá hạn\n";
  std::string text = "PHỤ LỤC I\nKẾT QUẢ GIẢI QUYẾT HỒ SƠ\n" + header;
  int sum[3] = {0, 0, 0};
  for (int r = 1; r <= rows; ++r) {
    if (r == page_one_rows + 1) {
      text += "\nTrang 1\f" + between + "Báo cáo số 12/BC-TTHCC\n";
      if (repeat_header) text += header;
    }
    int v[3] = {r % 7, 2 * r, r % 3};
    for (int k = 0; k < 3; ++k) sum[k] += v[k];
    text += std::to_string(r) + "\tĐơn vị số " + std::to_string(r) + "\t" + std::to_string(v[0]) + "\t" +
            std::to_string(v[1]) + "\t" + (r % 5 == 0 ? std::string() : std::to_string(v[2])) + "\n";
    if (r % 5 == 0) sum[2] -= v[2];
  }
  text += "\tTổng cộng\t" + std::to_string(sum[0]) + "\t" + std::to_string(sum[1]) + "\t" + std::to_string(sum[2]) +
          "\n\tTỷ lệ %\t10\t80\t10\nTrang 2\n";
  return text;
}

TEST_F(TablesTest, TableContinuedOverFormFeedIsOneTable) {
  for (bool repeat : {false, true}) {
    SCOPED_TRACE(repeat ? "header repeated" : "no header on page 2");
    auto t = Parse(SplitTableText(40, 30, repeat, ""));
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].id, "PL-I");
    EXPECT_EQ(t[0].page, 1);
    EXPECT_EQ(t[0].schema, "results");
    ASSERT_EQ(t[0].rows.size(), 40u);
    for (size_t r = 0; r < 40; ++r) {
      EXPECT_EQ(t[0].rows[r].stt, std::to_string(r + 1));
      EXPECT_EQ(t[0].rows[r].page, r < 30 ? 1 : 2);
      ASSERT_EQ(t[0].rows[r].cells.size(), 3u);
      EXPECT_EQ(t[0].rows[r].cells[1].value, 2.0 * (r + 1));
      EXPECT_EQ(t[0].rows[r].cells[1].page, r < 30 ? 1 : 2);
    }
    EXPECT_EQ(t[0].rows[30].line, repeat ? 3 : 2);
    EXPECT_FALSE(t[0].rows[34].cells[2].value.has_value());
    ASSERT_TRUE(t[0].total.has_value());
    EXPECT_EQ(t[0].total->cells[1].value, 1640);
    EXPECT_EQ(t[0].total->page, 2);
    ASSERT_TRUE(t[0].percent.has_value());
    EXPECT_TRUE(findings_.empty()) << findings_[0].message;
  }
}

TEST_F(TablesTest, NewHeadingOrOtherColumnsOnTheNextPageIsNoContinuation) {
  // A new appendix heading and title between: two tables.
  auto t = Parse(SplitTableText(40, 30, true, "PHỤ LỤC II\nKẾT QUẢ GIẢI QUYẾT HỒ SƠ QUÝ III\n"));
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].rows.size(), 30u);
  EXPECT_FALSE(t[0].total.has_value());
  EXPECT_EQ(t[1].id, "PL-II");
  EXPECT_EQ(t[1].page, 2);
  EXPECT_EQ(t[1].rows.size(), 10u);
  // A table of other columns on the next page: not appended.
  t = Parse(
      "PHỤ LỤC I\nSTT\tĐơn vị\tTrước hạn\tĐúng hạn\tQuá hạn\n1\tSở Y tế\t1\t2\t3\nTrang 1\f"
      "1\tSở Nội vụ\t4\t5\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].rows.size(), 1u);
  // Another header on the next page: its own table.
  t = Parse(
      "PHỤ LỤC I\nSTT\tĐơn vị\tTrước hạn\tĐúng hạn\tQuá hạn\n1\tSở Y tế\t1\t2\t3\nTrang 1\f"
      "STT\tĐơn vị\tTiếp nhận\tĐã giải quyết\tĐang giải quyết\n1\tSở Nội vụ\t4\t5\t6\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].rows.size(), 1u);
  EXPECT_EQ(t[1].page, 2);
}

TEST_F(TablesTest, MarkdownPipeTableWithoutHeadingAndUnknownHeader) {
  auto t = Parse(
      "Bảng số liệu\n\n| STT | Đơn vị | Số cuộc họp | Số văn bản |\n|---|---|---|---|\n"
      "| 1 | **Sở Nội vụ** | 3 | 12.746 |\n| 2 | Sở Y tế | *4* | 79,79 |\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].id, "T1");
  EXPECT_EQ(t[0].schema, "");
  ASSERT_EQ(t[0].columns.size(), 2u);
  EXPECT_EQ(t[0].columns[0].key, "so_cuoc_hop");
  EXPECT_EQ(t[0].rows[0].unit, "Sở Nội vụ");
  EXPECT_EQ(t[0].rows[0].cells[1].value, 12746);
  EXPECT_EQ(t[0].rows[1].cells[0].value, 4);
  EXPECT_EQ(t[0].rows[1].cells[1].value, 79.79);
  ASSERT_FALSE(findings_.empty());
  EXPECT_NE(findings_[0].message.find("no schema"), std::string::npos);
}

TEST_F(TablesTest, SameWordsUnderDifferentParentsGetDifferentKeys) {
  auto t = Parse(
      "STT\tĐơn vị\tĐã giải quyết\t\tĐang giải quyết\t\n"
      "\t\tTrễ hạn\tSớm hạn\tCòn hạn\tTrễ hạn\n"
      "1\tSở Y tế\t1\t2\t3\t4\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].schema, "results");
  std::vector<std::string> keys;
  for (const Column& c : t[0].columns) keys.push_back(c.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"resolved_late", "resolved_early", "pending_ontime",
                                            "pending_overdue"}));
}

// A page with word boxes (as OCR gives it): a short-named table whose
// "Đơn vị" label is centred right of every unit name, a row number read
// "2:", one lone cell missing. Columns come from the x-positions.
TEST_F(TablesTest, BoxedPageWithCentredUnitLabelAndPunctuatedRowNumber) {
  Page page;
  page.number = 1;
  page.unit = BoxUnit::kPixels;
  page.dpi = 300;
  auto line = [&](std::vector<std::tuple<std::string, double, double>> words, double y) {
    Line l;
    for (auto& [text, x0, x1] : words) {
      Word w;
      w.text = text;
      w.box = {x0, y, x1, y + 24};
      w.trailing.push_back(' ');
      l.words.push_back(w);
    }
    page.lines.push_back(l);
  };
  // Header: STT | Đơn vị (centred over 100-700) | Hài lòng với dịch vụ | Tổng cộng
  line({{"STT", 20, 70}, {"Đơn", 330, 380}, {"vị", 390, 410}, {"Hài", 760, 800}, {"lòng", 810, 860},
        {"Tổng", 960, 1020}, {"cộng", 1030, 1090}},
       100);
  line({{"với", 760, 800}, {"dịch", 810, 860}, {"vụ", 870, 900}}, 140);
  line({{"1", 30, 45}, {"Sở", 110, 140}, {"Y", 150, 165}, {"tế", 175, 200}, {"12", 870, 900}, {"15", 1070, 1100}},
       200);
  line({{"2:", 30, 55}, {"Sở", 110, 140}, {"Nội", 150, 190}, {"vụ", 200, 230}, {"7", 1085, 1100}}, 250);
  line({{"3", 30, 45}, {"Công", 110, 170}, {"an", 180, 205}, {"tỉnh", 215, 260}, {"4", 885, 900}, {"9", 1085, 1100}},
       300);
  // OCR misread "19" as "1G": the row stays, the cell is reported.
  line({{"4", 30, 45}, {"Sở", 110, 140}, {"Tư", 150, 180}, {"pháp", 190, 250}, {"3", 885, 900}, {"1G", 1070, 1100}},
       350);
  Document doc;
  doc.pages.push_back(page);
  std::vector<Table> tables;
  findings_.clear();
  parser_->Parse(doc, &tables, &findings_);
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.columns[0].key, "satisfied_service");
  EXPECT_EQ(t.columns[1].key, "ratings_total");
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[3].cells[0].value, 3);
  EXPECT_FALSE(t.rows[3].cells[1].value.has_value());
  bool reported = false;
  for (const Finding& f : findings_) reported |= f.message.find("'1G'") != std::string::npos;
  EXPECT_TRUE(reported);
  EXPECT_EQ(t.rows[1].stt, "2");
  EXPECT_EQ(t.rows[1].unit, "Sở Nội vụ");
  EXPECT_FALSE(t.rows[1].cells[0].value.has_value());  // blank, not shifted
  EXPECT_EQ(t.rows[1].cells[1].value, 7);
  EXPECT_EQ(t.rows[2].cells[0].value, 4);
}

// A page with a ruled grid (Page::grids): the grid's rows are taken as the
// tab-separated lines they are (not laid out again from word boxes), the
// table says it is "ruled", every cell carries the box of its grid cell and
// a cell OCR read with low confidence is reported with its box.
TEST_F(TablesTest, GridRowsOfABoxedPageAreReadAsTheyAreWithCellBoxes) {
  Page page;
  page.number = 1;
  page.unit = BoxUnit::kPixels;
  page.dpi = 300;
  auto boxed = [&](const std::string& text, double y) {
    Line l;
    Word w;
    w.text = text;
    w.box = {100, y, 400, y + 30};
    l.words.push_back(w);
    l.box = w.box;
    return l;
  };
  page.lines.push_back(boxed("PHỤ", 50));
  page.lines.back().words.push_back(page.lines.back().words[0]);
  page.lines.back().words[0].trailing = " ";
  page.lines.back().words[1].text = "LỤC";
  const char* rows[] = {"STT\tĐơn vị\tTrước hạn\tĐúng hạn\tQuá hạn", "1\tSở Y tế\t3\t\t2",
                        "2\tSở Nội vụ\t1\t5\t-", "Tổng cộng\t\t4\t5\t2"};
  Grid grid;
  grid.structure = "ruled";
  grid.rows = 4;
  grid.cols = 5;
  grid.first_line = 1;
  const double xs[] = {100, 200, 800, 1000, 1200, 1400};
  for (int r = 0; r < 4; ++r) {
    Page row = PageFromText(rows[r], 1, WordSource::kOcr);
    Line l = row.lines[0];
    l.box = {100, 200.0 + 100 * r, 1400, 300.0 + 100 * r};
    for (Word& w : l.words) w.box = l.box;
    page.lines.push_back(l);
    for (int c = 0; c < 5; ++c) {
      if (r == 3 && c == 1) continue;  // "Tổng cộng" spans STT and unit
      GridCell cell;
      cell.row = r;
      cell.col = c;
      cell.col_span = r == 3 && c == 0 ? 2 : 1;
      cell.box = {xs[c], 200.0 + 100 * r, xs[c + cell.col_span], 300.0 + 100 * r};
      cell.confidence = r == 2 && c == 3 ? 0.3f : 0.95f;
      grid.cells.push_back(cell);
    }
  }
  grid.box = {100, 200, 1400, 600};
  page.grids.push_back(grid);
  page.lines.push_back(boxed("Trang 1", 700));
  Document doc;
  doc.pages.push_back(page);
  std::vector<Table> tables;
  findings_.clear();
  parser_->Parse(doc, &tables, &findings_);
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.structure, "ruled");
  EXPECT_EQ(t.box_unit, BoxUnit::kPixels);
  EXPECT_EQ(t.box_dpi, 300);
  ASSERT_EQ(t.columns.size(), 3u);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].unit, "Sở Y tế");
  EXPECT_FALSE(t.rows[0].cells[1].value.has_value());  // blank stays blank
  EXPECT_EQ(t.rows[0].cells[2].value, 2);
  EXPECT_TRUE(t.rows[1].cells[2].dash);
  EXPECT_EQ(t.rows[0].cells[0].box.x0, 800);
  EXPECT_EQ(t.rows[0].cells[0].box.y0, 300);
  EXPECT_EQ(t.rows[1].cells[1].confidence, 0.3f);
  ASSERT_TRUE(t.total.has_value());
  EXPECT_EQ(t.total->cells[1].value, 5);
  int low = 0;
  for (const Finding& f : findings_)
    if (f.message.find("low confidence") != std::string::npos) {
      ++low;
      EXPECT_EQ(f.column, "resolved_ontime");
      EXPECT_EQ(f.box.x0, 1000);
      EXPECT_EQ(f.box.y0, 400);
      EXPECT_EQ(f.box_unit, BoxUnit::kPixels);
    }
  EXPECT_EQ(low, 1);
}

// Regression (bench/office, LibreOffice PDFs): a ruled table whose row is
// cut by the page break. Its unit name's last line ("tạo" of "Sở Giáo dục
// và Đào tạo") opens the next page's grid alone in the unit column; it
// belongs to the last row of the page before, not to a running head.
Page RuledPage(int number, const std::vector<std::string>& rows, const std::string& foot) {
  Page page;
  page.number = number;
  page.unit = BoxUnit::kPdfPoints;
  Grid grid;
  grid.structure = "ruled";
  grid.rows = static_cast<int>(rows.size());
  grid.cols = 5;
  grid.first_line = 0;
  const double xs[] = {40, 70, 250, 320, 390, 460};
  for (size_t r = 0; r < rows.size(); ++r) {
    const double y = 60.0 + 20 * r;
    Line l = PageFromText(rows[r], number, WordSource::kTextLayer).lines[0];
    l.box = {40, y, 460, y + 20};
    for (Word& w : l.words) w.box = l.box;
    page.lines.push_back(l);
    for (int c = 0; c < 5; ++c) {
      GridCell cell;
      cell.row = static_cast<int>(r);
      cell.col = c;
      cell.box = {xs[c], y, xs[c + 1], y + 20};
      cell.confidence = 1;
      grid.cells.push_back(cell);
    }
  }
  grid.box = {40, 60, 460, 60.0 + 20 * rows.size()};
  page.grids.push_back(grid);
  if (!foot.empty()) {
    Line l = PageFromText(foot, number, WordSource::kTextLayer).lines[0];
    l.box = {40, 700, 460, 720};
    page.lines.push_back(l);
  }
  return page;
}

TEST_F(TablesTest, UnitNameCutByPageBreakJoinsItsRow) {
  Document doc;
  doc.pages.push_back(RuledPage(1, {"STT\tĐơn vị\tTrước hạn\tĐúng hạn\tQuá hạn", "1\tSở Y tế\t3\t4\t2",
                                    "2\tSở Giáo dục và Đào\t1\t5\t0"}, ""));
  doc.pages.push_back(RuledPage(2, {"\ttạo\t\t\t", "3\tSở Nội vụ\t2\t2\t1", "\tTổng cộng\t6\t11\t3"},
                                "Trang 2"));
  std::vector<Table> tables;
  parser_->Parse(doc, &tables, &findings_);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 3u);
  EXPECT_EQ(tables[0].rows[1].unit, "Sở Giáo dục và Đào tạo");
  EXPECT_EQ(tables[0].rows[2].unit, "Sở Nội vụ");
  ASSERT_TRUE(tables[0].total.has_value());
  // A running head outside the grid is no part of any unit.
  doc.pages[1] = RuledPage(2, {"3\tSở Nội vụ\t2\t2\t1", "\tTổng cộng\t6\t11\t3"}, "");
  Line head = PageFromText("tiếp theo", 2, WordSource::kTextLayer).lines[0];
  head.box = {40, 20, 460, 40};
  doc.pages[1].lines.insert(doc.pages[1].lines.begin(), head);
  doc.pages[1].grids[0].first_line = 1;
  tables.clear();
  parser_->Parse(doc, &tables, &findings_);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 3u);
  EXPECT_EQ(tables[0].rows[1].unit, "Sở Giáo dục và Đào");
}

// OCR lost the "STT" of the header: a row starting with the unit label
// ("Đơn vị") with numbered rows just below still starts a table; a line
// "Đơn vị tính: hồ sơ" of prose with no rows below does not.
TEST_F(TablesTest, BoxedHeaderWithoutSttStartsAtTheUnitLabel) {
  Page page;
  page.number = 1;
  page.unit = BoxUnit::kPixels;
  page.dpi = 300;
  auto line = [&](std::vector<std::tuple<std::string, double, double>> words, double y) {
    Line l;
    for (auto& [text, x0, x1] : words) {
      Word w;
      w.text = text;
      w.box = {x0, y, x1, y + 24};
      w.trailing.push_back(' ');
      l.words.push_back(w);
    }
    page.lines.push_back(l);
  };
  line({{"Đơn", 20, 80}, {"vị", 90, 110}, {"tính:", 120, 180}, {"hồ", 190, 220}, {"sơ", 230, 260}}, 20);
  line({{"Đơn", 130, 180}, {"vị", 190, 210}, {"Ý", 760, 775}, {"kiến", 785, 840}, {"góp", 850, 900}, {"ý", 910, 925},
        {"Tổng", 960, 1020}, {"cộng", 1030, 1090}},
       100);
  line({{"1", 30, 45}, {"Sở", 110, 140}, {"Y", 150, 165}, {"tế", 175, 200}, {"12", 870, 900}, {"15", 1070, 1100}},
       200);
  line({{"2", 30, 45}, {"Sở", 110, 140}, {"Nội", 150, 190}, {"vụ", 200, 230}, {"3", 885, 900}, {"7", 1085, 1100}},
       250);
  Document doc;
  doc.pages.push_back(page);
  std::vector<Table> tables;
  findings_.clear();
  parser_->Parse(doc, &tables, &findings_);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].line, 2);  // the header row, not the prose above
  EXPECT_TRUE(findings_.empty());
  ASSERT_EQ(tables[0].columns.size(), 2u);
  EXPECT_EQ(tables[0].columns[0].key, "feedback");
  EXPECT_EQ(tables[0].columns[1].key, "ratings_total");
  ASSERT_EQ(tables[0].rows.size(), 2u);
  EXPECT_EQ(tables[0].rows[1].unit, "Sở Nội vụ");
  EXPECT_EQ(tables[0].rows[1].cells[1].value, 7);
}

TEST_F(TablesTest, NoTablesInProse) {
  EXPECT_TRUE(Parse("Báo cáo tình hình tháng 6.\nTổng số 3.028 hồ sơ, đã giải quyết 2.000.\n").empty());
  EXPECT_TRUE(findings_.empty());
}

// Rows of the results table whose identities hold: received = carry-over +
// new = resolved + pending; resolved = early + on time + late; pending = in
// time + overdue; then returned and online (no identity names them).
std::vector<std::vector<long>> ResultsRows(int n) {
  std::vector<std::vector<long>> rows;
  for (int i = 0; i < n; ++i) {
    long early = 10 + 3 * i, ontime = 20 + 2 * i, late = i % 3, in_time = 5 + i, overdue = i % 2;
    long resolved = early + ontime + late, pending = in_time + overdue, received = resolved + pending;
    long fresh = received * 2 / 3, carry = received - fresh;
    rows.push_back({received, carry, fresh, resolved, early, ontime, late, pending, in_time, overdue, i, 3L * i + 1});
  }
  return rows;
}

std::vector<std::vector<std::optional<double>>> AsValues(const std::vector<std::vector<long>>& rows) {
  std::vector<std::vector<std::optional<double>>> out;
  for (const auto& r : rows) {
    out.emplace_back();
    for (long v : r) out.back().push_back(static_cast<double>(v));
  }
  return out;
}

// Columns keyed by the sums: the leaves of the results schema under which
// its identities hold, the optional columns after them in the schema's
// order; rows of zeros say nothing.
TEST(KeysFromSumsTest, FindsTheResultsLeavesTheIdentitiesHoldFor) {
  tables_internal::Dictionaries dict;
  ASSERT_TRUE(LoadSchemas(kDict + "/schemas", &dict.schemas).ok());
  auto rows = AsValues(ResultsRows(6));
  tables_internal::SumKeys k = tables_internal::KeysFromSums(dict, rows, 12, {});
  ASSERT_GE(k.schema, 0);
  EXPECT_EQ(dict.schemas[k.schema].name, "results");
  EXPECT_EQ(k.keys, (std::vector<std::string>{"received_total", "received_carryover", "received_new", "resolved_total",
                                               "resolved_early", "resolved_ontime", "resolved_late", "pending_total",
                                               "pending_ontime", "pending_overdue", "returned", "online"}));
  EXPECT_EQ(k.fails, 0);
  EXPECT_EQ(k.rivals, 0);
  EXPECT_GE(k.holds, 20);
  // Without the carry-over and new columns the other identities still key
  // the rest.
  for (auto& r : rows) r.erase(r.begin() + 1, r.begin() + 3);
  k = tables_internal::KeysFromSums(dict, rows, 10, {});
  ASSERT_GE(k.schema, 0);
  EXPECT_EQ(k.keys[0], "received_total");
  EXPECT_EQ(k.keys[1], "resolved_total");
  EXPECT_EQ(k.keys[5], "pending_total");
  std::vector<std::vector<std::optional<double>>> zeros(5, std::vector<std::optional<double>>(12, 0.0));
  EXPECT_LT(tables_internal::KeysFromSums(dict, zeros, 12, {}).schema, 0);
}

// A ruled grid whose header the page image did not give (faint rules above
// it left the header out of the grid, its words unreadable): the grid's
// rows still make a table, its columns keyed by the row sums, and a finding
// says so. Before, nothing was read from such a page.
TEST_F(TablesTest, HeaderlessGridIsReadAndKeyedByItsSums) {
  Page page;
  page.number = 1;
  page.unit = BoxUnit::kPixels;
  page.dpi = 300;
  Line junk;
  Word w;
  w.text = "s Cơ quan, k g lá";
  w.box = {100, 100, 900, 140};
  junk.words.push_back(w);
  junk.box = w.box;
  page.lines.push_back(junk);
  const auto values = ResultsRows(5);
  const int cols = 14;
  Grid grid;
  grid.structure = "ruled";
  grid.rows = static_cast<int>(values.size()) + 1;
  grid.cols = cols;
  grid.first_line = 1;
  const char* units[] = {"Sở Y tế", "Sở Nội vụ", "Sở Tư pháp", "Công an tỉnh", "Sở Xây dựng"};
  for (int r = 0; r < grid.rows; ++r) {
    std::vector<long> v(12, 0);
    std::string text = r < 5 ? std::to_string(r + 1) + "\t" + units[r] : "\tCộng";
    for (int c = 0; c < 12; ++c) {
      if (r < 5) v[c] = values[r][c];
      else
        for (int k = 0; k < 5; ++k) v[c] += values[k][c];
      text += "\t" + std::to_string(v[c]);
    }
    Line l = PageFromText(text, 1, WordSource::kOcr).lines[0];
    l.box = {100, 200.0 + 100 * r, 1500, 300.0 + 100 * r};
    for (Word& word : l.words) word.box = l.box;
    page.lines.push_back(l);
    for (int c = 0; c < cols; ++c) {
      GridCell cell;
      cell.row = r;
      cell.col = c;
      cell.box = {100.0 + 100 * c, 200.0 + 100 * r, 200.0 + 100 * c, 300.0 + 100 * r};
      cell.confidence = 0.95f;
      grid.cells.push_back(cell);
    }
  }
  grid.box = {100, 200, 1500, 200.0 + 100 * grid.rows};
  page.grids.push_back(grid);
  Document doc;
  doc.pages.push_back(page);
  std::vector<Table> tables;
  findings_.clear();
  parser_->Parse(doc, &tables, &findings_);
  ASSERT_EQ(tables.size(), 1u);
  const Table& t = tables[0];
  EXPECT_EQ(t.schema, "results");
  ASSERT_EQ(t.columns.size(), 12u);
  EXPECT_EQ(t.columns[0].key, "received_total");
  EXPECT_EQ(t.columns[9].key, "pending_overdue");
  EXPECT_TRUE(t.columns[3].mapped);
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[2].unit, "Sở Tư pháp");
  EXPECT_EQ(t.rows[2].cells[0].value, static_cast<double>(values[2][0]));
  ASSERT_TRUE(t.total.has_value());
  bool said = false;
  for (const Finding& f : findings_) said = said || f.message.find("keyed by the row sums") != std::string::npos;
  EXPECT_TRUE(said);
}

// Count cells repaired where the sums decide: a stray separator breaking a
// number's pattern ("4,27" in a count column) goes when the row identity
// holds only then; a digit swapped (3 read for 8) only when a second
// relation (the column total) confirms it; a swap nothing confirms, or two
// cells that could each explain the break, stay as read.
TEST(RepairBySumsTest, RepairsOnlyWhatTheSumsDecide) {
  std::vector<Schema> schemas;
  ASSERT_TRUE(LoadSchemas(kDict + "/schemas", &schemas).ok());
  const Schema* results = nullptr;
  for (const Schema& s : schemas)
    if (s.name == "results") results = &s;
  ASSERT_NE(results, nullptr);
  auto cell = [](const std::string& text) {
    bool ok;
    return tables_internal::ParseCell(text, &ok);
  };
  auto make = [&](const std::vector<std::vector<std::string>>& rows, const std::vector<std::string>& total) {
    Table t;
    t.id = "PL-I";
    for (const char* k : {"received_total", "received_carryover", "received_new"}) t.columns.push_back({{}, k, true});
    for (const auto& r : rows) {
      Row row;
      row.unit = "u";
      for (const std::string& c : r) row.cells.push_back(cell(c));
      t.rows.push_back(row);
    }
    if (!total.empty()) {
      Row row;
      for (const std::string& c : total) row.cells.push_back(cell(c));
      t.total = row;
    }
    return t;
  };
  // Stray separator: 591 = 164 + 427, read "4,27".
  Table a = make({{"591", "164", "4,27"}, {"20", "5", "15"}}, {});
  auto reps = tables_internal::RepairBySums(*results, &a);
  ASSERT_EQ(reps.size(), 1u);
  EXPECT_EQ(reps[0].from, "4,27");
  EXPECT_EQ(reps[0].to, "427");
  EXPECT_EQ(reps[0].column, "received_new");
  EXPECT_EQ(a.rows[0].cells[2].value, 427);
  // 38 read as 33: the row says 33 -> 38 and so does the column total.
  Table b = make({{"50", "12", "33"}, {"20", "5", "15"}}, {"70", "17", "53"});
  reps = tables_internal::RepairBySums(*results, &b);
  ASSERT_EQ(reps.size(), 1u);
  EXPECT_EQ(reps[0].to, "38");
  EXPECT_EQ(b.rows[0].cells[2].value, 38);
  // Without a total row nothing confirms the swap: left as read.
  Table c = make({{"50", "12", "33"}, {"20", "5", "15"}}, {});
  EXPECT_TRUE(tables_internal::RepairBySums(*results, &c).empty());
  EXPECT_EQ(c.rows[0].cells[2].value, 33);
  // 19 read for 39 (no confusable digit) with the right 166: no swap of
  // 166 makes up for it while the column total cannot say.
  Table d = make({{"205", "19", "166"}, {"20", "5", "15"}}, {"225", "44", ""});
  EXPECT_TRUE(tables_internal::RepairBySums(*results, &d).empty());
}

}  // namespace
}  // namespace sohoa
