// Crucible's own speed on a server catalog (issue #6, item 4): the snapshot of a 1,000-table
// schema (7 columns, PK, UNIQUE, CHECK, one index each) on PostgreSQL and MariaDB, measured
// in-process and as a whole `crucible snapshot` process, beside the engines' own schema dumps of
// the same database in the same run: `pg_dump --schema-only` and `mariadb-dump --no-data`.
//
// Goals: PostgreSQL at least 3x faster than pg_dump -s as whole processes (issue #17; 2x before)
// and under 100 ms in-process; MariaDB at least 10x faster than mariadb-dump --no-data. The anchors run
// interleaved with Crucible in each iteration, so both see the same machine load; the ratios are
// counters (`speedup` = anchor time / Crucible time, higher is better).
//
// The schema is built once per process and engine in a scratch database (dropped at exit). An
// unreachable server makes its benchmarks report an error instead of a time.
#include <benchmark/benchmark.h>

#include <chrono>
#include <map>
#include <memory>

#include "benchmarks/support/live_server.h"
#include "benchmarks/support/process.h"
#include "benchmarks/support/wide_schema.h"

namespace {

using namespace crucible;
using namespace crucible::bench;

constexpr int kTables = 1000;

// One wide database per engine for the whole process: building 1,000 tables takes seconds.
// Dropped explicitly at the end of main(): at static destruction time the ScratchRegistry the
// databases unregister from may already be gone.
std::map<EngineKind, std::unique_ptr<WideDatabase>>& built_databases() {
  static std::map<EngineKind, std::unique_ptr<WideDatabase>> built;
  return built;
}

WideDatabase* wide_database(benchmark::State& state, EngineKind kind) {
  auto& slot = built_databases()[kind];
  if (!slot) {
    std::unique_ptr<Engine> engine = connect_or_skip(state, kind);
    if (!engine) return nullptr;
    try {
      slot = std::make_unique<WideDatabase>(std::move(engine), kTables);
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
      return nullptr;
    }
  }
  return slot.get();
}

// The engine's own schema dump of `database`, as the user would run it; output to /dev/null.
std::vector<std::string> dump_command(const Dsn& dsn, const std::string& database) {
  std::vector<std::string> argv = dsn.kind == EngineKind::postgres
      ? std::vector<std::string>{"pg_dump", "--schema-only", "-f", "/dev/null"}
      : std::vector<std::string>{"mariadb-dump", "--no-data", "--result-file=/dev/null"};
  for (auto& flag : client_flags(dsn, database)) argv.push_back(flag);
  return argv;
}

// `crucible snapshot` of `database`. The child resolves the same default DSN as this process
// (CRUCIBLE_<NAME>_URL is inherited), so no credential appears on its command line.
std::vector<std::string> crucible_command(EngineKind kind, const std::string& database) {
  return {crucible_binary(), "snapshot", "--engine", std::string(engine_name(kind)),
          "--database", database};
}

double seconds_of(const auto& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void snapshot_in_process(benchmark::State& state, EngineKind kind) {
  WideDatabase* wide = wide_database(state, kind);
  if (!wide) return;
  for (auto _ : state) benchmark::DoNotOptimize(wide->db->snapshot());
  state.SetItemsProcessed(state.iterations() * kTables);
}

// Per iteration: a full snapshot and the server's catalog digest (Database::catalog_digest),
// interleaved. Verify pays one snapshot and three digests per migration instead of three
// snapshots, so the digest is worth it only when `digest_per_snapshot` is well below 2/3.
void digest_beside_snapshot(benchmark::State& state, EngineKind kind) {
  WideDatabase* wide = wide_database(state, kind);
  if (!wide) return;
  double snapshot = 0, digest = 0;
  for (auto _ : state) {
    snapshot += seconds_of([&] { benchmark::DoNotOptimize(wide->db->snapshot()); });
    double once = seconds_of([&] { benchmark::DoNotOptimize(wide->db->catalog_digest()); });
    digest += once;
    state.SetIterationTime(once);
  }
  double n = static_cast<double>(state.iterations());
  state.counters["snapshot_ms"] = 1000 * snapshot / n;
  state.counters["digest_ms"] = 1000 * digest / n;
  state.counters["digest_per_snapshot"] = digest / snapshot;
}

// Per iteration: the engine's dump, `crucible snapshot` and an in-process snapshot, interleaved.
// The benchmark's own time is the whole `crucible snapshot` process.
void snapshot_beside_dump(benchmark::State& state, EngineKind kind) {
  WideDatabase* wide = wide_database(state, kind);
  if (!wide) return;
  const Dsn& dsn = wide->engine->dsn();
  const std::string& name = wide->db->name();
  double dump = 0, process = 0, in_process = 0;
  try {
    for (auto _ : state) {
      dump += run_process(dump_command(dsn, name), client_environment(dsn));
      double crucible = run_process(crucible_command(kind, name));
      process += crucible;
      in_process += seconds_of([&] { benchmark::DoNotOptimize(wide->db->snapshot()); });
      state.SetIterationTime(crucible);
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  double n = static_cast<double>(state.iterations());
  state.counters["dump_ms"] = 1000 * dump / n;
  state.counters["crucible_process_ms"] = 1000 * process / n;
  state.counters["crucible_in_process_ms"] = 1000 * in_process / n;
  state.counters["speedup_process"] = dump / process;        // goal: pg >= 3, mariadb >= 10
  state.counters["speedup_in_process"] = dump / in_process;
}

BENCHMARK_CAPTURE(snapshot_in_process, postgres, EngineKind::postgres)
    ->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(snapshot_in_process, mariadb, EngineKind::mariadb)
    ->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(digest_beside_snapshot, postgres, EngineKind::postgres)
    ->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(20);
BENCHMARK_CAPTURE(digest_beside_snapshot, mariadb, EngineKind::mariadb)
    ->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(20);
BENCHMARK_CAPTURE(snapshot_beside_dump, postgres, EngineKind::postgres)
    ->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(10);
BENCHMARK_CAPTURE(snapshot_beside_dump, mariadb, EngineKind::mariadb)
    ->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(10);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  built_databases().clear();  // drops the scratch databases
  benchmark::Shutdown();
  return 0;
}
