#include "pipeline/ingest/markup_text.h"

#include <algorithm>

namespace sohoa {

namespace {

constexpr int kMaxColSpan = 1000;  // HTML's own limit on colspan

bool IsLineSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v'; }

}  // namespace

Status LayoutGrid(const std::vector<SourceRow>& rows, size_t max_slots, Grid* grid) {
  *grid = Grid();
  const int nrows = static_cast<int>(rows.size());
  std::vector<std::vector<char>> occupied(rows.size());
  auto taken = [&](int r, int c) {
    return c < static_cast<int>(occupied[r].size()) && occupied[r][c];
  };
  int cols = 0;
  for (int r = 0; r < nrows; ++r) {
    int c = 0;
    for (const SourceCell& cell : rows[r]) {
      if (cell.col >= 0) c = std::max(c, cell.col);
      while (taken(r, c)) ++c;
      int cs = std::clamp(cell.col_span, 1, kMaxColSpan);
      int rs = std::clamp(cell.row_span, 1, nrows - r);
      // Overlapping spans (a table model error in HTML terms): the later
      // cell gives way, so that each slot has at most one cell.
      for (int k = 1; k < cs; ++k)
        if (taken(r, c + k)) cs = k;
      for (int rr = r + 1; rr < r + rs; ++rr)
        for (int k = 0; k < cs; ++k)
          if (taken(rr, c + k)) rs = rr - r;
      cols = std::max(cols, c + cs);
      if (static_cast<size_t>(cols) * static_cast<size_t>(nrows) > max_slots)
        return Status::TooLarge("table of " + std::to_string(nrows) + " rows and at least " +
                                std::to_string(cols) + " columns has more than " +
                                std::to_string(max_slots) + " cells (the limit)");
      for (int rr = r; rr < r + rs; ++rr) {
        if (static_cast<int>(occupied[rr].size()) < c + cs) occupied[rr].resize(c + cs, 0);
        std::fill(occupied[rr].begin() + c, occupied[rr].begin() + c + cs, 1);
      }
      GridCell g;
      g.row = r;
      g.col = c;
      g.row_span = rs;
      g.col_span = cs;
      g.text = cell.text;
      grid->cells.push_back(std::move(g));
      c += cs;
    }
  }
  grid->rows = nrows;
  grid->cols = cols;
  return Status::Ok();
}

Status CheckLineLengths(const std::string& path, const std::vector<Page>& pages, size_t limit) {
  for (const Page& p : pages)
    for (const Line& l : p.lines) {
      size_t n = l.leading.size();
      for (const Word& w : l.words) n += w.text.size() + w.trailing.size();
      if (n > limit)
        return Status::TooLarge(path + ": page " + std::to_string(p.number) + " line " +
                                std::to_string(l.source_line) + " is " + std::to_string(n) +
                                " bytes long (limit " + std::to_string(limit) +
                                "): not a line-oriented report");
    }
  return Status::Ok();
}

Page& MarkupPageBuilder::CurrentPage() {
  if (pages_.empty()) {
    pages_.emplace_back();
    pages_.back().number = 1;
  }
  return pages_.back();
}

void MarkupPageBuilder::Append(std::string_view text, const std::string& font) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t brk = text.find_first_of("\n\f", pos);
    size_t end = brk == std::string_view::npos ? text.size() : brk;
    if (end > pos) {
      if (!segments_.empty() && segments_.back().font == font)
        segments_.back().text.append(text.substr(pos, end - pos));
      else
        segments_.push_back({std::string(text.substr(pos, end - pos)), font});
    }
    if (brk == std::string_view::npos) break;
    if (text[brk] == '\n') {
      FlushLine(true);
    } else {
      EndPage();
    }
    pos = brk + 1;
  }
}

void MarkupPageBuilder::EndLine() { FlushLine(false); }

void MarkupPageBuilder::BlankLine() {
  FlushLine(false);
  FlushLine(true);
}

void MarkupPageBuilder::EndPage() {
  FlushLine(false);
  Page& page = CurrentPage();
  while (!page.lines.empty() && page.lines.back().words.empty() && page.lines.back().leading.empty())
    page.lines.pop_back();
  Page next;
  next.number = page.number + 1;
  pages_.push_back(std::move(next));
  last_blank_ = true;
}

