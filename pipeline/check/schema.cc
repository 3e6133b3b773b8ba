#include "pipeline/check/schema.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "pipeline/core/files.h"

namespace sohoa {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

std::string CheckSchema::PercentParent(const std::string& key) const {
  auto it = percent_parent.find(key);
  if (it != percent_parent.end()) return it->second;
  it = percent_parent.find("*");
  return it == percent_parent.end() ? "" : it->second;
}

Status CheckSchemas::Parse(const std::string& text, const std::string& origin,
                           CheckSchemas* out) {
  out->schemas_.clear();
  std::istringstream in(text);
  std::string line;
  int number = 0;
  auto error = [&](const std::string& what) {
    return Status::Corrupt(origin + ":" + std::to_string(number) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++number;
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> w = Words(line);
    if (w[0] == "schema") {
      if (w.size() != 2) return error("expected 'schema NAME'");
      out->schemas_.push_back(CheckSchema{w[1], {}, {}, {}});
      continue;
    }
    if (out->schemas_.empty()) return error("'" + w[0] + "' before any 'schema' line");
    CheckSchema& s = out->schemas_.back();
    if (w[0] == "sum") {
      // sum TOTAL = A + B + C
      if (w.size() < 4 || w[2] != "=") return error("expected 'sum TOTAL = PART + PART'");
      SumIdentity id{w[1], {}};
      for (size_t i = 3; i < w.size(); ++i) {
        if ((i - 3) % 2 == 1) {
          if (w[i] != "+") return error("expected '+' between parts");
          continue;
        }
        id.parts.push_back(w[i]);
      }
      if (id.parts.empty()) return error("sum without parts");
      s.identities.push_back(id);
    } else if (w[0] == "percent") {
      if (w.size() != 4 || w[2] != "/") return error("expected 'percent KEY / PARENT'");
      s.percent_parent[w[1]] = w[3];
    } else if (w[0] == "label") {
      size_t eq = line.find('=');
      if (w.size() < 4 || eq == std::string::npos) return error("expected 'label KEY = TEXT'");
      s.labels[w[1]] = Trim(line.substr(eq + 1));
    } else {
      return error("unknown directive '" + w[0] + "'");
    }
  }
  return Status::Ok();
}

Status CheckSchemas::Load(const std::string& dictionaries_dir, CheckSchemas* out) {
  std::string dir = dictionaries_dir.empty() ? DictionariesDir() : dictionaries_dir;
  std::string path = dir + "/check/schemas.txt";
  std::string text;
  if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
  return Parse(text, path, out);
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
