// Header trees and their mapping to schema keys.
#include <algorithm>
#include <map>
#include <set>

#include "pipeline/core/text_util.h"
#include "pipeline/tables/internal.h"

namespace sohoa::tables_internal {

std::vector<std::string> Words(std::string_view normalized) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < normalized.size()) {
    size_t j = normalized.find(' ', i);
    if (j == std::string_view::npos) j = normalized.size();
    if (j > i) out.emplace_back(normalized.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

void Dictionaries::Prepare() {
  synonym_words.clear();
  for (const Schema& s : schemas) {
    auto& per_schema = synonym_words.emplace_back();
    for (const SchemaColumn& c : s.columns) {
      auto& per_column = per_schema.emplace_back();
      for (const std::string& syn : c.synonyms) per_column.push_back(Words(NormalizeLabel(syn)));
    }
  }
}

std::vector<std::vector<std::string>> GridLeafPaths(const std::vector<std::vector<std::string>>& rows,
                                                    size_t first_column, size_t columns) {
  std::vector<std::vector<std::string>> paths;
  for (size_t c = first_column; c < columns; ++c) {
    std::vector<std::string> path;
    size_t lo = first_column;
    for (const std::vector<std::string>& row : rows) {
      size_t j = c + 1;
      while (j > lo && (j - 1 >= row.size() || row[j - 1].empty())) --j;
      if (j > lo) {
        path.push_back(row[j - 1]);
        lo = j - 1;
      }
    }
    paths.push_back(std::move(path));
  }
  return paths;
}

namespace {

bool ContainsWords(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (std::equal(needle.begin(), needle.end(), hay.begin() + i)) return true;
  return false;
}

// 10: the label is one of the synonyms; 3 + n: it contains a synonym of
// n >= 3 words ("Số hồ sơ TTHC trễ hạn theo số liệu trên Cổng Dịch vụ công
// quốc gia" contains "Cổng Dịch vụ công quốc gia"); 0: no match.
int LabelScore(const std::vector<std::string>& label, const std::vector<std::vector<std::string>>& synonyms) {
  int best = 0;
  for (const auto& syn : synonyms) {
    if (syn == label) return 100;
    if (syn.size() >= 3 && ContainsWords(label, syn)) best = std::max(best, 3 + static_cast<int>(syn.size()));
  }
  return best;
}

}  // namespace

std::vector<int> GroupChain(const Schema& s, int k) {
  std::vector<int> chain;
  std::string g = s.columns[k].group;
  while (!g.empty()) {
    int idx = -1;
    for (size_t i = 0; i < s.columns.size(); ++i)
      if (s.columns[i].key == g) idx = static_cast<int>(i);
    if (idx < 0 || std::find(chain.begin(), chain.end(), idx) != chain.end()) break;
    chain.push_back(idx);
    g = s.columns[idx].group;
  }
  return chain;
}

ColumnTree TreeOf(const Schema& s, const std::vector<int>& rank) {
  const int n = static_cast<int>(s.columns.size());
  ColumnTree t;
  t.parent.assign(n, -1);
  for (int k = 0; k < n; ++k) {
    std::vector<int> chain = GroupChain(s, k);
    t.parent[k] = chain.empty() ? -1 : chain[0];
  }
  t.leftmost.assign(n, kNoLeaf);
  for (int k = 0; k < n; ++k) {
    if (!s.columns[k].leaf) continue;
    const int r = rank.empty() ? k : rank[k];
    for (int a = k; a >= 0; a = t.parent[a]) t.leftmost[a] = std::min(t.leftmost[a], r);
  }
  t.rightmost.assign(n, -1);
  for (int k = 0; k < n; ++k) {
    if (!s.columns[k].leaf) continue;
    const int r = rank.empty() ? k : rank[k];
    for (int a = k; a >= 0; a = t.parent[a]) t.rightmost[a] = std::max(t.rightmost[a], r);
  }
  for (int k = 0; k < n; ++k)
    if (!s.columns[k].leaf) t.groups.push_back(k);
  return t;
}

std::vector<std::vector<int>> LeafOrders(const Schema& s) {
  const int n = static_cast<int>(s.columns.size());
  std::vector<int> top;
  for (int k = 0; k < n; ++k)
    if (s.columns[k].group.empty()) top.push_back(k);
  std::vector<std::vector<int>> out = {{}};
  if (top.size() > 6) return out;
  // Each column's first leaf in file order: a group sorts where its columns start.
  const ColumnTree file_order = TreeOf(s);
  std::vector<int> top_of(n), second_of(n);
  for (int k = 0; k < n; ++k) {
    std::vector<int> chain = GroupChain(s, k);
    top_of[k] = chain.empty() ? k : chain.back();
    second_of[k] = file_order.leftmost[chain.size() >= 2 ? chain[chain.size() - 2] : k];
  }
  // The top-level columns with several columns under them: each may have
  // its second level swapped on its own (pending before resolved while the
  // received total stays before its parts).
  std::vector<int> swappable;
  for (size_t i = 0; i < top.size(); ++i) {
    std::set<int> seconds;
    for (int k = 0; k < n; ++k)
      if (top_of[k] == top[i] && k != top[i]) seconds.insert(second_of[k]);
    if (seconds.size() >= 2) swappable.push_back(top[i]);
  }
  if (swappable.size() > 3) swappable.resize(3);
  std::vector<int> perm(top.size());
  for (size_t i = 0; i < perm.size(); ++i) perm[i] = static_cast<int>(i);
  do {
    for (int total_last = 0; total_last < 2; ++total_last)
      for (unsigned swap_mask = 0; swap_mask < (1u << swappable.size()); ++swap_mask) {
        std::vector<int> rank(n, 0);
        for (int k = 0; k < n; ++k) {
          int pos = 0;
          for (size_t i = 0; i < top.size(); ++i)
            if (top[perm[i]] == top_of[k]) pos = static_cast<int>(i);
          bool swap_second = false;
          for (size_t i = 0; i < swappable.size(); ++i)
            if ((swap_mask & (1u << i)) && swappable[i] == top_of[k]) swap_second = true;
          const int second = swap_second ? 999 - second_of[k] : second_of[k];
          rank[k] = pos * 1000000 + second * 1000 + k;
          const std::string& key = s.columns[k].key;
          if (total_last && !s.columns[k].group.empty() && key.size() > 6 &&
              key.compare(key.size() - 6, 6, "_total") == 0)
            rank[k] += 900;
        }
        out.push_back(std::move(rank));
      }
  } while (std::next_permutation(perm.begin(), perm.end()));
  return out;
}

namespace {

// The tree with the groups of `mask` (bit g: groups[g]) left out.
struct TreeShape {
  std::vector<bool> removed;  // left out
  std::vector<int> eparent;   // nearest enclosing group still present, -1 at the top
  std::vector<int> order;     // present columns with a leaf under them, level by
                              // level, left to right: how a header lists its cells
};

TreeShape ShapeOf(const ColumnTree& t, unsigned mask) {
  const int n = static_cast<int>(t.parent.size());
  TreeShape sh;
  sh.removed.assign(n, false);
  for (size_t g = 0; g < t.groups.size(); ++g)
    if (mask & (1u << g)) sh.removed[t.groups[g]] = true;
  std::vector<int> depth(n, 0);
  sh.eparent.assign(n, -1);
  for (int k = 0; k < n; ++k) {
    int p = t.parent[k];
    while (p >= 0 && sh.removed[p]) p = t.parent[p];
    sh.eparent[k] = p;
    for (int a = t.parent[k]; a >= 0; a = t.parent[a])
      if (!sh.removed[a]) ++depth[k];
  }
  for (int k = 0; k < n; ++k)
    if (!sh.removed[k] && t.leftmost[k] < kNoLeaf) sh.order.push_back(k);
  std::stable_sort(sh.order.begin(), sh.order.end(), [&](int a, int b) {
    return depth[a] != depth[b] ? depth[a] < depth[b] : t.leftmost[a] < t.leftmost[b];
  });
  return sh;
}

}  // namespace

namespace {

}  // namespace

std::vector<std::string> SplitHeaderPath(std::string_view header) {
  // Separators a clerk writes between the levels of a flattened header:
  // "A - B - C", "A – B", "A / B", "A: B", "A > B", "A » B"; a markdown
  // cell's line breaks "A<br>B<br>C". A hyphen or slash needs spaces around
  // it ("Lao động-Thương binh", "3/4" stay whole).
  static const std::string_view kSeparators[] = {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                                 " / ", ": ", " > ", " \xC2\xBB ", "<br>", "<br/>",
                                                 "<br />", "<BR>", "<BR/>", "<BR />"};
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i < header.size();) {
    size_t len = 0;
    for (std::string_view sep : kSeparators)
      if (header.compare(i, sep.size(), sep) == 0) {
        len = sep.size();
        break;
      }
    if (len == 0) {
      ++i;
      continue;
    }
    std::string piece = CollapseSpaces(std::string(header.substr(start, i - start)));
    // A piece with no letters ("3, 4") is no level of its own.
    if (!Words(NormalizeLabel(piece)).empty()) out.push_back(piece);
    else if (!out.empty()) out.back() += std::string(header.substr(start - len, i - start + len));
    start = i + len;
    i = start;
  }
  std::string last = CollapseSpaces(std::string(header.substr(start)));
  if (!last.empty()) out.push_back(last);
  return out;
}

int MapColumns(const Dictionaries& dict, const std::string& title,
               const std::vector<std::vector<std::string>>& given_paths, std::vector<Column>* columns,
               std::vector<std::string>* problems) {
  // Flattened header paths become paths of their own levels.
  std::vector<std::vector<std::string>> paths(given_paths.size());
  for (size_t i = 0; i < given_paths.size(); ++i)
    for (const std::string& h : given_paths[i])
      for (std::string& piece : SplitHeaderPath(h)) paths[i].push_back(std::move(piece));
  std::vector<std::vector<std::vector<std::string>>> norm(paths.size());
  for (size_t i = 0; i < paths.size(); ++i)
    for (const std::string& h : paths[i]) norm[i].push_back(Words(NormalizeLabel(h)));
  std::string title_norm = " ";
  title_norm.append(NormalizeLabel(title)).push_back(' ');

  int best_schema = -1, best_score = 0;
  std::vector<int> best_assign;
  for (size_t si = 0; si < dict.schemas.size(); ++si) {
    const Schema& s = dict.schemas[si];
    const auto& syn = dict.synonym_words[si];
    struct Pair {
      int score;
      size_t path;
      int col;
    };
    std::vector<Pair> pairs;
    for (size_t i = 0; i < paths.size(); ++i) {
      if (norm[i].empty()) continue;
      for (size_t k = 0; k < s.columns.size(); ++k) {
        if (!s.columns[k].leaf) continue;
        int score = LabelScore(norm[i].back(), syn[k]);
        if (score == 0) continue;
        std::vector<int> chain = GroupChain(s, static_cast<int>(k));
        for (size_t a = 0; a + 1 < norm[i].size(); ++a) {
          bool in_chain = false, other = false;
          for (size_t g = 0; g < s.columns.size(); ++g) {
            if (s.columns[g].leaf || LabelScore(norm[i][a], syn[g]) == 0) continue;
            if (std::find(chain.begin(), chain.end(), static_cast<int>(g)) != chain.end())
              in_chain = true;
            else
              other = true;
          }
          score += in_chain ? 5 : other ? -20 : 0;
        }
        if (score > 0) pairs.push_back({score, i, static_cast<int>(k)});
      }
      // A column headed by a group's name alone, its sub-columns left out
      // ("Số hồ sơ nhận giải quyết" over one column): the group's first
      // column, its total. Below any exact leaf reading.
      if (norm[i].size() == 1)
        for (size_t g = 0; g < s.columns.size(); ++g) {
          if (s.columns[g].leaf) continue;
          int score = LabelScore(norm[i].back(), syn[g]);
          if (score <= 1) continue;
          for (size_t k = 0; k < s.columns.size(); ++k)
            if (s.columns[k].leaf && s.columns[k].group == s.columns[g].key) {
              pairs.push_back({score - 1, i, static_cast<int>(k)});
              break;
            }
        }
    }
    std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.score > b.score; });
    std::vector<int> assign(paths.size(), -1);
    std::vector<bool> used(s.columns.size(), false);
    int total = 0, matched = 0;
    for (const Pair& p : pairs) {
      if (assign[p.path] >= 0 || used[p.col]) continue;
      assign[p.path] = p.col;
      used[p.col] = true;
      total += p.score;
      ++matched;
    }
    if (matched == 0 || matched * 2 < static_cast<int>(paths.size())) continue;
    for (const std::string& t : s.titles)
      if (title_norm.find(std::string(" ").append(NormalizeLabel(t)).append(" ")) != std::string::npos)
        total += 5;
    if (total > best_score) {
      best_score = total;
      best_schema = static_cast<int>(si);
      best_assign = assign;
    }
  }

  columns->clear();
  for (size_t i = 0; i < paths.size(); ++i) {
    Column c;
    c.header = paths[i];
    if (best_schema >= 0 && best_assign[i] >= 0) {
      c.key = dict.schemas[best_schema].columns[best_assign[i]].key;
    } else {
      std::string joined;
      for (const std::string& h : paths[i]) joined += (joined.empty() ? "" : " ") + h;
      c.key = SlugKey(joined.empty() ? "column " + std::to_string(i + 1) : joined);
      c.mapped = false;
      if (best_schema >= 0)
        problems->push_back("unmapped column '" + joined + "': matches no column of schema " +
                            dict.schemas[best_schema].name + "; kept under its own key " + c.key);
    }
    columns->push_back(std::move(c));
  }
  // Keys must be unique within a table.
  std::map<std::string, int> seen;
  for (Column& c : *columns)
    if (int n = seen[c.key]++; n > 0) c.key.append("_").append(std::to_string(n + 1));
  if (best_schema < 0 && !paths.empty())
    problems->push_back("header matches no schema in dictionaries/schemas; keys made from the header text");
  return best_schema;
}

