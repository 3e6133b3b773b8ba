#include "pipeline/core/csv.h"

#include <gtest/gtest.h>

namespace sohoa {
namespace {

TEST(CsvTest, FormulaStartsAreWrittenAsQuotedText) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(CsvField("=cmd|' /C calc'!A0"), "\"'=cmd|' /C calc'!A0\"");
  EXPECT_EQ(CsvField("+1+1"), "\"'+1+1\"");
  EXPECT_EQ(CsvField("-2+3+cmd|' /C calc'!A0"), "\"'-2+3+cmd|' /C calc'!A0\"");
  EXPECT_EQ(CsvField("@SUM(A1:A2)"), "\"'@SUM(A1:A2)\"");
  EXPECT_EQ(CsvField("\t=1+1"), "\"'\t=1+1\"");
  EXPECT_EQ(CsvField("\r=1+1"), "\"'\r=1+1\"");
}

TEST(CsvTest, NumbersStayNumbers) {
  for (const char* n : {"-12", "-0.5", "12746", "79.79", "-1.235e+05", "1E-3", "-"})
    EXPECT_EQ(CsvField(n), n) << n;
  EXPECT_TRUE(IsPlainNumber("-12"));
  EXPECT_FALSE(IsPlainNumber("-12-1"));
  EXPECT_FALSE(IsPlainNumber("-.5"));
  EXPECT_FALSE(IsPlainNumber("-1e"));
  EXPECT_FALSE(IsPlainNumber("1."));
  EXPECT_FALSE(IsPlainNumber(""));
  EXPECT_TRUE(LooksLikeFormula("-1+2"));
  EXPECT_TRUE(LooksLikeFormula("--1"));
  EXPECT_FALSE(LooksLikeFormula("Sở Tư pháp"));
  EXPECT_FALSE(LooksLikeFormula(" =1"));  // not a formula in either program
}

TEST(CsvTest, PlainTextAndRfc4180Quoting) {
  EXPECT_EQ(CsvField("Sở Tư pháp"), "Sở Tư pháp");
  EXPECT_EQ(CsvField("a, b"), "\"a, b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("line\r\nbreak"), "\"line\r\nbreak\"");
}

TEST(CsvTest, RawStyleWritesFormulasAsTheyAre) {
  EXPECT_EQ(CsvField("=1+1", CsvStyle::kRaw), "=1+1");
  EXPECT_EQ(CsvField("=SUM(A1,A2)", CsvStyle::kRaw), "\"=SUM(A1,A2)\"");
  std::string line;
  CsvLine({"=1+1", "-5", "x"}, &line);
  EXPECT_EQ(line, "\"'=1+1\",-5,x\n");
  line.clear();
  CsvLine({"=1+1", "-5", "x"}, &line, CsvStyle::kRaw);
  EXPECT_EQ(line, "=1+1,-5,x\n");
}

}  // namespace
}  // namespace sohoa
