// Check `idempotence`: what happens when a migration runs twice.
//
// Re-running a whole set of SQL migrations on a migrated database applies nothing: migration
// tools record the applied versions and never run one again (the run notes this once). What is
// worth knowing is what each migration's forward script does when it *is* run a second time —
// a tool's bookkeeping lost, a deploy retried by hand. Applied twice on the state right after its
// first forward, each migration is classified:
//   idempotent       the second run succeeds and the catalog is unchanged        -> pass
//   refuses cleanly  the second run fails and the catalog is unchanged           -> pass
//   changes again    the second run succeeds, or fails half-way, and the catalog
//                    differs from the one after the first run                     -> fail, diff
#pragma once

#include <vector>

#include "harness/checks/result.h"
#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

// One result per migration on the engine (pass/fail as above; skip when the linear pass in
// `linear` did not get past an earlier forward). Throws crucible::Error when the server fails.
std::vector<Result> idempotence_engine(Engine& engine, const MigrationSet& set,
                                       const EngineRun& linear);

}  // namespace crucible
