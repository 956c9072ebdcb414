// The ODBC layer's cost (issue 16): a snapshot of the 1,000-table schema (wide_schema.h) through
// the ODBC engine beside the native engine, on PostgreSQL and MariaDB, each in a scratch
// database of its own. Goal: ODBC adds at most 20 %. Both sides run the same native catalog
// queries (harness/engines/text_rows.h); `vs_native` (ODBC time / native time) is the driver's
// and the ODBC transport's cost, and `odbc_cpu_ms` / `native_cpu_ms` the client's share of it.
//
// Run: build/benchmarks/crucible_odbc_snapshot_benchmark --benchmark_min_time=1x
#include <benchmark/benchmark.h>

#include <chrono>
#include <ctime>
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

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + t.tv_nsec / 1e9;
}

// Wall and client CPU seconds of one snapshot. The client CPU is what the transport itself costs
// (the server's work is the same both ways) and holds still on a loaded machine, where wall time
// swings by a third between runs.
struct Spent {
  double wall = 0, cpu = 0;
};

Spent spent_on(Database& db) {
  double cpu = thread_cpu_seconds();
  auto start = std::chrono::steady_clock::now();
  catalog::Catalog c = db.snapshot();
  benchmark::DoNotOptimize(c);
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
          thread_cpu_seconds() - cpu};
}

void BM_SnapshotOdbcVsNative(benchmark::State& state, EngineKind kind) {
  WideDatabase* native = wide(state, kind, false);
  WideDatabase* odbc = native ? wide(state, kind, true) : nullptr;
  if (!odbc) return;
  Spent native_total, odbc_total;
  // Steady state, as in a verify (hundreds of snapshots per session): each transport's first
  // snapshot of a session prepares its statements (and the ODBC one learns what to pack).
  spent_on(*native->db);
  spent_on(*odbc->db);
  for (auto _ : state) {
    Spent n = spent_on(*native->db), o = spent_on(*odbc->db);
    native_total.wall += n.wall;
    native_total.cpu += n.cpu;
    odbc_total.wall += o.wall;
    odbc_total.cpu += o.cpu;
    state.SetIterationTime(o.wall);
  }
  double per = 1000.0 / state.iterations();
  state.counters["native_ms"] = per * native_total.wall;
  state.counters["odbc_ms"] = per * odbc_total.wall;
  state.counters["vs_native"] = odbc_total.wall / native_total.wall;
  state.counters["native_cpu_ms"] = per * native_total.cpu;
  state.counters["odbc_cpu_ms"] = per * odbc_total.cpu;
}

BENCHMARK_CAPTURE(BM_SnapshotOdbcVsNative, postgres, EngineKind::postgres)
    ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK_CAPTURE(BM_SnapshotOdbcVsNative, mariadb, EngineKind::mariadb)
    ->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  built().clear();  // drop the scratch databases before static destruction
  return 0;
}
