#include <gtest/gtest.h>

#include "pipeline/check/narrative.h"
#include "pipeline/check/schema.h"

namespace sohoa {
namespace {

TEST(CheckSchemasTest, LoadsTheShippedSchemas) {
  CheckSchemas s;
  ASSERT_TRUE(CheckSchemas::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &s).ok());
  const CheckSchema* results = s.Find("results");
  ASSERT_NE(results, nullptr);
  EXPECT_EQ(results->identities.size(), 4u);
  EXPECT_EQ(results->PercentParent("resolved_early"), "resolved_total");
  EXPECT_EQ(s.Find("satisfaction")->PercentParent("feedback"), "ratings_total");
  EXPECT_EQ(s.Match({"received_total", "received_carryover", "received_new", "resolved_total",
                     "resolved_early", "resolved_ontime", "resolved_late", "pending_total",
                     "pending_ontime", "pending_overdue"}),
            results);
  EXPECT_EQ(s.Match({"c1", "c2"}), nullptr);
  bool online_bound = false;
  for (const RowBound& b : results->bounds)
    online_bound = online_bound || (b.smaller == "online" && b.larger == "received_total");
  EXPECT_TRUE(online_bound);
}

TEST(CheckSchemasTest, LabelsNameTheHeaderPath) {
  CheckSchemas s;
  ASSERT_TRUE(CheckSchemas::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &s).ok());
  EXPECT_EQ(s.Find("results")->labels.at("resolved_late"), "Số hồ sơ đã giải quyết / Quá hạn");
  EXPECT_EQ(s.Find("results")->labels.at("received_carryover"), "Số hồ sơ nhận giải quyết / Kỳ trước");
  CheckSchemas missing;
  EXPECT_FALSE(CheckSchemas::Load("/nonexistent", &missing).ok());
}

TEST(NarrativeRulesTest, BadPatternIsAnError) {
  NarrativeRules r;
  EXPECT_FALSE(NarrativeRules::Parse("count\tx\t(unclosed {N}\n", "claims.txt", &r).ok());
  EXPECT_FALSE(NarrativeRules::Parse("count\tx\tno number here\n", "claims.txt", &r).ok());
  EXPECT_TRUE(NarrativeRules::Parse("count\tx\tco {N} ho so\n", "claims.txt", &r).ok());
  ASSERT_TRUE(NarrativeRules::Load(SOHOA_DICTIONARIES_DIR_FOR_TESTS, &r).ok());
  EXPECT_FALSE(r.sums().empty());
}

}  // namespace
}  // namespace sohoa
