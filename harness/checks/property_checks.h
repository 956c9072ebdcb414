// The property-based checks that run after the linear verify pass on an engine: `walk`
// (walk.h), `idempotence` (idempotence.h) and `data` (data_check.h). `crucible verify --walks N
// [--seed S] [--idempotence] [--data [--data-rows N]]` turns them on.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <vector>

#include "harness/checks/data_check.h"
#include "harness/checks/result.h"
#include "harness/checks/verify.h"
#include "harness/checks/walk.h"
#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

struct PropertyOptions {
  WalkOptions walk;          // walk.walks == 0: no walks
  bool idempotence = false;
  DataOptions data;          // data.enabled: the `data` check (data_check.h)

  bool any() const { return walk.walks > 0 || idempotence || data.enabled; }
};

// Appends the enabled checks' results to `run`, verify_engine()'s run on the same engine.
// An infrastructure failure (the server went away) makes the run an engine-level error.
// `data_beside`: the data check's results, already being computed beside the linear pass.
void run_property_checks(Engine& engine, const MigrationSet& set, const PropertyOptions& options,
                         EngineRun& run,
                         std::future<std::vector<Result>>* data_beside = nullptr);

// verify_engine() and then run_property_checks(), with the data check (on by default, and as
// long as the linear pass) running beside the linear pass rather than after it: one migration
// behind, on a connection of its own made by `connect`, so that on two cores verify with data
// takes little more than the longer of the two. Its results are the same as after the pass.
EngineRun verify_with_property_checks(Engine& engine,
                                      const std::function<std::unique_ptr<Engine>()>& connect,
                                      const MigrationSet& set, const VerifyOptions& options,
                                      const PropertyOptions& properties);

// A seed for walks when the user gave none: random, and printed in the results for replay.
uint64_t random_seed();

}  // namespace crucible
