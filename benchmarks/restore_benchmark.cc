// Restoring a database at version v (harness/replay/restore.h), the way walks and data checks
// do it many times: cloning a cached template (SQLite backup API, PostgreSQL CREATE DATABASE …
// TEMPLATE) against replaying v forward scripts into a fresh scratch database (the only way on
// MariaDB/MySQL). Each iteration includes dropping the restored database again, as callers do.
// Live servers come from the default DSNs; an unreachable one makes its benchmarks report an
// error instead of a time.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "harness/engines/engine.h"
#include "harness/replay/restore.h"

namespace {

using namespace crucible;

Script one_statement_script(const std::string& file, std::string sql) {
  return Script{file, {Statement{std::move(sql), {file, 1}}}, true};
}

// `count` migrations, each a table with a foreign key to the previous one and an index.
MigrationSet chain_of_tables(EngineKind kind, int count) {
  MigrationSet set;
  set.format = "sql";
  for (int i = 1; i <= count; ++i) {
    Migration m;
    m.version = fmt::format("{:04}", i);
    m.name = fmt::format("create_t{}", i);
    std::string references = i == 1 ? "" : fmt::format(", parent INT REFERENCES t{}(id)", i - 1);
    EngineScripts scripts;
    scripts.forward = one_statement_script(
        m.version + ".up.sql",
        fmt::format("CREATE TABLE t{} (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL{})", i,
                    references));
    scripts.reverse = one_statement_script(m.version + ".down.sql", fmt::format("DROP TABLE t{}", i));
    m.scripts[kind] = std::move(scripts);
    set.migrations.push_back(std::move(m));
  }
  return set;
}

void restore_benchmark(benchmark::State& state, EngineKind kind,
                       VersionRestorer::Strategy strategy) {
  std::unique_ptr<Engine> engine;
  try {
    engine = connect_engine(default_dsn(kind));
  } catch (const Error& e) {
    state.SkipWithError(e.what());
    return;
  }
  const int migrations = static_cast<int>(state.range(0));
  MigrationSet set = chain_of_tables(kind, migrations);
  VersionRestorer restorer(*engine, set, strategy);
  if (strategy == VersionRestorer::Strategy::cheapest && !restorer.clones()) {
    state.SkipWithError("this engine cannot clone");
    return;
  }
  restorer.restore(migrations);  // builds the template once, outside the timing
  for (auto _ : state) benchmark::DoNotOptimize(restorer.restore(migrations));
  state.SetLabel(restorer.clones() ? "clone" : "replay");
}

constexpr auto kClone = VersionRestorer::Strategy::cheapest;
constexpr auto kReplay = VersionRestorer::Strategy::replay;

BENCHMARK_CAPTURE(restore_benchmark, sqlite_clone, EngineKind::sqlite, kClone)
    ->Arg(10)->Arg(50)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(restore_benchmark, sqlite_replay, EngineKind::sqlite, kReplay)
    ->Arg(10)->Arg(50)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(restore_benchmark, postgres_clone, EngineKind::postgres, kClone)
    ->Arg(10)->Arg(50)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK_CAPTURE(restore_benchmark, postgres_replay, EngineKind::postgres, kReplay)
    ->Arg(10)->Arg(50)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK_CAPTURE(restore_benchmark, mariadb_replay, EngineKind::mariadb, kReplay)
    ->Arg(10)->Arg(50)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
