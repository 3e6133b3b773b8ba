#include "pipeline/check/schema.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "pipeline/core/files.h"
#include "pipeline/tables/schema.h"

namespace sohoa {


std::string CheckSchema::PercentParent(const std::string& key) const {
  auto it = percent_parent.find(key);
  if (it != percent_parent.end()) return it->second;
  it = percent_parent.find("*");
  return it == percent_parent.end() ? "" : it->second;
}

Status CheckSchemas::Load(const std::string& dictionaries_dir, CheckSchemas* out) {
  std::string dir = dictionaries_dir.empty() ? DictionariesDir() : dictionaries_dir;
  std::vector<Schema> schemas;
  if (Status s = LoadSchemas(dir + "/schemas", &schemas); !s.ok()) return s;
  out->schemas_.clear();
  for (const Schema& schema : schemas) {
    CheckSchema c;
    c.name = schema.name;
    for (const Identity& id : schema.identities) c.identities.push_back({id.lhs, id.terms});
    for (const SchemaColumn& col : schema.columns) {
      if (!col.leaf) continue;
      if (!col.parent.empty() && col.parent != "-") c.percent_parent[col.key] = col.parent;
      // "Số hồ sơ đã giải quyết / Tổng số": the first wording of each level.
      std::string label = col.synonyms.empty() ? col.key : col.synonyms[0];
      for (std::string g = col.group; !g.empty();) {
        const SchemaColumn* group = schema.Find(g);
        if (!group) break;
        // Groups like "Trong đó" add nothing a person needs.
        if (!group->synonyms.empty() && group->synonyms[0] != "Trong đó" &&
            group->synonyms[0] != "Kết quả giải quyết")
          label = group->synonyms[0] + " / " + label;
        g = group->group;
      }
      c.labels[col.key] = label;
    }
    out->schemas_.push_back(c);
  }
  return LoadBounds(dir + "/check/bounds.txt", out);
}

Status CheckSchemas::LoadBounds(const std::string& path, CheckSchemas* out) {
  std::string text;
  if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  auto trim = [](std::string s) {
    size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  while (std::getline(in, line)) {
    ++number;
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    std::vector<std::string> fields;
    std::istringstream ls(t);
    for (std::string f; std::getline(ls, f, '|');) fields.push_back(trim(f));
    size_t le = fields.size() >= 2 ? fields[1].find("<=") : std::string::npos;
    auto bad = [&](const std::string& what) {
      return Status::Corrupt(path + ":" + std::to_string(number) + ": " + what);
    };
    if (le == std::string::npos) return bad("expected 'SCHEMA | SMALLER <= LARGER | why'");
    RowBound b{trim(fields[1].substr(0, le)), trim(fields[1].substr(le + 2)),
               fields.size() > 2 ? fields[2] : ""};
    CheckSchema* schema = nullptr;
    for (CheckSchema& s : out->schemas_)
      if (s.name == fields[0]) schema = &s;
    if (!schema) return bad("unknown schema '" + fields[0] + "'");
    if (!schema->labels.count(b.smaller) || !schema->labels.count(b.larger))
      return bad("'" + b.smaller + "' or '" + b.larger + "' is not a column of " + fields[0]);
    schema->bounds.push_back(b);
  }
  return Status::Ok();
}

CheckSchemas CheckSchemas::FromList(std::vector<CheckSchema> schemas) {
  CheckSchemas out;
  out.schemas_ = std::move(schemas);
  return out;
}

const CheckSchema* CheckSchemas::Find(const std::string& name) const {
  for (const CheckSchema& s : schemas_)
    if (s.name == name) return &s;
  return nullptr;
}

const CheckSchema* CheckSchemas::Match(const std::vector<std::string>& keys) const {
  std::set<std::string> have(keys.begin(), keys.end());
  const CheckSchema* best = nullptr;
  size_t best_known = 0;
  for (const CheckSchema& s : schemas_) {
    std::set<std::string> known;
    for (const auto& [k, label] : s.labels) known.insert(k);
    bool identities_ok = true;
    for (const SumIdentity& id : s.identities) {
      if (!have.count(id.total)) identities_ok = false;
      for (const std::string& p : id.parts)
        if (p != "*" && !have.count(p)) identities_ok = false;
    }
    size_t n = 0;
    for (const std::string& k : keys) n += known.count(k);
    if (identities_ok && n * 2 > keys.size() && n > best_known) {
      best = &s;
      best_known = n;
    }
  }
  return best;
}

}  // namespace sohoa
