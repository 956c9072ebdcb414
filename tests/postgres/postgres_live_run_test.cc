// Cleanup that holds under faults: a live run's databases are not leftovers, a lost admin session
// is reopened before dropping, and a scratch database is registered for Ctrl-C before it exists.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "harness/engines/cleanup_failures.h"
#include "harness/engines/postgres/postgres_engine.h"
#include "harness/engines/scratch.h"
#include "tests/support/child_process.h"
#include "tests/postgres/pg_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

using namespace std::chrono_literals;

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Polls `condition` every 50 ms for up to `limit`: waits for an event, not for a guessed time.
bool eventually(const std::function<bool()>& condition, std::chrono::seconds limit = 30s) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return condition();
}

// The admin sessions of this run: they hold its live-run advisory lock.
std::vector<std::string> admin_pids_of_this_run() {
  return pg_admin_column(
      "SELECT pid::text FROM pg_locks WHERE locktype = 'advisory' AND classid = 1131574627 "
      "AND objsubid = 2 AND objid::bigint = x'" + scratch_run_id() + "'::bigint AND granted");
}

TEST(PostgresLiveRuns, CleanupLeavesALiveRunAloneAndDropsADeadRunsLeftovers) {
  CRUCIBLE_LIVE_ENGINE(cleanup, EngineKind::postgres);
  auto running = make_postgres_engine(cleanup->dsn());
  auto live = running->create_scratch();
  // A crashed run's leftovers, by hand: a scratch-shaped database and run login of a run id no
  // session holds.
  std::string dead_run = pg_unique_name("").substr(0, 8);
  std::string dead_db = "crucible_" + dead_run + "_1";
  std::string dead_login = "crucible_" + dead_run + "_login";
  pg_admin_exec("CREATE DATABASE " + dead_db);
  pg_admin_exec("CREATE ROLE " + dead_login);

  std::vector<std::string> leftovers = cleanup->list_leftovers();
  EXPECT_FALSE(contains(leftovers, live->name()));
  EXPECT_FALSE(contains(leftovers, "crucible_" + scratch_run_id() + "_login"));
  ASSERT_TRUE(contains(leftovers, dead_db));
  ASSERT_TRUE(contains(leftovers, dead_login));
  cleanup->drop_leftover(dead_db);  // only our own hand-made ones: others share this server
  cleanup->drop_leftover(dead_login);
  EXPECT_FALSE(pg_database_exists(dead_db));
  EXPECT_FALSE(pg_role_exists(dead_login));
  EXPECT_TRUE(pg_database_exists(live->name()));
}

TEST(PostgresLiveRuns, TheLiveMarkIsTakenAgainWhenTheAdminSessionIsReopened) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto first = engine->create_scratch();
  for (const std::string& pid : admin_pids_of_this_run())
    pg_admin_exec("SELECT pg_terminate_backend(" + pid + ")");
  ASSERT_TRUE(eventually([] { return admin_pids_of_this_run().empty(); }));
  auto second = engine->create_scratch();  // reopens the session, and marks the run live again
  EXPECT_FALSE(admin_pids_of_this_run().empty());
  EXPECT_FALSE(contains(engine->list_leftovers(), second->name()));
}

// pg_terminate_backend on the admin session (as idle_session_timeout or a restart would end it):
// the scratch database is still dropped, through a reopened session, and nothing is reported.
TEST(PostgresLiveRuns, AScratchDatabaseIsDroppedAfterTheAdminSessionWasTerminated) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  std::string name = db->name();
  pg_run(*db, "CREATE TABLE t (i int)");
  std::vector<std::string> pids = admin_pids_of_this_run();
  ASSERT_FALSE(pids.empty());
  for (const std::string& pid : pids) pg_admin_exec("SELECT pg_terminate_backend(" + pid + ")");
  ASSERT_TRUE(eventually([] { return admin_pids_of_this_run().empty(); }));
  db.reset();
  EXPECT_FALSE(pg_database_exists(name));
  EXPECT_TRUE(take_cleanup_failures(engine->dsn().redacted()).empty());
}

