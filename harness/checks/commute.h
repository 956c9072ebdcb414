// The `commute` check of `crucible merge-check`: do two branches' new migrations give the same
// schema whichever branch merges first?
//
// From the merge base's schema (its migrations replayed into a scratch database, cloned for the
// second order where the engine can), main's new migrations then the branch's run in one
// database, the branch's then main's in another. Both orders must succeed and end in the same
// catalog; otherwise the result carries the failing statement or the catalog diff.
#pragma once

#include <vector>

#include "harness/checks/result.h"
#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

struct CommuteSides {
  MigrationSet base;                // every migration at the merge base, in order
  std::vector<Migration> main;      // what main added since the merge base, in order
  std::vector<Migration> branch;    // what the branch added since the merge base, in order
};

// The result is about all of the branch's migrations and is reported under its newest one
// (`migration`, `name`; the message lists every version of both sides). A side that added
// nothing makes it a skip (one order only; `migration` is empty when the branch added none). Never throws for what a migration
// or the server does: a merge base that cannot be built, or a lost server, is an error result.
Result check_commute(Engine& engine, const CommuteSides& sides);

}  // namespace crucible
