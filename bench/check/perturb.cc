#include "bench/check/perturb.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "bench/check/table_fixture.h"
#include "pipeline/check/narrative.h"
#include "pipeline/check/table_check.h"
#include "pipeline/core/numbers.h"

namespace sohoa {

namespace {

// The fault model's own digit confusions (what scans of these reports do),
// kept apart from the checker's dictionary on purpose; 15% of substitutions
// are any digit at all (typing errors).
const std::pair<char, char> kConfusions[] = {
    {'3', '8'}, {'1', '7'}, {'5', '6'}, {'0', '8'}, {'6', '8'}, {'4', '9'}, {'8', '9'},
    {'0', '6'}, {'0', '9'}, {'1', '4'}, {'2', '7'}, {'3', '5'}, {'5', '8'}, {'3', '9'}};

int Uniform(std::mt19937_64& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}
double Real(std::mt19937_64& rng, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(rng);
}

Cell NumberCell(double v, int decimals = 0) { return MakeCell(FormatVietnameseNumber(v, decimals)); }

const std::vector<std::string> kResultKeys = {
    "received_total", "received_carryover", "received_new", "resolved_total", "resolved_early",
    "resolved_ontime", "resolved_late", "pending_total", "pending_ontime", "pending_overdue",
    "returned", "online"};
// Percent parent of each results column (index into kResultKeys).
const int kResultParent[] = {0, 0, 0, 0, 3, 3, 3, 0, 7, 7, 0, 0};

void FinishTable(Table* t, const std::vector<int>& parent) {
  Row total;
  total.unit = "Tổng cộng";
  total.line = static_cast<int>(t->rows.size()) + 10;
  std::vector<double> sums(t->columns.size(), 0.0);
  for (const Row& r : t->rows)
    for (size_t c = 0; c < sums.size(); ++c) sums[c] += r.cells[c].value.value_or(0);
  for (double s : sums) total.cells.push_back(NumberCell(s));
  t->total = total;
  Row pct;
  pct.unit = "Tỷ lệ %";
  pct.line = total.line + 1;
  for (size_t c = 0; c < sums.size(); ++c) {
    double den = sums[parent[c]];
    double p = den == 0 ? 0 : std::round(10000.0 * sums[c] / den) / 100.0;
    pct.cells.push_back(NumberCell(p, 2));
  }
  t->percent = pct;
  for (Row* r : {&*t->total, &*t->percent})
    for (Cell& c : r->cells) c.line = r->line, c.page = 1;
}

std::string Digits(const std::string& s) {
  std::string d;
  for (char c : s)
    if (isdigit(static_cast<unsigned char>(c))) d += c;
  return d;
}

// Re-writes digits as a figure in the report's style; false if it would
// start with a zero or not change.
bool FromDigits(const std::string& digits, int decimals, std::string* text, double* value) {
  if (digits.empty() || (digits.size() > static_cast<size_t>(decimals) + 1 && digits[0] == '0'))
    return false;
  double v = std::stod(digits) / std::pow(10.0, decimals);
  *text = FormatVietnameseNumber(v, decimals);
  *value = v;
  return true;
}

struct Target {
  Table* table;
  Row* row;
  int row_index;
  int col;
};

}  // namespace

const char* FaultKindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kClean: return "clean";
    case FaultKind::kOcrConfusion: return "ocr_confusion";
    case FaultKind::kDroppedDigit: return "dropped_digit";
    case FaultKind::kDoubledDigit: return "doubled_digit";
    case FaultKind::kTransposedDigits: return "transposed_digits";
    case FaultKind::kLostSeparator: return "lost_separator";
    case FaultKind::kWrongTotal: return "wrong_total";
    case FaultKind::kWrongPercent: return "wrong_percent";
  }
  return "?";
}

