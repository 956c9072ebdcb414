// Reading a RowSource inside Database::bulk_load implementations: every engine checks that each
// row has one value per column before it formats the row, in the same words.
#pragma once

#include <string>
#include <vector>

#include "harness/engines/engine.h"

namespace crucible {

// rows.next(row), and throws crucible::Error naming `table` when the row it produced does not
// have `columns` values (a generator bug: the engine would misread every later row).
bool next_bulk_row(RowSource& rows, std::vector<SqlValue>& row, size_t columns,
                   const std::string& table);

}  // namespace crucible
