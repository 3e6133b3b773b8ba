// Headers laid out in character columns (pdftotext -layout, a typewriter
// table): see ParseAlignedHeader in internal.h. Two readings: labels placed
// on their lines matched to a schema tree (any number of labels run
// together one space apart, as pdftotext writes a header set in a narrow
// font), then the older one by territories and bands.
#include <algorithm>
#include <cmath>
#include <map>

#include "pipeline/core/text_util.h"
#include "pipeline/tables/internal.h"

namespace sohoa::tables_internal {

namespace {

struct Phrase {
  size_t line;             // index into the header lines
  int begin, end;          // code point columns [begin, end)
  std::string text;
};

struct AlignedCell {
  std::vector<Phrase> phrases;  // the first, then its wrapped continuation lines
  int parent = -1;
  bool has_child = false;
  int begin() const { return phrases.front().begin; }
  int end() const { return phrases.front().end; }
  double center() const {
    int b = phrases.front().begin, e = phrases.front().end;
    for (const Phrase& p : phrases) b = std::min(b, p.begin), e = std::max(e, p.end);
    return (b + e) / 2.0;
  }
  size_t last_line() const { return phrases.back().line; }
  std::string Text() const {
    std::string out;
    for (const Phrase& p : phrases) out += (out.empty() ? "" : " ") + p.text;
    return out;
  }
};

// Words of a line separated by two or more spaces form phrases (one space
// joins the words of a label); columns count code points.
std::vector<Phrase> Phrases(const std::string& text, size_t line) {
  std::vector<Phrase> out;
  int col = 0, spaces = 0;
  Phrase cur{line, 0, 0, ""};
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c == ' ' || c == '\t') {
      spaces += c == '\t' ? 8 : 1;
    } else {
      if (!cur.text.empty() && spaces >= 2) {
        out.push_back(cur);
        cur = Phrase{line, col, col, ""};
      }
      if (cur.text.empty()) cur.begin = col;
      else if (spaces > 0) cur.text += ' ';
      cur.text.append(text, i, len);
      cur.end = col + 1;
      spaces = 0;
    }
    col += c == '\t' ? 8 : 1;
    i += len;
  }
  if (!cur.text.empty()) out.push_back(cur);
  return out;
}

bool Overlaps(int b1, int e1, int b2, int e2) { return b1 < e2 && b2 < e1; }

// Right edges (code point columns, exclusive) of the `n` numeric columns of
// data rows laid out in character columns: the median end of the k-th of
// the last n cell tokens over the rows that end in n such tokens. Empty
// when no row does.
std::vector<int> ColumnEnds(const std::vector<std::string>& data_lines, size_t n) {
  std::vector<std::vector<int>> ends(n);
  for (const std::string& text : data_lines) {
    std::vector<std::pair<std::string, int>> tokens;  // text, end column
    int col = 0;
    std::string cur;
    for (size_t i = 0; i < text.size();) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (c == ' ' || c == '\t') {
        if (!cur.empty()) tokens.push_back({cur, col}), cur.clear();
      } else {
        cur.append(text, i, len);
      }
      col += c == '\t' ? 8 : 1;
      i += len;
    }
    if (!cur.empty()) tokens.push_back({cur, col});
    size_t cells = 0;
    while (cells < tokens.size() && IsCellToken(tokens[tokens.size() - 1 - cells].first)) ++cells;
    if (cells < n) continue;
    for (size_t k = 0; k < n; ++k) ends[k].push_back(tokens[tokens.size() - n + k].second);
  }
  std::vector<int> out;
  if (n == 0 || ends[0].empty()) return out;
  for (auto& e : ends) {
    std::nth_element(e.begin(), e.begin() + e.size() / 2, e.end());
    out.push_back(e[e.size() / 2]);
  }
  for (size_t k = 1; k < n; ++k)
    if (out[k] <= out[k - 1]) return {};  // not laid out in columns
  return out;
}

// The column whose band [previous end, end] holds [b, e), or -1 when the
// extent crosses a band's edge (a group label centred over its columns).
int BandStart(const std::vector<int>& ends, size_t k) {
  return k == 0 ? ends[0] - (ends.size() > 1 ? ends[1] - ends[0] : 8) : ends[k - 1];
}
int BandOf(const std::vector<int>& ends, int b, int e) {
  for (size_t k = 0; k < ends.size(); ++k) {
    if (b >= BandStart(ends, k) && e <= ends[k] + 1) return static_cast<int>(k);
  }
  return -1;
}