namespace {

struct Label {
  std::string text;          // original words
  std::vector<int> columns;  // schema columns it can name
};

// Splits the header words into the longest schema labels. False when some
// words are no label of this schema.
bool SegmentLabels(const Dictionaries& dict, size_t si, const std::vector<std::string>& norm,
                   const std::vector<std::string>& orig, std::vector<Label>* labels) {
  const auto& syn = dict.synonym_words[si];
  labels->clear();
  size_t i = 0;
  while (i < norm.size()) {
    size_t best_len = 0;
    std::vector<int> cols;
    for (size_t k = 0; k < syn.size(); ++k) {
      for (const auto& sy : syn[k]) {
        if (sy.empty() || i + sy.size() > norm.size()) continue;
        if (!std::equal(sy.begin(), sy.end(), norm.begin() + i)) continue;
        if (sy.size() > best_len) {
          best_len = sy.size();
          cols.clear();
        }
        if (sy.size() == best_len && std::find(cols.begin(), cols.end(), k) == cols.end())
          cols.push_back(static_cast<int>(k));
      }
    }
    if (best_len == 0) return false;
    Label l;
    for (size_t j = i; j < i + best_len; ++j) l.text += (j > i ? " " : "") + orig[j];
    l.columns = std::move(cols);
    labels->push_back(std::move(l));
    i += best_len;
  }
  return !labels->empty();
}

}  // namespace

