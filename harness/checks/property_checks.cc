#include "harness/checks/property_checks.h"

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
    if (options.data.enabled) {
      std::vector<Result> more = data_engine(engine, set, run, options.data);
      results.insert(results.end(), more.begin(), more.end());
    }
    run.results.insert(run.results.end(), results.begin(), results.end());
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