// The header's phrases, a label wrapped over lines within its cell joined
// into one cell.
std::vector<AlignedCell> JoinWrapped(const std::vector<std::string>& lines) {
  std::vector<AlignedCell> cells;
  for (size_t l = 0; l < lines.size(); ++l) {
    std::vector<Phrase> phrases = Phrases(lines[l], l);
    for (const Phrase& p : phrases) {
      // A wrapped label: the line just below a cell's last line, under it,
      // and the only phrase of its line under that cell.
      int cont = -1;
      for (size_t c = 0; c < cells.size(); ++c) {
        const AlignedCell& a = cells[c];
        if (a.has_child || a.last_line() + 1 != l) continue;
        const Phrase& last = a.phrases.back();
        if (!Overlaps(last.begin - 1, last.end + 1, p.begin, p.end)) continue;
        // Under the whole label: a group's children spread beyond its last word.
        int b = last.begin, e = last.end, under = 0;
        for (const Phrase& q : a.phrases) b = std::min(b, q.begin), e = std::max(e, q.end);
        for (const Phrase& q : phrases)
          if (Overlaps(b - 1, e + 1, q.begin, q.end)) ++under;
        if (under == 1) cont = static_cast<int>(c);
      }
      if (cont >= 0) {
        cells[cont].phrases.push_back(p);
        continue;
      }
      AlignedCell cell;
      cell.phrases.push_back(p);
      cells.push_back(std::move(cell));
    }
  }
  return cells;
}