// The report path of a drop that fails for good: recorded for the verify loop (which makes the
// engine run an error, exit 2) instead of a warning alone.
TEST(PostgresLiveRuns, ADropThatFailsIsRecordedForTheReport) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  take_cleanup_failures(engine->dsn().redacted());
  auto db = engine->create_scratch();
  std::string name = db->name();
  // A session the drop cannot end: the database is marked a template, which DROP refuses.
  pg_admin_exec("ALTER DATABASE " + name + " IS_TEMPLATE true");
  db.reset();
  std::vector<std::string> failures = take_cleanup_failures(engine->dsn().redacted());
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("cannot drop database \"" + name + "\""), std::string::npos)
      << failures[0];
  pg_admin_exec("ALTER DATABASE " + name + " IS_TEMPLATE false");
  pg_admin_exec("DROP DATABASE " + name);
}

// The whole way through `crucible verify`: a scratch database the run cannot drop (a privileged
// migration made it a template) is an engine error and exit 2, not a pass with a warning.
TEST(PostgresLiveRuns, AVerifyRunThatCannotDropItsDatabaseSaysSoAndExitsNonZero) {
  CRUCIBLE_LIVE_ENGINE(live, EngineKind::postgres);
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / pg_unique_name("crucible_pg_undroppable_");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "0001_template.up.sql")
      << "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I IS_TEMPLATE true', current_database()); "
         "END $$;\n";
  std::ofstream(dir / "0001_template.down.sql") << "SELECT 1;\n";
  const Dsn& dsn = live->dsn();
  std::string url = "postgresql://" + dsn.user + ":" + dsn.password + "@" + dsn.host + ":" +
                    std::to_string(dsn.port) + "/" + dsn.database;
  Completed run = run_to_completion(
      {CRUCIBLE_BINARY, "verify", dir.string(), "--engine", "postgres", "--privileged"},
      {{"CRUCIBLE_POSTGRES_URL", url}});
  std::filesystem::remove_all(dir);
  std::smatch leaked;
  bool named = std::regex_search(run.output, leaked,
                                 std::regex("cannot drop database \"(crucible_[0-9a-f]{8}_[0-9]+)\""));
  if (named) {  // clean up what the run could not
    pg_admin_exec("ALTER DATABASE " + leaked[1].str() + " IS_TEMPLATE false");
    pg_admin_exec("DROP DATABASE " + leaked[1].str());
  }
  EXPECT_TRUE(named) << run.output;
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("crucible cleanup --drop"), std::string::npos) << run.output;
}

// Ctrl-C while CREATE DATABASE is in flight: the drop action is registered before the statement
// is sent and waits for it, so the database is gone once the cleanup has run. (It leaked 7 times
// in 10 when the action was registered after the CREATE returned.)
TEST(PostgresLiveRuns, ACleanupDuringCreateDatabaseDropsTheDatabaseBeingCreated) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  engine->create_scratch();  // the run login exists: only CREATE DATABASE is left to block
  // Holding pg_database in SHARE ROW EXCLUSIVE mode makes every CREATE DATABASE on the server
  // wait (briefly: others share this server), ours included.
  Dsn dsn = engine->dsn();
  pqxx::connection blocker("postgresql://" + dsn.user + ":" + dsn.password + "@" + dsn.host + ":" +
                           std::to_string(dsn.port) + "/" + dsn.database);
  pqxx::work lock(blocker);
  lock.exec("LOCK TABLE pg_database IN SHARE ROW EXCLUSIVE MODE");
  auto creating = std::async(std::launch::async, [&] {
    try {
      return engine->create_scratch();
    } catch (const std::exception&) {
      return std::unique_ptr<Database>();  // dropped under it: that is the point
    }
  });
  std::string waiting;
  ASSERT_TRUE(eventually([&] {
    auto names = pg_admin_column(
        "SELECT substring(query from 'CREATE DATABASE \"(crucible_" + scratch_run_id() +
        "_[0-9]+)\"') FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE "
        "'CREATE DATABASE \"crucible_" + scratch_run_id() + "%'");
    if (!names.empty()) waiting = names[0];
    return !waiting.empty();
  }, 20s)) << "CREATE DATABASE never waited";
  auto cleaning = std::async(std::launch::async, [] { ScratchRegistry::instance().drop_all(); });
  std::this_thread::sleep_for(200ms);  // let the cleanup reach the admin session's lock
  lock.abort();                        // CREATE DATABASE goes on
  cleaning.get();
  auto db = creating.get();
  EXPECT_FALSE(pg_database_exists(waiting)) << waiting;
}

}  // namespace
}  // namespace crucible::testing
