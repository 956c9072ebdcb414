// Steady read/write traffic on the tables a migration touches, for `crucible bench --load`.
//
// Each client is its own session (Database::open_session()) on its own thread. With two clients
// or more, round(clients × write_fraction) of them (at least one, never all) only write and the
// others only read, so that a lock blocking writes alone shows as such; a single client mixes.
// Each runs a paced
// closed loop: one statement every 1/statements_per_second when it is not blocked; a blocked
// client does not burst to catch up afterwards, so the pace stays steady and the blocked
// statement's latency is the wait. Statements, by share:
//   writes: UPDATE t SET c = c WHERE pk = ?   (a real write that leaves the data unchanged)
//   reads: 50% SELECT pk, c … WHERE pk = ?; 30% SELECT pk, c … WHERE pk >= ? ORDER BY pk LIMIT 20;
//          20% SELECT COUNT(*) … WHERE pk BETWEEN ? AND ? + 100 (integer keys; else a point read)
// Keys come from the rows that are there: MIN/MAX of an integer key, else a sample of 1000 keys.
// Reads name their columns: a `SELECT *` prepared before the table changed shape makes the MySQL
// connector fail on the client side. A statement the engine rejects (lock timeout, deadlock, a
// column that vanished under it) is counted and the client goes on; a lost connection is counted
// and ends that client (reconnecting would need the owner's connection, busy with the migration).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "harness/bench/load_impact.h"
#include "harness/catalog/catalog.h"
#include "harness/engines/engine.h"

namespace crucible::bench {

using Clock = std::chrono::steady_clock;

// One table the traffic can address by a single-column primary key.
struct TrafficTable {
  std::string name;           // as in the catalog
  std::string quoted_name;    // ready for SQL text
  std::string quoted_key;     // the primary key column
  std::string quoted_update;  // the column the UPDATE sets to itself (first non-key column)
  bool integer_key = false;
  int64_t min_key = 0, max_key = 0;   // integer keys
  std::vector<SqlValue> sample_keys;  // other keys: up to 1000 that exist
};

// The tables of `names` that traffic can use, read from `catalog` and (for keys) from `db`
// before anything runs. A table left out (missing, no single-column primary key) gets a note.
std::vector<TrafficTable> plan_traffic(Database& db, const catalog::Catalog& catalog,
                                       const std::vector<std::string>& names,
                                       std::vector<std::string>& notes);

struct TrafficOptions {
  int clients = 4;
  double write_fraction = 0.3;
  int statements_per_second = 200;  // per client, when not blocked
};

// One statement as a client saw it.
struct Completion {
  Clock::time_point start, end;
  bool failed = false;
  bool write = false;
};

class Traffic {
 public:
  // Opens one session per client on `db` (throws crucible::Error when one cannot connect).
  Traffic(Database& db, std::vector<TrafficTable> tables, const TrafficOptions& options);
  ~Traffic();  // stops and joins the clients
  Traffic(const Traffic&) = delete;
  Traffic& operator=(const Traffic&) = delete;

  void start();
  void stop();  // waits for the statements in flight; only then are the sessions idle

  // Statistics over the statements that completed at or after `from` and were issued at or
  // before `to` (those still waiting at `to` count with their whole wait); call after stop().
  TrafficStats stats(Clock::time_point from, Clock::time_point to, double blocked_after_ms) const;

 private:
  struct Client;
  void run(Client& client);

  std::vector<TrafficTable> tables_;
  TrafficOptions options_;
  std::vector<std::unique_ptr<Client>> clients_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
};

}  // namespace crucible::bench