// The older reading: each cell's parent is the lowest cell above whose
// territory holds it, leaves counted left to right, their paths mapped by
// MapColumns.
bool ReadByTerritories(const Dictionaries& dict, const std::string& title, const std::vector<std::string>& lines,
                       const std::vector<std::string>& data_lines, size_t expected_leaves,
                       std::vector<Column>* columns, int* schema_index, std::vector<std::string>* problems) {
  std::vector<AlignedCell> cells = JoinWrapped(lines);
  // Each cell's territory on its first line: halfway to its neighbours.
  // A cell's parent is the lowest cell above whose territory holds its centre.
  const size_t n = cells.size();
  std::vector<double> lo(n), hi(n);
  for (size_t c = 0; c < n; ++c) {
    lo[c] = -1e9, hi[c] = 1e9;
    for (size_t d = 0; d < n; ++d) {
      if (d == c || cells[d].phrases.front().line != cells[c].phrases.front().line) continue;
      if (cells[d].end() <= cells[c].begin()) lo[c] = std::max(lo[c], (cells[d].end() + cells[c].begin()) / 2.0);
      if (cells[d].begin() >= cells[c].end()) hi[c] = std::min(hi[c], (cells[c].end() + cells[d].begin()) / 2.0);
    }
  }
  // A label within one column's band with no label below it in that band
  // spans down to the rows: a leaf, whatever lies under the next column.
  const std::vector<int> ends = ColumnEnds(data_lines, expected_leaves);
  std::vector<bool> leaf_only(n, false);
  for (size_t p = 0; p < n && !ends.empty(); ++p) {
    int b = cells[p].begin(), e = cells[p].end();
    for (const Phrase& q : cells[p].phrases) b = std::min(b, q.begin), e = std::max(e, q.end);
    const int band = BandOf(ends, b, e);
    if (band < 0) continue;
    bool below = false;
    for (size_t c = 0; c < n; ++c) {
      if (cells[c].phrases.front().line <= cells[p].last_line()) continue;
      const double x = cells[c].center();
      if (x >= BandStart(ends, band) && x <= ends[band]) below = true;
    }
    leaf_only[p] = !below;
  }
  for (size_t c = 0; c < n; ++c) {
    const double x = cells[c].center();
    size_t best_line = 0;
    for (size_t p = 0; p < n; ++p) {
      if (leaf_only[p]) continue;
      if (cells[p].last_line() >= cells[c].phrases.front().line) continue;
      if (x < lo[p] || x > hi[p]) continue;
      if (cells[c].parent < 0 || cells[p].phrases.front().line > best_line) {
        cells[c].parent = static_cast<int>(p);
        best_line = cells[p].phrases.front().line;
      }
    }
  }
  // Halfway is not always right: a group label is centred over its columns,
  // so the children of the groups on one line are split into contiguous runs,
  // one per group, that put each group's label nearest the middle of its run.
  for (size_t l = 0; l < lines.size(); ++l) {
    std::vector<size_t> parents, children;
    for (size_t c = 0; c < n; ++c) {
      const int p = cells[c].parent;
      if (p < 0 || cells[p].phrases.front().line != l) continue;
      children.push_back(c);
      if (std::find(parents.begin(), parents.end(), static_cast<size_t>(p)) == parents.end())
        parents.push_back(p);
    }
    if (parents.size() < 2) continue;
    auto by_center = [&](size_t a, size_t b) { return cells[a].center() < cells[b].center(); };
    std::sort(parents.begin(), parents.end(), by_center);
    std::sort(children.begin(), children.end(), by_center);
    const size_t C = children.size(), P = parents.size();
    if (C < P) continue;
    auto span_mid = [&](size_t i, size_t j) {  // children [i, j]
      double b = 1e9, e = -1e9;
      for (size_t k = i; k <= j; ++k) {
        for (const Phrase& ph : cells[children[k]].phrases) b = std::min<double>(b, ph.begin), e = std::max<double>(e, ph.end);
      }
      return (b + e) / 2;
    };
    const double kInfCost = 1e18;
    std::vector<std::vector<double>> f(C + 1, std::vector<double>(P + 1, kInfCost));
    std::vector<std::vector<size_t>> from(C + 1, std::vector<size_t>(P + 1, 0));
    f[0][0] = 0;
    for (size_t j = 1; j <= P; ++j)
      for (size_t i = j; i <= C; ++i)
        for (size_t k = j - 1; k < i; ++k) {
          if (f[k][j - 1] >= kInfCost) continue;
          double v = f[k][j - 1] + std::abs(cells[parents[j - 1]].center() - span_mid(k, i - 1));
          if (v < f[i][j]) f[i][j] = v, from[i][j] = k;
        }
    if (f[C][P] >= kInfCost) continue;
    for (size_t j = P, i = C; j > 0; --j) {
      size_t k = from[i][j];
      for (size_t x = k; x < i; ++x) cells[children[x]].parent = static_cast<int>(parents[j - 1]);
      i = k;
    }
  }
  for (size_t c = 0; c < n; ++c)
    if (cells[c].parent >= 0) cells[cells[c].parent].has_child = true;
  // Leaves left to right, without the STT and unit labels.
  std::vector<size_t> leaves;
  for (size_t c = 0; c < n; ++c) {
    if (cells[c].has_child) continue;
    std::string label = NormalizeLabel(StripMarkup(cells[c].Text()));
    if (cells[c].parent < 0 && (LabelIn(label, dict.vocabulary.stt) || LabelIn(label, dict.vocabulary.unit)))
      continue;
    leaves.push_back(c);
  }
  std::sort(leaves.begin(), leaves.end(),
            [&](size_t a, size_t b) { return cells[a].center() < cells[b].center(); });
  std::vector<std::vector<std::string>> paths;
  for (size_t c : leaves) {
    std::vector<std::string> path;
    for (int a = static_cast<int>(c); a >= 0; a = cells[a].parent) path.insert(path.begin(), cells[a].Text());
    paths.push_back(std::move(path));
  }
  if (leaves.size() != expected_leaves) return false;
  std::vector<std::string> notes;
  std::vector<Column> mapped;
  int schema = MapColumns(dict, title, paths, &mapped, &notes);
  if (schema < 0) return false;
  size_t keyed = 0;
  for (const Column& c : mapped) keyed += c.mapped;
  if (keyed * 2 < mapped.size()) return false;
  *columns = std::move(mapped);
  *schema_index = schema;
  for (std::string& note : notes) problems->push_back(std::move(note));
  return true;
}

