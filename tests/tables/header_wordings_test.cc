// Header wordings and orders clerks use that bench/archive_c showed keyed
// wrongly: the Thông tư 01/2018 wording ("Trả trước hạn"), groups totalled by
// a "Cộng" column after their parts, markdown cells broken with <br>, a
// header cell spanning two grid slots with the numbers in one, and the new
// files before the carried-over ones. Small tables written here; the numbers
// satisfy the results schema's identities.
#include <gtest/gtest.h>

#include <memory>

#include "pipeline/core/document.h"
#include "pipeline/tables/internal.h"
#include "pipeline/tables/tables.h"

namespace sohoa {
namespace {

const std::string kDict = SOHOA_DICTIONARIES_DIR_FOR_TESTS;

class HeaderWordingsTest : public ::testing::Test {
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
  static std::vector<std::string> Keys(const Table& t) {
    std::vector<std::string> out;
    for (const Column& c : t.columns) out.push_back(c.key);
    return out;
  }
  // The value of `key` in row `row` (-1: the total row).
  static double Value(const Table& t, int row, const std::string& key) {
    const int k = t.ColumnIndex(key);
    EXPECT_GE(k, 0) << key;
    if (k < 0) return -1;
    const Row& r = row < 0 ? *t.total : t.rows[static_cast<size_t>(row)];
    return r.cells[static_cast<size_t>(k)].value.value_or(-1);
  }
  int Unmapped() const {
    int n = 0;
    for (const Finding& f : findings_) n += f.message.find("unmapped column") != std::string::npos;
    return n;
  }
  std::unique_ptr<TableParser> parser_;
  std::vector<Finding> findings_;
};

TEST_F(HeaderWordingsTest, TraTruocHanWordingIsTheResolvedParts) {
  auto t = Parse(
      "PHỤ LỤC\nKẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ\n"
      "STT\tĐơn vị\tSố hồ sơ nhận giải quyết\t\t\tSố hồ sơ đã giải quyết\t\t\t\tSố hồ sơ đang giải quyết\t\t\n"
      "\t\tTổng số\tTrong đó\t\tTổng số\tTrả trước hạn\tTrả đúng hạn\tTrả quá hạn\tTổng số\tTrong hạn\tQuá hạn\n"
      "\t\t\tKỳ trước chuyển sang\tMới tiếp nhận\t\t\t\t\t\t\t\n"
      "1\tSở Y tế\t40\t10\t30\t28\t15\t12\t1\t12\t10\t2\n"
      "2\tSở Tư pháp\t25\t5\t20\t20\t8\t11\t1\t5\t5\t0\n"
      "\tCộng\t65\t15\t50\t48\t23\t23\t2\t17\t15\t2\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(Keys(t[0]), (std::vector<std::string>{"received_total", "received_carryover", "received_new",
                                                  "resolved_total", "resolved_early", "resolved_ontime",
                                                  "resolved_late", "pending_total", "pending_ontime",
                                                  "pending_overdue"}));
  EXPECT_EQ(Unmapped(), 0);
  EXPECT_EQ(Value(t[0], 0, "resolved_ontime"), 12);
  EXPECT_EQ(Value(t[0], -1, "resolved_early"), 23);
}

TEST_F(HeaderWordingsTest, GroupsTotalledByCongAfterTheirParts) {
  auto t = Parse(
      "PHỤ LỤC\nKẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ\n"
      "STT\tĐơn vị\tTổng số hồ sơ phải giải quyết\t\t\tTrong đó trực tuyến\tKết quả giải quyết\t\t\t\t"
      "Chưa giải quyết xong\t\t\n"
      "\t\tTrong đó\t\tCộng\t\tSớm hạn\tĐúng hạn\tTrễ hạn\tCộng\tCòn hạn\tQuá hạn\tCộng\n"
      "\t\tTừ kỳ trước chuyển qua\tNhận mới\t\t\t\t\t\t\t\t\t\n"
      "1\tSở Y tế\t10\t30\t40\t9\t15\t12\t1\t28\t10\t2\t12\n"
      "2\tSở Tư pháp\t5\t20\t25\t6\t8\t11\t1\t20\t5\t0\t5\n"
      "\tTổng cộng\t15\t50\t65\t15\t23\t23\t2\t48\t15\t2\t17\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(Keys(t[0]), (std::vector<std::string>{"received_carryover", "received_new", "received_total", "online",
                                                  "resolved_early", "resolved_ontime", "resolved_late",
                                                  "resolved_total", "pending_ontime", "pending_overdue",
                                                  "pending_total"}));
  EXPECT_EQ(Unmapped(), 0);
  EXPECT_EQ(Value(t[0], 1, "received_total"), 25);
  EXPECT_EQ(Value(t[0], -1, "resolved_total"), 48);
  EXPECT_EQ(Value(t[0], -1, "pending_total"), 17);
}

TEST(HeaderPathBreaksTest, MarkdownLineBreaksAreLevels) {
  using tables_internal::SplitHeaderPath;
  EXPECT_EQ(SplitHeaderPath("Tiếp nhận<br>Chia ra<br>Tồn kỳ trước"),
            (std::vector<std::string>{"Tiếp nhận", "Chia ra", "Tồn kỳ trước"}));
  EXPECT_EQ(SplitHeaderPath("Đang giải quyết<br/>Quá hạn"),
            (std::vector<std::string>{"Đang giải quyết", "Quá hạn"}));
}

