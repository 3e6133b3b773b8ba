// The scope of a figure stated in a report's body: the period it covers
// (the report's own month, the quarter, the year to date, the same period
// last year, ...) and what it is about (the whole issuer or province, one
// level: cấp tỉnh / huyện / xã, a named body, online files, a procedure
// group). Read from the marker words of dictionaries/check/scopes.txt in the
// figure's clause, its sentence, its paragraph and the paragraphs it is an
// item of, with the report's period and the whole issuer as defaults. When
// the text leaves the scope open (the item before says "cấp huyện", the
// heading above says nothing) the scope is marked unclear and the figure is
// not compared. Rules are immutable once loaded; a ScopeReader is immutable
// once built; both thread-safe.
#ifndef SOHOA_CHECK_NARRATIVE_SCOPE_H_
#define SOHOA_CHECK_NARRATIVE_SCOPE_H_

#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/report.h"
#include "pipeline/core/status.h"

namespace re2 {
class RE2;
}

namespace sohoa {

struct BodyText;

struct FigureScope {
  // "month 9/2021", "quarter 3/2021", "half 1/2021", "nine_months 2021",
  // "year 2021", "year_to_date", "last_year", "previous", "until 30/9/2021",
  // "range 16/5/2020-15/6/2020"; the report's own period is written the same
  // way when the heading gives it, else "report".
  std::string period;
  // "" = the issuer as a whole (the centre; what the appendix totals);
  // "province" (toàn tỉnh, the three levels together); "level_tinh",
  // "level_huyen", "level_xa", "online", "body:<name>", "group:<name>".
  std::string subject;
  bool report_period = true;  // `period` is the report's own
  bool report_subject = true;  // the issuer as a whole, as the appendix total
  bool clear = true;          // false: the text leaves it open
  // The subject is the heading's above or the item's before, not named in
  // the figure's own paragraph.
  bool subject_from_above = false;
  std::string why;            // when !clear, in words
  // A marker names the period (its clause, sentence, paragraph or a heading
  // above); false: the report's period by default.
  bool period_stated = true;
  // The numbered heading ("2. Kết quả năm 2019", "II.", "## ...") it stands
  // under: its paragraph's index in the body, -1 = none.
  int section = -1;

  // Figures are compared only when their keys are equal.
  std::string Key() const { return period + "|" + subject; }
  // "tháng 9/2021 (the report's period), toàn đơn vị": for messages.
  std::string Describe() const;
};

class ScopeRules {
 public:
  ScopeRules();
  ~ScopeRules();
  ScopeRules(ScopeRules&&) noexcept;
  ScopeRules& operator=(ScopeRules&&) noexcept;
  // Not copyable: owns compiled RE2 programs.
  ScopeRules(const ScopeRules&) = delete;
  ScopeRules& operator=(const ScopeRules&) = delete;

  static Status Parse(const std::string& text, const std::string& origin, ScopeRules* out);
  // Loads <dictionaries_dir>/check/scopes.txt.
  static Status Load(const std::string& dictionaries_dir, ScopeRules* out);

  struct Rule;
  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  const std::vector<std::unique_ptr<re2::RE2>>& ignores() const { return ignores_; }
  const re2::RE2* compare() const { return compare_.get(); }

 private:
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<std::unique_ptr<re2::RE2>> ignores_;
  std::unique_ptr<re2::RE2> compare_;
};

// Reads the scope of any position of one body text.
class ScopeReader {
 public:
  // `body` and `rules` must outlive the reader.
  ScopeReader(const BodyText& body, const ReportMeta& meta, const ScopeRules& rules);

  // The scope of the figure at `offset` of body.text.
  FigureScope At(size_t offset) const;

  // A scope marker: where it is and what it says.
  struct Hit {
    size_t begin = 0, end = 0;
    bool period = true;  // else subject
    std::string value;   // canonical period or subject
    bool comparison = false;  // "so với tháng trước": its own clause only
  };
  const std::vector<Hit>& hits() const { return hits_; }
  const std::string& report_period() const { return report_period_; }

 private:
  struct Value {
    std::string value;
    bool found = false, clear = true;
    bool from_above = false;  // a heading's or an item's before, not its own paragraph's
    std::string why;
  };
  Value Default(bool period) const;
  Value Read(size_t offset, bool period) const;
  // What the paragraph before and the one above leave in force.
  Value Inherit(int paragraph, bool period) const;
  // The last marker in [from, until) that scopes the rest of its paragraph.
  Value LastPersistent(size_t from, size_t until, bool period) const;
  // A marker before any figure of its sentence, outside parentheses, not a
  // comparison: it scopes what follows, not only its clause.
  bool Persistent(const Hit& h, size_t floor) const;
  size_t SentenceStart(size_t offset, size_t floor) const;
  bool IsSentenceEnd(size_t i) const;
  bool IsClauseBreak(size_t i) const;

  const BodyText& body_;
  std::string report_period_;
  std::string report_subject_;  // "" (the issuer) or "province" (the title's)
  // The named span the year to date would be if the report's period were
  // whole months ("half 1/2023" for a June report from 16/5 to 15/6); ""
  // when it is whole months (then "lũy kế" is read as that span already).
  std::string ytd_span_;
  std::vector<Hit> hits_;          // sorted by begin
  std::vector<bool> figure_at_;    // a quantity starts here ("12 hồ sơ", "9,4 %")
  std::vector<int> depth_;         // parenthesis depth within the paragraph
  // Per paragraph: in force at its start (from above and before) and at its end.
  std::vector<Value> inherited_period_, inherited_subject_, end_period_, end_subject_;
};

}  // namespace sohoa

#endif  // SOHOA_CHECK_NARRATIVE_SCOPE_H_
