// Applying one direction of a migration on a database, whatever the migration is made of: a
// static script (Database::execute, today's SQL migrations) or a program (Lua DSL, Helium
// emulation). Every check that runs a migration goes through here.
#pragma once

#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

// Runs a static script, unless its text is broken (an unterminated comment, quote, dollar quote,
// body or DELIMITER block): then nothing runs and the result is an error at the defect's
// file:line, so that a truncated file can never pass by running only its first half.
inline ExecResult run_script(Database& db, const Script& script) {
  if (!script.defect) return db.execute(script);
  ExecResult result;
  result.error = StatementError{script.defect->message, "", script.defect->where, ""};
  result.rolled_back = true;  // nothing ran: the database is as it was
  return result;
}

// Runs the forward or the reverse. For a static script the reverse must exist (has_reverse).
inline ExecResult apply_step(Database& db, const EngineScripts& scripts, ApplyDirection direction) {
  if (scripts.program) return scripts.program->apply(db, direction);
  return run_script(db, direction == ApplyDirection::forward ? scripts.forward : *scripts.reverse);
}

// Whether a script run inside the caller's transaction (Database::begin) was refused there and
// left nothing: a statement the server runs only outside a transaction block (SQLSTATE 25001:
// CREATE INDEX CONCURRENTLY, VACUUM, a script that ends the transaction itself) or a procedure
// that commits (2D000). The caller runs it again outside its transaction.
inline bool refused_in_transaction(const ExecResult& result) {
  return !result.ok() && result.rolled_back &&
         (result.error->sqlstate == "25001" || result.error->sqlstate == "2D000");
}

// A reverse with nothing to run: no down at all, or a static script without statements. The
// checks still run an empty one (a no-op) and judge the outcome; only no down at all is missing.
inline bool reverse_is_empty(const EngineScripts& scripts) {
  if (!scripts.reverse) return true;
  return !scripts.program && scripts.reverse->empty();
}

}  // namespace crucible