Table RandomResultsTable(std::mt19937_64& rng, int units) {
  Table t;
  t.id = "PL-I";
  t.schema = "results";
  for (const std::string& k : kResultKeys) t.columns.push_back(Column{{}, k});
  for (int u = 0; u < units; ++u) {
    double scale = std::exp(Real(rng, 0.0, std::log(6000.0)));
    double carry = std::round(Real(rng, 0, 0.4) * scale);
    double fresh = std::round(Real(rng, 0.2, 1.0) * scale);
    double received = carry + fresh;
    double resolved = std::round(received * Real(rng, 0.4, 1.0));
    double pending = received - resolved;
    double late = Uniform(rng, 0, 9) == 0 ? std::min(resolved, double(Uniform(rng, 1, 8))) : 0;
    double early_share = Uniform(rng, 0, 2) == 0 ? 1.0 : Real(rng, 0.6, 1.0);
    double early = std::round((resolved - late) * early_share);
    double ontime = resolved - late - early;
    double overdue = Uniform(rng, 0, 7) == 0 ? std::min(pending, double(Uniform(rng, 1, 25))) : 0;
    double returned = Uniform(rng, 0, 5) == 0 ? std::min(received, double(Uniform(rng, 1, 6))) : 0;
    double online = std::round(received * Real(rng, 0, 1) * (Uniform(rng, 0, 3) ? 1 : 0));
    Row r;
    r.stt = std::to_string(u + 1);
    r.unit = "Đơn vị " + std::to_string(u + 1);
    r.line = u + 5;
    r.page = 1;
    for (double v : {received, carry, fresh, resolved, early, ontime, late, pending,
                     pending - overdue, overdue, returned, online}) {
      Cell c = NumberCell(v);
      c.line = r.line;
      c.page = 1;
      r.cells.push_back(c);
    }
    t.rows.push_back(r);
  }
  FinishTable(&t, std::vector<int>(std::begin(kResultParent), std::end(kResultParent)));
  return t;
}

Table RandomSatisfactionTable(std::mt19937_64& rng, int units) {
  Table t;
  t.id = "PL-II";
  t.schema = "satisfaction";
  for (const char* k : {"satisfied_service", "satisfied_attitude", "unsatisfied_staff",
                        "unsatisfied_time", "feedback", "ratings_total"})
    t.columns.push_back(Column{{}, k});
  for (int u = 0; u < units; ++u) {
    double scale = std::exp(Real(rng, 0.0, std::log(400.0)));
    std::vector<double> v = {std::round(scale * Real(rng, 0, 0.5)), std::round(scale * Real(rng, 0.3, 1)),
                             double(Uniform(rng, 0, 12) == 0), 0.0, double(Uniform(rng, 0, 9) == 0)};
    double sum = 0;
    for (double x : v) sum += x;
    v.push_back(sum);
    Row r;
    r.stt = std::to_string(u + 1);
    r.unit = "Đơn vị " + std::to_string(u + 1);
    r.line = u + 5;
    r.page = 1;
    for (double x : v) {
      Cell c = NumberCell(x);
      c.line = r.line;
      c.page = 1;
      r.cells.push_back(c);
    }
    t.rows.push_back(r);
  }
  FinishTable(&t, {5, 5, 5, 5, 5, 5});
  return t;
}

Table Anonymised(const Table& t) {
  Table a = t;
  a.schema.clear();
  for (size_t i = 0; i < a.columns.size(); ++i) a.columns[i].key = "c" + std::to_string(i + 1);
  return a;
}

