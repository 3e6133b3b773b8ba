#include "pipeline/check/schema.h"

#include <algorithm>
#include <set>

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
