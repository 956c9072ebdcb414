// Identifiers and string literals in SQL text Crucible writes itself, quoted as each dialect reads them.
#pragma once

#include <string>

#include "harness/common/engine_kind.h"

namespace crucible::sql {

// One identifier: "name" (PostgreSQL, DB2), `name` (MySQL, MariaDB, SQLite), the quote doubled
// inside it.
std::string quote_identifier(const std::string& name, Dialect dialect);

// A standard string literal, 'text' with quotes doubled (not for MySQL/MariaDB, where a
// backslash escapes too: mysql::quote_literal).
std::string quote_literal(const std::string& text);

}  // namespace crucible::sql
