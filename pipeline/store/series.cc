// Reading the archive out: series and findings. Both see the archive through
// the same choice of one document per (issuer, period): copies of one report
// (the same normalised text) count once, and of two different reports for one
// period the series takes one by a written rule (ChooseReport) and says so.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "pipeline/store/internal.h"
#include "pipeline/store/store.h"

namespace sohoa {

using namespace store_internal;

namespace {

struct ReportInfo {
  int64_t id = 0;
  std::string path, content_hash, text_hash;
  std::string body, parent, issuer, province;
  std::string kind;
  int year = 0, index = 0;
  std::string date, number;
  int errors = 0;  // error findings of the document's own
  int cells = 0;   // body cells read from its tables
  bool ocr = false;  // some page was read by OCR
  // The values of its body cells as a multiset (count, sum, sum of squares):
  // the same tables give the same signature whatever the format, the
  // column keys or the unit spellings a reading gave them.
  std::string signature;
  std::string read_as;  // the issuer as its own heading was read, when it joined another
  std::string Identity() const { return FoldName(issuer.empty() ? body : issuer); }
  std::string Display() const { return issuer.empty() ? body : issuer; }
};

// The number of a document number ("285/BC-TTHC" -> 285; -1 when blank).
long NumberOf(const std::string& number) {
  if (number.empty() || number[0] < '0' || number[0] > '9') return -1;
  return std::strtol(number.c_str(), nullptr, 10);
}

// Of two different reports for one issuer and period, the series takes:
//   1. the one whose tables were read (cells), over one whose were not;
//   2. the one with fewer error findings of its own;
//   3. the later issue date (a re-issue is dated after the report it replaces);
//   4. the higher document number (numbers grow through the year);
//   5. the later path, so that the choice never depends on the order of ingest.
// Returns true when a is preferred to b, and in *why the first rule that decided.
bool Prefer(const ReportInfo& a, const ReportInfo& b, std::string* why) {
  if ((a.cells > 0) != (b.cells > 0)) {
    *why = "its tables were read";
    return a.cells > 0;
  }
  if (a.errors != b.errors) {
    *why = "fewer error findings (" + std::to_string(std::min(a.errors, b.errors)) + " against " +
           std::to_string(std::max(a.errors, b.errors)) + ")";
    return a.errors < b.errors;
  }
  if (a.date != b.date && !a.date.empty() && !b.date.empty()) {
    *why = "the later issue date (" + std::max(a.date, b.date) + " against " +
           std::min(a.date, b.date) + ")";
    return a.date > b.date;
  }
  long na = NumberOf(a.number), nb = NumberOf(b.number);
  if (na != nb && na >= 0 && nb >= 0) {
    *why = "the higher document number (" + std::to_string(std::max(na, nb)) + " against " +
           std::to_string(std::min(na, nb)) + ")";
    return na > nb;
  }
  *why = "the later file name (nothing else tells them apart)";
  return a.path > b.path;
}

// The reports of one issuer and period, as the series sees them.
struct PeriodReports {
  std::vector<const ReportInfo*> all;
  const ReportInfo* chosen = nullptr;
  std::string why;  // "" when only one distinct report
  // Documents that are copies of another (SameReport): copy -> original,
  // and why they are one report.
  std::map<const ReportInfo*, const ReportInfo*> copies;
  std::map<const ReportInfo*, std::string> copy_why;
  std::vector<const ReportInfo*> distinct;  // one per report, chosen first
};

// A report needs at least this many body cells for its table values alone
// to tell it is the same report as another.
constexpr int kMinSignatureCells = 20;

// Two documents are one report (a copy, or the same report saved again in
// another format: .docx and its PDF, a text export, CRLF and a BOM) when
//   1. their text is the same after normalisation (text_hash), or
//   2. their body cells hold the same values (signature, at least
//      kMinSignatureCells of them) and they do not state different document
//      numbers or issue dates.
// A re-issue ("điều chỉnh", "thay thế Báo cáo số ...") has another number or
// date or other figures: it stays a different report (a conflict).
// *why says which rule held.
bool SameReport(const ReportInfo& a, const ReportInfo& b, std::string* why) {
  if (a.text_hash == b.text_hash) {
    *why = "the same text after normalising line ends, spaces and encoding";
    return true;
  }
  if (a.signature.empty() || a.signature != b.signature || a.cells < kMinSignatureCells) return false;
  if (!a.number.empty() && !b.number.empty() && a.number != b.number) return false;
  if (!a.date.empty() && !b.date.empty() && a.date != b.date) return false;
  *why = "the same report saved again in another format: the same " + std::to_string(a.cells) +
         " table values" + (a.number.empty() || b.number.empty() ? "" : ", number " + a.number) +
         (a.date.empty() || b.date.empty() ? "" : ", date " + a.date);
  return true;
}

// Of the documents of one report, the series takes (the others are its
// duplicates):
//   1. one whose tables were read, over one whose were not;
//   2. one read without OCR (its own text) over a page image read by OCR;
//   3. the one with more body cells read;
//   4. the one with fewer error findings of its own;
//   5. the shortest file name ("BC_T01.txt" before "Copy of BC_T01.txt");
//   6. the first path, so that the choice never depends on the order of ingest.
bool PreferCopy(const ReportInfo& a, const ReportInfo& b) {
  if ((a.cells > 0) != (b.cells > 0)) return a.cells > 0;
  if (a.ocr != b.ocr) return !a.ocr;
  if (a.cells != b.cells) return a.cells > b.cells;
  if (a.errors != b.errors) return a.errors < b.errors;
  auto name = [](const std::string& path) { return path.substr(path.find_last_of('/') + 1); };
  const size_t la = name(a.path).size(), lb = name(b.path).size();
  if (la != lb) return la < lb;
  return a.path < b.path;
}

using PeriodKey = std::tuple<std::string, std::string, int, int>;  // identity, kind, year, index

struct ArchiveView {
  std::vector<ReportInfo> reports;
  std::map<PeriodKey, PeriodReports> periods;
  std::map<int64_t, const ReportInfo*> by_id;
};

Status LoadView(SqlDb* db, ArchiveView* view) {
  SqlStatement st;
  Status s = db->Prepare(
      "SELECT d.id, d.path, d.content_hash, d.text_hash, r.body, r.parent_body, r.issuer, "
      "r.province, r.period_kind, r.period_year, r.period_index, r.date, r.number, "
      "(SELECT count(*) FROM findings f WHERE f.document_id = d.id AND f.severity = 'error'), "
      "(SELECT count(*) FROM cells c WHERE c.document_id = d.id AND c.row >= 0), "
      "d.source_kinds FROM documents d JOIN reports r ON r.document_id = d.id "
      "WHERE d.status = 'ok' AND r.period_determined = 1 ORDER BY d.path, d.id",
      &st);
  if (!s.ok()) return s;
  bool row = false;
  while ((s = st.Step(&row)).ok() && row) {
    ReportInfo r;
    r.id = st.Int(0);
    r.path = st.Text(1), r.content_hash = st.Text(2), r.text_hash = st.Text(3);
    r.body = st.Text(4), r.parent = st.Text(5), r.issuer = st.Text(6), r.province = st.Text(7);
    r.kind = st.Text(8);
    r.year = static_cast<int>(st.Int(9)), r.index = static_cast<int>(st.Int(10));
    r.date = st.Text(11), r.number = st.Text(12);
    r.errors = static_cast<int>(st.Int(13)), r.cells = static_cast<int>(st.Int(14));
    r.ocr = st.Text(15).find("ocr") != std::string::npos;
    if (r.text_hash.empty()) r.text_hash = r.content_hash;
    view->reports.push_back(std::move(r));
  }
  if (!s.ok()) return s;
  {
    std::map<int64_t, std::string> signature;
    SqlStatement sg;
    if (s = db->Prepare("SELECT document_id, count(value), coalesce(sum(value), 0), coalesce(sum(value * value), 0) "
                        "FROM cells WHERE row >= 0 AND value IS NOT NULL GROUP BY document_id",
                        &sg);
        !s.ok())
      return s;
    while ((s = sg.Step(&row)).ok() && row) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "%lld/%.4f/%.4f", static_cast<long long>(sg.Int(1)),
                    sg.OptionalDouble(2).value_or(0), sg.OptionalDouble(3).value_or(0));
      signature[sg.Int(0)] = buf;
    }
    if (!s.ok()) return s;
    for (ReportInfo& r : view->reports)
      if (auto it = signature.find(r.id); it != signature.end()) r.signature = it->second;
  }
  // The same report filed under two readings of its heading (a re-export
  // whose heading another format laid out differently) belongs to one
  // issuer: the one of the two that has more reports in the archive (then
  // the first by name). Matched by SameReport on its table values within one
  // province and period.
  {
    std::map<std::string, int> reports_of;
    for (const ReportInfo& r : view->reports) ++reports_of[r.Identity()];
    std::map<std::tuple<std::string, std::string, int, int, std::string>, std::vector<ReportInfo*>> by_values;
    for (ReportInfo& r : view->reports)
      if (!r.signature.empty() && r.cells >= kMinSignatureCells)
        by_values[{FoldName(r.province), r.kind, r.year, r.index, r.signature}].push_back(&r);
    for (auto& [key, same] : by_values) {
      const ReportInfo* main = nullptr;
      for (const ReportInfo* r : same) {
        const int n = reports_of[r->Identity()];
        if (!main || n > reports_of[main->Identity()] ||
            (n == reports_of[main->Identity()] && r->Identity() < main->Identity()))
          main = r;
      }
      const std::string main_identity = main->Identity();
      for (ReportInfo* r : same) {
        std::string why;
        if (r->Identity() == main_identity || !SameReport(*r, *main, &why)) continue;
        r->read_as = r->Display();
        r->body = main->body, r->parent = main->parent, r->issuer = main->issuer;
      }
    }
  }
  for (const ReportInfo& r : view->reports) {
    view->by_id[r.id] = &r;
    view->periods[{r.Identity(), r.kind, r.year, r.index}].all.push_back(&r);
  }
  for (auto& [key, p] : view->periods) {
    // Documents of one report (SameReport, taken transitively) are one;
    // PreferCopy picks the one the series takes.
    std::stable_sort(p.all.begin(), p.all.end(),
                     [](const ReportInfo* a, const ReportInfo* b) { return PreferCopy(*a, *b); });
    std::vector<const ReportInfo*> original(p.all.size(), nullptr);
    for (size_t i = 0; i < p.all.size(); ++i) {
      if (original[i]) continue;
      original[i] = p.all[i];
      p.distinct.push_back(p.all[i]);
      for (size_t j = i + 1; j < p.all.size(); ++j) {
        if (original[j]) continue;
        std::string why;
        // Against every document of the report so far (the relation is
        // taken transitively within the period).
        for (size_t k = i; k < j && why.empty(); ++k)
          if (original[k] == p.all[i]) SameReport(*p.all[k], *p.all[j], &why);
        if (why.empty()) continue;
        original[j] = p.all[i];
        p.copies[p.all[j]] = p.all[i];
        for (const ReportInfo* r : {p.all[i], p.all[j]})
          if (!r->read_as.empty()) why += "; the heading of " + r->path + " was read as " + r->read_as;
        p.copy_why[p.all[j]] = why;
      }
    }
    p.chosen = p.distinct.front();
    for (size_t i = 1; i < p.distinct.size(); ++i) {
      std::string why;
      if (Prefer(*p.distinct[i], *p.chosen, &why)) p.chosen = p.distinct[i];
    }
    if (p.distinct.size() > 1) {
      // The reason against the runner-up decides the note.
      std::string why;
      for (const ReportInfo* r : p.distinct)
        if (r != p.chosen) Prefer(*p.chosen, *r, &why);
      p.why = std::to_string(p.distinct.size()) + " different reports for this period; taken: " +
              p.chosen->path + ", by " + why;
      // (A plain variable: clang 14 cannot capture a structured binding.)
      const ReportInfo* chosen = p.chosen;
      std::stable_partition(p.distinct.begin(), p.distinct.end(),
                            [chosen](const ReportInfo* r) { return r == chosen; });
    }
  }
  return Status::Ok();
}

