#include "pipeline/core/table.h"

namespace sohoa {

int Table::ColumnIndex(const std::string& key) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].key == key) return static_cast<int>(i);
  return -1;
}

}  // namespace sohoa
