// run_under_load(): traffic + lock watcher around one migration, and the report shapes.
#include "harness/bench/load_impact.h"

#include <cmath>
#include <exception>
#include <thread>

#include <fmt/format.h>

#include "harness/bench/lock_watch.h"
#include "harness/bench/traffic.h"
#include "harness/common/error.h"
#include "harness/engines/mysql/mysql_database.h"
#include "harness/engines/registry.h"

namespace crucible::bench {
namespace {

constexpr auto kWarmUp = std::chrono::milliseconds(200);
constexpr auto kTail = std::chrono::milliseconds(100);
constexpr const char* kSqliteLockSource = "none (SQLite locks the database file)";

EngineKind kind_of(const catalog::Catalog& catalog) {
  auto kind = parse_engine_name(catalog.engine);
  if (!kind) throw Error(fmt::format("bench --load: unknown engine \"{}\"", catalog.engine));
  return *kind;
}

// The engine's lock watch on its own session, or nullptr where there is none (SQLite, DB2).
std::unique_ptr<LockWatch> make_watch(EngineKind kind, Database& migrating,
                                      const std::vector<std::string>& tables,
                                      MysqlHeldLocks mysql_held_locks) {
  switch (engine_facts(kind).lock_watch) {
    case LockWatchKind::postgres_locks:
      return make_postgres_lock_watch(migrating, migrating.open_session());
    case LockWatchKind::mysql_metadata_locks:
      // The admin's session: the run's contained login cannot see other sessions' locks.
      return make_mysql_lock_watch(migrating, mysql::open_observer_session(migrating), tables,
                                   mysql_held_locks);
    case LockWatchKind::none: return nullptr;
  }
  return nullptr;
}

std::vector<std::string> traffic_tables(const LoadOptions& options,
                                        const catalog::Catalog& before) {
  if (!options.tables.empty()) return options.tables;
  std::vector<std::string> all;
  for (const catalog::Table& table : before.tables) all.push_back(table.name);
  return all;
}

double ms_since(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace

LoadImpact run_under_load(Database& migrating, const LoadOptions& options,
                          const std::function<void()>& migration) {
  LoadImpact impact;
  impact.clients = options.clients;
  impact.blocked_after_ms = options.blocked_after_ms;
  const catalog::Catalog before = migrating.snapshot();
  const EngineKind kind = kind_of(before);
  const std::vector<std::string> tables = traffic_tables(options, before);
  std::vector<TrafficTable> planned = plan_traffic(migrating, before, tables, impact.notes);
  if (planned.empty() && options.clients > 0)
    impact.notes.push_back("no traffic ran: no table it could address exists before the migration");

  Traffic traffic(migrating, std::move(planned), {options.clients, options.write_fraction});
  std::unique_ptr<LockWatch> watch = make_watch(kind, migrating, tables, options.mysql_held_locks);
  impact.lock_source = watch ? watch->source() : kSqliteLockSource;
  if (!watch && kind != EngineKind::sqlite) impact.lock_source = "none";
  impact.sample_interval_ms = watch ? static_cast<double>(kSampleInterval.count()) : 0;

  traffic.start();
  std::this_thread::sleep_for(kWarmUp);
  const Clock::time_point started = Clock::now();
  LockWatcher watcher(std::move(watch), started);
  if (impact.sample_interval_ms > 0) watcher.start();
  std::exception_ptr failure;
  try {
    migration();
  } catch (...) {
    failure = std::current_exception();
  }
  impact.migration_ms = ms_since(started, Clock::now());
  watcher.stop();
  std::this_thread::sleep_for(kTail);
  const Clock::time_point stopping = Clock::now();
  traffic.stop();
  if (failure) std::rethrow_exception(failure);

  impact.traffic = traffic.stats(started, stopping, static_cast<double>(options.blocked_after_ms));
  impact.locks = watcher.tally().observations();
  impact.lock_samples = watcher.samples();
  if (!watcher.failure().empty())
    impact.notes.push_back("the lock watcher stopped early: " + watcher.failure());
  return impact;
}

}  // namespace crucible::bench
