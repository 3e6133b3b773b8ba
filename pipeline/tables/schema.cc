#include "pipeline/tables/schema.h"

#include <algorithm>
#include <filesystem>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"

namespace sohoa {

namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(Trim(s.substr(start, p == std::string_view::npos ? s.npos : p - start)));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

std::vector<std::string> SplitSynonyms(std::string_view s) {
  std::vector<std::string> out;
  for (std::string& x : Split(s, ';'))
    if (!x.empty()) out.push_back(std::move(x));
  return out;
}

Status LineError(const std::string& path, int line, const std::string& what) {
  return Status::InvalidArgument(path + ":" + std::to_string(line) + ": " + what);
}

Status ParseIdentity(std::string_view text, Identity* id) {
  id->text = Trim(text);
  size_t eq = id->text.find('=');
  if (eq == std::string::npos) return Status::InvalidArgument("identity without '='");
  id->lhs = Trim(std::string_view(id->text).substr(0, eq));
  id->terms.clear();
  for (std::string& t : Split(std::string_view(id->text).substr(eq + 1), '+')) {
    if (t.empty()) return Status::InvalidArgument("empty term in identity");
    id->terms.push_back(std::move(t));
  }
  if (id->lhs.empty()) return Status::InvalidArgument("identity without left side");
  return Status::Ok();
}

}  // namespace

const SchemaColumn* Schema::Find(std::string_view key) const {
  for (const SchemaColumn& c : columns)
    if (c.key == key) return &c;
  return nullptr;
}

std::vector<std::string> Schema::LeafKeys() const {
  std::vector<std::string> out;
  for (const SchemaColumn& c : columns)
    if (c.leaf) out.push_back(c.key);
  return out;
}

Status LoadSchemaFile(const std::string& path, Schema* schema) {
  std::string bytes;
  if (Status s = ReadFileBytes(path, &bytes); !s.ok()) return s;
  *schema = Schema();
  int line_no = 0;
  size_t pos = 0;
  while (pos <= bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string::npos) nl = bytes.size();
    std::string line = Trim(std::string_view(bytes).substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t sp = line.find_first_of(" \t|");
    std::string word = line.substr(0, sp);
    std::string rest = sp == std::string::npos ? "" : Trim(std::string_view(line).substr(sp));
    if (word == "schema") {
      schema->name = rest;
    } else if (word == "title") {
      schema->titles.push_back(rest);
    } else if (word == "identity") {
      Identity id;
      if (Status s = ParseIdentity(rest, &id); !s.ok()) return LineError(path, line_no, s.message());
      schema->identities.push_back(std::move(id));
    } else if (word == "group" || word == "column") {
      std::vector<std::string> f = Split(line, '|');
      if (f.size() != 5) return LineError(path, line_no, "expected 5 fields separated by '|'");
      SchemaColumn c;
      c.leaf = word == "column";
      c.key = f[1];
      c.group = f[2] == "-" ? "" : f[2];
      c.parent = f[3] == "-" ? "" : f[3];
      c.synonyms = SplitSynonyms(f[4]);
      if (c.key.empty() || c.synonyms.empty())
        return LineError(path, line_no, "a column needs a key and at least one label");
      if (schema->Find(c.key)) return LineError(path, line_no, "duplicate key " + c.key);
      schema->columns.push_back(std::move(c));
    } else {
      return LineError(path, line_no, "unknown line kind '" + word + "'");
    }
  }
  if (schema->name.empty()) return LineError(path, 1, "no 'schema NAME' line");
  for (const SchemaColumn& c : schema->columns) {
    if (!c.group.empty()) {
      const SchemaColumn* g = schema->Find(c.group);
      if (!g || g->leaf) return Status::InvalidArgument(path + ": " + c.key + ": unknown group " + c.group);
    }
    if (!c.parent.empty() && !schema->Find(c.parent))
      return Status::InvalidArgument(path + ": " + c.key + ": unknown parent " + c.parent);
  }
  for (const Identity& id : schema->identities) {
    std::vector<std::string> keys = id.terms;
    keys.push_back(id.lhs);
    for (const std::string& k : keys)
      if (!schema->Find(k))
        return Status::InvalidArgument(path + ": identity '" + id.text + "': unknown key " + k);
  }
  return Status::Ok();
}

Status LoadSchemas(const std::string& dir, std::vector<Schema>* schemas) {
  schemas->clear();
  std::error_code ec;
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".schema") paths.push_back(e.path().string());
  if (ec) return Status::NotFound(dir + ": cannot read schema directory: " + ec.message());
  std::sort(paths.begin(), paths.end());
  for (const std::string& p : paths) {
    Schema s;
    if (Status st = LoadSchemaFile(p, &s); !st.ok()) return st;
    schemas->push_back(std::move(s));
  }
  if (schemas->empty()) return Status::NotFound(dir + ": no *.schema files");
  return Status::Ok();
}

Status LoadTableVocabulary(const std::string& path, TableVocabulary* v) {
  std::string bytes;
  if (Status s = ReadFileBytes(path, &bytes); !s.ok()) return s;
  *v = TableVocabulary();
  int line_no = 0;
  for (const std::string& raw : Split(bytes, '\n')) {
    ++line_no;
    if (raw.empty() || raw[0] == '#') continue;
    std::vector<std::string> f = Split(raw, '|');
    if (f.size() != 2) return LineError(path, line_no, "expected 'role | labels'");
    std::vector<std::string>* dst = f[0] == "stt"       ? &v->stt
                                    : f[0] == "unit"    ? &v->unit
                                    : f[0] == "total"   ? &v->total
                                    : f[0] == "percent" ? &v->percent
                                    : f[0] == "heading" ? &v->heading
                                                        : nullptr;
    if (!dst) return LineError(path, line_no, "unknown role '" + f[0] + "'");
    for (std::string& s : SplitSynonyms(f[1])) dst->push_back(NormalizeLabel(s));
  }
  return Status::Ok();
}

std::string NormalizeLabel(std::string_view label) {
  // Drop markup and footnote marks first so they do not leave letters behind.
  std::string s(label);
  for (std::string_view tag : {"<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<B>", "</B>", "<I>", "</I>",
                               "^(**)", "^(*)", "(***)", "(**)", "(*)", "\\*", "**"}) {
    for (size_t p; (p = s.find(tag)) != std::string::npos;) {
      s[p] = ' ';
      s.erase(p + 1, tag.size() - 1);
    }
  }
  s = StripDiacritics(ToLowerVietnamese(s));
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80;
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      keep = true;
    }
    if (keep) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string SlugKey(std::string_view label) {
  std::string s = NormalizeLabel(label);
  for (char& c : s)
    if (c == ' ') c = '_';
  return s.empty() ? "column" : s;
}

}  // namespace sohoa