std::string PeriodOf(const ReportInfo& r) { return PeriodLabel(r.kind, r.year, r.index); }

// Body cells of a document: (table, unit key, metric) -> value, with the
// unit's printed name.
struct CellValue {
  std::optional<double> value;
  std::string unit;
};
Status LoadCells(SqlDb* db, int64_t doc_id,
                 std::map<std::tuple<std::string, std::string, std::string>, CellValue>* out) {
  SqlStatement st;
  Status s = db->Prepare(
      "SELECT t.table_key, c.unit, c.unit_canonical, c.column_key, c.value, c.row FROM cells c "
      "JOIN doc_tables t ON t.id = c.table_id WHERE c.document_id = ? AND c.row >= -2 "
      "ORDER BY t.seq, c.row, c.column_seq",
      &st);
  if (!s.ok()) return s;
  st.Bind(1, doc_id);
  bool row = false;
  while ((s = st.Step(&row)).ok() && row) {
    std::string unit = st.Text(1), canonical = st.Text(2);
    if (unit.empty() && st.Int(5) == -2) unit = "Tổng cộng";
    std::string key = canonical.empty() ? Lower(unit) : canonical;
    out->emplace(std::make_tuple(st.Text(0), key, st.Text(3)),
                 CellValue{st.OptionalDouble(4), unit});
  }
  return s;
}

