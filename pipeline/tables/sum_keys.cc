// Columns keyed by the table's sums: when a header cannot be read (a
// photocopy's grey smudge, faint rules that left the header out of the
// grid, no header on the page), the numbers still say which column is
// which: the schema's row identities (received_total = received_carryover +
// received_new, ...) hold only when the columns are the right ones. Every
// choice of the schema's leaves in the schema's order (a table may leave
// optional columns out) is tried and the one under which the most
// identities hold is kept, when it is clear.
#include <algorithm>
#include <cmath>
#include <functional>

#include "pipeline/tables/internal.h"

namespace sohoa::tables_internal {

namespace {

// A check is informative only when its total is not zero: a row of zeros
// satisfies every identity under every choice of columns.
void Count(const Schema& schema, const std::vector<std::string>& keys, const std::vector<std::vector<std::optional<double>>>& rows,
           int* holds, int* fails, std::vector<bool>* pinned) {
  *holds = *fails = 0;
  if (pinned != nullptr) pinned->assign(keys.size(), false);
  auto index = [&](const std::string& k) -> int {
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == k) return static_cast<int>(i);
    return -1;
  };
  for (const Identity& id : schema.identities) {
    const int lhs = index(id.lhs);
    std::vector<int> terms;
    bool all = lhs >= 0;
    for (const std::string& t : id.terms) {
      terms.push_back(index(t));
      all = all && terms.back() >= 0;
    }
    if (!all) continue;
    int h = 0;
    for (const auto& row : rows) {
      if (lhs >= static_cast<int>(row.size()) || !row[lhs]) continue;
      double sum = 0;
      bool complete = true;
      for (int t : terms) {
        if (t >= static_cast<int>(row.size()) || !row[t]) complete = false;
        else sum += *row[t];
      }
      if (!complete || *row[lhs] == 0) continue;
      if (std::fabs(*row[lhs] - sum) < 0.5) ++h;
      else ++*fails;
    }
    *holds += h;
    if (pinned != nullptr && h > 0) {
      (*pinned)[lhs] = true;
      for (int t : terms) (*pinned)[t] = true;
    }
  }
}

// Only subsequences of the schema's order are tried above, and the sums
// cannot tell apart the terms of one identity (carried over and new add up
// alike): a header that names them in another order ("Tiếp nhận mới trong
// kỳ" before "Tồn kỳ trước", the parts before their "Cộng") would be keyed
// in the schema's order. Where the header's keys are the same keys as the
// sums' on the same columns, only arranged otherwise, and the identities hold
// as well under them, the header's words decide.
void PreferHeaderOrder(const Dictionaries& dict, const std::vector<std::vector<std::optional<double>>>& rows,
                       const std::vector<std::string>& hint, SumKeys* best) {
  if (best->schema < 0 || hint.size() != best->keys.size()) return;
  std::vector<std::string> from, to;  // the columns the header keys, both ways
  std::vector<std::string> keys = best->keys;
  for (size_t i = 0; i < hint.size(); ++i) {
    if (hint[i].empty() || hint[i] == keys[i]) continue;
    from.push_back(keys[i]);
    to.push_back(hint[i]);
    keys[i] = hint[i];
  }
  if (from.empty()) return;
  std::sort(from.begin(), from.end());
  std::sort(to.begin(), to.end());
  if (from != to) return;  // not a rearrangement of the same keys
  int holds, fails;
  std::vector<bool> pinned;
  Count(dict.schemas[static_cast<size_t>(best->schema)], keys, rows, &holds, &fails, &pinned);
  if (holds < best->holds || fails > best->fails) return;
  best->keys = keys;
  best->pinned = pinned;
  best->holds = holds;
  best->fails = fails;
}

}  // namespace

void CountIdentities(const Schema& schema, const std::vector<std::string>& keys,
                     const std::vector<std::vector<std::optional<double>>>& rows, int* holds, int* fails) {
  Count(schema, keys, rows, holds, fails, nullptr);
}