bool InjectFault(FaultKind kind, std::mt19937_64& rng, std::vector<Table>* tables, Fault* fault) {
  fault->kind = kind;
  if (kind == FaultKind::kClean) return true;
  std::vector<Target> targets;
  for (Table& t : *tables) {
    auto add_row = [&](Row* r, int index) {
      for (size_t c = 0; c < r->cells.size(); ++c)
        if (r->cells[c].value) targets.push_back({&t, r, index, static_cast<int>(c)});
    };
    if (kind == FaultKind::kWrongPercent) {
      if (t.percent) add_row(&*t.percent, kPercentRowIndex);
      continue;
    }
    if (kind == FaultKind::kWrongTotal) {
      if (t.total) add_row(&*t.total, kTotalRowIndex);
      continue;
    }
    for (size_t i = 0; i < t.rows.size(); ++i) add_row(&t.rows[i], static_cast<int>(i));
    if (t.total) add_row(&*t.total, kTotalRowIndex);
  }
  std::shuffle(targets.begin(), targets.end(), rng);
  for (const Target& tg : targets) {
    Cell& cell = tg.row->cells[tg.col];
    double old = *cell.value;
    std::string number = cell.text.substr(0, cell.text.find('^'));
    int decimals = 0;
    if (size_t comma = number.find(','); comma != std::string::npos)
      decimals = static_cast<int>(number.size() - comma - 1);
    std::string d = Digits(number), text;
    double value = 0;
    bool ok = false;
    switch (kind) {
      case FaultKind::kOcrConfusion:
      case FaultKind::kWrongPercent: {
        if (kind == FaultKind::kWrongPercent && old == 0) break;
        std::vector<std::string> options;
        for (size_t i = 0; i < d.size(); ++i) {
          bool typing = Uniform(rng, 0, 99) < 15;
          for (char x = '0'; x <= '9'; ++x) {
            bool pair = false;
            for (auto [a, b] : kConfusions) pair = pair || (a == d[i] && b == x) || (b == d[i] && a == x);
            if (x != d[i] && (pair || typing)) {
              std::string e = d;
              e[i] = x;
              options.push_back(e);
            }
          }
        }
        if (options.empty()) break;
        ok = FromDigits(options[Uniform(rng, 0, static_cast<int>(options.size()) - 1)], decimals,
                        &text, &value);
        break;
      }
      case FaultKind::kDroppedDigit: {
        if (d.size() < 2 || decimals) break;
        std::string e = d;
        e.erase(Uniform(rng, 0, static_cast<int>(d.size()) - 1), 1);
        ok = FromDigits(e, 0, &text, &value);
        break;
      }
      case FaultKind::kDoubledDigit: {
        if (decimals) break;
        std::string e = d;
        size_t i = Uniform(rng, 0, static_cast<int>(d.size()) - 1);
        e.insert(i, 1, d[i]);
        ok = FromDigits(e, 0, &text, &value);
        break;
      }
      case FaultKind::kTransposedDigits: {
        if (d.size() < 2 || decimals) break;
        std::vector<size_t> at;
        for (size_t i = 0; i + 1 < d.size(); ++i)
          if (d[i] != d[i + 1]) at.push_back(i);
        if (at.empty()) break;
        std::string e = d;
        size_t i = at[Uniform(rng, 0, static_cast<int>(at.size()) - 1)];
        std::swap(e[i], e[i + 1]);
        ok = FromDigits(e, 0, &text, &value);
        break;
      }
      case FaultKind::kLostSeparator: {
        size_t dot = number.find('.');
        if (dot == std::string::npos || decimals) break;
        text = number;
        text[dot] = ',';  // "12.746" read "12,746" (a decimal)
        std::optional<double> v = ParseVietnameseNumber(text);
        if (!v) {
          text = number.substr(0, dot) + number.substr(dot + 1);  // "1.234.567": drop one
          v = ParseVietnameseNumber(text);
        }
        ok = v.has_value();
        if (ok) value = *v;
        break;
      }
      case FaultKind::kWrongTotal: {
        double delta = std::max(1.0, std::round(std::fabs(old) * Real(rng, 0.001, 0.1)));
        value = Uniform(rng, 0, 1) || old < delta ? old + delta : old - delta;
        text = FormatVietnameseNumber(value);
        ok = true;
        break;
      }
      case FaultKind::kClean: break;
    }
    if (!ok || std::fabs(value - old) < 1e-9) continue;
    fault->table = tg.table->id;
    fault->row = tg.row_index;
    fault->column = tg.table->columns[tg.col].key;
    fault->original = old;
    fault->original_text = cell.text;
    fault->new_text = text;
    cell.text = text;
    cell.value = value;
    return true;
  }
  return false;
}

