// Table schemas: the known appendix tables (results, satisfaction,
// late_records), loaded from dictionaries/schemas/*.schema. A schema names
// each column with a canonical key, places it in the header tree (its
// `group`), gives the column a percentage of it is measured against (its
// `parent`), lists the header wordings that mean it, and states the row
// identities that hold between columns. The tables stage maps headers
// through it; the check stage reads `parent` and `identities`.
// Loaded schemas are immutable values; thread-safe to share.
#ifndef SOHOA_TABLES_SCHEMA_H_
#define SOHOA_TABLES_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa {

struct SchemaColumn {
  std::string key;    // "resolved_late"
  bool leaf = true;   // false for a header group ("resolved": Số hồ sơ đã giải quyết)
  std::string group;  // key of the header group above it; "" at the top
  // Percent rows give this column as a share of `parent` (a leaf key; the
  // column itself for 100%); "" when the schema does not say.
  std::string parent;
  std::vector<std::string> synonyms;  // header wordings, as written in the file
};

// "received_total = received_carryover + received_new"
struct Identity {
  std::string text;
  std::string lhs;
  std::vector<std::string> terms;  // all added
};

struct Schema {
  std::string name;                  // "results"
  std::vector<std::string> titles;   // title phrases that suggest this schema
  std::vector<SchemaColumn> columns; // groups and leaves, in left-to-right order
  std::vector<Identity> identities;

  const SchemaColumn* Find(std::string_view key) const;  // nullptr if absent
  std::vector<std::string> LeafKeys() const;             // in file order
};

// Labels common to all tables (dictionaries/schemas/common.txt).
struct TableVocabulary {
  std::vector<std::string> stt, unit, total, percent, heading;
};

// Reads one schema file. Errors name the file and line.
Status LoadSchemaFile(const std::string& path, Schema* schema);
// Reads every *.schema in `dir` (sorted by name).
Status LoadSchemas(const std::string& dir, std::vector<Schema>* schemas);
Status LoadTableVocabulary(const std::string& path, TableVocabulary* vocabulary);

// The form labels are compared in: markup and footnote marks removed, lower
// case, diacritics removed, punctuation to spaces, spaces collapsed.
// "Số hồ sơ mức độ 3, 4 (*)" -> "so ho so muc do 3 4".
std::string NormalizeLabel(std::string_view label);
// A key made from header text: "Số hồ sơ đã giải quyết" -> "so_ho_so_da_giai_quyet".
std::string SlugKey(std::string_view label);

}  // namespace sohoa

#endif  // SOHOA_TABLES_SCHEMA_H_