SumKeys KeysFromSums(const Dictionaries& dict, const std::vector<std::vector<std::optional<double>>>& rows, size_t columns,
                     const std::vector<std::string>& hint) {
  SumKeys best;
  if (columns == 0) return best;
  long best_score = 0;
  int best_agree = -1;
  for (size_t s = 0; s < dict.schemas.size(); ++s) {
    const Schema& schema = dict.schemas[s];
    const std::vector<std::string> leaves = schema.LeafKeys();
    if (leaves.size() < columns || schema.identities.empty()) continue;
    std::vector<std::string> keys;
    keys.reserve(columns);
    std::function<void(size_t)> choose = [&](size_t from) {
      if (keys.size() == columns) {
        int holds, fails;
        std::vector<bool> pinned;
        Count(schema, keys, rows, &holds, &fails, &pinned);
        const long score = static_cast<long>(holds) - 3L * fails;
        // Better: a higher score, then more checks that hold (more of the
        // table explained).
        if (holds == 0 || score < best_score || (score == best_score && holds < best.holds)) return;
        int agree = 0;
        for (size_t i = 0; i < keys.size() && i < hint.size(); ++i) agree += keys[i] == hint[i];
        if (score > best_score || holds > best.holds) {
          best = SumKeys();
          best.schema = static_cast<int>(s);
          best.keys = keys;
          best.holds = holds;
          best.fails = fails;
          best.pinned = pinned;
          best.rivals = 0;
          best_score = score;
          best_agree = agree;
          return;
        }
        // As good: a rival when it keys a column both pin otherwise; else
        // the header's hint decides, then the schema's order.
        bool conflict = best.schema != static_cast<int>(s);
        for (size_t i = 0; !conflict && i < keys.size(); ++i)
          conflict = pinned[i] && best.pinned[i] && keys[i] != best.keys[i];
        if (conflict) {
          ++best.rivals;
        } else if (agree > best_agree) {
          best.keys = keys;
          best_agree = agree;
        }
        return;
      }
      // Enough leaves must remain for the columns still to key.
      for (size_t i = from; i + (columns - keys.size()) <= leaves.size(); ++i) {
        keys.push_back(leaves[i]);
        choose(i + 1);
        keys.pop_back();
      }
    };
    choose(0);
  }
  PreferHeaderOrder(dict, rows, hint, &best);
  return best;
}

}  // namespace sohoa::tables_internal

namespace sohoa::tables_internal {

namespace {

// A relation between cells that must sum to zero: a row identity (lhs
// minus its terms) or a column total (the total row minus the body rows).
struct Relation {
  std::vector<std::pair<int, size_t>> plus, minus;  // (row, column); row -1 is the total row
  std::string what;
};

Cell* CellOf(Table* t, int row, size_t col) {
  Row* r = row < 0 ? (t->total ? &*t->total : nullptr) : &t->rows[static_cast<size_t>(row)];
  return r != nullptr && col < r->cells.size() ? &r->cells[col] : nullptr;
}

// 1 holds, 0 fails, -1 cannot say (a value missing or all zero).
int Holds(Table* t, const Relation& rel) {
  double sum = 0;
  bool nonzero = false;
  for (const auto& [r, c] : rel.plus) {
    const Cell* cell = CellOf(t, r, c);
    if (cell == nullptr || !cell->value) return -1;
    sum += *cell->value;
    nonzero = nonzero || *cell->value != 0;
  }
  for (const auto& [r, c] : rel.minus) {
    const Cell* cell = CellOf(t, r, c);
    if (cell == nullptr || !cell->value) return -1;
    sum -= *cell->value;
    nonzero = nonzero || *cell->value != 0;
  }
  if (!nonzero) return -1;
  return std::fabs(sum) < 0.5 ? 1 : 0;
}

bool WellFormedCount(const std::string& t) {
  // 7, 12, 1.234, 12.345.678
  size_t i = 0;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  if (i == 0) return false;
  if (i == t.size()) return true;
  if (i > 3) return false;
  while (i < t.size()) {
    if (t[i] != '.') return false;
    size_t digits = 0;
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) ++digits;
    if (digits != 3) return false;
  }
  return true;
}

// Readings a count cell may have had: the digits alone when separators or
// specks broke the number's pattern ("4.27", "219.", "1,.797"); one digit
// of a shape OCR confuses changed (3/8, 5/6, 6/8, 0/8).
std::vector<std::string> Alternatives(const std::string& text) {
  std::vector<std::string> out;
  std::string digits;
  int junk = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
    else ++junk;
  }
  if (digits.empty() || digits.size() > 9 || junk > 2) return out;
  if (!WellFormedCount(text)) out.push_back(digits);
  static const std::pair<char, const char*> kConfused[] = {{'3', "8"}, {'8', "360"}, {'5', "6"}, {'6', "58"}, {'0', "8"}};
  for (size_t i = 0; i < digits.size(); ++i)
    for (const auto& [from, tos] : kConfused) {
      if (digits[i] != from) continue;
      for (const char* to = tos; *to; ++to) {
        std::string alt = digits;
        alt[i] = *to;
        if (alt.size() > 1 && alt[0] == '0') continue;
        out.push_back(alt);
      }
    }
  return out;
}

std::string Grouped(const std::string& digits) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::optional<double> LenientCount(const std::string& text) {
  std::string digits;
  int junk = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c != ' ') ++junk;
  }
  if (digits.empty() || digits.size() > 9 || junk > 2) return std::nullopt;
  if (WellFormedCount(text)) return std::stod(digits);
  bool ok;
  Cell c = ParseCell(text, &ok);
  if (ok && c.value && text.find(',') != std::string::npos && junk == 1) {
    // "15,75": a decimal, as written; "1,5" or "4,27" in a count is a speck.
    const size_t after = text.size() - text.find(',') - 1;
    if (after == 2) return c.value;
  }
  return std::stod(digits);
}