FaultStats BenchResult::Faults() const {
  FaultStats all;
  for (const auto& [k, s] : by_kind) {
    if (k == FaultKind::kClean) continue;
    all.cases += s.cases;
    all.detected += s.detected;
    all.detected_error += s.detected_error;
    all.located += s.located;
    all.suggested_right += s.suggested_right;
    all.ambiguous += s.ambiguous;
    all.misnamed += s.misnamed;
  }
  return all;
}

BenchResult RunPerturbation(uint64_t begin, uint64_t end,
                            const std::vector<std::vector<Table>>& seed_tables,
                            const CheckSchemas& schemas, const OcrDistance& ocr,
                            bool ocr_confidence) {
  BenchResult result;
  TableCheckOptions options;
  double seconds = 0;
  for (uint64_t seed = begin; seed < end; ++seed) {
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + 17);
    std::vector<Table> tables;
    std::string base;
    int pick = Uniform(rng, 0, 9);
    if (pick < 5) {
      base = "random";
      tables.push_back(RandomResultsTable(rng, Uniform(rng, 5, 27)));
      if (Uniform(rng, 0, 2) == 0) tables.push_back(RandomSatisfactionTable(rng, Uniform(rng, 5, 27)));
    } else if (pick < 8 && !seed_tables.empty()) {
      base = "seed";
      tables = seed_tables[Uniform(rng, 0, static_cast<int>(seed_tables.size()) - 1)];
    } else {
      base = "inferred";
      tables.push_back(Anonymised(RandomResultsTable(rng, Uniform(rng, 8, 27))));
    }
    FaultKind kind = static_cast<FaultKind>(Uniform(rng, 0, kFaultKinds - 1));
    Fault fault;
    if (!InjectFault(kind, rng, &tables, &fault)) continue;
    if (ocr_confidence) {
      std::uniform_real_distribution<double> clean(0.80, 0.99), damaged(0.45, 0.90);
      for (Table& t : tables) {
        std::vector<Row*> rows;
        for (Row& r : t.rows) rows.push_back(&r);
        if (t.total) rows.push_back(&*t.total);
        if (t.percent) rows.push_back(&*t.percent);
        for (Row* r : rows)
          for (Cell& c : r->cells) c.confidence = static_cast<float>(clean(rng));
      }
      bool ocr_like = kind != FaultKind::kWrongTotal && kind != FaultKind::kClean;
      if (ocr_like) {
        for (Table& t : tables) {
          if (t.id != fault.table) continue;
          Row& r = fault.row == kTotalRowIndex ? *t.total
                   : fault.row == kPercentRowIndex ? *t.percent : t.rows[fault.row];
          r.cells[t.ColumnIndex(fault.column)].confidence = static_cast<float>(damaged(rng));
        }
      }
    }
    std::vector<Finding> findings;
    bool crossed = fault.row == kPercentRowIndex;
    auto start = std::chrono::steady_clock::now();
    for (const Table& t : tables) {
      TableRelations rel;
      CheckTable(t, schemas, ocr, options, &findings, &rel);
      if (t.id != fault.table || kind == FaultKind::kClean) continue;
      int col = t.ColumnIndex(fault.column);
      for (const SumIdentity& id : rel.identities) {
        crossed = crossed || id.total == fault.column;
        for (const std::string& p : id.parts) crossed = crossed || p == fault.column;
      }
      if (fault.row == kTotalRowIndex && col >= 0 && !rel.percent_basis[col].empty()) crossed = true;
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.tables_checked += static_cast<int>(tables.size());
    int errors = 0, warnings = 0;
    for (const Finding& f : findings) {
      errors += f.severity == Severity::kError;
      warnings += f.severity == Severity::kWarning;
    }
    if (kind == FaultKind::kClean) {
      if (errors + warnings > 0 && std::getenv("SOHOA_BENCH_VERBOSE")) {
        std::fprintf(stderr, "seed %llu %s clean:\n", static_cast<unsigned long long>(seed),
                     base.c_str());
        for (const Finding& f : findings) std::fprintf(stderr, "    %s\n", f.message.c_str());
      }
      ++result.clean_cases;
      result.clean_with_error += errors > 0;
      result.clean_with_warning += warnings > 0;
      continue;
    }
    bool located = false, right = false, ambiguous = false, other = false;
    for (const Finding& f : findings) {
      if (!f.suspect || f.table != fault.table) continue;
      const SuspectCell& s = *f.suspect;
      if (!s.alternatives.empty()) ambiguous = true;
      if (s.suggested && (s.row != fault.row || s.column != fault.column)) other = true;
      if (s.row == fault.row && s.column == fault.column && s.suggested) {
        located = true;
        double tolerance = fault.row == kPercentRowIndex ? 0.006 : 1e-6;
        right = right || std::fabs(*s.suggested - fault.original) < tolerance;
      }
    }
    if (!located && std::getenv("SOHOA_BENCH_VERBOSE")) {
      std::fprintf(stderr, "seed %llu %s %s: %s row %d %s: %s -> %s\n",
                   static_cast<unsigned long long>(seed), base.c_str(), FaultKindName(kind),
                   fault.table.c_str(), fault.row, fault.column.c_str(),
                   fault.original_text.c_str(), fault.new_text.c_str());
      for (const Finding& f : findings) std::fprintf(stderr, "    %s\n", f.message.c_str());
    }
    std::vector<FaultStats*> stats{&result.by_kind[kind], &result.by_base[base],
                                   crossed ? &result.crossed : &result.single_relation};
    if (!crossed) stats.push_back(&result.single_by_column[base + " " + fault.column]);
    for (FaultStats* s : stats) {
      ++s->cases;
      s->detected += errors + warnings > 0;
      s->detected_error += errors > 0;
      s->located += located;
      s->suggested_right += right;
      s->ambiguous += ambiguous && !located;
      s->misnamed += other && !located;
    }
  }
  result.seconds = seconds;
  return result;
}

