// Helpers for the PostgreSQL engine tests: scripts from SQL text, snapshots after SQL, and
// checks made through a connection of the test's own (never through the code under test).
#pragma once

#include <string>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/catalog/diff.h"
#include "harness/engines/engine.h"
#include "tests/support/catalog_testing.h"

namespace crucible::testing {

// The engine-neutral helpers (tests/support/catalog_testing.h), bound to postgres.
inline Script pg_script(const std::string& sql, const std::string& file = "test.sql") {
  return script_for(EngineKind::postgres, sql, file);
}
inline void pg_run(Database& db, const std::string& sql) { run_or_fail(db, EngineKind::postgres, sql); }
inline catalog::Catalog pg_snapshot_after(Engine& engine, const std::string& sql) {
  return snapshot_after(engine, sql);
}

// Whether a database of that name exists, asked through a separate admin connection.
bool pg_database_exists(const std::string& name);
// Runs one statement on the admin database through a separate connection.
void pg_admin_exec(const std::string& sql);
// The first column of every row `sql` returns on the admin database, as text ("" for NULL).
std::vector<std::string> pg_admin_column(const std::string& sql);
// Whether a role of that name exists.
bool pg_role_exists(const std::string& name);
// A name no one else uses: `prefix` followed by 8 random hex digits.
std::string pg_unique_name(const std::string& prefix);
// How many client sessions are attached to database `name` now (pg_stat_activity): not an
// autovacuum worker, which visits a new database with tables when it likes (under load, one
// was seen on a template right after its clone).
int pg_sessions_on(const std::string& name);

}  // namespace crucible::testing