std::vector<SumRepair> RepairBySums(const Schema& schema, Table* table) {
  std::vector<SumRepair> done;
  const size_t n = table->columns.size();
  auto col = [&](const std::string& key) -> int {
    for (size_t i = 0; i < n; ++i)
      if (table->columns[i].key == key) return static_cast<int>(i);
    return -1;
  };
  std::vector<Relation> rels;
  const int rows = static_cast<int>(table->rows.size());
  for (const Identity& id : schema.identities) {
    const int lhs = col(id.lhs);
    std::vector<int> terms;
    bool all = lhs >= 0;
    for (const std::string& t : id.terms) {
      terms.push_back(col(t));
      all = all && terms.back() >= 0;
    }
    if (!all) continue;
    for (int r = -1; r < rows; ++r) {
      if (r < 0 && !table->total) continue;
      Relation rel;
      rel.plus.push_back({r, static_cast<size_t>(lhs)});
      for (int t : terms) rel.minus.push_back({r, static_cast<size_t>(t)});
      rel.what = "the row identity " + id.text;
      rels.push_back(std::move(rel));
    }
  }
  // Column totals, when they hold for most columns that can say: a table
  // whose other rows are on another page (read as another table) has a
  // total row that is no sum of these rows.
  if (table->total && rows >= 2) {
    std::vector<Relation> totals;
    int hold = 0, fail = 0;
    for (size_t c = 0; c < n; ++c) {
      Relation rel;
      rel.plus.push_back({-1, c});
      for (int r = 0; r < rows; ++r) rel.minus.push_back({r, c});
      rel.what = "the column total";
      const int h = Holds(table, rel);
      hold += h == 1;
      fail += h == 0;
      totals.push_back(std::move(rel));
    }
    if (hold > fail)
      for (Relation& rel : totals) rels.push_back(std::move(rel));
  }
  auto touches = [](const Relation& rel, int r, size_t c) {
    for (const auto& p : rel.plus)
      if (p.first == r && p.second == c) return true;
    for (const auto& p : rel.minus)
      if (p.first == r && p.second == c) return true;
    return false;
  };
  // Repeated: one repair can make another relation decidable.
  for (int pass = 0; pass < 3; ++pass) {
    bool changed = false;
    for (const Relation& broken : rels) {
      if (Holds(table, broken) == 1) continue;
      // Every (cell, reading) that makes all the relations the cell is in
      // hold (those that can say), this one included.
      struct Fix {
        int row;
        size_t col;
        std::string text;
        double value;
      };
      std::vector<Fix> fixes;
      std::vector<std::pair<int, size_t>> cells = broken.plus;
      cells.insert(cells.end(), broken.minus.begin(), broken.minus.end());
      for (const auto& [r, c] : cells) {
        Cell* cell = CellOf(table, r, c);
        if (cell == nullptr || cell->text.empty() || cell->dash) continue;
        const Cell saved = *cell;
        const std::vector<std::string> alts = Alternatives(saved.text);
        for (size_t a = 0; a < alts.size(); ++a) {
          const std::string& alt = alts[a];
          // The digits alone of a number whose pattern is broken need one
          // relation; a digit swapped needs another relation to confirm it.
          const bool pattern = a == 0 && !WellFormedCount(saved.text);
          cell->value = std::stod(alt);
          bool ok = Holds(table, broken) == 1;
          int confirmed = 0;
          for (const Relation& other : rels)
            if (ok && &other != &broken && touches(other, r, c)) {
              const int h = Holds(table, other);
              ok = h != 0;
              confirmed += h == 1;
            }
          ok = ok && (pattern || confirmed >= 1);
          if (ok && (fixes.empty() || fixes.back().row != r || fixes.back().col != c || fixes.back().value != *cell->value))
            fixes.push_back({r, c, Grouped(alt), *cell->value});
        }
        *cell = saved;
      }
      if (fixes.size() != 1) continue;  // none, or the sums do not decide
      const Fix& f = fixes[0];
      Cell* cell = CellOf(table, f.row, f.col);
      SumRepair rep;
      rep.row = f.row < 0 ? -2 : f.row;
      rep.column = table->columns[f.col].key;
      rep.from = cell->text;
      rep.to = f.text;
      rep.why = broken.what;
      rep.box = cell->box;
      cell->text = f.text;
      cell->value = f.value;
      done.push_back(std::move(rep));
      changed = true;
    }
    if (!changed) break;
  }
  return done;
}

}  // namespace sohoa::tables_internal
