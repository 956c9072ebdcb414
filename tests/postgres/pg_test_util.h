// Helpers for the PostgreSQL engine tests: scripts from SQL text, snapshots after SQL, and
// checks made through a connection of the test's own (never through the code under test).
#pragma once

#include <string>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/catalog/diff.h"
#include "harness/engines/engine.h"

namespace crucible::testing {

// `sql` split into statements with the PostgreSQL dialect, located in `file` from line 1.
Script pg_script(const std::string& sql, const std::string& file = "test.sql");

// Runs `sql` in `db`, failing the test (ADD_FAILURE) on any statement error.
void pg_run(Database& db, const std::string& sql);

// The catalog of a fresh scratch database after running `sql` in it.
catalog::Catalog pg_snapshot_after(Engine& engine, const std::string& sql);

// Whether a database of that name exists, asked through a separate admin connection.
bool pg_database_exists(const std::string& name);
// Runs one statement on the admin database through a separate connection.
void pg_admin_exec(const std::string& sql);

// The object keys of diff(a, b) ("column t.b", "index t_x_idx on t", ...).
std::vector<std::string> changed_objects(const catalog::Catalog& a, const catalog::Catalog& b);
// diff(a, b) in words, one change a line: for failure messages.
std::string describe_diff(const catalog::Catalog& a, const catalog::Catalog& b);

// Lookups that fail the test (and return nullptr) when the object is missing.
const catalog::Table* table_named(const catalog::Catalog& c, const std::string& name);
const catalog::Column* column_named(const catalog::Catalog& c, const std::string& table,
                                    const std::string& column);
const catalog::Index* index_named(const catalog::Catalog& c, const std::string& name);

}  // namespace crucible::testing
