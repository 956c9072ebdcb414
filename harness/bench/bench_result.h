// What `crucible bench` measured, as plain data: the reports (reports/bench_*.h) format it
// without seeing an engine. bench_run.h and load_impact.h produce it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/bench/scaling_fit.h"

namespace crucible::bench {

// Latency of the traffic while the migration ran.
struct TrafficStats {
  int64_t statements = 0;
  int64_t errors = 0;                // statements the engine rejected (lock timeouts, deadlocks)
  int64_t waited = 0;                // statements slower than blocked_after_ms
  double max_ms = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double longest_stall_ms = 0;       // longest interval in which no traffic statement completed
  double read_max_ms = 0;            // the slowest read and the slowest write: many DDL
  double write_max_ms = 0;           // statements block writes but let reads through
  double baseline_p50_ms = 0;        // the same traffic during the warm-up, before the migration
  double baseline_p99_ms = 0;
  std::vector<std::string> error_samples;  // the first few engine messages, for the report
};

// A lock the migration's session held (PostgreSQL: pg_locks; MariaDB/MySQL: metadata locks,
// where the server shows them) or that traffic waited on (MariaDB/MySQL: the process list).
struct LockObservation {
  std::string relation;   // table or index name
  std::string mode;       // e.g. "AccessExclusiveLock", "Waiting for table metadata lock"
  double held_ms = 0;     // first to last sample in which it was seen
  int64_t waiters = 0;    // most sessions seen waiting on it at once
  double first_seen_ms = 0;  // since the migration started

  // The relation name a lock watch gives a relation the migration created and has not
  // committed (a new table, the new heap of a rewrite): "(uncommitted relation 16442)".
  static constexpr std::string_view kUncommittedPrefix = "(uncommitted relation ";
  bool on_uncommitted_relation() const { return relation.rfind(kUncommittedPrefix, 0) == 0; }
};

struct LoadImpact {
  TrafficStats traffic;
  std::vector<LockObservation> locks;
  std::string lock_source;  // where the lock data came from, e.g. "pg_locks"
  double migration_ms = 0;
  int clients = 0;                 // LoadOptions echoed, so that the report reads on its own
  int64_t blocked_after_ms = 0;
  int64_t lock_samples = 0;        // how many times the watcher sampled the locks
  double sample_interval_ms = 0;   // the watcher's resolution: held_ms is a lower bound by this
  std::vector<std::string> notes;  // e.g. tables the traffic could not address, and why
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

// {"migration_ms", "clients", "blocked_after_ms", "traffic": {"statements", "errors", "waited", "p50_ms", "p99_ms", "max_ms",
//  "longest_stall_ms", "read_max_ms", "write_max_ms", "baseline_p50_ms", "baseline_p99_ms", "error_samples": [..]},
//  "lock_source", "lock_samples", "sample_interval_ms",
//  "locks": [{"relation", "mode", "held_ms", "waiters", "first_seen_ms"}], "notes": [..]}
// Durations are milliseconds, rounded to 0.1 ms.
nlohmann::json to_json(const LoadImpact& impact);

// A few terminal lines: the traffic's latency and waits, then one line per lock.
std::string to_text(const LoadImpact& impact);

}  // namespace crucible::bench
