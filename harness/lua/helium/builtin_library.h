// Crucible's built-in Helium macro library (docs/HELIUM.md §1), for designs without their own
// database.lua. It has the same shape as a design's own: a `database` module whose
// database:run_migration(queries, engine, design, schema) generates the SQL, and one
// `database_<engine>` module per engine holding the macro table the migration files extend.
// The Lua source lives in builtin_library.cc as C++ raw strings (no build-time generation).
#pragma once

#include <string>

#include "harness/lua/sandbox.h"

namespace crucible::lua::helium {

// Makes require("database") and require("database_<engine>") (postgresql, mysql, mariadb,
// sqlite, db2) return the built-in library.
void preload_builtin_library(Sandbox& sandbox);

}  // namespace crucible::lua::helium
