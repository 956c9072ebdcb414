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

namespace {

double rounded(double ms) { return std::round(ms * 10) / 10; }

}  // namespace

nlohmann::json to_json(const LoadImpact& impact) {
  const TrafficStats& t = impact.traffic;
  nlohmann::json locks = nlohmann::json::array();
  for (const LockObservation& lock : impact.locks)
    locks.push_back({{"relation", lock.relation}, {"mode", lock.mode},
                     {"held_ms", rounded(lock.held_ms)}, {"waiters", lock.waiters},
                     {"first_seen_ms", rounded(lock.first_seen_ms)}});
  return {
      {"migration_ms", rounded(impact.migration_ms)},
      {"clients", impact.clients},
      {"blocked_after_ms", impact.blocked_after_ms},
      {"traffic",
       {{"statements", t.statements}, {"errors", t.errors}, {"waited", t.waited},
        {"p50_ms", rounded(t.p50_ms)}, {"p99_ms", rounded(t.p99_ms)}, {"max_ms", rounded(t.max_ms)},
        {"longest_stall_ms", rounded(t.longest_stall_ms)},
        {"read_max_ms", rounded(t.read_max_ms)}, {"write_max_ms", rounded(t.write_max_ms)},
        {"baseline_p50_ms", rounded(t.baseline_p50_ms)},
        {"baseline_p99_ms", rounded(t.baseline_p99_ms)},
        {"error_samples", t.error_samples}}},
      {"lock_source", impact.lock_source},
      {"lock_samples", impact.lock_samples},
      {"sample_interval_ms", impact.sample_interval_ms},
      {"locks", locks},
      {"notes", impact.notes},
  };
}

std::string to_text(const LoadImpact& impact) {
  const TrafficStats& t = impact.traffic;
  std::string out = fmt::format(
      "load: {} clients, {} statements during the migration ({:.1f} ms): p50 {:.1f} ms, "
      "p99 {:.1f} ms, max {:.1f} ms (before it: p50 {:.1f} ms, p99 {:.1f} ms)\n"
      "load: {} waited over {} ms, {} errors, longest stall {:.1f} ms; slowest read {:.1f} ms, "
      "slowest write {:.1f} ms\n",
      impact.clients, t.statements, impact.migration_ms, t.p50_ms, t.p99_ms, t.max_ms,
      t.baseline_p50_ms, t.baseline_p99_ms, t.waited, impact.blocked_after_ms, t.errors,
      t.longest_stall_ms, t.read_max_ms, t.write_max_ms);
  for (const std::string& sample : t.error_samples) out += fmt::format("  error: {}\n", sample);
  out += fmt::format("locks ({}", impact.lock_source);
  if (impact.sample_interval_ms > 0)
    out += fmt::format(", sampled every {:.0f} ms, {} samples", impact.sample_interval_ms,
                       impact.lock_samples);
  out += impact.locks.empty() ? "): none seen\n" : "):\n";
  for (const LockObservation& lock : impact.locks)
    out += fmt::format("  {} {}: held {:.1f} ms from {:.1f} ms, up to {} waiting\n", lock.relation,
                       lock.mode, lock.held_ms, lock.first_seen_ms, lock.waiters);
  for (const std::string& note : impact.notes) out += fmt::format("  note: {}\n", note);
  return out;
}

}  // namespace crucible::bench