std::string FormatBenchResult(const std::string& title, const BenchResult& r) {
  auto pct = [](int a, int b) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%6.1f%%", b ? 100.0 * a / b : 0.0);
    return std::string(buf);
  };
  std::string out = title + "\n";
  char line[256];
  std::snprintf(line, sizeof line, "  %-32s %6s %9s %9s %9s %9s %9s %10s\n", "fault", "cases",
                "detected", "as error", "located", "suggested", "ambiguous", "wrong cell");
  out += line;
  auto row = [&](const std::string& name, const FaultStats& s) {
    std::snprintf(line, sizeof line, "  %-32s %6d %9s %9s %9s %9s %9s %10s\n", name.c_str(),
                  s.cases, pct(s.detected, s.cases).c_str(), pct(s.detected_error, s.cases).c_str(),
                  pct(s.located, s.cases).c_str(), pct(s.suggested_right, s.cases).c_str(),
                  pct(s.ambiguous, s.cases).c_str(), pct(s.misnamed, s.cases).c_str());
    out += line;
  };
  for (const auto& [k, s] : r.by_kind)
    if (k != FaultKind::kClean) row(FaultKindName(k), s);
  for (const auto& [b, s] : r.by_base) row("base: " + b, s);
  row("crossed cells", r.crossed);
  row("single relation", r.single_relation);
  for (const auto& [c, s] : r.single_by_column) row("  " + c, s);
  row("all faults", r.Faults());
  std::snprintf(line, sizeof line,
                "  clean controls: %d, with an error finding: %d, with a warning: %d\n",
                r.clean_cases, r.clean_with_error, r.clean_with_warning);
  out += line;
  std::snprintf(line, sizeof line, "  %d tables checked in %.3f s (%.0f tables/s)\n",
                r.tables_checked, r.seconds, r.seconds > 0 ? r.tables_checked / r.seconds : 0.0);
  out += line;
  return out;
}

