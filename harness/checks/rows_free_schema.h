// Whether what a migration does to the schema can depend on the rows the tables hold.
//
// The data check's walking database on MariaDB and MySQL runs the very scripts the linear pass
// runs, in the same order, but with generated rows in its tables. Where a script's effect on the
// schema cannot depend on those rows, both databases stay alike, and the walking database can be
// described by the linear pass's snapshot instead of a snapshot of its own (data_check.cc). DDL
// alone is such a script: the same statements on the same schema, in sessions set alike, give
// the same schema, or one of them fails (a UNIQUE index over repeated values), which the caller
// sees. What can branch on the rows, or leaves a session set otherwise, is not:
//   - SQL built or chosen at run time: PREPARE / EXECUTE [IMMEDIATE], CALL, MariaDB's compound
//     statements outside a routine (BEGIN NOT ATOMIC, IF, CASE, LOOP, WHILE, REPEAT, FOR);
//   - user variables (`SET @n = (SELECT COUNT(*) …)`, `CREATE TABLE t AS SELECT @n`), and SET
//     itself: a session setting (default_storage_engine, sql_mode) shapes later DDL, and a
//     walking database started again has replayed the forwards only;
//   - events, which the server runs on its own schedule; USE, which leaves the database; a
//     temporary table, which hides the table of its name from later DDL in one session only;
//   - a program (Lua DSL, Helium), which may read the rows, and a verify script beside it.
// Routines and triggers a script creates are fine: their bodies do not run until called, and a
// call is one of the above or DML, which changes no schema on these engines.
#pragma once

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible {

// True when neither the forward nor the reverse of `scripts` can change the schema differently
// for different rows (see above). Conservative: false for anything not plainly DDL or DML.
bool schema_effect_is_rows_free(const EngineScripts& scripts, Dialect dialect);

}  // namespace crucible