// Splits the line's text into words as PageFromText does (whitespace kept as
// leading/trailing). A word that spans runs of different fonts takes the
// font that covers most of its non-ASCII characters (else most of its
// characters; ties: the font that comes first): only non-ASCII characters
// differ between legacy encodings and Unicode, so that font decides how
// normalize must read the word. Words are not split at font changes, because
// words without whitespace between them would print with a space. Known
// cost: a word typed half in .VnTimeH (capitals) and half in .VnTime is
// decoded in one of the two, so one part gets the other's case.
void MarkupPageBuilder::FlushLine(bool keep_empty) {
  if (segments_.empty() && (!keep_empty || (last_blank_ && collapse_blank_lines_))) return;
  Page& page = CurrentPage();
  Line line;
  line.source_line = static_cast<int>(page.lines.size()) + 1;
  std::string text;
  std::vector<size_t> seg_end;  // byte offset where each segment ends
  for (const Segment& s : segments_) {
    text += s.text;
    seg_end.push_back(text.size());
  }
  auto font_at = [&](size_t i) -> const std::string& {
    size_t k = std::upper_bound(seg_end.begin(), seg_end.end(), i) - seg_end.begin();
    return segments_[std::min(k, segments_.size() - 1)].font;
  };
  size_t i = 0;
  while (i < text.size() && IsLineSpace(text[i])) line.leading += text[i++];
  while (i < text.size()) {
    Word w;
    w.source = WordSource::kPlainText;
    size_t s = i;
    // font -> (non-ASCII, all) code points, in order of first appearance.
    std::vector<std::pair<const std::string*, std::pair<size_t, size_t>>> counts;
    while (i < text.size() && !IsLineSpace(text[i])) {
      unsigned char b = static_cast<unsigned char>(text[i]);
      if ((b & 0xC0) != 0x80) {  // count code points, not bytes
        const std::string* font = &font_at(i);
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto& c) { return *c.first == *font; });
        if (it == counts.end()) it = counts.insert(counts.end(), {font, {0, 0}});
        if (b >= 0x80) ++it->second.first;
        ++it->second.second;
      }
      ++i;
    }
    w.text = text.substr(s, i - s);
    std::pair<size_t, size_t> best{0, 0};
    for (const auto& [font, n] : counts)  // ties: the font that comes first
      if (n > best) {
        best = n;
        w.font = *font;
      }
    size_t t = i;
    while (i < text.size() && IsLineSpace(text[i])) ++i;
    w.trailing = text.substr(t, i - t);
    line.words.push_back(std::move(w));
  }
  last_blank_ = line.words.empty();
  page.lines.push_back(std::move(line));
  segments_.clear();
}

void MarkupPageBuilder::AddGrid(Grid grid, const std::vector<std::vector<TextRun>>& runs) {
  FlushLine(false);
  Page& page = CurrentPage();
  grid.first_line = static_cast<int>(page.lines.size());
  // Row r's fields: the text of the cell whose top-left slot is (r, c).
  std::vector<std::vector<size_t>> at(grid.rows, std::vector<size_t>(grid.cols, SIZE_MAX));
  for (size_t k = 0; k < grid.cells.size(); ++k) at[grid.cells[k].row][grid.cells[k].col] = k;
  // Cell text holds no line, page or field break (the reader flattens them;
  // this keeps the one-line-per-row invariant whatever it gave).
  auto flat = [](std::string s) {
    for (char& ch : s)
      if (ch == '\n' || ch == '\f' || ch == '\t' || ch == '\r' || ch == '\v') ch = ' ';
    return s;
  };
  for (GridCell& cell : grid.cells) cell.text = flat(std::move(cell.text));
  for (int r = 0; r < grid.rows; ++r) {
    for (int c = 0; c < grid.cols; ++c) {
      if (c > 0) Append("\t");
      size_t k = at[r][c];
      if (k == SIZE_MAX) continue;
      if (k < runs.size() && !runs[k].empty()) {
        for (const TextRun& run : runs[k]) Append(flat(run.text), run.font);
      } else {
        Append(grid.cells[k].text);
      }
    }
    // A row of empty cells is still a row of the grid.
    last_blank_ = false;
    FlushLine(true);
  }
  last_blank_ = false;
  page.grids.push_back(std::move(grid));
  ++grids_;
}

std::vector<Page> MarkupPageBuilder::Finish() {
  FlushLine(false);
  CurrentPage();
  for (Page& page : pages_) {
    // Trailing blank lines, but never a line that holds a grid row.
    size_t keep = page.lines.size();
    size_t min_keep = 0;
    for (const Grid& g : page.grids)
      min_keep = std::max(min_keep, static_cast<size_t>(g.first_line + g.rows));
    while (keep > min_keep && page.lines[keep - 1].words.empty() &&
           page.lines[keep - 1].leading.empty())
      --keep;
    page.lines.resize(keep);
  }
  // A trailing empty page (a page break at the very end) is dropped.
  while (pages_.size() > 1 && pages_.back().lines.empty() && pages_.back().grids.empty())
    pages_.pop_back();
  return std::move(pages_);
}

}  // namespace sohoa
