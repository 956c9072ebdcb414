#include "tests/bench_load/load_testing.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "tests/support/catalog_testing.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

std::string fill_statement(EngineKind kind, int rows) {
  switch (kind) {
    case EngineKind::postgres:
      return fmt::format("INSERT INTO t SELECT i, i FROM generate_series(1, {}) AS i", rows);
    case EngineKind::mysql:
    case EngineKind::mariadb:  // MariaDB's built-in SEQUENCE engine
      return fmt::format("INSERT INTO t SELECT seq, seq FROM seq_1_to_{}", rows);
    default:
      return fmt::format("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                         "WHERE i < {}) INSERT INTO t SELECT i, i FROM n", rows);
  }
}

}  // namespace

void fill_keyed_table(Database& db, EngineKind kind, int rows) {
  run_sql(db, kind, "CREATE TABLE t (id INT PRIMARY KEY, c INT);\n" + fill_statement(kind, rows) + ";");
}

std::unique_ptr<Database> keyed_scratch(Engine& engine, EngineKind kind, int rows) {
  auto db = engine.create_scratch();
  fill_keyed_table(*db, kind, rows);
  // The traffic's sessions (opened later) commit without waiting for the WAL flush. These tests
  // measure lock waits, and while other tests load the disk one commit's fsync alone took
  // 109 ms, after an 11 ms instant ADD COLUMN whose lock nobody waited on any more
  // (LoadPostgres.AnInstantAddColumnBlocksFarLessThanARewrite failed on it).
  if (kind == EngineKind::postgres)
    run_sql(*db, kind,
            "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = off', "
            "current_database()); END $$;");
  return db;
}

bench::LoadOptions options_for_t() {
  bench::LoadOptions options;
  options.clients = 4;
  options.tables = {"t"};
  options.blocked_after_ms = 20;
  return options;
}

bench::LoadImpact load_during(Database& db, EngineKind kind, const std::string& sql,
                              const bench::LoadOptions& options) {
  bench::LoadImpact impact = bench::run_under_load(db, options, [&] { migrate(db, kind, sql); });
  std::cout << bench::to_text(impact) << std::flush;  // the log is where a reader checks numbers
  return impact;
}

void expect_instant_blocks_less(Engine& engine, EngineKind kind, const std::string& instant,
                                const std::string& rewrite) {
  auto db = keyed_scratch(engine, kind, 100000);
  auto under_load = [&](const std::string& sql) {
    bench::LoadImpact impact = load_during(*db, kind, sql);
    EXPECT_EQ(impact.traffic.errors, 0);
    EXPECT_GT(impact.traffic.statements, 0);
    EXPECT_LE(impact.traffic.max_ms, impact.migration_ms + 50);  // waits end with the migration
    return impact;
  };
  bench::LoadImpact fast = under_load(instant);
  bench::LoadImpact slow = under_load(rewrite);
  // Compared on the slowest statement: a rewrite that lets reads through (MariaDB's COPY) does
  // not stall the traffic as a whole, but its writers wait.
  EXPECT_LT(fast.traffic.max_ms, slow.traffic.max_ms / 2);
}

const bench::LockObservation* find_lock(const bench::LoadImpact& impact,
                                        const std::string& relation, const std::string& mode) {
  for (const auto& lock : impact.locks)
    if (lock.relation == relation && lock.mode == mode) return &lock;
  return nullptr;
}

void migrate(Database& db, EngineKind kind, const std::string& sql) {
  ExecResult result = db.execute(script_for(kind, sql, "migration.sql"));
  ASSERT_TRUE(result.ok()) << result.error->message;
}

bool scratch_exists(Engine& engine, const std::string& name) {
  // A live run's databases are not leftovers on PostgreSQL (its advisory lock says it is live).
  if (engine.kind() == EngineKind::postgres) {
    try {
      engine.open_existing(name);
      return true;
    } catch (const Error&) {
      return false;
    }
  }
  std::string stem = std::filesystem::path(name).stem().string();
  auto names = engine.list_leftovers();
  return std::find(names.begin(), names.end(), stem) != names.end();
}

}  // namespace crucible::testing
