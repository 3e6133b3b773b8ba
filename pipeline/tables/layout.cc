// Pages with word boxes (PDF text layers, OCR): the table region is laid
// out again from the geometry into the text shapes the parser reads, so
// columns come from x-positions, not from counting tokens (the alignment
// reader; tables without a full grid of rules come this way):
//   - words are grouped into visual lines by their vertical centre; a data
//     line has a row number or a total label and trailing number cells;
//   - a row is its data line plus the label-only lines of a wrapped unit
//     name around it: the lines between two data lines are split at the
//     widest vertical gap (cell padding and rules lie between rows, line
//     spacing inside them), so names wrapped above, below or around a
//     vertically centred number line join the right row;
//   - the numeric columns are the bands of x where the numbers of the data
//     rows lie (their boxes projected on the x axis; the whitespace between
//     bands is the column gap), so left-aligned, centred and right-aligned
//     numbers alike give one band per column and a missing number leaves a
//     blank in its own column;
//   - header words right of the unit column (the lines of the header block,
//     also above the "STT" line when its cells are vertically centred) are
//     grouped into cells (words on one line close together, lines close
//     below each other) and the cells listed level by level (a cell's level
//     = how many cells above it overlap it), left to right, one per line:
//     the flattened shape ParseFlatHeader / ParseHeaderCells rebuild;
//   - each row becomes "STT<TAB>unit<TAB>cell<TAB>..." with one field per
//     numeric column, blank where the column has no word.
#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>

#include "pipeline/tables/internal.h"

namespace sohoa::tables_internal {

namespace {

struct W {
  const Word* word;
  double xc, yc, h;
};

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

std::string JoinWords(const std::vector<const Word*>& ws) {
  std::string out;
  for (const Word* w : ws) out += (out.empty() ? "" : " ") + w->text;
  return out;
}

// A row number as OCR gives it: "15", "15.", and "15:" or "15," when the
// period was misread.
std::string RowNumberOf(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ':' || s.back() == ',' || s.back() == ';')) s.pop_back();
  return s;
}

bool IsRowNumberText(std::string s) {
  s = RowNumberOf(s);
  return !s.empty() && s.size() <= 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool HasDigit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int Find(std::vector<int>& p, int x) {
  while (p[x] != x) x = p[x] = p[p[x]];
  return x;
}

}  // namespace

