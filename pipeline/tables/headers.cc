// Header trees and their mapping to schema keys.
#include <algorithm>
#include <map>

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

}  // namespace

int MapColumns(const Dictionaries& dict, const std::string& title,
               const std::vector<std::vector<std::string>>& paths, std::vector<Column>* columns,
               std::vector<std::string>* problems) {
  std::vector<std::vector<std::vector<std::string>>> norm(paths.size());
  for (size_t i = 0; i < paths.size(); ++i)
    for (const std::string& h : paths[i]) norm[i].push_back(Words(NormalizeLabel(h)));
  const std::string title_norm = " " + NormalizeLabel(title) + " ";

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
      if (best_schema >= 0)
        problems->push_back("column '" + joined + "' matches no column of schema " +
                            dict.schemas[best_schema].name + "; key " + c.key + " made from its header");
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
    std::vector<int> parent(n, -1);
    for (int k = 0; k < n; ++k) {
      std::vector<int> chain = GroupChain(s, k);
      parent[k] = chain.empty() ? -1 : chain[0];
    }
    // Left-to-right position of a column: its first leaf in file order.
    std::vector<int> leftmost(n, n);
    for (int k = 0; k < n; ++k) {
      if (!s.columns[k].leaf) continue;
      for (int a = k; a >= 0; a = parent[a]) leftmost[a] = std::min(leftmost[a], k);
    }
    std::vector<int> groups;
    for (int k = 0; k < n; ++k)
      if (!s.columns[k].leaf) groups.push_back(k);
    if (groups.size() > 12) continue;
    // Try the schema tree with fewer and fewer of its groups present: the
    // text layer lists the cells level by level, left to right.
    std::vector<unsigned> masks;
    for (unsigned m = 0; m < (1u << groups.size()); ++m) masks.push_back(m);
    std::stable_sort(masks.begin(), masks.end(),
                     [](unsigned a, unsigned b) { return __builtin_popcount(a) < __builtin_popcount(b); });
    for (unsigned mask : masks) {
      std::vector<bool> removed(n, false);
      for (size_t g = 0; g < groups.size(); ++g)
        if (mask & (1u << g)) removed[groups[g]] = true;
      std::vector<int> eparent(n, -1), depth(n, 0);
      for (int k = 0; k < n; ++k) {
        int p = parent[k];
        while (p >= 0 && removed[p]) p = parent[p];
        eparent[k] = p;
        for (int a = parent[k]; a >= 0; a = parent[a])
          if (!removed[a]) ++depth[k];
      }
      std::vector<int> order;
      for (int k = 0; k < n; ++k)
        if (!removed[k] && leftmost[k] < n) order.push_back(k);
      std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return depth[a] != depth[b] ? depth[a] < depth[b] : leftmost[a] < leftmost[b];
      });
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
      for (int k = 0; k < n; ++k) {
        if (!s.columns[k].leaf || node_label[k] < 0) continue;
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
  return false;
}

}  // namespace sohoa::tables_internal
