// Applying one direction of a migration on a database, whatever the migration is made of: a
// static script (Database::execute, today's SQL migrations) or a program (Lua DSL, Helium
// emulation). Every check that runs a migration goes through here.
#pragma once

#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

// Runs the forward or the reverse. For a static script the reverse must exist (has_reverse).
inline ExecResult apply_step(Database& db, const EngineScripts& scripts, ApplyDirection direction) {
  if (scripts.program) return scripts.program->apply(db, direction);
  return db.execute(direction == ApplyDirection::forward ? scripts.forward : *scripts.reverse);
}

// A reverse with nothing to run: no down at all, or a static script without statements.
inline bool reverse_is_empty(const EngineScripts& scripts) {
  if (!scripts.reverse) return true;
  return !scripts.program && scripts.reverse->empty();
}

}  // namespace crucible