std::vector<ColumnBand> NumericColumnBands(const std::vector<std::vector<std::pair<double, double>>>& rows,
                                           double h) {
  std::vector<std::pair<double, double>> all;
  for (const auto& r : rows)
    for (const auto& s : r)
      if (s.second > s.first) all.push_back(s);
  std::vector<ColumnBand> bands;
  if (all.empty()) return bands;
  // Runs of x covered by more than `least` number boxes.
  auto runs = [&](int least) {
    std::vector<std::pair<double, int>> events;
    for (const auto& s : all) events.push_back({s.first, +1}), events.push_back({s.second, -1});
    std::sort(events.begin(), events.end());
    std::vector<std::pair<double, double>> out;
    int depth = 0;
    for (const auto& [x, step] : events) {
      const bool was = depth > least;
      depth += step;
      if (!was && depth > least) {
        if (!out.empty() && x - out.back().second < 0.15 * h) continue;  // touching: one run
        out.push_back({x, x});
      }
      if (was && depth <= least) out.back().second = x;
    }
    return out;
  };
  // With many rows, one number box bridging two columns (words OCR ran
  // together) must not join them: a column needs two boxes over it; a
  // stretch only one box covers is a column of its own only when it is
  // apart from every other column.
  std::vector<std::pair<double, double>> cores = runs(rows.size() >= 8 ? 1 : 0);
  if (rows.size() >= 8)
    for (const auto& r : runs(0)) {
      bool apart = true;
      for (const auto& c : cores) apart &= std::min(r.second, c.second) <= std::max(r.first, c.first);
      if (apart) cores.push_back(r);
    }
  std::sort(cores.begin(), cores.end());
  bands.resize(cores.size());
  std::vector<std::vector<std::pair<double, double>>> members(cores.size());
  for (size_t k = 0; k < cores.size(); ++k) bands[k].x0 = cores[k].first, bands[k].x1 = cores[k].second;
  for (const auto& s : all) {
    int hit = -1, n = 0;
    for (size_t k = 0; k < cores.size(); ++k)
      if (std::min(s.second, cores[k].second) > std::max(s.first, cores[k].first)) hit = static_cast<int>(k), ++n;
    if (n == 1) members[hit].push_back(s);  // a bridging box says nothing of either column's extent
  }
  std::vector<bool> left_aligned(bands.size(), false), right_aligned(bands.size(), false);
  for (size_t k = 0; k < bands.size(); ++k) {
    std::vector<double> lefts, rights;
    for (const auto& s : members[k]) {
      bands[k].x0 = std::min(bands[k].x0, s.first), bands[k].x1 = std::max(bands[k].x1, s.second);
      lefts.push_back(s.first);
      rights.push_back(s.second);
    }
    std::sort(lefts.begin(), lefts.end());
    std::sort(rights.begin(), rights.end());
    // Numbers aligned on one side share that edge (most of them: a stray
    // box may stick out).
    auto shared = [&](const std::vector<double>& v) {
      if (v.size() < 2) return false;
      const size_t lo = v.size() / 10, hi = v.size() - 1 - v.size() / 10;
      return v[hi] - v[lo] < 0.35 * h;
    };
    // (Numbers all of one width share both edges: the alignment is unknown.)
    right_aligned[k] = shared(rights) && !shared(lefts);
    left_aligned[k] = shared(lefts) && !shared(rights);
    bands[k].right = right_aligned[k] ? Median(rights) : bands[k].x1;
  }
  // A column whose alignment its numbers leave open is aligned as most
  // columns of the table are.
  const auto lefts = std::count(left_aligned.begin(), left_aligned.end(), true);
  const auto rights = std::count(right_aligned.begin(), right_aligned.end(), true);
  for (size_t k = 0; k < bands.size(); ++k) {
    if (left_aligned[k] || right_aligned[k] || lefts == rights) continue;
    if (lefts > rights) left_aligned[k] = true;
    else right_aligned[k] = true, bands[k].right = bands[k].x1;
  }
  // Where a column ends: just right of right-aligned numbers (the rule is
  // there), just left of the next column's left-aligned numbers, else (centred) in the middle of the gap.
  for (size_t k = 0; k + 1 < bands.size(); ++k) {
    if (right_aligned[k] || bands[k + 1].x0 <= bands[k].x1) continue;
    const double end = left_aligned[k + 1] ? bands[k + 1].x0 - 0.6 * h : (bands[k].x1 + bands[k + 1].x0) / 2 - 0.3 * h;
    bands[k].right = std::max(bands[k].x1, end);
  }
  return bands;
}

size_t BandOf(const std::vector<ColumnBand>& bands, double x0, double x1) {
  size_t best = 0;
  double best_overlap = -1e18;
  for (size_t k = 0; k < bands.size(); ++k) {
    // Overlap, or minus the distance when apart.
    double o = std::min(x1, bands[k].x1) - std::max(x0, bands[k].x0);
    if (o > best_overlap) best_overlap = o, best = k;
  }
  return best;
}

