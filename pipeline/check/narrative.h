// Narrative claims: figures the body text states ("Trung tâm đã nhận được
// 12.746 hồ sơ", "Đã giải quyết 10.170 hồ sơ (chiếm 79,79% trên tổng số
// 12.746 hồ sơ)", "chiếm tỷ lệ 0,06% tổng số hồ sơ tiếp nhận"), found with
// the RE2 patterns of dictionaries/check/claims.txt, then checked against
// the tables' totals, against their own percentages and against each other
// (a report without appendix, like Hà Nam's, is checked from its sentences
// alone). Every figure has a scope (narrative_scope.h): figures are compared
// only within one period and one level or subject, the tables only with the
// report's own period and the whole issuer; the three levels (cấp tỉnh +
// huyện + xã) are checked against the whole of the same period; a figure
// whose scope the text leaves open is skipped with an `info` note. Rules are
// immutable once loaded; thread-safe.
#ifndef SOHOA_CHECK_NARRATIVE_H_
#define SOHOA_CHECK_NARRATIVE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/check/narrative_scope.h"
#include "pipeline/check/schema.h"
#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/report.h"
#include "pipeline/core/status.h"
#include "pipeline/core/table.h"

namespace re2 {
class RE2;
}

namespace sohoa {

// One figure stated in the text.
struct Claim {
  std::string key;                  // quantity ("resolved_total")
  std::optional<double> count;      // the count, when stated
  std::optional<double> percent;    // a percentage stated for it
  int percent_decimals = 0;
  std::optional<double> denominator_count;  // "trên tổng số {D}"
  std::string denominator_key;      // named denominator, "" = default
  std::string text;                 // the line it is on, as written
  int page = 0, line = 0;
  size_t offset = 0;                // of its number in the folded body
  FigureScope scope;                // the period and subject it is about
};

class NarrativeRules {
 public:
  NarrativeRules();
  ~NarrativeRules();
  NarrativeRules(NarrativeRules&&) noexcept;
  NarrativeRules& operator=(NarrativeRules&&) noexcept;
  // Not copyable: owns compiled RE2 programs.
  NarrativeRules(const NarrativeRules&) = delete;
  NarrativeRules& operator=(const NarrativeRules&) = delete;

  static Status Parse(const std::string& text, const std::string& origin, NarrativeRules* out);
  // Loads <dictionaries_dir>/check/claims.txt and check/scopes.txt.
  static Status Load(const std::string& dictionaries_dir, NarrativeRules* out);

  // Claims in the body of `doc` (up to the first appendix heading), each
  // with its scope; `meta` gives the report's own period.
  std::vector<Claim> FindClaims(const Document& doc, const ReportMeta& meta) const;
  std::vector<Claim> FindClaims(const Document& doc) const { return FindClaims(doc, ReportMeta()); }

  // The level or body a table row's unit name is about ("Các sở, ban, ngành
  // cấp tỉnh" -> "level_tinh", "Sở Tài nguyên và Môi trường" -> "body:so tai
  // nguyen"), read with the same markers as the text; "" when it names none
  // or more than one.
  std::string SubjectOfLabel(const std::string& label) const;

  struct Rule;
  const std::vector<SumIdentity>& sums() const { return sums_; }
  const std::map<std::string, std::string>& percent_parent() const { return percent_parent_; }
  const std::map<std::string, std::string>& labels() const { return labels_; }

 private:
  struct Part;
  struct EnumerationItem {
    std::string key;
    size_t number = 0, end = 0;  // where its count starts; where the item ends
  };
  // The items of an enumeration after a count ("đã giải quyết T hồ sơ, trong
  // đó: trả trước hạn A hồ sơ; trả đúng hạn B hồ sơ; quá hạn C hồ sơ").
  void ReadEnumeration(const std::string& text, const std::string& parent, size_t after,
                       std::vector<EnumerationItem>* items) const;

  std::vector<std::unique_ptr<Rule>> counts_, shares_, follows_, denominators_;
  std::vector<std::unique_ptr<Part>> parts_;
  ScopeRules scopes_;
  std::vector<SumIdentity> sums_;
  std::map<std::string, std::string> percent_parent_;
  std::map<std::string, std::string> labels_;
};

// Folds text as the patterns expect: lower case, no diacritics, tags and
// markdown emphasis removed, whitespace collapsed to single spaces.
std::string FoldForClaims(const std::string& text);

// Checks the claims of `doc` and appends narrative findings.
void CheckNarrative(const Document& doc, const ReportMeta& meta, const std::vector<Table>& tables,
                    const CheckSchemas& schemas, const NarrativeRules& rules,
                    std::vector<Finding>* findings);
inline void CheckNarrative(const Document& doc, const std::vector<Table>& tables,
                           const CheckSchemas& schemas, const NarrativeRules& rules,
                           std::vector<Finding>* findings) {
  CheckNarrative(doc, ReportMeta(), tables, schemas, rules, findings);
}

}  // namespace sohoa

#endif  // SOHOA_CHECK_NARRATIVE_H_
