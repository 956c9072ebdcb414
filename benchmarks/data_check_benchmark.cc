// The cost of the `data` check (issue 17 §2), now on by default: `crucible verify DIR --engine E`
// against `crucible verify DIR --engine E --no-data`, both as whole processes, interleaved, on the
// bundled app (migrations/sql/app) and on the generated 200-migration corpus. Goal per engine:
// ratio (with data / without) <= 1.5. Each run is seconds long: a few iterations, counters in
// seconds.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "benchmarks/support/live_server.h"
#include "benchmarks/support/migration_corpus.h"
#include "benchmarks/support/process.h"

namespace {

using namespace crucible;
using namespace crucible::bench;

const MigrationCorpus& corpus() {
  static MigrationCorpus generated(200);
  return generated;
}

std::string folder(const std::string& set) {
  return set == "app" ? std::string(CRUCIBLE_SOURCE_DIR) + "/migrations/sql/app" : corpus().root();
}

double verify_seconds(const std::string& dir, EngineKind kind, bool data) {
  std::vector<std::string> argv = {crucible_binary(), "verify", dir, "--quiet", "--engine",
                                   std::string(engine_name(kind))};
  if (!data) argv.push_back("--no-data");
  return run_process(argv);  // exit 1 (a check failed) throws: both sets must verify clean
}

void data_check(benchmark::State& state, EngineKind kind, const std::string& set) {
  if (!connect_or_skip(state, kind)) return;
  double without = 0, with = 0;
  try {
    std::string dir = folder(set);
    for (auto _ : state) {
      without += verify_seconds(dir, kind, false);
      double seconds = verify_seconds(dir, kind, true);
      with += seconds;
      state.SetIterationTime(seconds);
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  double n = static_cast<double>(state.iterations());
  state.counters["no_data_s"] = without / n;
  state.counters["data_s"] = with / n;
  state.counters["ratio"] = with / without;  // goal <= 1.5
}

#define DATA_CHECK(engine, set)                                                        \
  BENCHMARK_CAPTURE(data_check, engine##_##set, EngineKind::engine, #set)              \
      ->Unit(benchmark::kSecond)->UseManualTime()->Iterations(3)

DATA_CHECK(sqlite, app);
DATA_CHECK(postgres, app);
DATA_CHECK(mariadb, app);
DATA_CHECK(sqlite, corpus);
DATA_CHECK(postgres, corpus);
DATA_CHECK(mariadb, corpus);

}  // namespace