// New files before the carried-over ones, in a markdown table whose cells
// break their levels with <br>: keyed as the words say (the sums hold
// either way round).
TEST_F(HeaderWordingsTest, RegressionNewBeforeCarryOverInMarkdownIsNotSwapped) {
  auto t = Parse(
      "PHỤ LỤC\n**KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ**\n\n"
      "| STT | Đơn vị | Tiếp nhận<br>Tổng số | Tiếp nhận<br>Chia ra<br>Tiếp nhận mới trong kỳ | "
      "Tiếp nhận<br>Chia ra<br>Tồn kỳ trước | Đã giải quyết<br>Tổng số | Đã giải quyết<br>Trước hạn | "
      "Đã giải quyết<br>Đúng hạn | Đã giải quyết<br>Quá hạn | Đang giải quyết<br>Tổng số | "
      "Đang giải quyết<br>Chưa đến hạn | Đang giải quyết<br>Đã quá hạn |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
      "| 1 | Sở Y tế | 40 | 30 | 10 | 28 | 15 | 12 | 1 | 12 | 10 | 2 |\n"
      "| 2 | Sở Tư pháp | 25 | 20 | 5 | 20 | 8 | 11 | 1 | 5 | 5 | 0 |\n"
      "| | **Tổng cộng** | **65** | **50** | **15** | **48** | **23** | **23** | **2** | **17** | **15** | **2** |\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(Keys(t[0]), (std::vector<std::string>{"received_total", "received_new", "received_carryover",
                                                  "resolved_total", "resolved_early", "resolved_ontime",
                                                  "resolved_late", "pending_total", "pending_ontime",
                                                  "pending_overdue"}));
  EXPECT_EQ(Value(t[0], 0, "received_carryover"), 10);
  EXPECT_EQ(Value(t[0], -1, "received_new"), 50);
}

// A converter split the "Đúng hạn" header cell over two grid slots and wrote
// the numbers in the second, the first blank on every row.
TEST_F(HeaderWordingsTest, BlankShadowOfASpannedHeaderCellIsDropped) {
  auto t = Parse(
      "PHỤ LỤC\nKẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ\n"
      "STT\tĐơn vị\tTiếp nhận\tĐã giải quyết\t\t\t\t\n"
      "\t\tTổng số\tTổng số\tTrước hạn\tĐúng hạn\t\tQuá hạn\n"
      "1\tSở Y tế\t40\t28\t15\t\t12\t1\n"
      "2\tSở Tư pháp\t25\t20\t8\t\t11\t1\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(Keys(t[0]), (std::vector<std::string>{"received_total", "resolved_total", "resolved_early",
                                                  "resolved_ontime", "resolved_late"}));
  EXPECT_EQ(Value(t[0], 0, "resolved_ontime"), 12);
  EXPECT_EQ(Value(t[0], 1, "resolved_late"), 1);
  // Two columns of one header that both hold numbers stay two columns.
  t = Parse(
      "PHỤ LỤC\nKẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ\n"
      "STT\tĐơn vị\tTiếp nhận\tĐã giải quyết\t\t\t\t\n"
      "\t\tTổng số\tTổng số\tTrước hạn\tĐúng hạn\t\tQuá hạn\n"
      "1\tSở Y tế\t40\t28\t15\t3\t12\t1\n");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].columns.size(), 6u);
}

std::vector<std::vector<std::optional<double>>> Rows(const std::vector<std::vector<double>>& rows) {
  std::vector<std::vector<std::optional<double>>> out;
  for (const auto& r : rows) out.emplace_back(r.begin(), r.end());
  return out;
}

// The sums cannot tell carried-over from new files; only the schema's order
// was tried, so the header's words lost. Now they decide when the sums hold
// as well under them.
TEST(PreferHeaderOrderTest, HeaderWordsDecideWhatTheSumsCannot) {
  tables_internal::Dictionaries dict;
  ASSERT_TRUE(LoadSchemas(kDict + "/schemas", &dict.schemas).ok());
  // received_total, received_new, received_carryover, resolved_total, pending_total
  auto rows = Rows({{40, 30, 10, 28, 12}, {25, 20, 5, 20, 5}, {65, 50, 15, 48, 17}});
  const std::vector<std::string> header = {"", "received_new", "received_carryover", "resolved_total", ""};
  tables_internal::SumKeys k = tables_internal::KeysFromSums(dict, rows, 5, header);
  ASSERT_GE(k.schema, 0);
  EXPECT_EQ(k.keys, (std::vector<std::string>{"received_total", "received_new", "received_carryover",
                                               "resolved_total", "pending_total"}));
  EXPECT_EQ(k.fails, 0);
  // Without the header's words: the schema's order.
  k = tables_internal::KeysFromSums(dict, rows, 5, {});
  EXPECT_EQ(k.keys[1], "received_carryover");
  // Words that break the sums do not win: "resolved_total" named on the
  // new files' column.
  const std::vector<std::string> wrong = {"", "resolved_total", "", "received_carryover", ""};
  k = tables_internal::KeysFromSums(dict, rows, 5, wrong);
  EXPECT_EQ(k.keys[1], "received_carryover");
  EXPECT_EQ(k.keys[3], "resolved_total");
}

}  // namespace
}  // namespace sohoa
