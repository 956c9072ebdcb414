// Which tables hold rows, asked in one round trip: the data check decides from it which tables
// to fill and which it may empty, the row generator which parents start empty.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/engines/engine.h"

namespace crucible::data {

// For each of `catalog`'s tables, whether it holds a row; true where that cannot be told (a
// failed query), the safe answer for both callers.
std::vector<bool> tables_with_rows(Database& db, Dialect dialect, const catalog::Catalog& catalog);

// The tables a virtual table's module keeps for itself (SQLite's FTS5, FTS3/4 and R*Tree shadow
// tables), which the data check leaves to their virtual table: their rows are the module's
// bookkeeping — an insert and a delete of the same row leave FTS5's index segments different —
// while the content they hold is read through the virtual table. Empty on other engines, and
// when it cannot be told.
std::set<std::string> module_tables(Database& db, Dialect dialect);

// A count or a boolean as the engine sent it: an integer natively, text over ODBC ("12", "t",
// "f", "true", "false"). nullopt when it is neither.
std::optional<int64_t> integer_of(const SqlValue& value);

}  // namespace crucible::data
