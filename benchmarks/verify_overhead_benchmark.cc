// The overhead of verification (issue #6, item 5), on a generated 200-migration corpus:
//  - per engine, `crucible verify DIR --engine E` as a whole process against a bare replay of
//    the same statements through the engine API in one session: every forward, every reverse
//    (newest first), every forward again — the statements verify runs, without its snapshots,
//    diffs and reports. Goal: overhead (verify / replay) <= 2.
//  - the three engines verified in parallel in one process against the slowest engine verified
//    alone. Goal: <= 1.2.
// Each run is seconds long, so these run a few iterations; the numbers are counters, in seconds.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include <fmt/format.h>

#include "benchmarks/support/live_server.h"
#include "benchmarks/support/migration_corpus.h"
#include "benchmarks/support/process.h"
#include "harness/loaders/loader.h"

namespace {

using namespace crucible;
using namespace crucible::bench;

constexpr int kMigrations = 200;

const MigrationCorpus& corpus() {
  static MigrationCorpus generated(kMigrations);
  return generated;
}

void execute_or_throw(Database& db, const Script& script) {
  ExecResult result = db.execute(script);
  if (!result.ok())
    throw std::runtime_error(fmt::format("{}: {}", result.error->where.str(),
                                         result.error->message));
}

// Forward all, reverse all (newest first), forward all, in one fresh scratch database.
double bare_replay_seconds(Engine& engine, const MigrationSet& set) {
  auto start = std::chrono::steady_clock::now();
  {
    std::unique_ptr<Database> db = engine.create_scratch();
    for (const Migration& m : set.migrations) execute_or_throw(*db, m.for_engine(engine.kind())->forward);
    for (auto m = set.migrations.rbegin(); m != set.migrations.rend(); ++m)
      execute_or_throw(*db, *m->for_engine(engine.kind())->reverse);
    for (const Migration& m : set.migrations) execute_or_throw(*db, m.for_engine(engine.kind())->forward);
  }  // the scratch database is dropped here, as verify drops its own
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double verify_seconds(const std::vector<EngineKind>& kinds) {
  // --no-data: the goal is about the catalog oracle; the data check has its own benchmark
  // (crucible_data_check_benchmark), and the bare replay fills no rows.
  std::vector<std::string> argv = {crucible_binary(), "verify", corpus().root(), "--quiet",
                                   "--no-data"};
  for (EngineKind kind : kinds) {
    argv.push_back("--engine");
    argv.push_back(std::string(engine_name(kind)));
  }
  return run_process(argv);  // exit 1 (a check failed) throws: the corpus must verify clean
}

void verify_overhead(benchmark::State& state, EngineKind kind) {
  std::unique_ptr<Engine> engine = connect_or_skip(state, kind);
  if (!engine) return;
  // The replay's scratch database commits as verify's do (not waiting for the disk: SQLite);
  // the same replay with durable commits, as a migration tool runs them, is shown beside it.
  EngineOptions durable_options;
  durable_options.throwaway_commits = false;
  std::unique_ptr<Engine> durable = connect_engine(default_dsn(kind), durable_options);
  double replay = 0, durable_replay = 0, verify = 0;
  try {
    MigrationSet set = load_sql_directory(corpus().root(), {kind});
    for (auto _ : state) {
      replay += bare_replay_seconds(*engine, set);
      durable_replay += bare_replay_seconds(*durable, set);
      double seconds = verify_seconds({kind});
      verify += seconds;
      state.SetIterationTime(seconds);
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  double n = static_cast<double>(state.iterations());
  state.counters["replay_s"] = replay / n;
  state.counters["verify_s"] = verify / n;
  state.counters["overhead"] = verify / replay;  // goal <= 2
  state.counters["durable_replay_s"] = durable_replay / n;
  state.counters["overhead_vs_durable"] = verify / durable_replay;
}

void verify_parallel(benchmark::State& state) {
  const std::vector<EngineKind> kinds = {EngineKind::sqlite, EngineKind::postgres,
                                         EngineKind::mariadb};
  for (EngineKind kind : kinds)
    if (!connect_or_skip(state, kind)) return;
  double slowest = 0, all = 0;
  try {
    for (auto _ : state) {
      double slowest_now = 0;
      for (EngineKind kind : kinds) slowest_now = std::max(slowest_now, verify_seconds({kind}));
      double seconds = verify_seconds(kinds);
      slowest += slowest_now;
      all += seconds;
      state.SetIterationTime(seconds);
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  double n = static_cast<double>(state.iterations());
  state.counters["slowest_alone_s"] = slowest / n;
  state.counters["three_parallel_s"] = all / n;
  state.counters["parallel_ratio"] = all / slowest;  // goal <= 1.2
}

// Five iterations each: on this machine the replay's own time (its commits wait on the disk)
// varies 2x from one run to the next, and three were not enough to average that out.
BENCHMARK_CAPTURE(verify_overhead, sqlite, EngineKind::sqlite)
    ->Unit(benchmark::kSecond)->UseManualTime()->Iterations(5);
BENCHMARK_CAPTURE(verify_overhead, postgres, EngineKind::postgres)
    ->Unit(benchmark::kSecond)->UseManualTime()->Iterations(5);
BENCHMARK_CAPTURE(verify_overhead, mariadb, EngineKind::mariadb)
    ->Unit(benchmark::kSecond)->UseManualTime()->Iterations(5);
BENCHMARK(verify_parallel)->Unit(benchmark::kSecond)->UseManualTime()->Iterations(3);

}  // namespace
