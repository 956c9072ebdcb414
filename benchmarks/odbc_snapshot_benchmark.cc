// The ODBC layer's cost (issue 16): a snapshot of the 1,000-table schema (wide_schema.h) through
// the ODBC engine beside the native engine, on PostgreSQL and MariaDB, each in a scratch
// database of its own. Goal: ODBC adds at most 20 %. Today the ODBC engine reads the generic
// ODBC catalog functions (several calls per table), not the native catalog queries, so the
// counter `vs_native` (ODBC time / native time) shows how far that level is from the goal.
//
// Run: build/benchmarks/crucible_odbc_snapshot_benchmark --benchmark_min_time=1x
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>

#include "benchmarks/support/wide_schema.h"

namespace {

using namespace crucible;
using namespace crucible::bench;

constexpr int kTables = 1000;

std::string odbc_url(EngineKind kind) {
  if (kind == EngineKind::postgres)
    return "odbc:Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=5432;Database=postgres;"
           "Uid=crucible;Pwd=crucible";
  return "odbc:Driver={MariaDB Unicode};Server=127.0.0.1;Port=3306;Uid=crucible;Pwd=crucible";
}

std::map<std::pair<EngineKind, bool>, std::unique_ptr<WideDatabase>>& built() {
  static std::map<std::pair<EngineKind, bool>, std::unique_ptr<WideDatabase>> databases;
  return databases;
}

WideDatabase* wide(benchmark::State& state, EngineKind kind, bool odbc) {
  auto& slot = built()[{kind, odbc}];
  if (!slot) {
    try {
      Dsn dsn = odbc ? parse_dsn(odbc_url(kind)) : default_dsn(kind);
      // --privileged for the ODBC side: both engines of one process would make the same
      // per-run login (one run id). The snapshot reads the same catalog either way.
      slot = std::make_unique<WideDatabase>(connect_engine(dsn, EngineOptions{odbc}), kTables);
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
      return nullptr;
    }
  }
  return slot.get();
}

double seconds_of(Database& db) {
  auto start = std::chrono::steady_clock::now();
  catalog::Catalog c = db.snapshot();
  benchmark::DoNotOptimize(c);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void BM_SnapshotOdbcVsNative(benchmark::State& state, EngineKind kind) {
  WideDatabase* native = wide(state, kind, false);
  WideDatabase* odbc = native ? wide(state, kind, true) : nullptr;
  if (!odbc) return;
  double native_total = 0, odbc_total = 0;
  for (auto _ : state) {
    native_total += seconds_of(*native->db);
    double t = seconds_of(*odbc->db);
    odbc_total += t;
    state.SetIterationTime(t);
  }
  state.counters["native_ms"] = 1000 * native_total / state.iterations();
  state.counters["odbc_ms"] = 1000 * odbc_total / state.iterations();
  state.counters["vs_native"] = odbc_total / native_total;
}

BENCHMARK_CAPTURE(BM_SnapshotOdbcVsNative, postgres, EngineKind::postgres)
    ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK_CAPTURE(BM_SnapshotOdbcVsNative, mariadb, EngineKind::mariadb)
    ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  built().clear();  // drop the scratch databases before static destruction
  return 0;
}
