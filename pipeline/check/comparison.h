// Comparisons with an earlier period claimed in the body text: "giảm 5,65 %
// so với tháng 5", "tăng so với tháng trước", "tăng 12% so với cùng kỳ". The
// earlier period's report is looked up in the Archive (the store, or the
// files given together on the command line); its totals row and this
// report's (or the figures this text states) give the change, and the
// claim's direction and amount are checked against it. When the earlier
// report is not available nothing is said. Patterns are data:
// dictionaries/check/comparisons.txt. Rules are immutable once loaded;
// thread-safe when the Archive is.
#ifndef SOHOA_CHECK_COMPARISON_H_
#define SOHOA_CHECK_COMPARISON_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/archive.h"
#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/report.h"
#include "pipeline/core/status.h"
#include "pipeline/core/table.h"

namespace sohoa {

class CheckSchemas;

// One comparison found in the text.
struct Comparison {
  std::string key;              // quantity compared ("online")
  int direction = 0;            // +1 up (tăng), -1 down (giảm)
  std::optional<double> amount;  // the stated change in %, when given
  int amount_decimals = 0;
  std::string ref_text;         // "tháng 5" as folded
  std::string ref_offset;       // "-1", "year", "month"
  int ref_month = 0;            // for "month"
  std::string text;             // the line as written
  int page = 0, line = 0;
};

class ComparisonRules {
 public:
  ComparisonRules();
  ~ComparisonRules();
  ComparisonRules(ComparisonRules&&) noexcept;
  ComparisonRules& operator=(ComparisonRules&&) noexcept;
  ComparisonRules(const ComparisonRules&) = delete;
  ComparisonRules& operator=(const ComparisonRules&) = delete;

  static Status Parse(const std::string& text, const std::string& origin, ComparisonRules* out);
  // Loads <dictionaries_dir>/check/comparisons.txt.
  static Status Load(const std::string& dictionaries_dir, ComparisonRules* out);

  // Comparisons in the body of `doc` (up to the first appendix heading).
  std::vector<Comparison> Find(const Document& doc) const;

  struct Rule;

 private:
  std::vector<std::unique_ptr<Rule>> refs_, compares_;
  std::vector<std::pair<std::string, int>> words_;
};

// How many periods of `meta`'s kind before it the comparison refers to; 0
// when it cannot be told (the reference is this period, or no period).
int PeriodsBack(const Comparison& c, const ReportMeta& meta);

// Checks the comparisons of `doc` against the earlier periods in `archive`
// and appends narrative findings.
Status CheckComparisons(const Document& doc, const ReportMeta& meta,
                        const std::vector<Table>& tables, Archive* archive,
                        const CheckSchemas& schemas, const ComparisonRules& rules,
                        std::vector<Finding>* findings);

}  // namespace sohoa

#endif  // SOHOA_CHECK_COMPARISON_H_
