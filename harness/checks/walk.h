// Check `walk`: random walks over versions must always see the schema the linear pass saw.
//
// A walk starts at some version and visits a sequence of target versions, up and down any
// distance, revisiting at will ("2→0→3→1"); moving between versions runs the forward scripts of
// the migrations in between, or their reverse scripts newest first. After every step the catalog
// must equal (by diff) the catalog the linear forward pass recorded for that version. Walks are
// generated from a seed; a failing walk is shrunk greedily (cutting, dropping and shortening
// steps) until no simpler walk fails, and reported with the seed, which replays the same walks
// exactly.
//
// Only migrations whose linear checks all passed on the engine, and that have a reverse there,
// are walked over; the first other migration ends the walkable range (reported as a skip).
#pragma once

#include <cstdint>
#include <vector>

#include "harness/checks/result.h"
#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

struct WalkOptions {
  int walks = 0;        // random walks to try (0: no walk check)
  uint64_t seed = 0;    // same seed, same walks
  int max_steps = 8;    // target versions per walk, at most
  int max_shrink_runs = 200;  // walks re-run while shrinking a failure, at most
};

// Results of check `walk` for one engine: a pass or the shrunk failure, and a skip naming the
// migration that ends the walkable range. `linear` is the engine's verify_engine() run, whose
// results decide which migrations are walkable. Throws crucible::Error for infrastructure
// failures (the server went away).
std::vector<Result> walk_engine(Engine& engine, const MigrationSet& set, const EngineRun& linear,
                                const WalkOptions& options);

}  // namespace crucible