bool ParseFlatHeader(const Dictionaries& dict, const std::vector<std::string>& words,
                     int expected_leaves, std::vector<Column>* columns, int* schema_index) {
  // Normalised words, each with its original form (words that normalise to
  // nothing, like "(*)", are dropped).
  std::vector<std::string> norm, orig;
  for (const std::string& w : words) {
    std::string stripped = StripMarkup(w);
    if (Words(NormalizeLabel(stripped)).empty() && !orig.empty()) {
      orig.back() += " " + stripped;  // a footnote mark "(*)" stays with its label
      continue;
    }
    for (const std::string& part : Words(NormalizeLabel(stripped))) {
      norm.push_back(part);
      orig.push_back(Words(NormalizeLabel(stripped)).size() == 1 ? stripped : part);
    }
  }
  for (size_t si = 0; si < dict.schemas.size(); ++si) {
    const Schema& s = dict.schemas[si];
    std::vector<Label> labels;
    if (!SegmentLabels(dict, si, norm, orig, &labels)) continue;
    const int n = static_cast<int>(s.columns.size());
    // The schema's column order first; other orders only when the rows say
    // how many leaves there are.
    std::vector<std::vector<int>> orders =
        expected_leaves > 0 ? LeafOrders(s) : std::vector<std::vector<int>>{{}};
    for (const std::vector<int>& rank : orders) {
    const ColumnTree tree = TreeOf(s, rank);
    if (tree.groups.size() > 12) break;
    // Try the schema tree with fewer and fewer of its groups present: the
    // text layer lists the cells level by level, left to right.
    std::vector<unsigned> masks;
    for (unsigned m = 0; m < (1u << tree.groups.size()); ++m) masks.push_back(m);
    std::stable_sort(masks.begin(), masks.end(),
                     [](unsigned a, unsigned b) { return __builtin_popcount(a) < __builtin_popcount(b); });
    for (unsigned mask : masks) {
      const TreeShape shape = ShapeOf(tree, mask);
      const std::vector<int>& eparent = shape.eparent;
      const std::vector<int>& order = shape.order;
      std::vector<int> node_label(n, -1);
      size_t p = 0;
      bool ok = true;
      for (size_t li = 0; li < labels.size() && ok; ++li) {
        while (p < order.size() &&
               std::find(labels[li].columns.begin(), labels[li].columns.end(), order[p]) ==
                   labels[li].columns.end())
          ++p;
        if (p == order.size()) {
          ok = false;
          break;
        }
        node_label[order[p]] = static_cast<int>(li);
        ++p;
      }
      if (!ok) continue;
      // Every named column's group must be named too; every named group
      // must have a named column under it.
      int leaves = 0;
      for (int k = 0; k < n && ok; ++k) {
        if (node_label[k] < 0) continue;
        if (eparent[k] >= 0 && node_label[eparent[k]] < 0) ok = false;
        if (s.columns[k].leaf) {
          ++leaves;
        } else {
          bool has_child = false;
          for (int c = 0; c < n; ++c)
            if (eparent[c] == k && node_label[c] >= 0) has_child = true;
          if (!has_child) ok = false;
        }
      }
      if (!ok || leaves == 0 || (expected_leaves > 0 && leaves != expected_leaves)) continue;
      columns->clear();
      std::vector<int> named;
      for (int k = 0; k < n; ++k)
        if (s.columns[k].leaf && node_label[k] >= 0) named.push_back(k);
      std::stable_sort(named.begin(), named.end(),
                       [&](int a, int b) { return tree.leftmost[a] < tree.leftmost[b]; });
      for (int k : named) {
        Column c;
        c.key = s.columns[k].key;
        for (int a = k; a >= 0; a = eparent[a])
          if (node_label[a] >= 0) c.header.insert(c.header.begin(), labels[node_label[a]].text);
        columns->push_back(std::move(c));
      }
      *schema_index = static_cast<int>(si);
      return true;
    }
    }
  }
  return false;
}