// A unit name's words for the prefix test: folded, "và" dropped.
std::vector<std::string> UnitWords(const std::string& name) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : Lower(name) + " ") {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80)) {
      cur.push_back(c);
      continue;
    }
    if (!cur.empty()) {
      std::string w = FoldName(cur);
      if (w != "va" && !w.empty()) out.push_back(w);
    }
    cur.clear();
  }
  return out;
}

// Within one issuer's series, a unit whose name is the start of another's
// ("Sở Văn hóa, Thể thao" / "Sở Văn hóa, Thể thao và Du lịch") and that never
// appears in the same report as it is the same unit written short. Two
// units of one table are never merged. Returns unit key -> unit key.
std::map<std::string, std::string> ShortNames(const std::map<std::string, std::set<int>>& periods) {
  std::map<std::string, std::string> out;
  for (const auto& [a, pa] : periods) {
    std::vector<std::string> wa = UnitWords(a);
    if (wa.size() < 3) continue;
    std::string target;
    int candidates = 0;
    for (const auto& [b, pb] : periods) {
      std::vector<std::string> wb = UnitWords(b);
      if (b == a || wb.size() <= wa.size() || !std::equal(wa.begin(), wa.end(), wb.begin())) continue;
      bool together = false;
      for (int p : pa)
        if (pb.count(p)) together = true;
      if (together) continue;
      target = b;
      ++candidates;
    }
    if (candidates == 1) out[a] = target;
  }
  return out;
}

