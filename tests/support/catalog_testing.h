// Engine-neutral helpers for tests that run SQL on a live engine and inspect the catalog.
#pragma once

#include <string>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/engines/engine.h"

namespace crucible::testing {

// `sql` split into statements with the engine's dialect, located in `file` from line 1.
Script script_for(EngineKind kind, const std::string& sql, const std::string& file = "test.sql");

// Runs `sql` in `db`, failing the test (ADD_FAILURE, non-fatal) on any statement error.
void run_or_fail(Database& db, EngineKind kind, const std::string& sql);

// The catalog of a fresh scratch database after running `sql` in it.
catalog::Catalog snapshot_after(Engine& engine, const std::string& sql);

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
