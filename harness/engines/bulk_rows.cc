#include "harness/engines/bulk_rows.h"

#include <fmt/format.h>

namespace crucible {

bool next_bulk_row(RowSource& rows, std::vector<SqlValue>& row, size_t columns,
                   const std::string& table) {
  if (!rows.next(row)) return false;
  if (row.size() != columns)
    throw Error(fmt::format("bulk load into {}: a row has {} values for {} columns", table,
                            row.size(), columns));
  return true;
}

}  // namespace crucible
