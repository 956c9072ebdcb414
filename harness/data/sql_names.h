// Identifiers in generated SQL text: catalog names quoted the way the engine's dialect does.
#pragma once

#include <string>

#include "harness/common/engine_kind.h"

namespace crucible::data {

// One identifier (a column): "name" (PostgreSQL), `name` (MySQL, MariaDB, SQLite).
std::string quote_identifier(const std::string& name, Dialect dialect);

// A table as the catalog writes it (PostgreSQL qualifies it outside the default schema:
// "audit.log") quoted part by part: "audit"."log". Elsewhere a dot belongs to the name. On
// PostgreSQL a table in the default schema is written "public"."items": the data check reads and
// fills tables on the session the migrations run on, where a temporary table called items
// (pg_temp comes first unless named) would otherwise stand in for the real one. On SQLite,
// main."items", for the same reason (temp comes before main).
std::string quote_name(const std::string& name, Dialect dialect);

}  // namespace crucible::data
