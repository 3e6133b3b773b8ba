#include "pipeline/tables/units.h"

#include <algorithm>

#include "pipeline/core/files.h"
#include "pipeline/tables/schema.h"

namespace sohoa {

namespace {

std::vector<std::string> Tokens(std::string_view normalized) {
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

std::string Join(const std::vector<std::string>& t, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < t.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += t[i];
  }
  return out;
}

std::string TrimCopy(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

// Reads "a | b" or "a = b" lines of a dictionary file.
Status ReadPairs(const std::string& path, char sep, std::vector<std::pair<std::string, std::string>>* out,
                 std::vector<int>* lines) {
  std::string bytes;
  if (Status s = ReadFileBytes(path, &bytes); !s.ok()) return s;
  int line_no = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string::npos) nl = bytes.size();
    std::string line = TrimCopy(std::string_view(bytes).substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t p = line.find(sep);
    if (p == std::string::npos)
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": expected '" +
                                     std::string(1, sep) + "'");
    out->emplace_back(TrimCopy(line.substr(0, p)), TrimCopy(line.substr(p + 1)));
    lines->push_back(line_no);
  }
  return Status::Ok();
}

// True when the written tokens read as the name's: each token is the next
// word, or, with 2 to 6 letters, the initials of as many next words ("dt" =
// "dan toc"); at least one token must be initials.
bool ReadsAsInitials(const std::vector<std::string>& w, const std::vector<std::string>& n) {
  // reach[i][j]: the first i tokens read as the first j words (bit 1: with initials).
  std::vector<std::vector<int>> reach(w.size() + 1, std::vector<int>(n.size() + 1, 0));
  reach[0][0] = 1;
  for (size_t i = 0; i < w.size(); ++i)
    for (size_t j = 0; j <= n.size(); ++j) {
      const int r = reach[i][j];
      if (r == 0) continue;
      if (j < n.size() && w[i] == n[j]) reach[i + 1][j + 1] |= r;
      const size_t k = w[i].size();
      if (k < 2 || k > 6 || j + k > n.size()) continue;
      bool initials = true;
      for (size_t x = 0; x < k && initials; ++x) initials = n[j + x][0] == w[i][x];
      if (initials) reach[i + 1][j + k] |= r << 1;
    }
  return (reach[w.size()][n.size()] & ~1) != 0;
}

bool StartsWith(const std::vector<std::string>& t, size_t at, const std::vector<std::string>& p) {
  if (p.empty() || at + p.size() > t.size()) return false;
  return std::equal(p.begin(), p.end(), t.begin() + at);
}

}  // namespace

Status UnitAliases::Load(const std::string& dir) {
  abbreviations_.clear();
  short_levels_.clear();
  squeezed_.clear();
  forms_.clear();
  by_key_.clear();
  names_.clear();
  levels_.clear();
  std::vector<std::pair<std::string, std::string>> pairs;
  std::vector<int> lines;
  if (Status s = ReadPairs(dir + "/abbreviations.txt", '=', &pairs, &lines); !s.ok()) return s;
  for (const auto& [abbr, full] : pairs)
    abbreviations_.emplace_back(Tokens(NormalizeLabel(abbr)), Tokens(NormalizeLabel(full)));
  // Longest abbreviation first so "vh tt dl" wins over "tt".
  std::stable_sort(abbreviations_.begin(), abbreviations_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [abbr, full] : abbreviations_)
    if (Join(abbr) == "ubnd") council_ = full;
  if (council_.empty()) council_ = {"uy", "ban", "nhan", "dan"};

  pairs.clear();
  lines.clear();
  if (Status s = ReadPairs(dir + "/local.txt", '|', &pairs, &lines); !s.ok()) return s;
  for (const auto& [kind, value] : pairs) {
    if (kind == "short") {
      size_t eq = value.find('=');
      if (eq == std::string::npos)
        return Status::InvalidArgument(dir + "/local.txt: expected 'short | ABBR = level'");
      short_levels_.emplace_back(NormalizeLabel(value.substr(0, eq)),
                                 Tokens(NormalizeLabel(value.substr(eq + 1))));
      continue;
    }
    if (kind != "level")
      return Status::InvalidArgument(dir + "/local.txt: unknown line kind '" + kind + "'");
    levels_.emplace_back(Tokens(NormalizeLabel(value)), value);
  }
  std::stable_sort(levels_.begin(), levels_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });

  pairs.clear();
  lines.clear();
  if (Status s = ReadPairs(dir + "/units.txt", '|', &pairs, &lines); !s.ok()) return s;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const std::string& canonical = pairs[i].first;
    names_.push_back(canonical);
    std::vector<std::string> all = {canonical};
    std::string_view rest = pairs[i].second;
    while (!rest.empty()) {
      size_t p = rest.find(';');
      std::string alias = TrimCopy(rest.substr(0, p));
      if (!alias.empty()) all.push_back(alias);
      if (p == std::string_view::npos) break;
      rest.remove_prefix(p + 1);
    }
    for (const std::string& a : all) {
      std::string key = Key(a);
      forms_.emplace_back(Tokens(key), canonical);
      std::string squeezed;
      for (char c : key)
        if (c != ' ') squeezed.push_back(c);
      // Two names with one squeezed key: neither is found that way.
      auto [sq, fresh] = squeezed_.emplace(squeezed, canonical);
      if (!fresh && sq->second != canonical) sq->second.clear();
      auto [it, inserted] = by_key_.emplace(key, canonical);
      if (!inserted && it->second != canonical)
        return Status::InvalidArgument(dir + "/units.txt:" + std::to_string(lines[i]) + ": '" + a +
                                       "' already names " + it->second);
    }
  }
  return Status::Ok();
}

