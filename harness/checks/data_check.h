// Check `data`: rows that exist before a migration survive its forward + reverse.
//
// For each migration, on a database at the version before it, every table is filled with
// generated rows (harness/data/row_generator.h), each table's content is hashed, the forward and
// then the reverse run, and the tables that existed before are read again — the columns that
// existed before, so a column the migration added and its reverse dropped does not count. Any
// change in row count or content fails, naming the table and the first row that differs:
//   table orders: 30 rows before forward, 30 after reverse; 12 of them differ; first row missing
//   after reverse: id=3, total='12.50' (now: id=3, total='13.00')
// Where the check runs, cheapest first: one walking database moved forward version by version,
// which keeps its rows: only tables holding no generated row (new, emptied, re-created, or with
// only the migrations' own rows) are filled, the others carry the rows they held at the previous
// version through its forward — except a table whose definition changed since it was filled
// (its rows would hold only an added column's default), which is emptied with the tables that
// refer to it and filled again, as long as it holds only generated rows. Where DDL is
// transactional (PostgreSQL, SQLite) fill → hash → forward → reverse → hash run inside one
// transaction, the check in a savepoint and its reverse in one more that is rolled back, which
// leaves the walking database after the check's own forward, with its rows (when the forward
// refuses them: rolled back and walked again with the generated-only tables emptied). There
// PostgreSQL and SQLite read a table only when its marks (harness/data/table_marks.h; PostgreSQL:
// storage, rows the transaction touched, columns, built-in types only; SQLite: statements that
// may have written it) changed between before the forward and after the reverse; one that
// changed after the forward is read as it was by rolling back.
// Elsewhere (MariaDB, MySQL) the walking database keeps its rows when the check left them as
// they were; beside the linear pass it then goes by the linear pass's snapshots while the two
// databases are provably alike (rows_free_schema.h). When a forward still refuses the rows carried, or a check on MariaDB changed them,
// a new walking database without rows is filled again: a clone of the version's template where
// the engine can clone (PostgreSQL, SQLite), else a replay (VersionRestorer). A copy of the
// version made the same way, filled whole, only for what a rollback cannot undo — a program
// that commits (Lua DSL, Helium), a script that runs outside a transaction (a marker, or a
// statement the server refuses inside one).
// A virtual table's own tables (SQLite's FTS5 and R*Tree shadow tables: the module's index) are
// not compared; the virtual table's content is, read through it.
// Skipped, with the reason: migrations declared lossy (`-- crucible:lossy <reason>`, or a
// `<file>.lossy` sidecar) or irreversible, migrations without a reverse or a script for the
// engine, those whose forward or reverse did not pass in the linear pass, a version without
// tables (or whose tables take no generated row), and a forward that fails only because of what
// the generated rows hold (a CHECK or UNIQUE the migration adds, a NULL where it sets NOT NULL, a
// value a narrowed or converted type rejects — production data may well fit). A forward that
// no table with rows can take (a NOT NULL column added without a default: forward_refusal.h)
// and a reverse that fails with rows present are `fail`s: any database with data would fail too.
#pragma once

#include <vector>

#include "harness/checks/linear_feed.h"
#include "harness/checks/result.h"
#include "harness/data/row_generator.h"
#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

struct DataOptions {
  bool enabled = true;             // on unless `crucible verify --no-data`
  data::FillOptions fill;          // seed (--seed) and rows per table (--data-rows)
};

// One `data` result per migration on the engine. `linear` is the engine's verify_engine() run.
// Throws crucible::Error for infrastructure failures (the server went away).
std::vector<Result> data_engine(Engine& engine, const MigrationSet& set, const EngineRun& linear,
                                const DataOptions& options);

// The same results, beside the linear pass: each migration is checked as soon as `linear` has
// its linear results, on `engine` — a connection of its own, not the linear pass's. Returns when
// the pass has ended and every migration it finished is checked.
std::vector<Result> data_engine_beside(Engine& engine, const MigrationSet& set, LinearFeed& linear,
                                       const DataOptions& options);

}  // namespace crucible
