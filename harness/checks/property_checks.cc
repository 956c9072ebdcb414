#include "harness/checks/property_checks.h"

#include <algorithm>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "harness/checks/check_names.h"
#include "harness/checks/idempotence.h"

namespace crucible {

namespace {

// One check after the verify loop, as run_property_checks() sees it: every such check judges an
// engine's migrations from the loop's results (`linear`) and returns its own results.
struct PropertyCheck {
  const char* name;  // check_names.h
  std::function<std::vector<Result>(Engine&, const MigrationSet&, const EngineRun& linear)> run;
  std::string note;  // added to the run's notes before the check runs
  // Results go right after their migration's linear results (where `crucible report` also puts
  // them when it merges shards: one order whichever way the report was made); else at the end.
  bool next_to_migration = false;
};

// The enabled checks, in the order they run and their results are appended.
std::vector<PropertyCheck> enabled_checks(const PropertyOptions& options,
                                          std::future<std::vector<Result>>* data_beside) {
  std::vector<PropertyCheck> checks;
  if (options.walk.walks > 0)
    checks.push_back({check::kWalk, [&](Engine& engine, const MigrationSet& set,
                                        const EngineRun& linear) {
                        return walk_engine(engine, set, linear, options.walk);
                      }});
  if (options.idempotence)
    checks.push_back({check::kIdempotence, idempotence_engine,
                      "idempotence: re-running the whole set applies nothing (applied versions are "
                      "tracked, so no migration runs twice); each migration's forward was also "
                      "applied twice"});
  if (options.data.enabled)
    checks.push_back({check::kData,
                      [&options, data_beside](Engine& engine, const MigrationSet& set,
                                              const EngineRun& linear) {
                        if (data_beside) return data_beside->get();
                        return data_engine(engine, set, linear, options.data);
                      },
                      "", true});
  return checks;
}

// Inserts `r` right after the last result of its migration that no appended check made.
void place_next_to_migration(Result r, const std::vector<std::string>& appended, EngineRun& run) {
  auto last = std::find_if(run.results.rbegin(), run.results.rend(), [&](const Result& x) {
    return x.migration == r.migration &&
           std::find(appended.begin(), appended.end(), x.check) == appended.end();
  });
  run.results.insert(last.base(), std::move(r));
}

// Beside the linear pass the same migrations run in two databases at once. Whatever lives on the
// server outside a database (PostgreSQL roles, MariaDB users) would then be created twice at the
// same time: only where containment keeps migrations to their own database, and where a second
// engine shares the run's login. Where the data check does not run (a catalog that cannot see
// types), there is nothing to run beside.
bool data_runs_beside(Engine& engine, const PropertyOptions& properties) {
  if (!properties.data.enabled) return false;
  ServerInfo info = engine.server_info();
  return info.catalog_sees_types_and_checks && info.shares_run_login &&
         !info.containment.starts_with("containment off");
}

}  // namespace

void run_property_checks(Engine& engine, const MigrationSet& set, const PropertyOptions& options,
                         EngineRun& run, std::future<std::vector<Result>>* data_beside) {
  if (!options.any() || run.status != "ok") return;
  try {
    std::vector<Result> appended, placed;
    std::vector<std::string> appended_checks;
    for (const PropertyCheck& check : enabled_checks(options, data_beside)) {
      if (!check.note.empty()) run.notes.push_back(check.note);
      std::vector<Result> results = check.run(engine, set, run);
      std::vector<Result>& into = check.next_to_migration ? placed : appended;
      into.insert(into.end(), results.begin(), results.end());
      if (!check.next_to_migration) appended_checks.push_back(check.name);
    }
    run.results.insert(run.results.end(), appended.begin(), appended.end());
    for (Result& r : placed) place_next_to_migration(std::move(r), appended_checks, run);
  } catch (const Error& e) {
    run.status = "error";
    run.message = fmt::format("property checks: {}", e.what());
  }
}

EngineRun verify_with_property_checks(Engine& engine,
                                      const std::function<std::unique_ptr<Engine>()>& connect,
                                      const MigrationSet& set, const VerifyOptions& options,
                                      const PropertyOptions& properties) {
  if (!data_runs_beside(engine, properties)) {
    EngineRun run = verify_engine(engine, set, options);
    run_property_checks(engine, set, properties, run);
    return run;
  }
  LinearFeed feed;
  std::future<std::vector<Result>> data = std::async(std::launch::async, [&] {
    std::unique_ptr<Engine> own = connect();
    return data_engine_beside(*own, set, feed, properties.data);
  });
  VerifyOptions beside = options;
  beside.after_migration = [&](size_t done, const EngineRun& so_far, const LinearStart& next) {
    feed.publish(done, so_far, next);
    if (options.after_migration) options.after_migration(done, so_far, next);
  };
  EngineRun run;
  try {
    run = verify_engine(engine, set, beside);
  } catch (...) {
    feed.abandon();
    data.wait();
    throw;
  }
  if (run.status == "ok") {
    feed.close();
  } else {
    feed.abandon();  // no property check runs on a failed engine; `data` ends at its next wait
  }
  run_property_checks(engine, set, properties, run, &data);
  if (data.valid()) data.wait();  // not taken (the engine failed): its thread still ends here
  return run;
}

uint64_t random_seed() {
  std::random_device device;
  return (uint64_t{device()} << 32 | device()) % 1'000'000'000;  // short enough to type
}

}  // namespace crucible