std::vector<std::string> UnitAliases::ExpandTokens(std::string_view name) const {
  std::vector<std::string> t = Tokens(NormalizeLabel(name));
  std::vector<std::string> out;
  for (size_t i = 0; i < t.size();) {
    bool expanded = false;
    for (const auto& [abbr, full] : abbreviations_) {
      if (StartsWith(t, i, abbr)) {
        out.insert(out.end(), full.begin(), full.end());
        i += abbr.size();
        expanded = true;
        break;
      }
    }
    if (!expanded) out.push_back(t[i++]);
  }
  // "và" and "&" join names the same way a hyphen or comma does.
  out.erase(std::remove(out.begin(), out.end(), "va"), out.end());
  return out;
}

std::string UnitAliases::Key(std::string_view name) const { return Join(ExpandTokens(name)); }

std::string UnitAliases::Canonical(std::string_view name) const {
  std::vector<std::string> t = ExpandTokens(name);
  if (t.empty()) return "";
  if (auto it = by_key_.find(Join(t)); it != by_key_.end()) return it->second;
  // A text layer that broke the words ("S ở Tư pháp"): the key without spaces.
  {
    std::string squeezed;
    for (const std::string& w : t) squeezed += w;
    if (auto it = squeezed_.find(squeezed); it != squeezed_.end() && !it->second.empty())
      return it->second;
  }
  // Initials the abbreviations do not list: the one name they read as.
  {
    std::string found;
    bool ambiguous = false;
    for (const auto& [form, canonical] : forms_) {
      if (form.size() <= t.size() || !ReadsAsInitials(t, form)) continue;
      if (!found.empty() && found != canonical) ambiguous = true;
      found = canonical;
    }
    if (!found.empty() && !ambiguous) return found;
  }
  // Local government: "[UBND] <level> <Name>" -> "UBND <level> <Name>".
  size_t at = StartsWith(t, 0, council_) ? council_.size() : 0;
  // "UBND H. Châu Thành": a level's short form, only after UBND.
  if (at > 0 && at + 1 < t.size())
    for (const auto& [abbr, level] : short_levels_)
      if (t[at] == abbr) {
        t.erase(t.begin() + at);
        t.insert(t.begin() + at, level.begin(), level.end());
        break;
      }
  for (const auto& [level, written] : levels_) {
    if (!StartsWith(t, at, level) || at + level.size() >= t.size()) continue;
    // The place name as written: the last (t.size() - at - level.size()) words.
    size_t name_words = t.size() - at - level.size();
    std::vector<std::string> words;
    std::string cur;
    for (char c : std::string(name)) {
      if (c == ' ' || c == '\t') {
        if (!cur.empty()) words.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) words.push_back(cur);
    if (words.size() < name_words) return "";
    std::string out = "UBND " + written;
    for (size_t i = words.size() - name_words; i < words.size(); ++i) out += " " + words[i];
    return out;
  }
  return "";
}

}  // namespace sohoa
