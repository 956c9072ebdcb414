// Bulk loading (issue #6, item 2): Database::bulk_load of pgbench_accounts-shaped rows (aid int,
// bid int, abalance int, filler char(84)) on each engine, and on PostgreSQL beside
// `pgbench -i -I dtg` in the same iteration: drop, create tables, client-side generate — COPY of
// the same rows with no keys and no vacuum, which is what bulk_load does. `ratio` = pgbench time
// / bulk_load time for the same row count (goal ≥ 1: at least pgbench's rows/s).
//
// Each iteration creates a fresh scratch database (outside the timing), loads, and drops it.
// An unreachable server makes its benchmarks report an error instead of a time.
#include <benchmark/benchmark.h>

#include <chrono>

#include <fmt/format.h>

#include "benchmarks/support/live_server.h"
#include "benchmarks/support/process.h"
#include "harness/engines/engine.h"

namespace {

using namespace crucible;
using Clock = std::chrono::steady_clock;

constexpr int64_t kRowsPerScale = 100'000;  // pgbench: scale 1 = 100,000 accounts
const char* const kPgbench = "/usr/lib/postgresql/15/bin/pgbench";

// The rows pgbench's client-side generation writes: aid 1…n, bid one per 100,000, abalance 0,
// filler empty (char(84) is padded by the server).
class PgbenchAccounts : public RowSource {
 public:
  explicit PgbenchAccounts(int64_t count) : count_(count) {}
  bool next(std::vector<SqlValue>& row) override {
    if (next_ == count_) return false;
    row = {next_ + 1, next_ / kRowsPerScale + 1, int64_t{0}, std::string()};
    ++next_;
    return true;
  }

 private:
  int64_t count_;
  int64_t next_ = 0;
};

Script create_accounts(EngineKind kind) {
  std::string sql = "CREATE TABLE pgbench_accounts (aid INT NOT NULL, bid INT, abalance INT, "
                    "filler CHAR(84))";
  if (kind == EngineKind::mariadb) sql += " ENGINE=InnoDB";
  return Script{"<benchmark>", {Statement{sql, {"<benchmark>", 1}}}, true};
}

double time_bulk_load(Database& db, EngineKind kind, int64_t rows) {
  if (ExecResult r = db.execute(create_accounts(kind)); !r.ok())
    throw Error("cannot create pgbench_accounts: " + r.error->message);
  PgbenchAccounts source(rows);
  Clock::time_point start = Clock::now();
  int64_t loaded = db.bulk_load("pgbench_accounts", {"aid", "bid", "abalance", "filler"}, source);
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (loaded != rows) throw Error(fmt::format("loaded {} rows of {}", loaded, rows));
  return seconds;
}

// `pgbench -i -I dtg -s SCALE` into `database`; the password goes through PGPASSWORD.
double time_pgbench_init(const Dsn& dsn, const std::string& database, int64_t scale) {
  std::vector<std::string> argv = {kPgbench, "-i", "-I", "dtg", "-q", "-s", std::to_string(scale),
                                   "-h", dsn.host, "-p", std::to_string(dsn.port), "-U", dsn.user,
                                   database};
  return bench::run_process(argv, bench::client_environment(dsn));
}

// Each iteration loads state.range(0) rows into a new scratch database of `engine`.
void measure_bulk_loads(benchmark::State& state, Engine& engine, EngineKind kind) {
  const int64_t rows = state.range(0);
  try {
    for (auto _ : state) {
      auto db = engine.create_scratch();
      state.SetIterationTime(time_bulk_load(*db, kind, rows));
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  state.counters["rows_per_s"] = benchmark::Counter(
      static_cast<double>(rows) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}

void bulk_load(benchmark::State& state, EngineKind kind) {
  auto engine = bench::connect_or_skip(state, kind);
  if (engine) measure_bulk_loads(state, *engine, kind);
}

void bulk_load_beside_pgbench(benchmark::State& state) {
  auto engine = bench::connect_or_skip(state, EngineKind::postgres);
  if (!engine) return;
  const int64_t scale = state.range(0), rows = scale * kRowsPerScale;
  double ours = 0, theirs = 0;
  try {
    for (auto _ : state) {
      auto db = engine->create_scratch();
      double t = time_bulk_load(*db, EngineKind::postgres, rows);
      auto other = engine->create_scratch();
      double p = time_pgbench_init(engine->dsn(), other->name(), scale);
      ours += t;
      theirs += p;
      state.SetIterationTime(t);
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  double n = static_cast<double>(state.iterations());
  state.counters["rows_per_s"] = static_cast<double>(rows) * n / ours;
  state.counters["pgbench_rows_per_s"] = static_cast<double>(rows) * n / theirs;
  state.counters["ratio"] = theirs / ours;
}

// The same load through the ODBC engine (array binds of 1,000 rows, odbc_bulk_load.cc) and the
// Debian drivers, as `bulk_load_odbc/ENGINE/N`.
void bulk_load_odbc(benchmark::State& state, EngineKind kind) {
  std::string url =
      kind == EngineKind::postgres
          ? "odbc:Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=5432;Database=postgres;"
            "Uid=crucible;Pwd=crucible"
          : "odbc:Driver={MariaDB Unicode};Server=127.0.0.1;Port=3306;Uid=crucible;Pwd=crucible";
  std::unique_ptr<Engine> engine;
  try {
    engine = connect_engine(parse_dsn(url), EngineOptions{true});
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  measure_bulk_loads(state, *engine, kind);
}

}  // namespace

BENCHMARK_CAPTURE(bulk_load, sqlite, EngineKind::sqlite)
    ->Arg(100'000)->Arg(1'000'000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK_CAPTURE(bulk_load, postgres, EngineKind::postgres)
    ->Arg(100'000)->Arg(1'000'000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK_CAPTURE(bulk_load, mariadb, EngineKind::mariadb)
    ->Arg(100'000)->Arg(1'000'000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK_CAPTURE(bulk_load_odbc, postgres, EngineKind::postgres)
    ->Arg(100'000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK_CAPTURE(bulk_load_odbc, mariadb, EngineKind::mariadb)
    ->Arg(100'000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(bulk_load_beside_pgbench)
    ->Arg(1)->Arg(10)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);
