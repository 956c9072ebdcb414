// `crucible bench` on one engine: for each chosen migration and each size, a fresh scratch
// database at the version before the migration, the tables it touches filled with that many
// generated rows, then the forward and the reverse timed; per migration a scaling fit.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/bench/load_impact.h"
#include "harness/bench/scaling_fit.h"
#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible::bench {

// What the bench is doing right now, for a progress line.
struct BenchEvent {
  std::string_view engine;
  const Migration& migration;
  int64_t rows = 0;       // the size being measured
  std::string phase;      // "restore", "load", "forward", "reverse"
  int64_t loaded = 0;     // rows loaded so far (phase "load")
};

struct BenchOptions {
  std::vector<int64_t> sizes;     // rows per touched table, ascending
  std::string only_migration;     // "": every migration
  int64_t project_rows = 0;       // > 0: extrapolate the fits to this size
  int load_clients = 0;           // > 0: run the forward under traffic (load_impact.h)
  std::function<void(const BenchEvent&)> progress;  // may be empty; called from engine threads
};

// One migration at one size.
struct SizeRun {
  int64_t rows = 0;
  int64_t rows_loaded = 0;       // over every filled table
  double load_seconds = 0;       // bulk_load alone
  double settle_seconds = 0;     // after the load: PostgreSQL's VACUUM ANALYZE (0 elsewhere)
  std::optional<double> forward_seconds;  // nullopt: not reached or failed
  std::optional<double> reverse_seconds;
  std::string status = "ok";     // "ok", "error", "skip"
  std::string message;           // for error/skip: what and where (file:line, engine)
  std::optional<LoadImpact> load_impact;

  // The rows a forward/reverse rate is per: `rows`, or 0 when nothing was filled (the migration
  // created its tables), where a rate would mean nothing.
  int64_t rate_rows() const { return rows_loaded > 0 ? rows : 0; }
  // The load time, or nullopt when there was nothing to load.
  std::optional<double> load_time() const {
    return rows_loaded > 0 ? std::optional<double>(load_seconds) : std::nullopt;
  }
};

struct MigrationBench {
  std::string version;
  std::string name;
  std::vector<std::string> tables;  // filled, parents first
  std::string skipped;              // non-empty: why this migration was not measured
  std::vector<SizeRun> runs;
  // With a table to fill: when at least two different sizes succeeded (one point fits every
  // model). With none the rows cannot matter, so the fit is constant whatever the noise
  // suggests, from any number of sizes.
  std::optional<ScalingFit> forward_fit;
  std::optional<ScalingFit> reverse_fit;
};

struct EngineBench {
  std::string engine;
  std::string dsn;             // redacted
  std::string server_version;
  // The statements every bench connection ran first (Dsn::session), as `verify` reports them.
  std::vector<std::string> session;
  std::string status = "ok";   // "error": the engine could not be benched at all
  std::string message;
  std::vector<MigrationBench> migrations;

  bool any_error() const;
};

// A whole `crucible bench` run, as the reports see it.
struct BenchReport {
  std::string source;            // the migrations folder
  std::vector<int64_t> sizes;
  int64_t project_rows = 0;
  int load_clients = 0;
  std::vector<EngineBench> engines;

  bool any_error() const;
};

// Benches the chosen migrations of `set` on `engine`. Statement errors become results; only
// infrastructure failures (lost server) throw crucible::Error. Scratch databases are dropped.
EngineBench bench_engine(Engine& engine, const MigrationSet& set, const BenchOptions& options);

// Parses "10000,100000,1e6" style sizes: positive integers, sorted, duplicates removed. Throws
// crucible::Error naming the bad item.
std::vector<int64_t> parse_sizes(const std::string& text);

}  // namespace crucible::bench