std::string Value(const std::optional<double>& v) {
  if (!v) return "blank";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", *v);
  return buf;
}

}  // namespace

Status SqlArchive::Series(const SeriesQuery& q, std::vector<SeriesRow>* out) {
  out->clear();
  return Series(q, [out](SeriesRow&& r) { out->push_back(std::move(r)); });
}

namespace {

// Cells of one document that have a finding (on the cell itself or as its
// suspect), with the suggested value when one fits: (table, row, column).
using FlaggedCells = std::map<std::tuple<std::string, int, std::string>, std::optional<double>>;

Status LoadFlagged(SqlStatement* st, int64_t doc_id, FlaggedCells* flagged) {
  flagged->clear();
  st->Reset();
  st->Bind(1, doc_id);
  bool row = false;
  Status s;
  while ((s = st->Step(&row)).ok() && row) {
    flagged->emplace(std::make_tuple(st->Text(0), static_cast<int>(st->Int(1)), st->Text(2)),
                     std::nullopt);
    if (!st->IsNull(3)) {
      auto& v = (*flagged)[std::make_tuple(st->Text(0), static_cast<int>(st->Int(3)), st->Text(4))];
      if (!v) v = st->OptionalDouble(5);
    }
  }
  return s;
}

}  // namespace

Status SqlArchive::Series(const SeriesQuery& q, const SeriesSink& emit) {
  ArchiveView view;
  Status s = LoadView(db_.get(), &view);
  if (!s.ok()) return s;

  SqlStatement flagged_st;
  s = db_->Prepare(
      "SELECT table_key, row, column_key, suspect_row, suspect_column, suggested "
      "FROM findings WHERE document_id = ? ORDER BY seq",
      &flagged_st);
  if (!s.ok()) return s;
  SqlStatement st;
  s = db_->Prepare(
      "SELECT t.table_key, c.row, c.unit, c.unit_canonical, c.column_key, c.value, c.page, "
      "c.line, coalesce(co.mapped, 1) FROM cells c JOIN doc_tables t ON t.id = c.table_id "
      "LEFT JOIN columns co ON co.table_id = c.table_id AND co.seq = c.column_seq "
      "WHERE c.document_id = ? AND c.row >= -2 AND (?2 = '' OR c.column_key = ?2) "
      "ORDER BY t.seq, c.row, c.column_seq",
      &st);
  if (!s.ok()) return s;

  const std::string body = FoldName(q.body), province = FoldName(q.province);
  std::set<std::string> units;
  for (const std::string& u : q.units) units.insert(Lower(u));
  auto in_range = [&](const std::string& kind, int year, int index) {
    char ym[16];
    std::snprintf(ym, sizeof ym, "%04d-%02d", year, LastMonth(kind, index));
    return (q.from.empty() || std::string(ym) >= q.from) && (q.to.empty() || std::string(ym) <= q.to);
  };
  auto wanted_report = [&](const ReportInfo& r) {
    if (!body.empty() && !MatchesName(body, {r.body, r.parent, r.issuer})) return false;
    if (!province.empty() && !MatchesProvince(province, r.province)) return false;
    return true;
  };

  // One issuer's series (the periods [first, last) of view.periods, which is
  // ordered by issuer first): its mapped rows, or with `unmapped_pass` its
  // unmapped rows, which the export lists after every issuer's mapped rows.
  // *has_unmapped: whether there were any.
  using PeriodIt = std::map<PeriodKey, PeriodReports>::const_iterator;
  auto issuer_series = [&](PeriodIt first, PeriodIt last, bool unmapped_pass,
                           bool* has_unmapped) -> Status {
    // Series: issuer, unit key, metric, kind -> period (year*100+index) -> row.
    struct Group {
      std::string body, unit, unit_canonical, metric, kind, identity;
      bool unmapped = false;
      std::map<int, SeriesRow> by_period;
    };
    std::map<std::tuple<std::string, std::string, std::string, std::string>, Group> groups;
    // Per (identity, kind, period): what the chosen report holds.
    struct Held {
      const PeriodReports* reports = nullptr;
      std::set<std::string> units;                                 // unit keys
      std::set<std::pair<std::string, std::string>> unit_metrics;  // (unit key, metric)
    };
    std::map<std::pair<std::string, std::string>, std::map<int, Held>> held;  // (identity, kind)
    // (identity, kind) -> unit key -> periods it has a value in.
    std::map<std::pair<std::string, std::string>, std::map<std::string, std::set<int>>> unit_periods;
    FlaggedCells flagged;
    Status s;
    for (PeriodIt it = first; it != last; ++it) {
      const PeriodReports& p = it->second;
      const ReportInfo& r = *p.chosen;
      if (!wanted_report(r)) continue;
      const int pk = r.year * 100 + r.index;
      Held& h = held[{r.Identity(), r.kind}][pk];
      h.reports = &p;
      if (!in_range(r.kind, r.year, r.index)) continue;
      if (s = LoadFlagged(&flagged_st, r.id, &flagged); !s.ok()) return s;
      st.Reset();
      st.Bind(1, r.id).Bind(2, q.metric);
      bool row = false;
      // The first table's total row is the report's total; a later table's
      // (PHỤ LỤC II of the districts beside the departments') is a series
      // of its own, named by its table, not dropped as the same unit.
      std::string first_total_table;
      while ((s = st.Step(&row)).ok() && row) {
        std::string unit = st.Text(2), canonical = st.Text(3);
        const int index = static_cast<int>(st.Int(1));
        if (unit.empty() && index == -2) unit = "Tổng cộng";
        if (index == -2 && canonical.empty()) {
          if (first_total_table.empty()) first_total_table = st.Text(0);
          if (st.Text(0) != first_total_table) canonical = "Tổng cộng " + st.Text(0);
        }
        std::string unit_key = canonical.empty() ? Lower(unit) : canonical;
        if (!units.empty() && !units.count(Lower(canonical)) && !units.count(Lower(unit))) continue;
        const std::string metric = st.Text(4), table = st.Text(0);
        const bool unmapped = st.Int(8) == 0;
        h.units.insert(unit_key);
        h.unit_metrics.insert({unit_key, metric});
        if (index >= 0 && !unmapped) unit_periods[{r.Identity(), r.kind}][unit_key].insert(pk);
        Group& g = groups[{r.Identity(), unit_key, metric, r.kind}];
        if (g.by_period.empty()) {
          g.body = r.Display(), g.unit = unit, g.unit_canonical = canonical, g.metric = metric;
          g.kind = r.kind, g.identity = r.Identity(), g.unmapped = unmapped;
        }
        if (g.by_period.count(pk)) continue;  // the first table of the report that has it
        SeriesRow sr;
        sr.period = PeriodOf(r);
        sr.period_kind = r.kind;
        sr.body = g.body;
        sr.unit = unit;
        sr.unit_canonical = canonical;
        sr.metric = metric;
        sr.value = st.OptionalDouble(5);
        sr.document = r.path;
        sr.table = table;
        sr.page = static_cast<int>(st.Int(6));
        sr.line = static_cast<int>(st.Int(7));
        sr.source_note = p.why;
        auto f = flagged.find({table, index, metric});
        if (f != flagged.end()) {
          sr.has_finding = true;
          sr.suggested = f->second;
        }
        if (unmapped) sr.marker = "unmapped";
        else if (sr.has_finding) sr.marker = "finding";
        g.by_period[pk] = std::move(sr);
      }
      if (!s.ok()) return s;
    }

    // Units written short in some reports join the unit they stand for.
    for (const auto& [ik, periods] : unit_periods) {
      for (const auto& [from, to] : ShortNames(periods)) {
        for (auto it = groups.begin(); it != groups.end();) {
          const auto& [identity, unit_key, metric, kind] = it->first;
          if (identity != ik.first || kind != ik.second || unit_key != from) {
            ++it;
            continue;
          }
          Group& target = groups[{identity, to, metric, kind}];
          Group& g = it->second;
          if (target.by_period.empty()) {
            target = g;
            target.by_period.clear();
            target.unit = to;
            target.unit_canonical = to;
          }
          for (auto& [pk, row] : g.by_period) {
            if (target.by_period.count(pk)) continue;
            row.unit_canonical = target.unit_canonical;
            row.source_note += std::string(row.source_note.empty() ? "" : "; ") + "unit '" +
                               row.unit + "' taken as '" + target.unit_canonical +
                               "' (a short form of it, never in the same report)";
            target.by_period[pk] = std::move(row);
          }
          it = groups.erase(it);
        }
        for (auto& [pk, h] : held[ik])
          if (h.units.count(from)) h.units.insert(to);
      }
    }

    for (auto& [key, g] : groups) {
      if (g.unmapped) {
        *has_unmapped = true;
        if (unmapped_pass)
          for (auto& [pk, r] : g.by_period) emit(std::move(r));
        continue;
      }
      if (unmapped_pass) continue;
      // Every period of the issuer from its first report to its last: a
      // period without a value says why. A name the dictionaries do not know
      // and that only one report wrote is a spelling, not a unit of the series:
      // its value stays, without markers for the other periods.
      const auto& periods = held[{g.identity, g.kind}];
      if (periods.empty()) continue;
      if (g.unit_canonical.empty() && g.by_period.size() < 2) {
        for (auto& [pk, r] : g.by_period) emit(std::move(r));
        continue;
      }
      const int per_year = PeriodsPerYear(g.kind);
      const int first_pk = periods.begin()->first, last_pk = periods.rbegin()->first;
      // A quarter (half year, year) the issuer's monthly reports cover is no
      // gap: an issuer that reports every month sends the quarter's report
      // only now and then.
      const auto months = held.find({g.identity, "month"});
      // (g is a structured binding, which clang 14 does not let a lambda capture.)
      const std::string& kind = g.kind;
      auto months_cover = [&](int y, int i) {
        if (kind == "month" || months == held.end()) return false;
        const int last = LastMonth(kind, i);
        const int first = kind == "year" || kind == "nine_months" ? 1 : last - 12 / per_year + 1;
        for (int m = first; m <= last; ++m)
          if (months->second.count(y * 100 + m)) return true;
        return false;
      };
      for (int y = first_pk / 100, i = first_pk % 100;;) {
        const int pk = y * 100 + i;
        if (pk > last_pk) break;
        if (in_range(g.kind, y, i)) {
          auto have = g.by_period.find(pk);
          if (have != g.by_period.end()) {
            emit(std::move(have->second));
          } else if (!periods.count(pk) && months_cover(y, i)) {
            // not issued: the months stand for it
          } else {
            SeriesRow m;
            m.period = PeriodLabel(g.kind, y, i);
            m.period_kind = g.kind;
            m.body = g.body, m.unit = g.unit, m.unit_canonical = g.unit_canonical;
            m.metric = g.metric;
            auto h = periods.find(pk);
            if (h == periods.end()) {
              m.marker = "gap";
            } else {
              const ReportInfo& r = *h->second.reports->chosen;
              m.document = r.path;
              m.source_note = h->second.reports->why;
              const std::string unit_key =
                  g.unit_canonical.empty() ? Lower(g.unit) : g.unit_canonical;
              if (r.cells == 0) m.marker = "unparsed";
              else if (!h->second.units.count(unit_key)) m.marker = "missing_unit";
              else m.marker = "missing_column";
            }
            emit(std::move(m));
          }
        }
        if (per_year == 1) ++y;
        else if (++i > per_year) i = 1, ++y;
      }
    }
    return Status::Ok();
  };

  // Issuer by issuer; the issuers with unmapped columns are read again at
  // the end for those (a second read of a few issuers rather than holding
  // every unmapped row of the archive).
  std::vector<std::pair<PeriodIt, PeriodIt>> with_unmapped;
  for (PeriodIt it = view.periods.begin(); it != view.periods.end();) {
    PeriodIt stop = it;
    while (stop != view.periods.end() && std::get<0>(stop->first) == std::get<0>(it->first)) ++stop;
    bool has_unmapped = false;
    if (s = issuer_series(it, stop, false, &has_unmapped); !s.ok()) return s;
    if (has_unmapped) with_unmapped.emplace_back(it, stop);
    it = stop;
  }
  for (const auto& [first, last] : with_unmapped) {
    bool has_unmapped = false;
    if (s = issuer_series(first, last, true, &has_unmapped); !s.ok()) return s;
  }
  return Status::Ok();
}

