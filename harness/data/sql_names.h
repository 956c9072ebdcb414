// Identifiers in generated SQL text: catalog names quoted the way the engine's dialect does.
#pragma once

#include <string>

#include "harness/common/engine_kind.h"

namespace crucible::data {

// One identifier (a column): "name" (PostgreSQL), `name` (MySQL, MariaDB, SQLite).
std::string quote_identifier(const std::string& name, Dialect dialect);

// A table as the catalog writes it (PostgreSQL qualifies it outside the default schema:
// "audit.log") quoted part by part: "audit"."log". Elsewhere a dot belongs to the name.
std::string quote_name(const std::string& name, Dialect dialect);

}  // namespace crucible::data
