// Mutants of reverse scripts, for testing the oracles themselves (`crucible mutate`).
//
// Each mutant is one small, plausible mistake in one reverse script, made by editing tokens
// (crucible::sql::tokenize, so literals, quoted names and comments are never cut): a statement
// dropped; a type length, a default, a nullability, an index column or a foreign-key action
// changed; two column definitions of a CREATE TABLE, or two ADD COLUMN statements, swapped.
// A good set of oracles notices each one (kills it) unless the mutant means the same thing.
#pragma once

#include <string>
#include <vector>

#include "harness/migration/migration.h"

namespace crucible::mutate {

struct Mutant {
  size_t migration = 0;   // index into MigrationSet::migrations
  std::string op;         // "drop-statement", "type-length", "default", "nullability",
                          // "index-column", "fk-action", "reorder-columns"
  std::string description;  // "0003 reverse: VARCHAR(40) -> VARCHAR(41)"
  SourceLocation where;     // the edited statement
  Script reverse;           // the mutated reverse script
};

// Every mutant of every reverse script `set` has for `kind` (migrations given as code, without
// reverse statements, have none).
std::vector<Mutant> mutants_of(const MigrationSet& set, EngineKind kind);

// `set` with the mutant's reverse script in place of the original, for `kind`.
MigrationSet with_mutant(const MigrationSet& set, EngineKind kind, const Mutant& mutant);

}  // namespace crucible::mutate