NarrativeBench RunNarrativePerturbation(uint64_t begin, uint64_t end,
                                        const std::vector<NarrativeDoc>& docs,
                                        const std::string& dictionaries_dir) {
  NarrativeBench out;
  CheckSchemas schemas;
  NarrativeRules rules;
  if (!CheckSchemas::Load(dictionaries_dir, &schemas).ok() ||
      !NarrativeRules::Load(dictionaries_dir, &rules).ok() || docs.empty())
    return out;
  for (const NarrativeDoc& d : docs) {
    Document doc;
    doc.pages = PagesFromText(d.text, WordSource::kPlainText);
    std::vector<Finding> f;
    CheckNarrative(doc, d.tables, schemas, rules, &f);
    for (const Finding& x : f) out.clean_errors += x.severity == Severity::kError;
  }
  for (uint64_t seed = begin; seed < end; ++seed) {
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + 29);
    const NarrativeDoc& d = docs[Uniform(rng, 0, static_cast<int>(docs.size()) - 1)];
    Document doc;
    doc.pages = PagesFromText(d.text, WordSource::kPlainText);
    std::vector<Claim> claims = rules.FindClaims(doc);
    std::vector<const Claim*> counts;
    for (const Claim& c : claims)
      if (c.count && !c.percent) counts.push_back(&c);
    if (counts.empty()) continue;
    const Claim& target = *counts[Uniform(rng, 0, static_cast<int>(counts.size()) - 1)];
    // Find the figure on its line and change one digit, drop or double one.
    Line* line = nullptr;
    for (Page& p : doc.pages)
      if (p.number == target.page)
        for (size_t i = 0; i < p.lines.size(); ++i) {
          int n = p.lines[i].source_line ? p.lines[i].source_line : static_cast<int>(i) + 1;
          if (n == target.line) line = &p.lines[i];
        }
    if (!line) continue;
    std::string written = FormatVietnameseNumber(*target.count);
    Word* word = nullptr;
    for (Word& w : line->words)
      if (!word && (w.text == written || w.text == "0" + written)) word = &w;
    if (!word) continue;
    std::string digits = Digits(word->text), changed;
    double value = 0;
    int mode = Uniform(rng, 0, 2);
    std::string e = digits;
    size_t i = Uniform(rng, 0, static_cast<int>(digits.size()) - 1);
    if (mode == 0) {
      char x = e[i];
      for (auto [a, b] : kConfusions)
        if (a == e[i]) x = b;
        else if (b == e[i]) x = a;
      e[i] = x == e[i] ? (e[i] == '9' ? '0' : e[i] + 1) : x;
    } else if (mode == 1 && e.size() > 1) {
      e.erase(i, 1);
    } else {
      e.insert(i, 1, e[i]);
    }
    if (!FromDigits(e, 0, &changed, &value) || value == *target.count) continue;
    word->text = changed;
    std::vector<Finding> f;
    CheckNarrative(doc, d.tables, schemas, rules, &f);
    ++out.stats.cases;
    bool detected = false, errors = false, located = false, right = false;
    for (const Finding& x : f) {
      detected = true;
      errors = errors || x.severity == Severity::kError;
      if (x.kind == FindingKind::kNarrative && x.column == target.key && x.stated == value) {
        located = true;
        right = right || (x.suspect && x.suspect->suggested == *target.count);
      }
    }
    out.stats.detected += detected;
    out.stats.detected_error += errors;
    out.stats.located += located;
    out.stats.suggested_right += right;
    if (!located && std::getenv("SOHOA_BENCH_VERBOSE"))
      for (const Finding& x : f) std::fprintf(stderr, "    %s\n", x.message.c_str());
    if (!located && std::getenv("SOHOA_BENCH_VERBOSE"))
      std::fprintf(stderr, "narrative seed %llu %s: %s %s -> %s not named\n",
                   static_cast<unsigned long long>(seed), d.name.c_str(), target.key.c_str(),
                   written.c_str(), changed.c_str());
  }
  return out;
}

}  // namespace sohoa
