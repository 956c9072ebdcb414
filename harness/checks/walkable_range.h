// Which migrations the property-based checks may rely on: those whose linear checks passed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "harness/checks/result.h"
#include "harness/migration/migration.h"

namespace crucible {

// Why the linear pass (`run`, from verify_engine) does not vouch for `m` — a check of
// forward/reverse/roundtrip/reapply that is not `pass`, or missing — or nullopt when all passed.
std::optional<std::string> linear_failure(const EngineRun& run, const Migration& m);

// The migrations the linear pass left out and went on without (--keep-going): those whose
// forward is an error while a later migration's forward passed. Restores leave them out too.
std::vector<size_t> left_out_migrations(const EngineRun& run, const MigrationSet& set);

struct WalkableRange {
  size_t top = 0;                   // versions 0..top may be walked over
  std::optional<std::string> stop;  // why migration `top` is not walkable; nullopt: all are
};

// The longest prefix of `set` that can be walked up and down on `kind`: each migration has a
// forward and a reverse there and passed its linear checks. A migration without any script for
// the engine is a no-op both ways and does not end the range.
WalkableRange walkable_range(const MigrationSet& set, EngineKind kind, const EngineRun& run);

}  // namespace crucible