// "(1)" .. "(99)": a cell of the row that numbers the columns.
bool IsColumnNumber(std::string_view t) {
  if (t.size() < 3 || t.size() > 4 || t.front() != '(' || t.back() != ')') return false;
  return std::all_of(t.begin() + 1, t.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

// A line whose words are all column numbers, at least three: their centres
// (code point columns); empty for any other line.
std::vector<double> ColumnNumberCenters(const std::string& line) {
  std::vector<double> centers;
  for (const Phrase& p : Phrases(line, 0)) {
    int col = p.begin;
    std::string word;
    for (size_t i = 0; i <= p.text.size(); ++i) {
      if (i == p.text.size() || p.text[i] == ' ') {
        if (!IsColumnNumber(word)) return {};
        const int len = static_cast<int>(word.size());  // ASCII
        centers.push_back(col - len + len / 2.0);
        word.clear();
        ++col;
        continue;
      }
      word += p.text[i];
      ++col;
    }
  }
  return centers.size() >= 3 ? centers : std::vector<double>{};
}

// Centres of the `n` numeric columns of data rows laid out in character
// columns: the median centre of the k-th of the last n cell tokens over the
// rows that end in n such tokens. Empty when no row does.
std::vector<double> ColumnCenters(const std::vector<std::string>& data_lines, size_t n) {
  std::vector<std::vector<double>> centers(n);
  for (const std::string& text : data_lines) {
    std::vector<std::pair<std::string, double>> tokens;  // text, centre
    int col = 0, start = 0;
    std::string cur;
    for (size_t i = 0; i <= text.size();) {
      const unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
      const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (c == ' ' || c == '\t') {
        if (!cur.empty()) tokens.push_back({cur, (start + col) / 2.0}), cur.clear();
        if (i == text.size()) break;
      } else {
        if (cur.empty()) start = col;
        cur.append(text, i, len);
      }
      col += c == '\t' ? 8 : 1;
      i += len;
    }
    size_t cells = 0;
    while (cells < tokens.size() && IsCellToken(tokens[tokens.size() - 1 - cells].first)) ++cells;
    if (cells < n) continue;
    for (size_t k = 0; k < n; ++k) centers[k].push_back(tokens[tokens.size() - n + k].second);
  }
  std::vector<double> out;
  if (n == 0 || centers[0].empty()) return out;
  for (auto& c : centers) {
    std::nth_element(c.begin(), c.begin() + c.size() / 2, c.end());
    out.push_back(c[c.size() / 2]);
  }
  for (size_t k = 1; k < n; ++k)
    if (out[k] <= out[k - 1]) return {};
  return out;
}

// One schema label found in the header: where it stands and which schema
// columns it can name.
struct PlacedLabel {
  std::string text;          // as written
  std::vector<int> columns;  // schema columns with this wording
  size_t line = 0;           // line of its first word
  int x = 0;                 // column of its first word
  double center = 0;         // centre of its words on that line
  bool alone = false;        // the only label of its cell on its line: its place is the cell's
};

struct PlacedWord {
  size_t line;
  int begin, end;
  std::string text;
};

std::vector<PlacedWord> WordsOf(const AlignedCell& cell) {
  std::vector<PlacedWord> out;
  for (const Phrase& p : cell.phrases) {
    int col = p.begin, start = p.begin;
    std::string cur;
    for (size_t i = 0; i <= p.text.size();) {
      if (i == p.text.size() || p.text[i] == ' ') {
        if (!cur.empty()) out.push_back({p.line, start, col, cur}), cur.clear();
        if (i == p.text.size()) break;
        ++i;
        ++col;
        continue;
      }
      const unsigned char c = static_cast<unsigned char>(p.text[i]);
      const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (cur.empty()) start = col;
      cur.append(p.text, i, len);
      i += len;
      ++col;
    }
  }
  return out;
}

// Splits a cell's words into the fewest labels of schema `si` (a label
// wrapped over lines is one label; labels run together on one line are
// several). False when some words are no label of the schema.
bool SegmentCell(const std::map<std::string, std::vector<int>>& wordings, size_t longest,
                 const AlignedCell& cell, std::vector<PlacedLabel>* out) {
  const std::vector<PlacedWord> placed = WordsOf(cell);
  std::vector<std::string> norm;  // normalised words
  std::vector<size_t> from;       // their placed word
  for (size_t w = 0; w < placed.size(); ++w)
    for (std::string& part : Words(NormalizeLabel(StripMarkup(placed[w].text)))) {
      norm.push_back(std::move(part));
      from.push_back(w);
    }
  if (norm.empty()) return true;  // marks only
  const size_t n = norm.size();
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> fewest(n + 1, kNone), cut(n + 1, 0);
  fewest[0] = 0;
  for (size_t i = 1; i <= n; ++i) {
    std::string joined;
    for (size_t j = i; j-- > 0 && i - j <= longest;) {
      joined = norm[j] + (joined.empty() ? "" : " " + joined);
      if (fewest[j] == kNone || !wordings.count(joined)) continue;
      // Fewest labels; of as many, the longer first label (j smaller).
      if (fewest[i] == kNone || fewest[j] + 1 <= fewest[i]) fewest[i] = fewest[j] + 1, cut[i] = j;
    }
  }
  if (fewest[n] == kNone) return false;
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t i = n; i > 0; i = cut[i]) spans.push_back({cut[i], i});
  std::reverse(spans.begin(), spans.end());
  for (auto [b, e] : spans) {
    PlacedLabel l;
    std::string joined;
    for (size_t k = b; k < e; ++k) joined += (k > b ? " " : "") + norm[k];
    l.columns = wordings.at(joined);
    const PlacedWord& first = placed[from[b]];
    for (size_t w = from[b]; w <= from[e - 1]; ++w) l.text += (l.text.empty() ? "" : " ") + placed[w].text;
    l.line = first.line;
    l.x = first.begin;
    int end = first.end;
    for (size_t w = from[b]; w <= from[e - 1]; ++w)
      if (placed[w].line == first.line) end = std::max(end, placed[w].end);
    l.center = (first.begin + end) / 2.0;
    out->push_back(std::move(l));
  }
  // Alone on its line within the cell: its place is the cell's.
  const size_t first_label = out->size() - spans.size();
  for (size_t i = first_label; i < out->size(); ++i) {
    int same = 0;
    for (size_t j = first_label; j < out->size(); ++j) same += (*out)[j].line == (*out)[i].line;
    (*out)[i].alone = same == 1;
  }
  return true;
}

// Labels matched to the nodes of a schema's tree, the order of the columns
// left to the page: every label names a distinct node with a leaf under it;
// a group's label stands on a line above the labels under it; the named
// leaves, placed left to right by their labels, put each named group's
// leaves side by side and the labels of one line in their order. Of the
// matchings with `leaves` named leaves, the one whose labels alone in their
// cell stand nearest the middle of their columns (`centers`, when known) is
// kept.
class TreeMatcher {
 public:
  TreeMatcher(const ColumnTree& tree, const Schema& schema, const std::vector<PlacedLabel>& labels,
              size_t leaves, const std::vector<double>& centers)
      : t_(tree), s_(schema), labels_(labels), leaves_(leaves), centers_(centers),
        node_(labels.size(), -1), used_(schema.columns.size(), false) {}

  struct Result {
    double cost = 1e18;
    std::vector<int> node;        // per label
    std::vector<int> leaf_order;  // named leaves, left to right
  };
  // The best matching in `best`, the best that keys the columns otherwise in
  // `second`.
  void Run(Result* best, Result* second) {
    best_ = best;
    second_ = second;
    Assign(0);
  }

 private:
  bool Ancestor(int a, int b) const {  // a strictly above b
    for (int p = t_.parent[b]; p >= 0; p = t_.parent[p])
      if (p == a) return true;
    return false;
  }
  void Assign(size_t i) {
    if (++steps_ > kMaxSteps) return;
    if (i == labels_.size()) {
      Finish();
      return;
    }
    const PlacedLabel& l = labels_[i];
    for (int k : l.columns) {
      if (used_[k] || t_.leftmost[k] == kNoLeaf) continue;
      bool ok = true;
      for (size_t j = 0; j < i && ok; ++j) {
        const int m = node_[j];
        if (Ancestor(k, m)) ok = false;  // labels come line by line: this one is not above
        if (Ancestor(m, k) && labels_[j].line >= l.line) ok = false;
      }
      if (!ok) continue;
      used_[k] = true;
      node_[i] = k;
      Assign(i + 1);
      used_[k] = false;
      node_[i] = -1;
    }
  }
  void Finish() {
    std::vector<size_t> leaf_labels;  // left to right
    for (size_t i = 0; i < node_.size(); ++i)
      if (s_.columns[node_[i]].leaf) leaf_labels.push_back(i);
    if (leaf_labels.size() != leaves_) return;
    std::stable_sort(leaf_labels.begin(), leaf_labels.end(),
                     [&](size_t a, size_t b) { return labels_[a].center < labels_[b].center; });
    // The leaf columns under each label's node: [first, last], as many as it has.
    const size_t n = node_.size();
    std::vector<int> first(n, 1 << 30), last(n, -1), count(n, 0);
    for (size_t i = 0; i < n; ++i)
      for (size_t c = 0; c < leaf_labels.size(); ++c) {
        const int leaf = node_[leaf_labels[c]];
        if (leaf != node_[i] && !Ancestor(node_[i], leaf)) continue;
        first[i] = std::min(first[i], static_cast<int>(c));
        last[i] = std::max(last[i], static_cast<int>(c));
        ++count[i];
      }
    for (size_t i = 0; i < n; ++i)
      if (count[i] == 0 || last[i] - first[i] + 1 != count[i]) return;  // apart or empty
    // Labels of one line in their order.
    for (size_t i = 0; i + 1 < n; ++i)
      if (labels_[i].line == labels_[i + 1].line && last[i] >= first[i + 1]) return;
    double cost = 0;
    if (centers_.size() == leaves_)
      for (size_t i = 0; i < n; ++i) {
        if (!labels_[i].alone) continue;
        double sum = 0;
        for (int c = first[i]; c <= last[i]; ++c) sum += centers_[c];
        cost += std::abs(labels_[i].center - sum / count[i]);
      }
    Result r{cost, node_, {}};
    for (size_t i : leaf_labels) r.leaf_order.push_back(node_[i]);
    if (cost < best_->cost) {
      if (best_->leaf_order != r.leaf_order && best_->cost < second_->cost) *second_ = *best_;
      *best_ = std::move(r);
    } else if (r.leaf_order != best_->leaf_order && cost < second_->cost) {
      *second_ = std::move(r);
    }
  }

  static constexpr long kMaxSteps = 200000;
  const ColumnTree& t_;
  const Schema& s_;
  const std::vector<PlacedLabel>& labels_;
  const size_t leaves_;
  const std::vector<double>& centers_;
  std::vector<int> node_;
  std::vector<bool> used_;
  Result* best_ = nullptr;
  Result* second_ = nullptr;
  long steps_ = 0;
};

// The second reading: every phrase of the header split into schema labels
// and the labels matched to a schema tree by their lines and order (see
// TreeMatcher). `above` (may be empty): a line of group labels printed
// above the STT line, taken when all its phrases are labels of the schema.
// `left` (code point column): cells ending left of it are the STT and unit
// labels. False when no schema explains every label, or when two readings
// that key the columns differently fit equally well.
bool ReadLabelsOnLines(const Dictionaries& dict, const std::vector<std::string>& above,
                       const std::vector<std::string>& lines, const std::vector<double>& centers,
                       size_t expected_leaves, std::vector<Column>* columns, int* schema_index) {
  const double left = centers.size() >= 2 ? centers[0] - (centers[1] - centers[0]) / 2 : -1e9;
  std::vector<AlignedCell> cells = JoinWrapped(lines);
  std::vector<AlignedCell> above_cells;
  for (const std::string& l : above)
    for (const Phrase& p : Phrases(l, 0)) above_cells.push_back(AlignedCell{{p}});
  auto kept = [&](const AlignedCell& c) {
    int e = c.end();
    for (const Phrase& p : c.phrases) e = std::max(e, p.end);
    const std::string label = NormalizeLabel(StripMarkup(c.Text()));
    return !(e <= left || LabelIn(label, dict.vocabulary.stt) || LabelIn(label, dict.vocabulary.unit));
  };
  constexpr double kMinMargin = 2.0;  // columns of text between the best and another reading
  for (size_t si = 0; si < dict.schemas.size(); ++si) {
    const Schema& s = dict.schemas[si];
    std::map<std::string, std::vector<int>> wordings;
    size_t longest = 0;
    for (size_t k = 0; k < s.columns.size(); ++k)
      for (const auto& syn : dict.synonym_words[si][k]) {
        if (syn.empty()) continue;
        std::string joined;
        for (const std::string& w : syn) joined += (joined.empty() ? "" : " ") + w;
        std::vector<int>& cols = wordings[joined];
        if (std::find(cols.begin(), cols.end(), static_cast<int>(k)) == cols.end())
          cols.push_back(static_cast<int>(k));
        longest = std::max(longest, syn.size());
      }
    std::vector<PlacedLabel> labels;
    bool ok = true;
    for (const AlignedCell& c : cells)
      if (kept(c) && !SegmentCell(wordings, longest, c, &labels)) ok = false;
    if (!ok || labels.empty()) continue;
    // The group line above: its labels stand on a line of their own above
    // the header's first.
    std::vector<PlacedLabel> top;
    bool top_ok = true;
    for (const AlignedCell& c : above_cells)
      if (kept(c) && !SegmentCell(wordings, longest, c, &top)) top_ok = false;
    if (top_ok && !top.empty()) {
      for (PlacedLabel& l : labels) ++l.line;
      labels.insert(labels.begin(), top.begin(), top.end());
    }
    std::stable_sort(labels.begin(), labels.end(), [](const PlacedLabel& a, const PlacedLabel& b) {
      return a.line != b.line ? a.line < b.line : a.x < b.x;
    });
    const ColumnTree tree = TreeOf(s);
    TreeMatcher::Result best, second;
    TreeMatcher(tree, s, labels, expected_leaves, centers).Run(&best, &second);
    if (best.cost >= 1e18) continue;
    if (second.cost < best.cost + kMinMargin) return false;  // two readings fit as well
    columns->clear();
    for (int k : best.leaf_order) {
      Column col;
      col.key = s.columns[k].key;
      for (size_t i = 0; i < labels.size(); ++i) {
        const int m = best.node[i];
        if (m == k) col.header.push_back(labels[i].text);
      }
      // Named groups above, outermost first.
      std::vector<std::string> path;
      for (int p = tree.parent[k]; p >= 0; p = tree.parent[p])
        for (size_t i = 0; i < labels.size(); ++i)
          if (best.node[i] == p) path.insert(path.begin(), labels[i].text);
      path.insert(path.end(), col.header.begin(), col.header.end());
      col.header = std::move(path);
      columns->push_back(std::move(col));
    }
    *schema_index = static_cast<int>(si);
    return true;
  }
  return false;
}

}  // namespace

