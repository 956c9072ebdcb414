#include "harness/checks/property_checks.h"

#include <algorithm>
#include <random>

#include <fmt/format.h>

#include "harness/checks/idempotence.h"

namespace crucible {

void run_property_checks(Engine& engine, const MigrationSet& set, const PropertyOptions& options,
                         EngineRun& run) {
  if (!options.any() || run.status != "ok") return;
  try {
    std::vector<Result> results = walk_engine(engine, set, run, options.walk);
    if (options.idempotence) {
      run.notes.push_back(
          "idempotence: re-running the whole set applies nothing (applied versions are tracked, "
          "so no migration runs twice); each migration's forward was also applied twice");
      std::vector<Result> more = idempotence_engine(engine, set, run);
      results.insert(results.end(), more.begin(), more.end());
    }
    std::vector<Result> data;
    if (options.data.enabled) data = data_engine(engine, set, run, options.data);
    run.results.insert(run.results.end(), results.begin(), results.end());
    // Each `data` result right after its migration's linear results, where `crucible report`
    // also puts it when it merges shards: one order whichever way the report was made.
    for (Result& r : data) {
      auto last = std::find_if(run.results.rbegin(), run.results.rend(), [&](const Result& x) {
        return x.migration == r.migration && x.check != "walk" && x.check != "idempotence";
      });
      run.results.insert(last.base(), std::move(r));
    }
  } catch (const Error& e) {
    run.status = "error";
    run.message = fmt::format("property checks: {}", e.what());
  }
}

uint64_t random_seed() {
  std::random_device device;
  return (uint64_t{device()} << 32 | device()) % 1'000'000'000;  // short enough to type
}

}  // namespace crucible
