// Pages with word boxes (PDF text layers, OCR): the table region is laid
// out again from the geometry into the text shapes the parser reads, so
// columns come from x-positions, not from counting tokens:
//   - words are grouped into visual rows by their vertical centre;
//   - the numeric columns are the clusters of right edges of the trailing
//     number cells of the data rows (numbers are right-aligned);
//   - header words right of the unit column are grouped into cells (words on
//     one line close together, lines close below each other) and the cells
//     listed level by level, left to right, one per line: the flattened
//     shape ParseFlatHeader rebuilds the tree from;
//   - each data row becomes "STT<TAB>unit<TAB>cell<TAB>..." with one field
//     per numeric column, blank where the column has no word.
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

int Find(std::vector<int>& p, int x) {
  while (p[x] != x) x = p[x] = p[p[x]];
  return x;
}

}  // namespace

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
  auto trailing_cells = [&](const std::vector<W>& r) {
    size_t e = r.size();
    while (e > 0 && (IsCellToken(r[e - 1].word->text) ||
                     (e >= 2 && misread_number(r[e - 1].word->text) && IsCellToken(r[e - 2].word->text))))
      --e;
    return e;  // first cell index
  };
  auto has_stt = [&](const std::vector<W>& r) {
    return !r.empty() && LabelIn(NormalizeLabel(StripMarkup(r[0].word->text)), dict.vocabulary.stt);
  };
  // A header row starting with the unit column's label ("Đơn vị ...") when
  // OCR lost the "STT" before it; taken only with data rows close below.
  auto starts_with_unit_label = [&](const std::vector<W>& r) {
    std::string label;
    for (size_t n = 0; n < r.size() && n < 3; ++n) {
      label += (n ? " " : "") + r[n].word->text;
      if (LabelIn(NormalizeLabel(StripMarkup(label)), dict.vocabulary.unit)) return r.size() > n + 2;
    }
    return false;
  };
  auto is_data_row = [&](const std::vector<W>& r) {
    size_t e = trailing_cells(r);
    if (e == r.size()) return false;
    if (!r.empty() && IsRowNumberText(r[0].word->text) && e > 1) return true;
    std::string label = NormalizeLabel(label_of(r, IsRowNumberText(r[0].word->text) ? 1 : 0, e));
    return LabelIn(label, dict.vocabulary.total) || LabelIn(label, dict.vocabulary.percent);
  };
  auto is_stt_row = [&](const std::vector<W>& r) { return has_stt(r); };
  auto emit = [&](const std::string& text, int line) {
    TextLine t;
    t.page = page.number;
    t.line = line;
    t.text = text;
    out.push_back(std::move(t));
  };
  auto source_line = [&](size_t ri) { return static_cast<int>(ri + 1); };
  // A data row as "STT<TAB>unit<TAB>cell...", one field per numeric column
  // (right edges `cols`), the unit left of `boundary`.
  auto emit_row = [&](size_t r, const std::vector<double>& cols, double boundary) {
    const auto& row = rows[r];
    std::string stt;
    std::vector<const Word*> unit;
    std::vector<std::string> cells(cols.size());
    for (size_t i = 0; i < row.size(); ++i) {
      const W& w = row[i];
      if (w.word->box.x0 < boundary) {
        if (i == 0 && IsRowNumberText(w.word->text)) stt = RowNumberOf(w.word->text);
        else unit.push_back(w.word);
      } else {
        size_t best = 0;
        for (size_t k = 1; k < cols.size(); ++k)
          if (std::fabs(cols[k] - w.word->box.x1) < std::fabs(cols[best] - w.word->box.x1)) best = k;
        std::string& c = cells[best];
        c += (c.empty() ? "" : " ") + w.word->text;
      }
    }
    std::string text = stt + "\t" + JoinWords(unit);
    for (const std::string& c : cells) text += "\t" + c;
    emit(text, source_line(r));
  };
  // Rows continuing the previous page's table: laid out in its columns
  // until the first header row of this page (same page geometry only).
  const bool carried = carry != nullptr && !carry->cols.empty() && std::fabs(carry->h - h) < 0.25 * h;
  bool table_seen = false;

  auto unit_header_row = [&](size_t ri) {
    if (!starts_with_unit_label(rows[ri])) return false;
    for (size_t d = ri + 1; d < rows.size() && d <= ri + 8; ++d) {
      if (is_stt_row(rows[d]) || starts_with_unit_label(rows[d])) return false;
      if (is_data_row(rows[d])) return true;
    }
    return false;
  };
  for (size_t ri = 0; ri < rows.size(); ++ri) {
    const bool without_stt = !is_stt_row(rows[ri]) && unit_header_row(ri);
    if (!is_stt_row(rows[ri]) && !without_stt) {
      if (carried && !table_seen && is_data_row(rows[ri])) {
        emit_row(ri, carry->cols, carry->boundary);
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
    std::vector<double> edges;
    double first_left = 1e18;
    for (; end < rows.size(); ++end) {
      const auto& r = rows[end];
      if (is_stt_row(r)) break;
      if (!is_data_row(r)) {
        // A wrapped unit name continues; anything long ends the table.
        if (r.size() > 10) break;
        continue;
      }
      for (size_t i = trailing_cells(r); i < r.size(); ++i) edges.push_back(r[i].word->box.x1);
    }
    while (end > d && !is_data_row(rows[end - 1])) --end;
    std::sort(edges.begin(), edges.end());
    std::vector<double> cols;  // right edges of the numeric columns
    std::vector<int> counts;
    for (double e : edges) {
      if (cols.empty() || e - cols.back() / counts.back() > 0.9 * h) {
        cols.push_back(e);
        counts.push_back(1);
      } else {
        cols.back() += e;
        ++counts.back();
      }
    }
    for (size_t k = 0; k < cols.size(); ++k) cols[k] /= counts[k];
    auto column_of = [&](double x1) {
      size_t best = 0;
      for (size_t k = 1; k < cols.size(); ++k)
        if (std::fabs(cols[k] - x1) < std::fabs(cols[best] - x1)) best = k;
      return best;
    };
    for (size_t r = d; r < end; ++r)
      if (is_data_row(rows[r]))
        for (size_t i = trailing_cells(rows[r]); i < rows[r].size(); ++i)
          if (column_of(rows[r][i].word->box.x1) == 0) first_left = std::min(first_left, rows[r][i].word->box.x0);
    // The unit column ends after its longest name; the word spacing of the
    // names and the pitch of the rows scale the header grouping below.
    double unit_right = -1e18;
    std::vector<double> spaces, pitches;
    for (size_t r = d; r < end; ++r) {
      const auto& row = rows[r];
      if (!is_data_row(row)) continue;
      size_t e = trailing_cells(row);
      for (size_t i = 0; i < e; ++i) {
        if (row[i].word->box.x1 < first_left) unit_right = std::max(unit_right, row[i].word->box.x1);
        if (i > 1 && i < e) spaces.push_back(row[i].word->box.x0 - row[i - 1].word->box.x1);
      }
      if (r > d) pitches.push_back(row[0].yc - rows[r - 1][0].yc);
    }
    double boundary = unit_right > -1e17 ? unit_right + 0.2 * h : first_left - 0.5 * h;
    // The unit column's own label ("Đơn vị", centred over short names) is
    // left of the boundary too.
    for (size_t r = ri; r < d && r < ri + 3; ++r) {
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
    const double space = spaces.empty() ? 0.3 * h : std::max(0.1 * h, Median(spaces));
    const double pitch = pitches.empty() ? 1.4 * h : Median(pitches);

    // Header: the STT/unit labels on one line, then the cells.
    std::vector<const Word*> left;
    std::vector<W> hw;
    for (size_t r = ri; r < d; ++r)
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
        (void)vgap;
        // Two cells side by side: a gap wider than a word space over the
        // ruling line right of a numeric column.
        bool across_rule = false;
        if (same_line && hgap > 1.3 * space) {
          const double g0 = std::min(A.x1, B.x1), g1 = std::max(A.x0, B.x0);
          for (double c : cols)
            if (g0 <= c + 0.6 * h && g1 >= c) across_rule = true;
        }
        if ((same_line && hgap < 2.2 * space && !across_rule) ||
            (!same_line && x_overlap && std::fabs(hw[a].yc - hw[b].yc) < 0.9 * pitch))
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
    // Level by level (tops within half a line), left to right.
    std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) { return a.top < b.top; });
    std::vector<int> level(blocks.size(), 0);
    for (size_t i = 1; i < blocks.size(); ++i)
      level[i] = blocks[i].top - blocks[i - 1].top > 0.5 * h ? level[i - 1] + 1 : level[i - 1];
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
    for (size_t r = d; r < end; ++r) emit_row(r, cols, boundary);
    if (carry != nullptr) {
      carry->cols = cols;
      carry->boundary = boundary;
      carry->h = h;
    }
    ri = end - 1;
  }
  return out;
}

}  // namespace sohoa::tables_internal
