#include "pipeline/check/table_check.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "pipeline/core/numbers.h"

namespace sohoa {

namespace {

enum class RelKind { kRowIdentity, kColumnTotal, kGroupTotal, kPercent };

// A cell of the grid: rows 0..n-1 are Table::rows, n the total row, n+1 the
// percent row.
struct Ref {
  int row = 0;
  int col = 0;
  bool operator<(const Ref& o) const { return row != o.row ? row < o.row : col < o.col; }
  bool operator==(const Ref& o) const { return row == o.row && col == o.col; }
};

struct Relation {
  RelKind kind = RelKind::kRowIdentity;
  Ref lhs;
  std::vector<Ref> parts;  // sum parts; percent: {numerator, denominator}
  bool inferred = false;
  int decimals = 2;        // percent: as written
  int identity = -1;       // index into TableRelations::identities
};

enum class CellState { kMissing, kValue, kUnreadable };

struct Candidate {
  Ref cell;
  double value = 0;
  int score = 0;
  double cost = 0;
  // Row bounds and rank steps the correction would break (> 0) or restore
  // (< 0).
  int evidence = 0;
  int edits = 0;          // how many edits the misreading takes
  bool computed = false;  // a total or subtotal cell
};

int Decimals(const std::string& text) {
  size_t comma = text.find(',');
  if (comma == std::string::npos) return 0;
  int n = 0;
  for (size_t i = comma + 1; i < text.size() && isdigit(static_cast<unsigned char>(text[i])); ++i)
    ++n;
  return n;
}

bool IsGroupStt(const std::string& stt) {
  if (stt.empty()) return false;
  std::string s = stt;
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  if (s.empty()) return false;
  if (s.size() == 1 && s[0] >= 'A' && s[0] <= 'H') return true;
  for (char c : s)
    if (c != 'I' && c != 'V' && c != 'X') return false;
  return true;
}

std::string JoinFormatted(const std::vector<double>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += " + ";
    out += FormatVietnameseNumber(v[i]);
  }
  return out;
}

std::string FormatValue(double v, int decimals = -1) {
  if (decimals < 0) decimals = std::fabs(v - std::round(v)) < 1e-9 ? 0 : 3;
  return FormatVietnameseNumber(v, decimals);
}

// A row identity failing in at least this many rows, and in at least half
// of the rows it can be checked on, is a misread header (see Run).
constexpr int kMisreadMinRows = 4;

class Checker {
 public:
  Checker(const Table& t, const CheckSchemas& schemas, const OcrDistance& ocr,
          const TableCheckOptions& o)
      : t_(t), schemas_(schemas), ocr_(ocr), o_(o) {
    n_ = static_cast<int>(t.rows.size());
    cols_ = static_cast<int>(t.columns.size());
  }

  void Run(std::vector<Finding>* findings, TableRelations* out);

 private:
  const Cell* CellAt(Ref r) const {
    const Row* row = RowAt(r.row);
    if (!row || r.col < 0 || r.col >= static_cast<int>(row->cells.size())) return nullptr;
    return &row->cells[r.col];
  }
  const Row* RowAt(int row) const {
    if (row >= 0 && row < n_) return &t_.rows[row];
    if (row == n_ && t_.total) return &*t_.total;
    if (row == n_ + 1 && t_.percent) return &*t_.percent;
    return nullptr;
  }
  CellState State(Ref r) const {
    const Cell* c = CellAt(r);
    if (!c) return CellState::kMissing;
    if (c->value) return CellState::kValue;
    // Blank and "-" count as zero; text that did not parse is unreadable.
    std::string trimmed;
    for (char ch : c->text)
      if (ch != ' ' && ch != '\t') trimmed += ch;
    if (c->dash || trimmed.empty() || trimmed == "-") return CellState::kValue;
    return CellState::kUnreadable;
  }
  bool Known(Ref r) const { return State(r) == CellState::kValue; }
  double Read(Ref r) const {
    const Cell* c = CellAt(r);
    return c && c->value ? *c->value : 0.0;
  }
  bool Written(Ref r) const {  // has a value actually written
    const Cell* c = CellAt(r);
    return c && c->value.has_value();
  }
  double V(Ref r) const {
    auto it = override_.find(r);
    return it != override_.end() ? it->second : Read(r);
  }
  int OutRow(int row) const {
    return row == n_ ? kTotalRowIndex : row == n_ + 1 ? kPercentRowIndex : row;
  }
  const std::string& Key(int col) const { return t_.columns[col].key; }

  void FindGroups();
  void BuildIdentities();
  std::vector<SumIdentity> InferIdentities() const;
  void BuildColumnTotals();
  void BuildPercents();
  void BuildBounds();
  void FindOrders();
  int Violations(Ref x) const;
  void BoundFindings(std::vector<Finding>* findings) const;
  bool Checkable(const Relation& r) const;
  bool Satisfied(const Relation& r) const;
  double Expected(const Relation& r) const;
  bool Solve(const Relation& r, Ref x, double* value) const;
  void Localise();
  Finding MakeFinding(const Relation& r) const;
  std::string ShortLabel(int col) const;

