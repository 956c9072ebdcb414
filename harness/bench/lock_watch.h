// Watching the locks of a running migration from a separate session.
//
// A LockWatch knows how to take one sample on one engine family (lock_watch_postgres.cc,
// lock_watch_mysql.cc); a LockWatcher polls it on its own thread every kSampleInterval while the
// migration runs, and LockTally turns the samples into one LockObservation per (relation, mode):
// held_ms is the time from the first to the last sample that saw it, so the sampling interval is
// the resolution (a lock held for less than one interval may be missed, and held_ms is a lower
// bound by up to two intervals).
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "harness/bench/load_impact.h"
#include "harness/bench/traffic.h"
#include "harness/engines/engine.h"

namespace crucible::bench {

constexpr std::chrono::milliseconds kSampleInterval{5};

// The samples, aggregated per (relation, mode).
class LockTally {
 public:
  // One sighting at `at_ms` (since the migration started) with `waiters` sessions waiting.
  void seen(const std::string& relation, const std::string& mode, int64_t waiters, double at_ms);
  // Ordered by first sighting, then relation and mode.
  std::vector<LockObservation> observations() const;

 private:
  struct Span {
    double first_ms = 0, last_ms = 0;
    int64_t waiters = 0;
  };
  std::map<std::pair<std::string, std::string>, Span> spans_;
};

class LockWatch {
 public:
  virtual ~LockWatch() = default;
  // Where the data comes from, for LoadImpact::lock_source (e.g. "pg_locks").
  virtual std::string source() const = 0;
  // Takes one sample and records what it sees in `tally` at `at_ms`. Throws crucible::Error
  // when the watcher's own connection fails.
  virtual void sample(LockTally& tally, double at_ms) = 0;
};

// PostgreSQL: pg_locks of the migrating backend (its pid is read from `migrating` now, before
// the migration starts), with the sessions waiting on the same relations.
std::unique_ptr<LockWatch> make_postgres_lock_watch(Database& migrating,
                                                    std::unique_ptr<Database> session);
// MySQL/MariaDB: metadata-lock waits in information_schema.PROCESSLIST, plus the migrating
// connection's own metadata locks from the source `held` names (see MysqlHeldLocks; a source
// named explicitly that the server lacks throws crucible::Error). `tables` name the relations
// the waits are attributed to (by the waiting statement's text).
std::unique_ptr<LockWatch> make_mysql_lock_watch(Database& migrating,
                                                 std::unique_ptr<Database> session,
                                                 std::vector<std::string> tables,
                                                 MysqlHeldLocks held = MysqlHeldLocks::best);

// For the watches: their statements, and values read from result rows.
Statement watch_statement(std::string sql);
std::string text_of(const SqlValue& value);  // numbers as decimal text, NULL as ""
int64_t integer_of(const SqlValue& value);   // 0 for NULL and non-numbers

// Polls a LockWatch on its own thread from start() to stop().
class LockWatcher {
 public:
  LockWatcher(std::unique_ptr<LockWatch> watch, Clock::time_point origin);
  ~LockWatcher();  // stops
  LockWatcher(const LockWatcher&) = delete;
  LockWatcher& operator=(const LockWatcher&) = delete;

  void start();
  void stop();  // finishes the sample in progress, then joins
  const LockTally& tally() const { return tally_; }
  int64_t samples() const { return samples_; }
  const std::string& failure() const { return failure_; }  // "" unless a sample threw

 private:
  void sample_once();

  std::unique_ptr<LockWatch> watch_;
  Clock::time_point origin_;
  LockTally tally_;
  int64_t samples_ = 0;
  std::string failure_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace crucible::bench
