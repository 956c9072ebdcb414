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

#include "harness/bench/bench_result.h"
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

}  // namespace crucible::bench
