// The relations a table of a known schema must satisfy: row identities
// (TOTAL = PART + ...), the denominator of each column's percentage and the
// name a person gives each column: the check stage's view of the table
// schemas in dictionaries/schemas/*.schema, read through the tables stage's
// loader (pipeline/tables/schema.h), so the two stages share one description.
// Plain value types; immutable once loaded.
#ifndef SOHOA_CHECK_SCHEMA_H_
#define SOHOA_CHECK_SCHEMA_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa {

struct SumIdentity {
  std::string total;               // column key
  std::vector<std::string> parts;  // column keys; {"*"} = every other column
};

// SMALLER <= LARGER on every row of the table (dictionaries/check/bounds.txt).
struct RowBound {
  std::string smaller, larger;  // column keys
  std::string why;
};

struct CheckSchema {
  std::string name;
  std::vector<SumIdentity> identities;
  std::vector<RowBound> bounds;
  std::map<std::string, std::string> percent_parent;  // key ("*" = default) -> parent key
  std::map<std::string, std::string> labels;          // key -> Vietnamese column name

  // Parent of `key`'s percentage, "" when the schema does not say.
  std::string PercentParent(const std::string& key) const;
};

class CheckSchemas {
 public:
  // Loads <dictionaries_dir>/schemas/*.schema and the row bounds of
  // <dictionaries_dir>/check/bounds.txt.
  static Status Load(const std::string& dictionaries_dir, CheckSchemas* out);
  // For tests: schemas given directly.
  static CheckSchemas FromList(std::vector<CheckSchema> schemas);

  const CheckSchema* Find(const std::string& name) const;
  const std::vector<CheckSchema>& all() const { return schemas_; }
  // The schema whose identities' keys all occur in `keys` and cover most of
  // them; nullptr when none fits (the table is then checked by inference).
  const CheckSchema* Match(const std::vector<std::string>& keys) const;

 private:
  static Status LoadBounds(const std::string& path, CheckSchemas* out);
  std::vector<CheckSchema> schemas_;
};

}  // namespace sohoa

#endif  // SOHOA_CHECK_SCHEMA_H_
