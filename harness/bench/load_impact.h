// What a migration does to a busy table: while it runs, other sessions keep reading and writing
// the tables it touches, and a watcher samples the locks the migration holds. The result says
// how long the traffic was blocked and by which locks — the number a DBA needs before running
// the migration on production.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/engines/engine.h"

namespace crucible::bench {

// Where a MySQL/MariaDB lock watch reads the locks the migration holds (the waits always come
// from information_schema.PROCESSLIST).
enum class MysqlHeldLocks {
  best,                // the plugin if active, else performance_schema if instrumented, else none
  lock_info_plugin,    // information_schema.METADATA_LOCK_INFO, MariaDB's plugin
  performance_schema,  // performance_schema.metadata_locks: MySQL 8's default; MariaDB with
                       // performance_schema=ON and the wait/lock/metadata/sql/mdl instrument
  none,                // the waits only
};

struct LoadOptions {
  int clients = 4;                   // concurrent traffic sessions (Database::open_session())
  std::vector<std::string> tables;   // the tables the migration touches, filled beforehand
  double write_fraction = 0.3;       // share of statements (or of clients) that write (UPDATE)
  int64_t blocked_after_ms = 100;    // a statement slower than this "waited"
  MysqlHeldLocks mysql_held_locks = MysqlHeldLocks::best;
};

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

// Starts `options.clients` traffic sessions and a lock watcher on `migrating`'s database, runs
// `migration` (which executes the migration on `migrating` itself), then stops the traffic and
// returns what it saw. Exceptions from `migration` propagate after the traffic is stopped.
// Timeline: traffic starts and warms up for 200 ms (the baseline), the watcher starts, the
// migration runs, the watcher stops, traffic runs 100 ms more and stops; the traffic statistics
// cover the statements that completed from the migration's start to the traffic's stop.
// `options.tables` empty: every table that exists before the migration. SQLite has no lock
// watcher (it locks the whole file): lock_source says so and the traffic's waits are the data.
LoadImpact run_under_load(Database& migrating, const LoadOptions& options,
                          const std::function<void()>& migration);

// {"migration_ms", "clients", "blocked_after_ms", "traffic": {"statements", "errors", "waited", "p50_ms", "p99_ms", "max_ms",
//  "longest_stall_ms", "read_max_ms", "write_max_ms", "baseline_p50_ms", "baseline_p99_ms", "error_samples": [..]},
//  "lock_source", "lock_samples", "sample_interval_ms",
//  "locks": [{"relation", "mode", "held_ms", "waiters", "first_seen_ms"}], "notes": [..]}
// Durations are milliseconds, rounded to 0.1 ms.
nlohmann::json to_json(const LoadImpact& impact);

// A few terminal lines: the traffic's latency and waits, then one line per lock.
std::string to_text(const LoadImpact& impact);

}  // namespace crucible::bench