// ---------------------------------------------------------------------------
// Approximate header cells (OCR). See ParseHeaderCells in internal.h.

namespace {

// Levenshtein distance between two sequences, substitution cost from `sub`.
template <typename T, typename Sub>
double EditDistance(const std::vector<T>& a, const std::vector<T>& b, Sub sub) {
  std::vector<double> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<double>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<double>(i);
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + sub(a[i - 1], b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Edit distance of two normalised labels over the longer length. Labels
// are compared byte by byte: NormalizeLabel leaves them ASCII but for rare
// letters, which then count as a few bytes.
double CharDistance(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  const size_t n = std::max(a.size(), b.size());
  if (n == 0) return 0;
  thread_local std::vector<unsigned> prev, cur;
  prev.resize(b.size() + 1);
  cur.resize(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<unsigned>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<unsigned>(i);
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
    std::swap(prev, cur);
  }
  return prev[b.size()] / static_cast<double>(n);
}

}  // namespace

double LabelDistance(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a == b) return 0;
  if (a.empty() || b.empty()) return 1;
  std::string ja, jb;
  for (const std::string& w : a) ja += (ja.empty() ? "" : " ") + w;
  for (const std::string& w : b) jb += (jb.empty() ? "" : " ") + w;
  double chars = CharDistance(ja, jb);
  double words = EditDistance(a, b, [](const std::string& x, const std::string& y) { return CharDistance(x, y); }) /
                 static_cast<double>(std::max(a.size(), b.size()));
  return std::min(chars, words);
}

namespace {

constexpr double kMaxCellDistance = 0.5;  // worst accepted approximate cell
constexpr double kMinMargin = 0.1;        // over the best different reading
constexpr double kInf = 1e18;

// One reading of the cells: the schema, its tree variant and the node each
// cell names.
struct CellReading {
  double cost = kInf;
  int schema = -1;
  std::vector<int> node;       // per cell
  std::vector<int> synonym;    // per cell: index of the closest synonym
  std::vector<double> dist;    // per cell
  std::vector<int> eparent;    // per schema column, in the variant
};

// Distance of every cell to every column of schema `si` (kInf beyond the
// accepted distance) and the closest synonym.
struct CellCosts {
  std::vector<std::vector<double>> cost;  // [cell][column]
  std::vector<std::vector<int>> which;    // [cell][column]
};

CellCosts CostsFor(const Dictionaries& dict, size_t si, const std::vector<std::vector<std::string>>& cells) {
  const auto& syn = dict.synonym_words[si];
  const size_t n = syn.size();
  CellCosts cc;
  cc.cost.assign(cells.size(), std::vector<double>(n, kInf));
  cc.which.assign(cells.size(), std::vector<int>(n, -1));
  for (size_t c = 0; c < cells.size(); ++c)
    for (size_t k = 0; k < n; ++k)
      for (size_t y = 0; y < syn[k].size(); ++y) {
        double d = LabelDistance(cells[c], syn[k][y]);
        if (d <= kMaxCellDistance && d < cc.cost[c][k]) cc.cost[c][k] = d, cc.which[c][k] = static_cast<int>(y);
      }
  return cc;
}

// Best reading of the cells with schema `si`, with the (cell, column) pairs
// in `forbidden` excluded when `si` is `forbid_schema`. Updates `best` when cheaper.
void ReadCells(const Dictionaries& dict, size_t si, const CellCosts& costs, int expected_leaves,
               int forbid_schema, const std::vector<std::pair<int, int>>& forbidden, CellReading* best) {
  const Schema& s = dict.schemas[si];
  const int n = static_cast<int>(s.columns.size());
  const int C = static_cast<int>(costs.cost.size());
  std::vector<std::vector<double>> cost = costs.cost;
  const auto& which = costs.which;
  if (static_cast<int>(si) == forbid_schema)
    for (auto [c, k] : forbidden) cost[c][k] = kInf;
  const ColumnTree tree = TreeOf(s);
  const std::vector<int>& groups = tree.groups;
  if (groups.size() > 12) return;
  const int max_leaves = n;
  for (unsigned mask = 0; mask < (1u << groups.size()); ++mask) {
    const TreeShape shape = ShapeOf(tree, mask);
    const std::vector<bool>& removed = shape.removed;
    const std::vector<int>& eparent = shape.eparent;
    const std::vector<int>& order = shape.order;
    const int P = static_cast<int>(order.size());
    if (P < C) continue;
    // f[p][c][l]: cheapest way for the first p nodes to take the first c
    // cells with l leaves named. Groups are never skipped (the variant
    // without a group is another mask); leaves may be.
    auto idx = [&](int p, int c, int l) { return (static_cast<size_t>(p) * (C + 1) + c) * (max_leaves + 1) + l; };
    std::vector<double> f(static_cast<size_t>(P + 1) * (C + 1) * (max_leaves + 1), kInf);
    f[idx(0, 0, 0)] = 0;
    for (int p = 0; p < P; ++p) {
      const int k = order[p];
      const bool leaf = s.columns[k].leaf;
      for (int c = 0; c <= C; ++c)
        for (int l = 0; l <= max_leaves; ++l) {
          double v = f[idx(p, c, l)];
          if (v >= kInf) continue;
          if (leaf) f[idx(p + 1, c, l)] = std::min(f[idx(p + 1, c, l)], v);
          if (c < C && cost[c][k] < kInf) {
            int l2 = l + (leaf ? 1 : 0);
            if (l2 <= max_leaves) f[idx(p + 1, c + 1, l2)] = std::min(f[idx(p + 1, c + 1, l2)], v + cost[c][k]);
          }
        }
    }
    for (int l = 1; l <= max_leaves; ++l) {
      if (expected_leaves > 0 && l != expected_leaves) continue;
      double total = f[idx(P, C, l)];
      if (total >= best->cost) continue;
      // Walk back.
      std::vector<int> node(C, -1);
      int c = C, ll = l;
      bool ok = true;
      for (int p = P; p > 0 && ok; --p) {
        const int k = order[p - 1];
        const bool leaf = s.columns[k].leaf;
        double v = f[idx(p, c, ll)];
        if (leaf && f[idx(p - 1, c, ll)] == v) continue;
        int lp = ll - (leaf ? 1 : 0);
        if (c > 0 && lp >= 0 && cost[c - 1][k] < kInf && f[idx(p - 1, c - 1, lp)] + cost[c - 1][k] == v) {
          node[c - 1] = k;
          --c;
          ll = lp;
        } else {
          ok = false;
        }
      }
      if (!ok || c != 0) continue;
      // Every group present must name a column under it.
      std::vector<bool> named(n, false);
      for (int k : node) named[k] = true;
      for (int g : groups) {
        if (removed[g]) continue;
        bool child = false;
        for (int k = 0; k < n; ++k)
          if (eparent[k] == g && named[k]) child = true;
        if (!child) ok = false;
      }
      if (!ok) continue;
      best->cost = total;
      best->schema = static_cast<int>(si);
      best->node = node;
      best->eparent = eparent;
      best->synonym.assign(C, -1);
      best->dist.assign(C, 0);
      for (int i = 0; i < C; ++i) {
        best->synonym[i] = which[i][node[i]];
        best->dist[i] = cost[i][node[i]];
      }
    }
  }
}

std::string Percent(double d) {
  return std::to_string(static_cast<int>(d * 100 + 0.5)) + "%";
}

}  // namespace

bool ParseHeaderCells(const Dictionaries& dict, const std::vector<std::string>& cells, int expected_leaves,
                      std::vector<Column>* columns, int* schema_index, std::vector<HeaderNote>* notes) {
  std::vector<std::vector<std::string>> norm;
  std::vector<std::string> orig;
  for (const std::string& cell : cells) {
    std::vector<std::string> w = Words(NormalizeLabel(StripMarkup(cell)));
    if (w.empty()) continue;  // OCR specks, a lone footnote mark
    norm.push_back(std::move(w));
    orig.push_back(StripMarkup(cell));
  }
  if (norm.empty()) return false;
  std::vector<CellCosts> costs;
  for (size_t si = 0; si < dict.schemas.size(); ++si) costs.push_back(CostsFor(dict, si, norm));
  auto read = [&](int forbid_schema, const std::vector<std::pair<int, int>>& forbidden) {
    CellReading r;
    for (size_t si = 0; si < dict.schemas.size(); ++si)
      ReadCells(dict, si, costs[si], expected_leaves, forbid_schema, forbidden, &r);
    return r;
  };
  CellReading best = read(-1, {});
  if (best.schema < 0) return false;
  // The runner-up: the best reading that gives some approximate cell
  // another node. The reading is taken only when clearly cheaper.
  for (size_t c = 0; c < norm.size(); ++c) {
    if (best.dist[c] == 0) continue;
    CellReading other = read(best.schema, {{static_cast<int>(c), best.node[c]}});
    if (other.schema >= 0 && other.cost - best.cost < kMinMargin) return false;
  }
  const Schema& s = dict.schemas[best.schema];
  const int n = static_cast<int>(s.columns.size());
  std::vector<std::string> text(n);
  std::vector<bool> named(n, false);
  for (size_t c = 0; c < norm.size(); ++c) {
    int k = best.node[c];
    named[k] = true;
    if (best.dist[c] == 0) {
      text[k] = orig[c];
    } else {
      text[k] = s.columns[k].synonyms[best.synonym[c]];
      notes->push_back({s.columns[k].key, "header cell '" + orig[c] + "' read as '" + text[k] + "' (" + s.name +
                                              "." + s.columns[k].key + ", " + Percent(best.dist[c]) +
                                              " of the letters differ)"});
    }
  }
  columns->clear();
  for (int k = 0; k < n; ++k) {
    if (!s.columns[k].leaf || !named[k]) continue;
    Column col;
    col.key = s.columns[k].key;
    for (int a = k; a >= 0; a = best.eparent[a])
      if (named[a]) col.header.insert(col.header.begin(), text[a]);
    columns->push_back(std::move(col));
  }
  *schema_index = best.schema;
  return true;
}

}  // namespace sohoa::tables_internal