  const Table& t_;
  const CheckSchemas& schemas_;
  const OcrDistance& ocr_;
  const TableCheckOptions& o_;
  int n_ = 0, cols_ = 0;
  const CheckSchema* schema_ = nullptr;
  std::vector<bool> numeric_;
  std::vector<int> group_of_;                    // data row -> group row, -1
  std::vector<int> group_rows_;                  // rows that subtotal the rows after them
  std::vector<SumIdentity> identities_;
  std::vector<bool> identity_inferred_;
  std::vector<std::vector<int>> identity_cols_;  // [total, parts...]
  std::vector<std::string> percent_basis_;
  std::vector<Relation> rels_;
  // Row bounds (column indices: smaller <= larger) and the ranked columns
  // (-1 non-increasing down the data rows, +1 non-decreasing, 0 not ranked).
  struct Bound {
    int smaller, larger;
    std::string why;
    bool inferred = false;  // from the data: evidence only, never a finding
  };
  std::vector<Bound> bounds_;
  std::vector<int> order_;
  std::vector<int> order_pos_;   // row -> position in ordered_rows_, -1
  std::vector<int> ordered_rows_;
  std::map<Ref, double> override_;
  // Localisation result per relation: suspect to attach.
  std::map<int, SuspectCell> suspect_of_;
  std::map<int, std::string> suspect_note_;
  std::vector<Finding> notes_;  // findings made while building relations
};

void Checker::FindGroups() {
  group_of_.assign(n_, -1);
  int current = -1;
  for (int r = 0; r < n_; ++r) {
    const Row& row = t_.rows[r];
    bool has_values = false;
    for (const Cell& c : row.cells) has_values = has_values || c.value.has_value();
    if (IsGroupStt(row.stt)) {
      current = has_values ? r : -1;
      if (has_values) group_rows_.push_back(r);
      continue;
    }
    group_of_[r] = current;
  }
}

void Checker::BuildIdentities() {
  auto add = [&](const SumIdentity& id, bool inferred) {
    std::vector<int> cols{t_.ColumnIndex(id.total)};
    if (cols[0] < 0) return;
    for (const std::string& p : id.parts) {
      if (p == "*") {
        for (int c = 0; c < cols_; ++c)
          if (c != cols[0] && numeric_[c]) cols.push_back(c);
        continue;
      }
      int c = t_.ColumnIndex(p);
      if (c < 0) return;
      cols.push_back(c);
    }
    if (cols.size() < 2) return;
    SumIdentity used{id.total, {}};
    for (size_t i = 1; i < cols.size(); ++i) used.parts.push_back(Key(cols[i]));
    int index = static_cast<int>(identities_.size());
    identities_.push_back(used);
    identity_inferred_.push_back(inferred);
    identity_cols_.push_back(cols);
    for (int r = 0; r <= n_; ++r) {
      if (!RowAt(r)) continue;
      Relation rel;
      rel.kind = RelKind::kRowIdentity;
      rel.lhs = {r, cols[0]};
      for (size_t i = 1; i < cols.size(); ++i) rel.parts.push_back({r, cols[i]});
      rel.inferred = inferred;
      rel.identity = index;
      // A row with nothing written in the identity's columns says nothing.
      bool any = Written(rel.lhs);
      for (const Ref& p : rel.parts) any = any || Written(p);
      if (any) rels_.push_back(rel);
    }
  };
  if (schema_) {
    for (const SumIdentity& id : schema_->identities) add(id, false);
  } else {
    for (const SumIdentity& id : InferIdentities()) add(id, true);
  }
}


std::vector<SumIdentity> Checker::InferIdentities() const {
  std::set<int> groups(group_rows_.begin(), group_rows_.end());
  std::vector<int> rows;
  for (int r = 0; r < n_; ++r)
    if (!groups.count(r)) rows.push_back(r);
  if (t_.total) rows.push_back(n_);
  std::vector<int> cand;
  for (int c = 0; c < cols_; ++c) {
    if (!numeric_[c]) continue;
    bool nonzero = false;
    for (int r : rows) nonzero = nonzero || (Known({r, c}) && Read({r, c}) != 0);
    if (nonzero) cand.push_back(c);
  }
  // An identity may fail in one row in ten (a misread cell), at least one.
  int failed = 0;  // failures of the last identity tested
  auto holds = [&](int j, const std::vector<int>& parts) {
    int informative = 0, ok = 0;
    failed = 0;
    const int allowed = std::max(1, static_cast<int>(rows.size() * (1.0 - o_.infer_min_share)));
    for (int r : rows) {
      if (!Known({r, j})) continue;
      bool known = true, any = Read({r, j}) != 0;
      double sum = 0;
      for (int p : parts) {
        known = known && Known({r, p});
        sum += Read({r, p});
        any = any || Read({r, p}) != 0;
      }
      if (!known || !any) continue;
      ++informative;
      if (std::fabs(sum - Read({r, j})) < 1e-6) {
        ++ok;
      } else if (++failed > allowed) {
        return false;
      }
    }
    return ok >= o_.infer_min_rows && ok >= informative - allowed;
  };
  std::map<std::pair<int, std::vector<int>>, int> found;  // -> rows where it fails
  for (int j : cand) {
    std::vector<int> others;
    for (int c : cand)
      if (c != j) others.push_back(c);
    std::vector<int> subset;
    std::function<void(size_t)> dfs = [&](size_t i) {
      if (subset.size() >= 2 && holds(j, subset)) found[{j, subset}] = failed;
      if (subset.size() == 5) return;
      for (size_t k = i; k < others.size(); ++k) {
        subset.push_back(others[k]);
        dfs(k + 1);
        subset.pop_back();
      }
    };
    dfs(0);
  }
  // Drop expansions: j = A + B + C when j = A + k and k = B + C are found.
  std::vector<SumIdentity> out;
  std::map<int, int> per_total;
  for (const auto& [found_id, fails] : found) {
    const auto& [j, parts] = found_id;
    bool redundant = false;
    for (const auto& [other, other_fails] : found) {
      const auto& [k, sub] = other;
      if (k == j || sub.size() < 2) continue;
      if (!std::includes(parts.begin(), parts.end(), sub.begin(), sub.end())) continue;
      std::vector<int> folded;
      std::set_difference(parts.begin(), parts.end(), sub.begin(), sub.end(),
                          std::back_inserter(folded));
      folded.push_back(k);
      std::sort(folded.begin(), folded.end());
      if (found.count({j, folded})) redundant = true;
    }
    for (const auto& [other, other_fails] : found) {
      const auto& [k, sub] = other;
      if (k != j || sub == parts) continue;
      // Of two nested identities keep the one that fails in fewer rows (the
      // smaller one when equal: the extra part only adds zeros).
      if (sub.size() < parts.size() && other_fails <= fails &&
          std::includes(parts.begin(), parts.end(), sub.begin(), sub.end()))
        redundant = true;
      if (sub.size() > parts.size() && other_fails < fails &&
          std::includes(sub.begin(), sub.end(), parts.begin(), parts.end()))
        redundant = true;
    }
    if (redundant || ++per_total[j] > 3) continue;
    SumIdentity id{Key(j), {}};
    for (int p : parts) id.parts.push_back(Key(p));
    out.push_back(id);
  }
  return out;
}

void Checker::BuildColumnTotals() {
  if (!t_.total) return;
  std::set<int> groups(group_rows_.begin(), group_rows_.end());
  for (int c = 0; c < cols_; ++c) {
    if (!numeric_[c] || !Written({n_, c})) continue;
    Relation total;
    total.kind = RelKind::kColumnTotal;
    total.lhs = {n_, c};
    for (int r = 0; r < n_; ++r)
      if (groups.count(r) || group_of_[r] < 0) total.parts.push_back({r, c});
    rels_.push_back(total);
    for (int g : group_rows_) {
      if (!Written({g, c})) continue;
      Relation sub;
      sub.kind = RelKind::kGroupTotal;
      sub.lhs = {g, c};
      for (int r = 0; r < n_; ++r)
        if (group_of_[r] == g) sub.parts.push_back({r, c});
      if (!sub.parts.empty()) rels_.push_back(sub);
    }
  }
}

void Checker::BuildPercents() {
  percent_basis_.assign(cols_, "");
  if (!t_.percent || !t_.total) return;
  auto make = [&](int c, int num, int den, bool inferred) {
    Relation r;
    r.kind = RelKind::kPercent;
    r.lhs = {n_ + 1, c};
    r.parts = {{n_, num}, {n_, den}};
    r.decimals = Decimals(CellAt(r.lhs)->text);
    r.inferred = inferred;
    percent_basis_[c] = Key(num) + "/" + Key(den);
    rels_.push_back(r);
  };
  // Column sums of the rows, for fitting a percentage whose total cell is
  // itself misread.
  std::set<int> groups(group_rows_.begin(), group_rows_.end());
  std::vector<double> sums(cols_, 0.0);
  for (int c = 0; c < cols_; ++c)
    for (int r = 0; r < n_; ++r)
      if (groups.empty() ? true : (groups.count(r) || group_of_[r] < 0)) sums[c] += Read({r, c});
  auto fits = [&](int c, int num, int den) {
    Relation r;
    r.kind = RelKind::kPercent;
    r.lhs = {n_ + 1, c};
    r.parts = {{n_, num}, {n_, den}};
    r.decimals = Decimals(CellAt(r.lhs)->text);
    if (!Checkable(r)) return false;
    if (Read({n_, den}) != 0 && Satisfied(r)) return true;
    if (sums[den] == 0) return false;
    double tolerance = 0.5 * std::pow(10.0, -r.decimals) + 1e-9;
    return std::fabs(Read(r.lhs) - 100.0 * sums[num] / sums[den]) <= tolerance;
  };
  // Parent of a column through the identities: the smallest total it is a part of.
  auto identity_parent = [&](int c) {
    int best = -1;
    for (const std::vector<int>& cols : identity_cols_)
      for (size_t i = 1; i < cols.size(); ++i)
        if (cols[i] == c && (best < 0 || Read({n_, cols[0]}) < Read({n_, best}))) best = cols[0];
    return best;
  };
  auto search = [&](int c, int* num, int* den) {
    int ip = identity_parent(c);
    if (ip >= 0 && fits(c, c, ip)) return *num = c, *den = ip, true;
    for (int d = 0; d < cols_; ++d)
      if (numeric_[d] && fits(c, c, d)) return *num = c, *den = d, true;
    for (int m = 0; m < cols_; ++m)
      if (numeric_[m] && m != c && fits(c, m, c)) return *num = m, *den = c, true;
    return false;
  };
  std::vector<int> unexplained;
  std::map<int, int> den_votes;
  for (int c = 0; c < cols_; ++c) {
    Ref p{n_ + 1, c};
    if (!Written(p) || !Known({n_, c})) continue;
    const Cell* cell = CellAt(p);
    std::string parent = schema_ ? schema_->PercentParent(Key(c)) : "";
    int pc = parent.empty() ? -1 : t_.ColumnIndex(parent);
    if (pc >= 0 && fits(c, c, pc)) {
      make(c, c, pc, false);
      ++den_votes[pc];
      continue;
    }
    int num = -1, den = -1;
    if (search(c, &num, &den)) {
      // A footnote ("31,21^(*)") or an unknown schema explains another basis;
      // otherwise it is worth a warning that the schema's basis does not fit.
      if (pc >= 0 && cell->footnote.empty()) {
        Finding f;
        f.kind = FindingKind::kPercentage;
        f.severity = Severity::kWarning;
        f.table = t_.id;
        f.row = kPercentRowIndex;
        f.row_label = RowLabel(t_, kPercentRowIndex);
        f.column = Key(c);
        f.stated = Read(p);
        f.inferred = true;
        f.message = "Tỷ lệ % of '" + ColumnLabel(t_, c, schema_) + "' is " + cell->text +
                    ": it matches '" + ShortLabel(num) + "' over '" + ShortLabel(den) +
                    "', not over '" + ShortLabel(pc) + "' as the schema says";
        f.page = cell->page ? cell->page : t_.percent->page;
        f.line = cell->line ? cell->line : t_.percent->line;
        notes_.push_back(f);
      }
      make(c, num, den, pc < 0 || !cell->footnote.empty());
      ++den_votes[den];
      continue;
    }
    if (pc >= 0) {
      make(c, c, pc, false);
    } else {
      unexplained.push_back(c);
    }
  }
  // Unknown basis: the column's parent through the identities, else the
  // denominator most other percentages use.
  int root = -1, votes = 0;
  for (const auto& [d, v] : den_votes)
    if (v > votes) root = d, votes = v;
  for (int c : unexplained) {
    int ip = identity_parent(c);
    int den = ip >= 0 ? ip : root;
    if (den >= 0 && Known({n_, den})) make(c, c, den, true);
  }
}

void Checker::BuildBounds() {
  if (schema_) {
    for (const RowBound& b : schema_->bounds) {
      int s = t_.ColumnIndex(b.smaller), l = t_.ColumnIndex(b.larger);
      if (s >= 0 && l >= 0 && numeric_[s] && numeric_[l]) bounds_.push_back({s, l, b.why});
    }
    return;
  }
  // Unknown schema: a column outside every identity that never exceeds an
  // identity's total (in all rows but one, at least 8 rows, non-zero in 3)
  // is taken to count a part of it, as "trực tuyến" of "Tổng số".
  std::set<int> in_identity, totals;
  for (const std::vector<int>& cols : identity_cols_) {
    totals.insert(cols[0]);
    in_identity.insert(cols.begin(), cols.end());
  }
  std::set<int> groups(group_rows_.begin(), group_rows_.end());
  for (int a = 0; a < cols_; ++a) {
    if (!numeric_[a] || in_identity.count(a)) continue;
    for (int b : totals) {
      int rows = 0, nonzero = 0, over = 0;
      for (int r = 0; r <= n_; ++r) {
        if (groups.count(r) || !RowAt(r) || !Known({r, a}) || !Known({r, b})) continue;
        ++rows;
        nonzero += Read({r, a}) != 0;
        over += Read({r, a}) > Read({r, b}) + 1e-9;
      }
      if (rows >= 8 && nonzero >= 3 && over <= 1)
        bounds_.push_back({a, b, "inferred from the data", /*inferred=*/true});
    }
  }
}

// A column is ranked when its data rows (a table without group rows, at
// least 8 of them) go down (or up) all the way with at most one break and
// move in that direction in at least half the steps: reports list units by
// their figure (sample 004 sorts by the national portal's count). One break
// is allowed because a misread cell makes one.
void Checker::FindOrders() {
  order_.assign(cols_, 0);
  order_pos_.assign(n_ + 2, -1);
  if (!group_rows_.empty() || n_ < 8) return;
  for (int r = 0; r < n_; ++r) {
    order_pos_[r] = static_cast<int>(ordered_rows_.size());
    ordered_rows_.push_back(r);
  }
  for (int c = 0; c < cols_; ++c) {
    if (!numeric_[c]) continue;
    bool known = true;
    for (int r : ordered_rows_) known = known && Known({r, c});
    if (!known) continue;
    for (int dir : {-1, 1}) {
      int breaks = 0, steps = 0;
      for (size_t i = 1; i < ordered_rows_.size(); ++i) {
        double d = Read({ordered_rows_[i], c}) - Read({ordered_rows_[i - 1], c});
        if (d * dir < 0) ++breaks;
        if (d * dir > 0) ++steps;
      }
      if (breaks <= 1 && 2 * steps >= static_cast<int>(ordered_rows_.size()) - 1) order_[c] = dir;
    }
  }
}

// How many row bounds and rank steps the cell breaks, with the current
// overrides.
int Checker::Violations(Ref x) const {
  int n = 0;
  if (x.row <= n_) {
    for (const Bound& b : bounds_) {
      if (b.smaller != x.col && b.larger != x.col) continue;
      Ref s{x.row, b.smaller}, l{x.row, b.larger};
      if (Known(s) && Known(l) && V(s) > V(l) + 1e-9) ++n;
    }
  }
  if (x.row < n_ && order_[x.col] != 0 && order_pos_[x.row] >= 0) {
    int p = order_pos_[x.row];
    int dir = order_[x.col];
    for (int q : {p - 1, p + 1}) {
      if (q < 0 || q >= static_cast<int>(ordered_rows_.size())) continue;
      int a = std::min(p, q), b = std::max(p, q);
      double d = V({ordered_rows_[b], x.col}) - V({ordered_rows_[a], x.col});
      if (d * dir < -1e-9) ++n;
    }
  }
  return n;
}

void Checker::BoundFindings(std::vector<Finding>* findings) const {
  std::set<Ref> reported;  // one finding per cell, for the first bound it breaks
  for (const Bound& b : bounds_) {
    if (b.inferred) continue;
    for (int r = 0; r <= n_; ++r) {
      Ref s{r, b.smaller}, l{r, b.larger};
      if (!RowAt(r) || !Known(s) || !Known(l) || V(s) <= V(l) + 1e-9) continue;
      if (!reported.insert(s).second) continue;
      Finding f;
      f.kind = FindingKind::kRowIdentity;
      f.severity = Severity::kWarning;
      f.table = t_.id;
      f.row = OutRow(r);
      f.row_label = RowLabel(t_, f.row);
      f.column = Key(b.smaller);
      f.stated = Read(s);
      f.expected = Read(l);
      const Cell* cell = CellAt(s);
      const Row* row = RowAt(r);
      f.page = cell->page ? cell->page : row->page ? row->page : t_.page;
      f.line = cell->line ? cell->line : row->line ? row->line : t_.line;
      f.message = f.row_label + (row->stt.empty() ? "" : " (STT " + row->stt + ")") + ": '" +
                  ColumnLabel(t_, b.smaller, schema_) + "' is " + FormatValue(Read(s)) +
                  ", more than '" + ShortLabel(b.larger) + "' " + FormatValue(Read(l)) +
                  " (it cannot be: " + b.why + ")";
      findings->push_back(f);
    }
  }
}

bool Checker::Checkable(const Relation& r) const {
  if (!Known(r.lhs)) return false;
  for (const Ref& p : r.parts)
    if (!Known(p)) return false;
  return true;
}

double Checker::Expected(const Relation& r) const {
  if (r.kind == RelKind::kPercent) {
    double den = V(r.parts[1]);
    return den == 0 ? 0.0 : 100.0 * V(r.parts[0]) / den;
  }
  double sum = 0;
  for (const Ref& p : r.parts) sum += V(p);
  return sum;
}

bool Checker::Satisfied(const Relation& r) const {
  if (r.kind == RelKind::kPercent) {
    if (V(r.parts[1]) == 0) return V(r.lhs) == 0 || V(r.parts[0]) == 0;
    double tolerance = 0.5 * std::pow(10.0, -r.decimals) + 1e-9;
    return std::fabs(V(r.lhs) - Expected(r)) <= tolerance;
  }
  return std::fabs(V(r.lhs) - Expected(r)) < 1e-6;
}

bool Checker::Solve(const Relation& r, Ref x, double* value) const {
  if (r.kind == RelKind::kPercent) {
    if (!(x == r.lhs) || V(r.parts[1]) == 0) return false;
    double scale = std::pow(10.0, r.decimals);
    *value = std::round(Expected(r) * scale) / scale;
    return true;
  }
  if (x == r.lhs) {
    *value = Expected(r);
    return true;
  }
  double others = 0;
  bool found = false;
  for (const Ref& p : r.parts) {
    if (p == x && !found) {
      found = true;
      continue;
    }
    others += V(p);
  }
  if (!found) return false;
  *value = V(r.lhs) - others;
  return true;
}

void Checker::Localise() {
  std::map<Ref, std::vector<int>> rels_of;
  for (int i = 0; i < static_cast<int>(rels_.size()); ++i) {
    std::set<Ref> cells(rels_[i].parts.begin(), rels_[i].parts.end());
    cells.insert(rels_[i].lhs);
    for (const Ref& c : cells) rels_of[c].push_back(i);
  }
  std::vector<bool> done(rels_.size(), false);
  for (int step = 0; step < 8; ++step) {
    std::set<int> violated;
    for (int i = 0; i < static_cast<int>(rels_.size()); ++i)
      if (!done[i] && Checkable(rels_[i]) && !Satisfied(rels_[i])) violated.insert(i);
    if (violated.empty()) return;
    std::set<Ref> cells;
    for (int i : violated) {
      cells.insert(rels_[i].lhs);
      cells.insert(rels_[i].parts.begin(), rels_[i].parts.end());
    }
    std::vector<Candidate> cands;
    for (const Ref& x : cells) {
      bool ok = true, solved = false;
      double value = 0;
      int score = 0;
      for (int i : rels_of[x]) {
        const Relation& r = rels_[i];
        if (!Checkable(r)) continue;
        bool linear = r.kind != RelKind::kPercent;
        if (!violated.count(i)) {
          if (linear) ok = false;  // repairing x would break a relation that holds
          continue;
        }
        ++score;
        double v;
        if (!Solve(r, x, &v)) continue;
        if (!solved) {
          value = v, solved = true;
        } else if (std::fabs(v - value) > 1e-6) {
          ok = false;
        }
      }
      if (!ok || !solved || value < -1e-9) continue;
      bool percent_cell = x.row == n_ + 1;
      if (!percent_cell) {
        if (std::fabs(value - std::round(value)) > 1e-6) continue;
        value = std::round(value);
      }
      auto saved = override_;
      int before = Violations(x);
      override_[x] = value;
      bool repaired = true;
      for (int i : rels_of[x])
        if (Checkable(rels_[i]) && !Satisfied(rels_[i])) repaired = false;
      int after = Violations(x);
      override_ = saved;
      if (!repaired) continue;
      const Cell* cell = CellAt(x);
      Candidate c{x, value, score, 0.0};
      c.evidence = after - before;
      c.computed = x.row == n_ || std::count(group_rows_.begin(), group_rows_.end(), x.row) > 0;
      c.edits = ocr_.Edits(cell->text, value, percent_cell ? Decimals(cell->text) : 0);
      c.cost = ocr_.Cost(cell->text, value, percent_cell ? Decimals(cell->text) : 0) -
               o_.confidence_weight *
                   (1.0 - std::clamp(static_cast<double>(cell->confidence), 0.0, 1.0));
      cands.push_back(c);
    }
    if (cands.empty()) return;
    int best = 0;
    for (const Candidate& c : cands) best = std::max(best, c.score);
    // Among the cells that repair the most broken relations, those whose
    // correction breaks no row bound or rank and restores the most.
    int least = 0;
    bool first = true;
    for (const Candidate& c : cands)
      if (c.score == best && (first || c.evidence < least)) least = c.evidence, first = false;
    std::vector<Candidate> tied;
    for (const Candidate& c : cands)
      if (c.score == best && c.evidence == least) tied.push_back(c);
    std::sort(tied.begin(), tied.end(),
              [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
    bool unique = tied.size() == 1 ||
                  (tied[0].cost <= o_.max_plausible_cost &&
                   tied[0].cost + o_.ambiguity_margin <= tied[1].cost);
    // A total or subtotal is computed by whoever wrote the report, so it can
    // be wrong by any amount; a figure typed or scanned is wrong by a
    // misreading. When no written figure is one edit away from its repair,
    // the one computed cell among the candidates is the explanation.
    bool mis_added = false;
    if (!unique) {
      int computed = -1, n_computed = 0;
      bool one_edit = false;
      for (int k = 0; k < static_cast<int>(tied.size()); ++k) {
        if (tied[k].computed) {
          computed = k, ++n_computed;
        } else if (tied[k].edits <= 1) {
          one_edit = true;
        }
      }
      if (n_computed == 1 && !one_edit) {
        std::swap(tied[0], tied[computed]);
        unique = mis_added = true;
      }
    }
    if (unique) {
      const Candidate& c = tied[0];
      SuspectCell s;
      s.row = OutRow(c.cell.row);
      s.column = Key(c.cell.col);
      s.value = CellAt(c.cell)->value;
      s.suggested = c.value;
      std::string note = RowLabel(t_, s.row) + ", '" + ColumnLabel(t_, c.cell.col, schema_) +
                         "': read " + (CellAt(c.cell)->text.empty() ? "(blank)" : CellAt(c.cell)->text) +
                         ", the value that repairs every relation is " +
                         FormatValue(c.value, c.cell.row == n_ + 1 ? Decimals(CellAt(c.cell)->text) : 0);
      if (mis_added)
        note += " (no misreading of a single figure above explains the difference: the total "
                "itself looks mis-added)";
      for (int i : rels_of[c.cell])
        if (violated.count(i)) {
          suspect_of_[i] = s;
          suspect_note_[i] = note;
          done[i] = true;
        }
      override_[c.cell] = c.value;
      continue;
    }
    // Several cells explain it equally well: list them, suggest none.
    SuspectCell s;
    std::set<int> rows, columns;
    size_t shown = 0;
    std::vector<const Candidate*> listed;
    for (const Candidate& c : tied) {
      if (c.cost > tied[0].cost + o_.ambiguity_margin && shown >= 2) break;
      rows.insert(c.cell.row);
      columns.insert(c.cell.col);
      s.alternatives.push_back(c.value);
      listed.push_back(&c);
      if (++shown >= 8) break;
    }
    // One column: name it once; each cell with the line it is on.
    bool one_column = columns.size() == 1;
    std::string note = one_column ? "several cells of '" + ShortLabel(*columns.begin()) +
                                        "' would explain it equally well: "
                                  : "several cells would explain it equally well: ";
    for (size_t k = 0; k < listed.size(); ++k) {
      const Candidate& c = *listed[k];
      const Cell* cell = CellAt(c.cell);
      const Row* row = RowAt(c.cell.row);
      int line = cell->line ? cell->line : row ? row->line : 0;
      if (k) note += "; ";
      note += RowLabel(t_, OutRow(c.cell.row)) + (line ? " (l" + std::to_string(line) + ")" : "") +
              (one_column ? " " : " '" + ShortLabel(c.cell.col) + "' ") +
              (cell->text.empty() ? "(blank)" : cell->text) + " → " +
              FormatValue(c.value, c.cell.row == n_ + 1 ? Decimals(cell->text) : 0);
    }
    if (tied.size() > listed.size())
      note += "; and " + std::to_string(tied.size() - listed.size()) +
              " other cell(s), as misreadings less likely";
    s.row = rows.size() == 1 ? OutRow(*rows.begin()) : -1;
    s.column = columns.size() == 1 ? Key(*columns.begin()) : "";
    for (const Candidate& c : tied)
      for (int i : rels_of[c.cell])
        if (violated.count(i)) {
          suspect_of_[i] = s;
          suspect_note_[i] = note;
          done[i] = true;
        }
  }
}

std::string Checker::ShortLabel(int col) const {
  const Column& c = t_.columns[col];
  if (!c.header.empty()) {
    // The leaf's own words, with its group's when another leaf shares them
    // ("Số hồ sơ đã giải quyết / Tổng số" rather than a bare "Tổng số").
    bool shared = false;
    for (int k = 0; k < cols_; ++k)
      if (k != col && !t_.columns[k].header.empty() && t_.columns[k].header.back() == c.header.back())
        shared = true;
    if (shared && c.header.size() >= 2)
      return c.header[c.header.size() - 2] + " / " + c.header.back();
    return c.header.back();
  }
  if (schema_) {
    auto it = schema_->labels.find(c.key);
    if (it != schema_->labels.end()) {
      size_t slash = it->second.rfind(" / ");
      return slash == std::string::npos ? it->second : it->second.substr(slash + 3);
    }
  }
  return c.key;
}

Finding Checker::MakeFinding(const Relation& r) const {
  Finding f;
  f.table = t_.id;
  f.row = OutRow(r.lhs.row);
  f.row_label = RowLabel(t_, f.row);
  f.column = Key(r.lhs.col);
  f.stated = Read(r.lhs);
  f.expected = Expected(r);
  f.inferred = r.inferred;
  f.severity = r.inferred ? Severity::kWarning : Severity::kError;
  const Cell* cell = CellAt(r.lhs);
  const Row* row = RowAt(r.lhs.row);
  f.page = cell && cell->page ? cell->page : row->page ? row->page : t_.page;
  f.line = cell && cell->line ? cell->line : row->line ? row->line : t_.line;
  std::string label = ColumnLabel(t_, r.lhs.col, schema_);
  std::string where = f.row_label + (row->stt.empty() ? "" : " (STT " + row->stt + ")");
  std::vector<double> parts;
  for (const Ref& p : r.parts) parts.push_back(Read(p));
  switch (r.kind) {
    case RelKind::kRowIdentity: {
      f.kind = FindingKind::kRowIdentity;
      std::string names;
      for (size_t i = 0; i < r.parts.size(); ++i)
        names += (i ? " + " : "") + ShortLabel(r.parts[i].col);
      f.message = where + ": '" + label + "' is " + FormatValue(*f.stated) + " but " + names +
                  " = " + JoinFormatted(parts) + " = " + FormatValue(*f.expected);
      break;
    }
    case RelKind::kColumnTotal:
    case RelKind::kGroupTotal: {
      f.kind = FindingKind::kColumnTotal;
      f.message = where + ": '" + label + "' is " + FormatValue(*f.stated) + " but the " +
                  std::to_string(r.parts.size()) + " rows above sum to " +
                  FormatValue(*f.expected);
      break;
    }
    case RelKind::kPercent: {
      f.kind = FindingKind::kPercentage;
      double diff = std::fabs(*f.stated - *f.expected);
      bool rounding = diff <= std::pow(10.0, -r.decimals) + 1e-9;
      if (rounding) f.severity = Severity::kWarning;
      f.message = "Tỷ lệ % of '" + label + "' is " + cell->text + " but " +
                  ShortLabel(r.parts[0].col) + " / " + ShortLabel(r.parts[1].col) + " = " +
                  FormatValue(parts[0]) + " / " + FormatValue(parts[1]) + " = " +
                  FormatVietnameseNumber(*f.expected, r.decimals + 1) + "%" +
                  (rounding ? " (off by a rounding step)" : "");
      break;
    }
  }
  if (r.inferred) f.message += " [relation inferred from the data]";
  if (o_.read_by_ocr) {
    f.severity = std::min(f.severity, Severity::kWarning);
    f.message = "low-confidence reading (cells read by OCR from a page image; a misreading is as "
                "likely as a wrong figure, check it on the page): " + f.message;
  }
  return f;
}

void Checker::Run(std::vector<Finding>* findings, TableRelations* out) {
  schema_ = schemas_.Find(t_.schema);
  if (!schema_) {
    std::vector<std::string> keys;
    for (const Column& c : t_.columns) keys.push_back(c.key);
    schema_ = schemas_.Match(keys);
  }
  numeric_.assign(cols_, false);
  for (int c = 0; c < cols_; ++c)
    for (int r = 0; r <= n_; ++r)
      if (Written({r, c})) numeric_[c] = true;
  FindGroups();
  BuildIdentities();
  BuildColumnTotals();
  BuildPercents();
  BuildBounds();
  FindOrders();
  Localise();
  BoundFindings(findings);
  override_.clear();
  for (const Finding& f : notes_) findings->push_back(f);
  // A row identity that fails in most rows says the columns were read
  // wrong (a header mapped onto the wrong numbers), not that the report is
  // wrong row after row: one warning instead of an error per row.
  std::set<int> misread_identities;
  {
    std::map<int, std::pair<int, int>> tally;  // identity -> (checkable rows, failing rows)
    for (const Relation& r : rels_) {
      if (r.kind != RelKind::kRowIdentity || r.identity < 0 || !Checkable(r)) continue;
      auto& [rows, failing] = tally[r.identity];
      ++rows;
      failing += !Satisfied(r);
    }
    for (const auto& [identity, counts] : tally) {
      const auto [rows, failing] = counts;
      if (failing < kMisreadMinRows || failing * 2 < rows) continue;
      misread_identities.insert(identity);
      const SumIdentity& id = identities_[identity];
      std::string parts;
      for (const std::string& p : id.parts) parts += (parts.empty() ? "" : " + ") + p;
      Finding f;
      f.kind = FindingKind::kParse;
      f.severity = Severity::kWarning;
      f.table = t_.id;
      f.column = id.total;
      f.page = t_.page;
      f.line = t_.line;
      f.message = "the identity " + id.total + " = " + parts + " fails in " + std::to_string(failing) +
                  " of " + std::to_string(rows) +
                  " rows: the columns were probably read into the wrong keys (check the "
                  "header), so no row is reported as an error";
      findings->push_back(f);
    }
  }
  for (int i = 0; i < static_cast<int>(rels_.size()); ++i) {
    const Relation& r = rels_[i];
    if (!Checkable(r) || Satisfied(r)) continue;
    if (r.kind == RelKind::kRowIdentity && misread_identities.count(r.identity)) continue;
    Finding f = MakeFinding(r);
    auto it = suspect_of_.find(i);
    if (it != suspect_of_.end()) {
      f.suspect = it->second;
      f.message += "; suspect: " + suspect_note_[i];
      // On a page image the suspect cell's box shows where to look.
      const SuspectCell& sc = it->second;
      const int col = t_.ColumnIndex(sc.column);
      const int row = sc.row == kTotalRowIndex ? n_ : sc.row == kPercentRowIndex ? n_ + 1 : sc.row;
      const Cell* cell = col >= 0 ? CellAt({row, col}) : nullptr;
      if (o_.read_by_ocr && cell && t_.box_unit != BoxUnit::kNone) {
        f.box = cell->box;
        f.box_unit = t_.box_unit;
        f.box_dpi = t_.box_dpi;
      }
    }
    findings->push_back(f);
  }
  // Unreadable cells that one relation pins down.
  std::set<Ref> reported;
  for (const Relation& r : rels_) {
    if (r.kind == RelKind::kPercent) continue;
    std::vector<Ref> unknown;
    std::set<Ref> cells(r.parts.begin(), r.parts.end());
    cells.insert(r.lhs);
    for (const Ref& c : cells)
      if (State(c) == CellState::kUnreadable) unknown.push_back(c);
      else if (State(c) == CellState::kMissing) unknown.push_back({-100, -100});
    if (unknown.size() != 1 || unknown[0].row < 0 || reported.count(unknown[0])) continue;
    Ref x = unknown[0];
    // Solve with the unreadable cell taken as zero.
    double value;
    if (!Solve(r, x, &value) || value < 0) continue;
    reported.insert(x);
    const Cell* cell = CellAt(x);
    Finding f = MakeFinding(r);
    f.severity = Severity::kWarning;
    f.stated.reset();
    f.expected = value;
    f.row = OutRow(x.row);
    f.row_label = RowLabel(t_, f.row);
    f.column = Key(x.col);
    f.page = cell->page ? cell->page : f.page;
    f.line = cell->line ? cell->line : f.line;
    f.message = f.row_label + ": '" + ColumnLabel(t_, x.col, schema_) + "' could not be read ('" +
                cell->text + "'); the " +
                (r.kind == RelKind::kRowIdentity ? "row identity" : "column total") + " gives " +
                FormatValue(value);
    f.suspect = SuspectCell{f.row, f.column, std::nullopt, value, {}};
    findings->push_back(f);
  }
  if (out) {
    out->schema = schema_;
    out->identities = identities_;
    out->identity_inferred = identity_inferred_;
    out->percent_basis = percent_basis_;
  }
}

}  // namespace

std::string ColumnLabel(const Table& table, int column, const CheckSchema* schema) {
  const Column& c = table.columns[column];
  if (!c.header.empty()) {
    std::string out;
    for (const std::string& h : c.header) {
      if (h.empty()) continue;
      if (!out.empty()) out += " / ";
      out += h;
    }
    if (!out.empty()) return out;
  }
  if (schema) {
    auto it = schema->labels.find(c.key);
    if (it != schema->labels.end()) return it->second;
  }
  return c.key;
}

std::string RowLabel(const Table& table, int row) {
  if (row == kTotalRowIndex) return table.total && !table.total->unit.empty() ? table.total->unit : "Tổng cộng";
  if (row == kPercentRowIndex)
    return table.percent && !table.percent->unit.empty() ? table.percent->unit : "Tỷ lệ %";
  if (row >= 0 && row < static_cast<int>(table.rows.size())) {
    const Row& r = table.rows[row];
    return r.unit.empty() ? "row " + r.stt : r.unit;
  }
  return "";
}

void CheckTable(const Table& table, const CheckSchemas& schemas, const OcrDistance& ocr,
                const TableCheckOptions& options, std::vector<Finding>* findings,
                TableRelations* relations) {
  Checker checker(table, schemas, ocr, options);
  checker.Run(findings, relations);
}

}  // namespace sohoa
