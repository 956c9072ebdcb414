// The property-based checks that run after the linear verify pass on an engine: `walk`
// (walk.h) and `idempotence` (idempotence.h). `crucible verify --walks N [--seed S]
// [--idempotence]` turns them on.
#pragma once

#include "harness/checks/result.h"
#include "harness/checks/walk.h"
#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

struct PropertyOptions {
  WalkOptions walk;          // walk.walks == 0: no walks
  bool idempotence = false;

  bool any() const { return walk.walks > 0 || idempotence; }
};

// Appends the enabled checks' results to `run`, verify_engine()'s run on the same engine.
// An infrastructure failure (the server went away) makes the run an engine-level error.
void run_property_checks(Engine& engine, const MigrationSet& set, const PropertyOptions& options,
                         EngineRun& run);

// A seed for walks when the user gave none: random, and printed in the results for replay.
uint64_t random_seed();

}  // namespace crucible
