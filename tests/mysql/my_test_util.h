// Helpers for the MySQL/MariaDB engine tests: scripts from SQL text, snapshots after SQL, and
// checks made through a connection of the test's own (the connector used directly, never the
// engine's code under test).
#pragma once

#include <string>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/catalog/diff.h"
#include "harness/engines/engine.h"
#include "tests/support/catalog_testing.h"

namespace crucible::testing {

// The engine-neutral helpers (tests/support/catalog_testing.h), bound to mariadb.
inline Script my_script(const std::string& sql, const std::string& file = "test.sql") {
  return script_for(EngineKind::mariadb, sql, file);
}
inline void my_run(Database& db, const std::string& sql) { run_or_fail(db, EngineKind::mariadb, sql); }
inline catalog::Catalog my_snapshot_after(Engine& engine, const std::string& sql) {
  return snapshot_after(engine, sql);
}

// The first column of every row `sql` returns, through a separate admin connection to the
// default MariaDB server.
std::vector<std::string> my_admin_query(const std::string& sql);
// Runs one statement through a separate admin connection.
void my_admin_exec(const std::string& sql);
bool my_database_exists(const std::string& name);


}  // namespace crucible::testing
