// Compares tables (as WriteTableJson writes them) with a golden JSON file
// cell by cell, reporting every difference as a gtest failure that names
// the table, row and column.
#ifndef SOHOA_TESTS_TABLES_GOLDEN_COMPARE_H_
#define SOHOA_TESTS_TABLES_GOLDEN_COMPARE_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/tables/json_value.h"

namespace sohoa::testing {

inline std::string ValueText(const JsonValue& v) {
  if (v.is_null()) return "null";
  if (v.type == JsonValue::kNumber) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v.number);
    return buf;
  }
  return v.string;
}

inline void ExpectRowEq(const std::string& where, const JsonValue& want, const JsonValue& got,
                        const JsonValue& columns) {
  const JsonValue& wv = want["values"];
  const JsonValue& gv = got["values"];
  ASSERT_EQ(wv.size(), gv.size()) << where << ": number of cells";
  for (size_t k = 0; k < wv.size(); ++k) {
    std::string col = k < columns.size() ? columns[k]["key"].string : std::to_string(k);
    EXPECT_EQ(ValueText(wv[k]), ValueText(gv[k])) << where << " column " << col;
  }
}

// `want` and `got` are arrays of tables.
// `compare_pages` false for renderings that put each table on its own page.
// `approximate_headers`: "table/key" of columns whose header text OCR
// misread and the parser replaced by a schema wording (their keys and cells
// are still compared, not their header text).
inline void ExpectTablesEq(const JsonValue& want, const JsonValue& got, bool compare_pages = true,
                           const std::vector<std::string>& approximate_headers = {}) {
  ASSERT_EQ(want.size(), got.size()) << "number of tables";
  for (size_t t = 0; t < want.size(); ++t) {
    const JsonValue& w = want[t];
    const JsonValue& g = got[t];
    const std::string id = w["id"].string;
    for (const char* key : {"id", "title", "schema"})
      EXPECT_EQ(w[key].string, g[key].string) << "table " << id << " " << key;
    if (compare_pages) {
      EXPECT_EQ(w["page"].number, g["page"].number) << "table " << id << " page";
    }
    EXPECT_EQ(ValueText(w["period"]["from"]), ValueText(g["period"]["from"])) << "table " << id;
    EXPECT_EQ(ValueText(w["period"]["to"]), ValueText(g["period"]["to"])) << "table " << id;
    ASSERT_EQ(w["columns"].size(), g["columns"].size()) << "table " << id << " columns";
    for (size_t k = 0; k < w["columns"].size(); ++k) {
      const JsonValue& wc = w["columns"][k];
      const JsonValue& gc = g["columns"][k];
      EXPECT_EQ(wc["key"].string, gc["key"].string) << "table " << id << " column " << k;
      if (std::find(approximate_headers.begin(), approximate_headers.end(), id + "/" + wc["key"].string) !=
          approximate_headers.end())
        continue;
      ASSERT_EQ(wc["header"].size(), gc["header"].size()) << "table " << id << " column " << k;
      for (size_t h = 0; h < wc["header"].size(); ++h)
        EXPECT_EQ(wc["header"][h].string, gc["header"][h].string) << "table " << id << " column " << k;
    }
    ASSERT_EQ(w["rows"].size(), g["rows"].size()) << "table " << id << " rows";
    for (size_t r = 0; r < w["rows"].size(); ++r) {
      const JsonValue& wr = w["rows"][r];
      const JsonValue& gr = g["rows"][r];
      std::string where = "table " + id + " row " + wr["stt"].string + " (" + wr["unit"].string + ")";
      for (const char* key : {"stt", "unit", "unit_canonical"})
        EXPECT_EQ(wr[key].string, gr[key].string) << where << " " << key;
      ExpectRowEq(where, wr, gr, w["columns"]);
    }
    for (const char* which : {"total", "percent"}) {
      ASSERT_EQ(w[which].is_null(), g[which].is_null()) << "table " << id << " " << which;
      if (w[which].is_null()) continue;
      EXPECT_EQ(w[which]["label"].string, g[which]["label"].string) << "table " << id << " " << which;
      ExpectRowEq("table " + id + " " + which, w[which], g[which], w["columns"]);
    }
  }
}

inline JsonValue ParseJsonOrDie(const std::string& text) {
  JsonValue v;
  JsonReader reader(text);
  EXPECT_TRUE(reader.Parse(&v)) << reader.error();
  return v;
}

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_TABLES_GOLDEN_COMPARE_H_
