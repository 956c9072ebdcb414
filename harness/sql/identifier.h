// Identifiers in SQL text Crucible writes itself, quoted the way each dialect quotes them.
#pragma once

#include <string>

#include "harness/common/engine_kind.h"

namespace crucible::sql {

// One identifier: "name" (PostgreSQL, DB2), `name` (MySQL, MariaDB, SQLite), the quote doubled
// inside it.
std::string quote_identifier(const std::string& name, Dialect dialect);

}  // namespace crucible::sql