std::vector<TextLine> LayoutBoxedPage(const Page& page, const Dictionaries& dict, LayoutCarry* carry) {
  // Copies with the marks ruling lines leave in OCR ("|UBND", "2_") trimmed.
  std::deque<Word> cleaned;
  std::vector<W> words;
  for (const Line& l : page.lines)
    for (const Word& w : l.words) {
      if (w.box.empty()) continue;
      size_t b = w.text.find_first_not_of("|_[]");
      size_t e = w.text.find_last_not_of("|_[]");
      if (b == std::string::npos) continue;
      cleaned.push_back(w);
      cleaned.back().text = w.text.substr(b, e - b + 1);
      const Word& c = cleaned.back();
      words.push_back({&c, (c.box.x0 + c.box.x1) / 2, (c.box.y0 + c.box.y1) / 2, c.box.height()});
    }
  std::vector<TextLine> out;
  if (words.empty()) return out;
  std::vector<double> hs;
  for (const W& w : words) hs.push_back(w.h);
  const double h = std::max(1e-6, Median(hs));
  std::sort(words.begin(), words.end(), [](const W& a, const W& b) { return a.yc < b.yc; });
  // Visual rows.
  std::vector<std::vector<W>> rows;
  double mean = 0;
  for (const W& w : words) {
    if (rows.empty() || std::fabs(w.yc - mean) > 0.5 * h) {
      rows.emplace_back();
      mean = w.yc;
    }
    rows.back().push_back(w);
    mean = 0;
    for (const W& x : rows.back()) mean += x.yc;
    mean /= rows.back().size();
  }
  for (auto& r : rows) std::sort(r.begin(), r.end(), [](const W& a, const W& b) { return a.word->box.x0 < b.word->box.x0; });

  auto label_of = [](const std::vector<W>& r, size_t from, size_t to) {
    std::string s;
    for (size_t i = from; i < to; ++i) s += (s.empty() ? "" : " ") + r[i].word->text;
    return s;
  };
  // A number OCR misread ("4G,17") among the cells stays a cell: the row
  // is kept and the cell reported unreadable rather than the row lost.
  auto misread_number = [](const std::string& t) {
    return t.size() <= 10 && std::any_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  // A cell as OCR boxes it: a number or a dash no taller than a line and a
  // half; a "-" boxed over two lines is a letter OCR gave up on (a name
  // wrapped around its row's numbers), no dash cell.
  auto cell_word = [&](const W& w) { return IsCellToken(w.word->text) && w.h <= 1.6 * h; };
  auto trailing_cells = [&](const std::vector<W>& r) {
    size_t e = r.size();
    while (e > 0 && (cell_word(r[e - 1]) ||
                     (e >= 2 && misread_number(r[e - 1].word->text) && cell_word(r[e - 2]))))
      --e;
    return e;  // first cell index
  };
  // The first cell of a data row; a row number is never a cell, also when
  // the line holds no unit words (a name wrapped above and below a
  // vertically centred number line: "5  29.208  26.998 ...").
  auto first_cell = [&](const std::vector<W>& r) {
    size_t e = trailing_cells(r);
    if (e == 0 && r.size() >= 3 && IsRowNumberText(r[0].word->text)) e = 1;
    return e;
  };
  auto has_stt = [&](const std::vector<W>& r) {
    return !r.empty() && LabelIn(NormalizeLabel(StripMarkup(r[0].word->text)), dict.vocabulary.stt);
  };
  // A header row starting with the unit column's label ("Đơn vị ...") when
  // OCR lost the "STT" before it; taken only with data rows close below.
  // (Also after one short word: the "STT" OCR misread, "SỨ".)
  auto starts_with_unit_label = [&](const std::vector<W>& r) {
    for (size_t from = 0; from < 2 && from < r.size(); ++from) {
      if (from == 1 && r[0].word->text.size() > 4) break;
      std::string label;
      for (size_t n = from; n < r.size() && n < from + 3; ++n) {
        label += (n > from ? " " : "") + r[n].word->text;
        if (LabelIn(NormalizeLabel(StripMarkup(label)), dict.vocabulary.unit)) return r.size() > n + 2;
      }
    }
    return false;
  };
  auto is_data_row = [&](const std::vector<W>& r) {
    size_t e = first_cell(r);
    if (e == r.size()) return false;
    if (!r.empty() && IsRowNumberText(r[0].word->text) && e >= 1) return true;
    // A row whose number OCR lost or misread ("lô" for "10"): numbers in
    // two cells or more after a short label.
    if (r.size() - e >= 2 && e <= 8 && (e >= 1 || r.size() >= 3)) return true;
    std::string label = NormalizeLabel(label_of(r, IsRowNumberText(r[0].word->text) ? 1 : 0, e));
    return LabelIn(label, dict.vocabulary.total) || LabelIn(label, dict.vocabulary.percent);
  };
  // (A row number misread "TT" starts a data row, not a header.)
  auto is_stt_row = [&](const std::vector<W>& r) { return has_stt(r) && r.size() - first_cell(r) < 2; };
  auto emit = [&](const std::string& text, int line) {
    TextLine t;
    t.page = page.number;
    t.line = line;
    t.text = text;
    out.push_back(std::move(t));
  };
  auto source_line = [&](size_t ri) { return static_cast<int>(ri + 1); };
  // A row as "STT<TAB>unit<TAB>cell...", one field per numeric column
  // (`bands`), the unit left of `boundary`: the data line `r` and the
  // label lines `wrapped` of its unit name, in reading order.
  // The row-number column of the table being laid out (x0, x1; empty when
  // fewer than three rows have a number): a word there that is no number
  // is a misread one ("số" for "5"), not the start of the unit name.
  std::pair<double, double> stt_column{1e18, -1e18};
  auto emit_row = [&](size_t r, const std::vector<size_t>& wrapped, const std::vector<ColumnBand>& bands,
                      double boundary) {
    std::vector<size_t> lines = wrapped;
    lines.push_back(r);
    std::sort(lines.begin(), lines.end());
    std::string stt;
    std::vector<const Word*> unit;
    std::vector<std::string> cells(bands.size());
    for (size_t li : lines) {
      const auto& row = rows[li];
      for (size_t i = 0; i < row.size(); ++i) {
        const W& w = row[i];
        if (w.word->box.x0 < boundary) {
          if (li == r && i == 0 && IsRowNumberText(w.word->text)) stt = RowNumberOf(w.word->text);
          else if (li == r && i == 0 && w.word->box.x0 >= stt_column.first - 0.5 * h &&
                   w.word->box.x1 <= stt_column.second + 0.3 * h && row.size() > 1 &&
                   row[1].word->box.x0 > stt_column.second)
            continue;
          else unit.push_back(w.word);
        } else if (li == r && !bands.empty()) {
          const size_t k = BandOf(bands, w.word->box.x0, w.word->box.x1);
          // A mark without digits in no column's band is a speck, no cell.
          if (!HasDigit(w.word->text) &&
              std::min(w.word->box.x1, bands[k].x1) - std::max(w.word->box.x0, bands[k].x0) <= 0)
            continue;
          std::string& c = cells[k];
          c += (c.empty() ? "" : " ") + w.word->text;
        }
      }
    }
    std::string text = stt + "\t" + JoinWords(unit);
    for (const std::string& c : cells) text += "\t" + c;
    emit(text, source_line(r));
  };
  // Rows continuing the previous page's table: laid out in its columns
  // until the first header row of this page (same page geometry only).
  const bool carried = carry != nullptr && !carry->bands.empty() && std::fabs(carry->h - h) < 0.25 * h;
  bool table_seen = false;

  auto unit_header_row = [&](size_t ri) {
    if (!starts_with_unit_label(rows[ri])) return false;
    for (size_t d = ri + 1; d < rows.size() && d <= ri + 8; ++d) {
      if (is_stt_row(rows[d]) || starts_with_unit_label(rows[d])) return false;
      if (is_data_row(rows[d])) return true;
    }
    return false;
  };
  size_t consumed = 0;  // lines before this one belong to a table laid out
  for (size_t ri = 0; ri < rows.size(); ++ri) {
    const bool without_stt = !is_stt_row(rows[ri]) && unit_header_row(ri);
    if (!is_stt_row(rows[ri]) && !without_stt) {
      if (carried && !table_seen && is_data_row(rows[ri])) {
        emit_row(ri, {}, carry->bands, carry->boundary);
        continue;
      }
      std::vector<const Word*> ws;
      for (const W& w : rows[ri]) ws.push_back(w.word);
      emit(JoinWords(ws), source_line(ri));
      continue;
    }
    // The data rows of this table.
    size_t d = ri + 1;
    while (d < rows.size() && !is_data_row(rows[d]) && !is_stt_row(rows[d])) ++d;
    if (d >= rows.size() || is_stt_row(rows[d])) {
      std::vector<const Word*> ws;
      for (const W& w : rows[ri]) ws.push_back(w.word);
      emit(JoinWords(ws), source_line(ri));
      continue;
    }
    table_seen = true;
    size_t end = d;
    for (; end < rows.size(); ++end) {
      const auto& r = rows[end];
      if (is_stt_row(r)) break;
      // A wrapped unit name continues; anything long ends the table.
      if (!is_data_row(r) && r.size() > 10) break;
    }
    while (end > d && !is_data_row(rows[end - 1])) --end;
    // The numeric columns: bands of the x-extents of the numbers.
    std::vector<size_t> data;
    std::vector<std::vector<std::pair<double, double>>> spans;
    for (size_t r = d; r < end; ++r) {
      if (!is_data_row(rows[r])) continue;
      data.push_back(r);
      spans.emplace_back();
      // Numbers only: specks a photocopy leaves between the columns come
      // back as dashes and would make columns of their own.
      for (size_t i = first_cell(rows[r]); i < rows[r].size(); ++i)
        if (HasDigit(rows[r][i].word->text)) spans.back().push_back({rows[r][i].word->box.x0, rows[r][i].word->box.x1});
    }
    const std::vector<ColumnBand> bands = NumericColumnBands(spans, h);
    {
      std::pair<double, double> c{1e18, -1e18};
      int numbered = 0;
      for (size_t r : data)
        if (IsRowNumberText(rows[r][0].word->text) && rows[r][0].word->box.x1 < (bands.empty() ? 1e18 : bands[0].x0)) {
          c.first = std::min(c.first, rows[r][0].word->box.x0), c.second = std::max(c.second, rows[r][0].word->box.x1);
          ++numbered;
        }
      stt_column = numbered >= 3 ? c : std::pair<double, double>{1e18, -1e18};
    }
    std::vector<double> cols;  // right bounds of the numeric columns
    for (const ColumnBand& b : bands) cols.push_back(b.right);
    const double first_left = bands.empty() ? 1e18 : bands[0].x0;

    // Rows: each label-only line goes to a data line. Between two data
    // lines they are split at the widest vertical gap (ties: the later
    // split, names wrapped below their numbers as Word lays out cells).
    auto gap = [&](size_t upper, size_t lower) {
      double bottom = -1e18, top = 1e18;
      for (const W& w : rows[upper]) bottom = std::max(bottom, w.word->box.y1);
      for (const W& w : rows[lower]) top = std::min(top, w.word->box.y0);
      return top - bottom;
    };
    std::vector<std::vector<size_t>> wrapped(rows.size());
    std::vector<double> row_gaps;
    for (size_t k = 0; k + 1 < data.size(); ++k) {
      const size_t a = data[k], b = data[k + 1];
      if (b == a + 1) {
        row_gaps.push_back(gap(a, b));
        continue;
      }
      double widest = -1e18;
      for (size_t x = a; x < b; ++x) widest = std::max(widest, gap(x, x + 1));
      size_t split = a;
      for (size_t x = a; x < b; ++x)
        if (gap(x, x + 1) >= widest - 0.1 * h) split = x;
      row_gaps.push_back(widest);
      for (size_t x = a + 1; x <= split; ++x) wrapped[a].push_back(x);
      for (size_t x = split + 1; x < b; ++x) wrapped[b].push_back(x);
    }
    // Name lines above the first row and below the last one: only lines in
    // the unit column, closer than the rows are to each other.
    const double close = row_gaps.empty() ? 0.4 * h : std::max(0.2 * h, 0.6 * Median(row_gaps));
    auto label_only = [&](size_t r) {
      if (rows[r].empty() || is_data_row(rows[r]) || is_stt_row(rows[r])) return false;
      for (const W& w : rows[r])
        if (w.word->box.x1 > first_left - 0.2 * h) return false;
      return true;
    };
    size_t header_end = d;
    if (!data.empty()) {
      for (size_t x = d; x > ri + 1 && d - x < 3 && label_only(x - 1) && gap(x - 1, x) <= close; --x) {
        wrapped[data.front()].push_back(x - 1);
        header_end = x - 1;
      }
      for (size_t x = end; x < rows.size() && x - end < 3 && label_only(x) && gap(x - 1, x) <= close; ++x)
        wrapped[data.back()].push_back(x);
    }
    const size_t body_end = data.empty() ? end : std::max(end, wrapped[data.back()].empty() ? end : wrapped[data.back()].back() + 1);

    // The unit column ends after its longest name; the word spacing of the
    // names scales the header grouping below.
    double unit_right = -1e18;
    std::vector<double> spaces;
    for (size_t r : data) {
      const auto& row = rows[r];
      size_t e = first_cell(row);
      for (size_t i = 0; i < e; ++i) {
        if (row[i].word->box.x1 < first_left) unit_right = std::max(unit_right, row[i].word->box.x1);
        if (i > 1 && i < e) spaces.push_back(row[i].word->box.x0 - row[i - 1].word->box.x1);
      }
      for (size_t x : wrapped[r])
        for (const W& w : rows[x])
          if (w.word->box.x1 < first_left) unit_right = std::max(unit_right, w.word->box.x1);
    }
    double boundary = unit_right > -1e17 ? unit_right + 0.2 * h : first_left - 0.5 * h;
    // Header lines above the "STT" line: cells vertically centred in a
    // header of two or three lines start higher than the STT label does.
    size_t header_start = ri;
    while (header_start > consumed && ri - header_start < 3 && !is_data_row(rows[header_start - 1]) &&
           !is_stt_row(rows[header_start - 1]) &&
           rows[header_start][0].yc - rows[header_start - 1][0].yc < 1.8 * h) {
      bool inside = true;  // within the table's columns, not a centred title
      for (const W& w : rows[header_start - 1])
        if (w.word->box.x0 < boundary || (!bands.empty() && w.word->box.x1 > bands.back().x1 + 6 * h)) inside = false;
      if (!inside) break;
      --header_start;
    }
    while (header_start < ri && !out.empty() && out.back().page == page.number &&
           out.back().line >= source_line(header_start) && !out.back().header_cell)
      out.pop_back();
    // The unit column's own label ("Đơn vị", centred over short names) is
    // left of the boundary too.
    for (size_t r = ri; r < header_end && r < ri + 3; ++r) {
      const auto& row = rows[r];
      for (size_t a = 0; a < row.size(); ++a) {
        std::string label;
        for (size_t b = a; b < row.size() && b < a + 6; ++b) {
          label += (b > a ? " " : "") + row[b].word->text;
          if (row[b].word->box.x1 + 0.2 * h < first_left && row[b].word->box.x1 + 0.2 * h > boundary &&
              LabelIn(NormalizeLabel(StripMarkup(label)), dict.vocabulary.unit))
            boundary = row[b].word->box.x1 + 0.2 * h;
        }
      }
    }
    // (A word space is at most half a line high: OCR runs words together
    // or splits a name around its row's numbers, which would say more.)
    const double space = spaces.empty() ? 0.3 * h : std::clamp(Median(spaces), 0.1 * h, 0.5 * h);
    // Lines of one header cell lie closer to each other than the cells of
    // two header levels, which have a rule or padding between them: the
    // white between their boxes is under half a line.
    const double cell_gap = 0.5 * h;

    // Header: the STT/unit labels on one line, then the cells.
    std::vector<const Word*> left;
    std::vector<W> hw;
    for (size_t r = header_start; r < header_end; ++r)
      for (const W& w : rows[r]) {
        if (w.word->box.x0 < boundary) left.push_back(w.word);
        // Accents OCR cut off a line of capitals ("~", "^", "iai" a few
        // pixels high above "T" / "ổng số") are no header words; they would
        // bridge the header cells above and below them.
        else if (w.h >= 0.45 * h) hw.push_back(w);
      }
    std::stable_sort(left.begin(), left.end(), [&](const Word* a, const Word* b) {
      return a->box.y0 != b->box.y0 && std::fabs(a->box.y0 - b->box.y0) > 0.5 * h ? a->box.y0 < b->box.y0
                                                                                   : a->box.x0 < b->box.x0;
    });
    emit((without_stt ? "STT " : "") + JoinWords(left), source_line(ri));
    std::vector<int> parent(hw.size());
    std::iota(parent.begin(), parent.end(), 0);
    for (size_t a = 0; a < hw.size(); ++a) {
      for (size_t b = a + 1; b < hw.size(); ++b) {
        const Box& A = hw[a].word->box;
        const Box& B = hw[b].word->box;
        bool same_line = std::fabs(hw[a].yc - hw[b].yc) < 0.5 * h;
        double hgap = std::max(A.x0, B.x0) - std::min(A.x1, B.x1);
        double vgap = std::max(A.y0, B.y0) - std::min(A.y1, B.y1);
        bool x_overlap = std::min(A.x1, B.x1) > std::max(A.x0, B.x0);
        // Two cells side by side: a gap wider than a word space over the
        // ruling line right of a numeric column.
        bool across_rule = false;
        if (same_line && hgap > 1.3 * space) {
          const double g0 = std::min(A.x1, B.x1), g1 = std::max(A.x0, B.x0);
          for (double c : cols)
            if (g0 <= c + 0.6 * h && g1 >= c) across_rule = true;
        }
        if ((same_line && hgap < 2.2 * space && !across_rule) ||
            (!same_line && x_overlap && vgap < cell_gap))
          parent[Find(parent, static_cast<int>(a))] = Find(parent, static_cast<int>(b));
      }
    }
    struct Block {
      double top = 1e18, x0 = 1e18;
      std::vector<W> words;
    };
    std::vector<Block> blocks;
    std::vector<int> block_of(hw.size(), -1);
    for (size_t a = 0; a < hw.size(); ++a) {
      int root = Find(parent, static_cast<int>(a));
      if (block_of[root] < 0) {
        block_of[root] = static_cast<int>(blocks.size());
        blocks.emplace_back();
      }
      Block& b = blocks[block_of[root]];
      b.words.push_back(hw[a]);
      b.top = std::min(b.top, hw[a].word->box.y0);
      b.x0 = std::min(b.x0, hw[a].word->box.x0);
    }
    // A cell whose lines OCR boxes badly (a word box spanning two lines, a
    // short last line centred under a gap) falls apart into blocks stacked
    // over one numeric column. Blocks over the same single column are one
    // cell: a group over a single column would have no siblings to name.
    auto single_column = [&](const Block& b) {
      double x0 = 1e18, x1 = -1e18;
      for (const W& w : b.words) x0 = std::min(x0, w.word->box.x0), x1 = std::max(x1, w.word->box.x1);
      int found = -1;
      for (size_t k = 0; k < cols.size(); ++k) {
        double left = k == 0 ? boundary : cols[k - 1];
        double overlap = std::min(x1, cols[k] + 0.5 * h) - std::max(x0, left);
        if (overlap <= 0.5 * h) continue;
        if (found >= 0) return -1;
        found = static_cast<int>(k);
      }
      return found;
    };
    for (size_t a = 0; a < blocks.size(); ++a) {
      int ka = single_column(blocks[a]);
      if (ka < 0) continue;
      for (size_t b = a + 1; b < blocks.size(); ++b) {
        if (single_column(blocks[b]) != ka) continue;
        for (const W& w : blocks[b].words) blocks[a].words.push_back(w);
        blocks[a].top = std::min(blocks[a].top, blocks[b].top);
        blocks[a].x0 = std::min(blocks[a].x0, blocks[b].x0);
        blocks.erase(blocks.begin() + b);
        --b;
      }
    }
    // Level by level, left to right. A cell's level is one below the
    // lowest cell above it that covers one of its columns (a cell covers
    // the columns it overlaps by half a line), so cells centred
    // vertically beside a group's children stay at the group's level.
    std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) { return a.top < b.top; });
    std::vector<int> level(blocks.size(), 0);
    struct Extent {
      double x0 = 1e18, x1 = -1e18, top = 1e18, bottom = -1e18;
      int first = -1, last = -1;  // columns covered
    };
    std::vector<Extent> ext(blocks.size());
    for (size_t i = 0; i < blocks.size(); ++i) {
      Extent& e = ext[i];
      for (const W& w : blocks[i].words) {
        e.x0 = std::min(e.x0, w.word->box.x0), e.x1 = std::max(e.x1, w.word->box.x1);
        e.top = std::min(e.top, w.word->box.y0), e.bottom = std::max(e.bottom, w.word->box.y1);
      }
      for (size_t k = 0; k < cols.size(); ++k) {
        const double l = k == 0 ? boundary : cols[k - 1], r = cols[k] + 0.5 * h;
        if (std::min(e.x1, r) - std::max(e.x0, l) > 0.5 * h) {
          if (e.first < 0) e.first = static_cast<int>(k);
          e.last = static_cast<int>(k);
        }
      }
    }
    for (size_t i = 0; i < blocks.size(); ++i)
      for (size_t j = 0; j < i; ++j) {
        const Extent &a = ext[j], &b = ext[i];
        if (a.bottom > b.top + 0.3 * h) continue;  // not above
        bool covers = a.first >= 0 && b.first >= 0 ? a.first <= b.last && b.first <= a.last
                                                   : std::min(a.x1, b.x1) > std::max(a.x0, b.x0);
        if (covers) level[i] = std::max(level[i], level[j] + 1);
        // Cells with one top are on one level (a narrow label centred
        // under a wide parent need not overlap the parent's words).
        if (std::fabs(a.top - b.top) < 0.3 * h) level[i] = std::max(level[i], level[j]);
      }
    for (size_t i = 0; i < blocks.size(); ++i)
      for (size_t j = i + 1; j < blocks.size(); ++j)
        if (std::fabs(ext[i].top - ext[j].top) < 0.3 * h) level[i] = std::max(level[i], level[j]);
    std::vector<size_t> order(blocks.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return level[a] != level[b] ? level[a] < level[b] : blocks[a].x0 < blocks[b].x0;
    });
    for (size_t i : order) {
      Block& b = blocks[i];
      // The cell's lines (centres within half a line), each left to right.
      std::sort(b.words.begin(), b.words.end(), [](const W& x, const W& y) { return x.yc < y.yc; });
      std::vector<std::vector<const Word*>> cell_lines;
      double line_yc = 0;
      for (const W& w : b.words) {
        if (cell_lines.empty() || w.yc - line_yc > 0.5 * h) cell_lines.emplace_back();
        if (cell_lines.back().empty()) line_yc = w.yc;
        cell_lines.back().push_back(w.word);
      }
      std::vector<const Word*> ws;
      for (auto& cl : cell_lines) {
        std::sort(cl.begin(), cl.end(), [](const Word* x, const Word* y) { return x->box.x0 < y->box.x0; });
        ws.insert(ws.end(), cl.begin(), cl.end());
      }
      emit(JoinWords(ws), source_line(ri));
      out.back().header_cell = true;
    }
    // Rows: STT, unit, one field per column.
    for (size_t r : data) emit_row(r, wrapped[r], bands, boundary);
    if (carry != nullptr) {
      carry->bands = bands;
      carry->boundary = boundary;
      carry->h = h;
    }
    ri = body_end - 1;
    consumed = body_end;
  }
  return out;
}

}  // namespace sohoa::tables_internal
