#include "pipeline/core/json.h"

#include <gtest/gtest.h>

namespace sohoa {
namespace {

TEST(JsonTest, WritesNestedValues) {
  JsonWriter j;
  j.BeginObject().Key("a").Int(1).Key("b").BeginArray().Number(1.5).Null().Bool(true).EndArray()
      .Key("c").String("hồ sơ \"x\"\n").EndObject();
  EXPECT_EQ(j.str(), R"({"a":1,"b":[1.5,null,true],"c":"hồ sơ \"x\"\n"})");
}

TEST(JsonTest, IntegersHaveNoFraction) {
  JsonWriter j;
  j.BeginArray().Number(12746).Number(79.79).EndArray();
  EXPECT_EQ(j.str(), "[12746,79.79]");
}

TEST(JsonTest, InvalidUtf8BecomesReplacementChar) {
  EXPECT_EQ(JsonWriter::Escape("x\xFF"), "\"x\xEF\xBF\xBD\"");
  EXPECT_EQ(JsonWriter::Escape(std::string("\x01", 1)), "\"\\u0001\"");
}

}  // namespace
}  // namespace sohoa