Status SqlArchive::Findings(const FindingsQuery& q, std::vector<FindingRow>* out) {
  out->clear();
  return Findings(q, [out](FindingRow&& r) { out->push_back(std::move(r)); });
}

Status SqlArchive::Findings(const FindingsQuery& q, const FindingSink& emit) {
  ArchiveView view;
  Status s = LoadView(db_.get(), &view);
  if (!s.ok()) return s;
  // Copies stand for their original: their own findings are not repeated.
  std::map<int64_t, const ReportInfo*> copy_of;
  for (const auto& [key, p] : view.periods)
    for (const auto& [copy, original] : p.copies) copy_of[copy->id] = original;

  SqlStatement st;
  s = db_->Prepare(
      "SELECT d.path, d.content_hash, coalesce(r.period_kind, ''), coalesce(r.period_year, 0), "
      "coalesce(r.period_index, 0), f.kind, f.severity, f.table_key, f.row, f.row_label, "
      "f.column_key, f.stated, f.expected, f.message, f.suspect_row, f.suspect_column, "
      "f.suspect_value, f.suggested, f.alternatives, f.inferred, f.page, f.line, "
      "coalesce(r.body, ''), coalesce(r.parent_body, ''), coalesce(r.issuer, ''), "
      "coalesce(r.province, ''), d.id FROM findings f JOIN documents d ON d.id = f.document_id "
      "LEFT JOIN reports r ON r.document_id = d.id ORDER BY d.path, f.seq",
      &st);
  if (!s.ok()) return s;
  static const FindingKind kKinds[] = {
      FindingKind::kRowIdentity, FindingKind::kColumnTotal, FindingKind::kPercentage,
      FindingKind::kNarrative,   FindingKind::kCarryover,   FindingKind::kParse,
      FindingKind::kDuplicate,   FindingKind::kConflict};
  static const Severity kSeverities[] = {Severity::kInfo, Severity::kWarning, Severity::kError};
  const std::string body = FoldName(q.body), province = FoldName(q.province);
  auto wanted = [&](const std::string& b, const std::string& pb, const std::string& issuer,
                    const std::string& prov) {
    if (!body.empty() && !MatchesName(body, {b, pb, issuer})) return false;
    if (!province.empty() && !MatchesProvince(province, prov)) return false;
    return true;
  };
  // Duplicates and conflicts, from the archive as it now is (so the same
  // whatever order the files were ingested in).
  std::vector<FindingRow> extra;
  for (const auto& [key, p] : view.periods) {
    for (const auto& [copy, original] : p.copies) {
      if (!wanted(copy->body, copy->parent, copy->issuer, copy->province)) continue;
      FindingRow fr;
      fr.document = copy->path;
      fr.content_hash = copy->content_hash;
      fr.document_id = copy->id;
      fr.period = PeriodOf(*copy);
      fr.finding.kind = FindingKind::kDuplicate;
      fr.finding.severity = Severity::kWarning;
      fr.finding.message = "duplicate: " + copy->path + " is the same report as " + original->path +
                           " (" + p.copy_why.at(copy) + "); counted once, as " + original->path;
      fr.related_document = original->path;
      extra.push_back(std::move(fr));
    }
    if (p.distinct.size() < 2) continue;
    const ReportInfo& chosen = *p.chosen;
    std::map<std::tuple<std::string, std::string, std::string>, CellValue> a;
    if (s = LoadCells(db_.get(), chosen.id, &a); !s.ok()) return s;
    for (const ReportInfo* other : p.distinct) {
      if (other == p.chosen || !wanted(other->body, other->parent, other->issuer, other->province))
        continue;
      std::map<std::tuple<std::string, std::string, std::string>, CellValue> b;
      if (s = LoadCells(db_.get(), other->id, &b); !s.ok()) return s;
      std::vector<std::string> diffs;
      FindingRow fr;
      for (const auto& [cell, va] : a) {
        auto vb = b.find(cell);
        if (vb == b.end() || va.value == vb->second.value) continue;
        if (diffs.empty()) {
          fr.finding.table = std::get<0>(cell);
          fr.finding.row_label = va.unit;
          fr.finding.column = std::get<2>(cell);
          fr.finding.stated = vb->second.value;
          fr.finding.expected = va.value;
        }
        diffs.push_back(std::get<0>(cell) + " " + va.unit + " " + std::get<2>(cell) + ": " +
                        Value(vb->second.value) + " here, " + Value(va.value) + " in the one taken");
      }
      fr.document = other->path;
      fr.content_hash = other->content_hash;
      fr.document_id = other->id;
      fr.period = PeriodOf(*other);
      fr.finding.kind = FindingKind::kConflict;
      fr.finding.severity = Severity::kWarning;
      std::string list;
      for (size_t i = 0; i < diffs.size() && i < 40; ++i) list += (i ? "; " : "") + diffs[i];
      if (diffs.size() > 40) list += "; ...";
      fr.finding.message = "conflict: " + other->path + " and " + chosen.path + " are two different "
                           "reports of " + chosen.Display() + " for " + PeriodOf(chosen) + "; " +
                           std::to_string(diffs.size()) + " cells differ" +
                           (diffs.empty() ? "" : " (" + list + ")") + "; the series takes " +
                           chosen.path + " (" + p.why.substr(p.why.find(", by ") + 5) + ")";
      fr.related_document = chosen.path;
      extra.push_back(std::move(fr));
    }
  }
  // Byte-identical copies, stored once: the copy's path names the finding.
  {
    SqlStatement cs;
    s = db_->Prepare(
        "SELECT c.path, c.content_hash, d.path, d.id FROM document_copies c "
        "JOIN documents d ON d.content_hash = c.content_hash WHERE d.status = 'ok' AND c.path <> d.path "
        "ORDER BY c.path",
        &cs);
    if (!s.ok()) return s;
    bool crow = false;
    while ((s = cs.Step(&crow)).ok() && crow) {
      auto it = view.by_id.find(cs.Int(3));
      const ReportInfo* original = it == view.by_id.end() ? nullptr : it->second;
      if (original) {
        if (!wanted(original->body, original->parent, original->issuer, original->province)) continue;
      } else if (!body.empty() || !province.empty()) {
        continue;
      }
      FindingRow fr;
      fr.document = cs.Text(0);
      fr.content_hash = cs.Text(1);
      fr.document_id = cs.Int(3);
      if (original) fr.period = PeriodOf(*original);
      fr.finding.kind = FindingKind::kDuplicate;
      fr.finding.severity = Severity::kWarning;
      fr.finding.message = "duplicate: " + fr.document + " is byte for byte the same file as " + cs.Text(2) +
                           "; stored and counted once, as " + cs.Text(2);
      fr.related_document = cs.Text(2);
      extra.push_back(std::move(fr));
    }
    if (!s.ok()) return s;
  }
  // They follow the findings of their document's own (the order of a stable
  // sort by document), merged into the stream below.
  std::stable_sort(extra.begin(), extra.end(), [](const FindingRow& x, const FindingRow& y) {
    return x.document < y.document;
  });
  size_t next_extra = 0;

  // Each suspected cell by unit and column, from its document's tables; rows
  // come document by document, so one document's tables are held at a time.
  int64_t tables_of = 0;
  StoredReport tables;
  Status locate_status;
  auto locate = [&](FindingRow* fr) {
    const Finding& f = fr->finding;
    if (f.table.empty() || f.kind == FindingKind::kConflict) return;
    int row = f.suspect ? f.suspect->row : f.row;
    std::string column = f.suspect ? f.suspect->column : f.column;
    if (row < -3 || row == -1) return;
    if (tables_of != fr->document_id) {
      tables = StoredReport();
      tables_of = 0;
      if (Status ls = LoadReport(fr->document_id, &tables); !ls.ok()) {
        locate_status = ls;
        return;
      }
      tables_of = fr->document_id;
    }
    CellPlace place;
    if (LocateCell(tables.tables, f.table, row, column, &place)) fr->cell = std::move(place);
  };

  bool row = false;
  while ((s = st.Step(&row)).ok() && row) {
    if (!wanted(st.Text(22), st.Text(23), st.Text(24), st.Text(25))) continue;
    if (copy_of.count(st.Int(26))) continue;
    FindingRow fr;
    fr.document = st.Text(0);
    fr.content_hash = st.Text(1);
    fr.document_id = st.Int(26);
    fr.period = PeriodLabel(st.Text(2), static_cast<int>(st.Int(3)), static_cast<int>(st.Int(4)));
    Finding& f = fr.finding;
    std::string kind = st.Text(5), severity = st.Text(6);
    for (FindingKind k : kKinds)
      if (kind == FindingKindName(k)) f.kind = k;
    for (Severity v : kSeverities)
      if (severity == SeverityName(v)) f.severity = v;
    f.table = st.Text(7);
    f.row = static_cast<int>(st.Int(8));
    f.row_label = st.Text(9);
    f.column = st.Text(10);
    f.stated = st.OptionalDouble(11);
    f.expected = st.OptionalDouble(12);
    f.message = st.Text(13);
    if (!st.IsNull(14)) {
      SuspectCell sc;
      sc.row = static_cast<int>(st.Int(14));
      sc.column = st.Text(15);
      sc.value = st.OptionalDouble(16);
      sc.suggested = st.OptionalDouble(17);
      std::stringstream alts(st.Text(18));
      std::string a;
      while (std::getline(alts, a, ';'))
        if (!a.empty()) sc.alternatives.push_back(std::strtod(a.c_str(), nullptr));
      f.suspect = sc;
    }
    f.inferred = st.Int(19) != 0;
    f.page = static_cast<int>(st.Int(20));
    f.line = static_cast<int>(st.Int(21));
    locate(&fr);
    if (!locate_status.ok()) return locate_status;
    while (next_extra < extra.size() && extra[next_extra].document < fr.document)
      emit(std::move(extra[next_extra++]));
    emit(std::move(fr));
  }
  if (!s.ok()) return s;
  while (next_extra < extra.size()) emit(std::move(extra[next_extra++]));
  return Status::Ok();
}


}  // namespace sohoa
