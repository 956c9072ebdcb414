// Helpers for the load-impact tests: a keyed table filled with rows, and lock lookups.
#pragma once

#include <memory>
#include <string>

#include "harness/bench/load_impact.h"
#include "harness/engines/engine.h"

namespace crucible::testing {

// CREATE TABLE t (id INT PRIMARY KEY, c INT) with `rows` rows (id 1..rows, c = id), filled the
// engine's way in one statement.
void fill_keyed_table(Database& db, EngineKind kind, int rows);

// 4 clients on table t; a statement slower than 20 ms waited.
bench::LoadOptions options_for_t();

// `sql` run as the migration under load, with the impact printed (see SHOW_LOAD_IMPACT).
bench::LoadImpact load_during(Database& db, EngineKind kind, const std::string& sql,
                              const bench::LoadOptions& options = options_for_t());

// The negative control: on a 100,000-row t, `instant` (a catalog-only change) and then `rewrite`
// (a table rewrite) run under load; the instant change must block the traffic far less.
void expect_instant_blocks_less(Engine& engine, EngineKind kind, const std::string& instant,
                                const std::string& rewrite);

// A new scratch database holding the table of fill_keyed_table().
std::unique_ptr<Database> keyed_scratch(Engine& engine, EngineKind kind, int rows);

// The observation of (relation, mode), or nullptr.
const bench::LockObservation* find_lock(const bench::LoadImpact& impact,
                                        const std::string& relation, const std::string& mode);

// Keeps what the load saw as the trace of any failure in the calling test.
#define TRACE_LOAD_IMPACT(impact) SCOPED_TRACE(bench::to_text(impact))

// Runs `sql` as one script in `db`, failing the test on an error; for migration callables.
void migrate(Database& db, EngineKind kind, const std::string& sql);

// The scratch database `name` (a path for SQLite) still exists on `engine`.
bool scratch_exists(Engine& engine, const std::string& name);

}  // namespace crucible::testing