bool ParseAlignedHeader(const Dictionaries& dict, const std::string& title, const std::vector<std::string>& above,
                        const std::vector<std::string>& given_lines,
                        const std::vector<std::string>& data_lines, size_t expected_leaves,
                        std::vector<Column>* columns, int* schema_index,
                        std::vector<std::string>* problems) {
  if (given_lines.empty() || expected_leaves == 0) return false;
  // The row numbering the columns ("(1) (2) ...") is no label; its numbers
  // stand in the middle of the columns: the last `expected_leaves` of them
  // are the numeric columns'.
  std::vector<std::string> lines;
  std::vector<double> centers;
  for (const std::string& l : given_lines) {
    std::vector<double> c = ColumnNumberCenters(l);
    if (c.empty()) {
      lines.push_back(l);
    } else if (c.size() >= expected_leaves) {
      centers.assign(c.end() - static_cast<std::ptrdiff_t>(expected_leaves), c.end());
    }
  }
  if (centers.empty()) centers = ColumnCenters(data_lines, expected_leaves);
  if (lines.empty()) return false;
  if (ReadLabelsOnLines(dict, above, lines, centers, expected_leaves, columns, schema_index)) return true;
  // The older reader sees the lines as given (the column-number row too,
  // which keeps it from taking a tree with numbers for labels).
  if (given_lines.size() < 2) return false;
  return ReadByTerritories(dict, title, given_lines, data_lines, expected_leaves, columns, schema_index, problems);
}

}  // namespace sohoa::tables_internal
