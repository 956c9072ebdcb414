// What a hostile migration cannot do on MariaDB (issue 13): reach past its scratch database,
// outlive its statement timeout, be dropped by `crucible cleanup` while its run is alive, or leak
// its database when the admin session dies. Also the DSN parameters the engine accepts.
#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>
#include <mysql_driver.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "harness/engines/cleanup_failures.h"
#include "harness/engines/engine.h"
#include "harness/engines/scratch.h"
#include "tests/mysql/my_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

using std::chrono::seconds;
using std::chrono::steady_clock;

// The default server with these options; null (the test skips) without a server.
std::unique_ptr<Engine> engine_with(const EngineOptions& options) {
  if (!live_engine(EngineKind::mariadb)) return nullptr;
  return connect_engine(default_dsn(EngineKind::mariadb), options);
}

// Objects of the test's own, dropped at the end whatever happened.
struct Victims {
  std::string run = scratch_run_id();
  std::string victim = "crucible_victim_" + run;
  std::string victim2 = "crucible_victim2_" + run;
  std::string made = "crucible_made_" + run;
  std::string user = "crucible_evil_" + run;
  Victims() {
    clean();
    my_admin_exec("CREATE DATABASE " + victim);
    my_admin_exec("CREATE TABLE " + victim + ".t0 (id INT)");
    my_admin_exec("CREATE DATABASE " + victim2);
  }
  ~Victims() { clean(); }
  void clean() {
    for (const std::string& db : {victim, victim2, made}) my_admin_exec("DROP DATABASE IF EXISTS " + db);
    my_admin_exec("DROP USER IF EXISTS '" + user + "'@'localhost'");
  }
};

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

TEST(MariadbContainment, EveryReachOutsideTheScratchDatabaseFailsWithTheServersMessage) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  Victims v;
  auto db = engine->create_scratch();
  my_run(*db, "CREATE TABLE t (line TEXT)");
  const std::string login = "crucible_" + scratch_run_id() + "_login";
  for (const std::string& attack : {
           "USE " + v.victim,
           "CREATE TABLE " + v.victim + ".t2 (id INT)",
           "INSERT INTO " + v.victim + ".t0 VALUES (1)",
           std::string("USE mysql"),
           std::string("SELECT User FROM mysql.user"),
           "DROP DATABASE " + v.victim2,
           "CREATE DATABASE " + v.made,
           "SELECT 1 INTO OUTFILE '/tmp/" + v.made + "'",
           std::string("LOAD DATA INFILE '/etc/hostname' INTO TABLE t"),
           std::string("SET GLOBAL max_connections = @@global.max_connections"),
           std::string("GRANT SELECT ON mysql.* TO CURRENT_USER"),
           "CREATE USER '" + v.user + "'@'localhost'",
           std::string("INSTALL PLUGIN crucible_nothing SONAME 'crucible_no_such_library'"),
       }) {
    ExecResult result = db->execute(my_script(attack));
    ASSERT_FALSE(result.ok()) << attack;
    EXPECT_NE(result.error->message.find("denied"), std::string::npos)
        << attack << ": " << result.error->message;
  }
  EXPECT_EQ(my_admin_query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" +
                           v.victim + "'"),
            std::vector<std::string>{"t0"});
  EXPECT_EQ(my_admin_query("SELECT COUNT(*) FROM " + v.victim + ".t0").at(0), "0");
  EXPECT_TRUE(my_database_exists(v.victim2));
  EXPECT_FALSE(my_database_exists(v.made));
  EXPECT_TRUE(my_admin_query("SELECT User FROM mysql.user WHERE User = '" + v.user + "'").empty());
  EXPECT_TRUE(starts_with(engine->server_info().containment, "migrations run as " + login))
      << engine->server_info().containment;
}

TEST(MariadbContainment, TheRunsLoginHoldsNoGlobalPrivilegeAndOnlyItsOwnDatabases) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto first = engine->create_scratch();
  auto second = engine->create_scratch();
  const std::string grantee = "'crucible_" + scratch_run_id() + "_login'@%";
  EXPECT_EQ(my_admin_query("SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES "
                           "WHERE GRANTEE LIKE \"" + grantee + "\""),
            std::vector<std::string>{"USAGE"});
  auto escaped = [](std::string name) {
    std::string out;
    for (char c : name) out += c == '_' ? std::string("\\_") : std::string(1, c);
    return out;
  };
  EXPECT_EQ(my_admin_query("SELECT DISTINCT TABLE_SCHEMA FROM information_schema.SCHEMA_PRIVILEGES "
                           "WHERE GRANTEE LIKE \"" + grantee + "\" ORDER BY 1"),
            (std::vector<std::string>{escaped(first->name()), escaped(second->name())}));
  EXPECT_TRUE(my_admin_query("SELECT 1 FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE LIKE \"" +
                             grantee + "\" AND IS_GRANTABLE = 'YES'").empty());
}

// The data check runs beside the linear pass on an engine of its own, on the same server: both
// use the run's one login. A second login created under the same name would replace the first's
// password and grants, and the first engine to finish would drop it under the other.
TEST(MariadbContainment, TwoEnginesOnOneServerShareTheRunsLogin) {
  auto first = engine_with({});
  if (!first) return;
  const std::string login = "crucible_" + scratch_run_id() + "_login";
  auto a = first->create_scratch();
  auto run = [](Database& db, const std::string& sql) {
    ExecResult result = db.execute(Script{"<test>", {{sql, {}}}});
    EXPECT_TRUE(result.ok()) << sql << ": " << (result.ok() ? "" : result.error->message);
  };
  {
    auto second = engine_with({});
    auto b = second->create_scratch();
    run(*a, "CREATE TABLE t1 (id INT)");
    run(*b, "CREATE TABLE t1 (id INT)");
  }  // the second engine and its database are gone
  run(*a, "CREATE TABLE t2 (id INT)");
  EXPECT_FALSE(my_admin_query("SELECT User FROM mysql.user WHERE User = '" + login + "'").empty());
  a.reset();
  first.reset();
  EXPECT_TRUE(my_admin_query("SELECT User FROM mysql.user WHERE User = '" + login + "'").empty());
}

// Everything a migration does to its own database still works contained, and reads back the
// same as it does with every privilege: triggers, routines, views, events, foreign keys.
TEST(MariadbContainment, TheScratchDatabaseSnapshotsTheSameContainedAndPrivileged) {
  auto contained = engine_with({});
  if (!contained) GTEST_SKIP();
  auto privileged = engine_with({.privileged = true});
  const std::string sql =
      "CREATE TABLE p (id INT PRIMARY KEY, name VARCHAR(20));"
      "CREATE TABLE c (id INT PRIMARY KEY, p_id INT, FOREIGN KEY (p_id) REFERENCES p(id));"
      "CREATE INDEX c_p ON c (p_id);"
      "CREATE VIEW v AS SELECT id, name FROM p;"
      "CREATE TRIGGER p_name BEFORE INSERT ON p FOR EACH ROW SET NEW.name = UPPER(NEW.name);"
      "CREATE PROCEDURE touch() SELECT 1;"
      "CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN 2 * x;"
      "CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM c;"
      "INSERT INTO p VALUES (1, 'a');";
  auto a = contained->create_scratch();
  auto b = privileged->create_scratch();
  my_run(*a, sql);
  my_run(*b, sql);
  catalog::Catalog left = a->snapshot(), right = b->snapshot();
  EXPECT_TRUE(catalog::diff(left, right).empty()) << describe_diff(left, right);
  EXPECT_FALSE(left.routines.empty());
}

TEST(MariadbContainment, PrivilegedSaysContainmentIsOffAndRunsAsTheAdmin) {
  auto engine = engine_with({.privileged = true});
  if (!engine) GTEST_SKIP();
  EXPECT_TRUE(starts_with(engine->server_info().containment, "containment off (--privileged): "))
      << engine->server_info().containment;
  auto db = engine->create_scratch();
  QueryResult who = db->query({"SELECT CURRENT_USER()", {}});
  ASSERT_TRUE(who.ok());
  EXPECT_TRUE(starts_with(std::get<std::string>(who.rows.at(0).at(0)), "crucible@"));
}

// Under --privileged a migration may create databases and users; the run drops them, and only
// them: what existed before the run stays, even when a migration names it.
TEST(MariadbContainment, PrivilegedRunsDropWhatMigrationsCreatedAndNothingElse) {
  if (!live_engine(EngineKind::mariadb)) GTEST_SKIP();
  Victims v;
  {
    auto engine = engine_with({.privileged = true});
    auto db = engine->create_scratch();
    my_run(*db, "CREATE DATABASE " + v.made + ";\nCREATE USER '" + v.user + "'@'localhost';\n"
                "CREATE DATABASE IF NOT EXISTS " + v.victim + ";\nCREATE TABLE " + v.victim2 +
                ".mine (id INT)");
    QueryResult made = db->query({"CREATE DATABASE IF NOT EXISTS " + v.made + "_q", {}});
    ASSERT_TRUE(made.ok());
    EXPECT_TRUE(my_database_exists(v.made));
    EXPECT_TRUE(my_database_exists(v.made + "_q"));
  }
  EXPECT_FALSE(my_database_exists(v.made));
  EXPECT_FALSE(my_database_exists(v.made + "_q"));
  EXPECT_TRUE(my_admin_query("SELECT User FROM mysql.user WHERE User = '" + v.user + "'").empty());
  EXPECT_TRUE(my_database_exists(v.victim));
  EXPECT_TRUE(my_database_exists(v.victim2));
  my_admin_exec("DROP DATABASE IF EXISTS " + v.made + "_q");
}

// The watchdog cancels from another session, so a migration that switches the server's own limit
// off still ends on time, and the connection goes on working.
TEST(MariadbStatementTimeout, ASleepPastTheLimitIsCancelledEvenWithTheServerLimitOff) {
  auto engine = engine_with({.statement_timeout = seconds(1)});
  if (!engine) GTEST_SKIP();
  auto db = engine->create_scratch();
  auto start = steady_clock::now();
  ExecResult result = db->execute(my_script("SET max_statement_time = 0;\nSELECT SLEEP(600)"));
  EXPECT_LT(steady_clock::now() - start, seconds(60));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(starts_with(result.error->message, "cancelled by Crucible after 1 s (--statement-timeout)"))
      << result.error->message;
  EXPECT_EQ(result.error->where.line, 2);
  EXPECT_EQ(result.statements_run, 1);
  EXPECT_TRUE(db->execute(my_script("CREATE TABLE t (id INT)")).ok());

  start = steady_clock::now();
  QueryResult query = db->query({"SELECT SLEEP(600)", {"q.sql", 3}});
  EXPECT_LT(steady_clock::now() - start, seconds(60));
  ASSERT_FALSE(query.ok());
  EXPECT_TRUE(starts_with(query.error->message, "cancelled by Crucible after 1 s")) << query.error->message;
  EXPECT_TRUE(db->query({"SELECT 1", {}}).ok());
}

TEST(MariadbDsn, AnUnknownParameterIsAnErrorNamingItButNotThePassword) {
  if (!live_engine(EngineKind::mariadb)) GTEST_SKIP();
  Dsn dsn = default_dsn(EngineKind::mariadb);
  dsn.params["sslmdoe"] = "REQUIRED";
  try {
    connect_engine(dsn);
    FAIL() << "an unknown parameter was accepted";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("unknown DSN parameter 'sslmdoe'"), std::string::npos) << message;
    EXPECT_EQ(message.find(":" + dsn.password + "@"), std::string::npos) << message;
  }
  dsn.params = {{"read_timeout", "soon"}};
  EXPECT_THROW(connect_engine(dsn), Error);
}

TEST(MariadbDsn, KnownParametersAreApplied) {
  if (!live_engine(EngineKind::mariadb)) GTEST_SKIP();
  Dsn dsn = default_dsn(EngineKind::mariadb);
  dsn.params = {{"charset", "latin1"}, {"connect_timeout", "3"}, {"write_timeout", "30"}};
  auto engine = connect_engine(dsn);
  auto db = engine->create_scratch();
  QueryResult charset = db->query({"SELECT @@character_set_client", {}});
  ASSERT_TRUE(charset.ok());
  EXPECT_EQ(std::get<std::string>(charset.rows.at(0).at(0)), "latin1");

  // read_timeout: the client gives up on a statement that says nothing for that long.
  dsn.params = {{"read_timeout", "1"}};
  auto impatient = connect_engine(dsn)->create_scratch();
  auto start = steady_clock::now();
  EXPECT_THROW(impatient->query({"SELECT SLEEP(20)", {}}), Error);
  EXPECT_LT(steady_clock::now() - start, seconds(15));
  impatient.reset();

  // ssl-mode: REQUIRED against a server without TLS cannot connect; DISABLED can.
  dsn.params = {{"ssl-mode", "DISABLED"}};
  EXPECT_NO_THROW(connect_engine(dsn));
  if (my_admin_query("SELECT @@have_ssl").at(0) != "YES") {
    dsn.params = {{"ssl-mode", "REQUIRED"}};
    EXPECT_THROW(connect_engine(dsn), Error);
  }
}

// A name that exists already is not Crucible's: a refused CREATE DATABASE must not lead to a
// drop of the database that was there (the drop is registered before CREATE is sent).
TEST(MariadbScratch, ARefusedCreateLeavesTheExistingDatabaseAlone) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  std::string used = scratch_name();  // the counter is process-wide: the engine's next is +1
  std::string next = fmt::format("crucible_{}_{}", scratch_run_id(),
                                 std::stoi(used.substr(used.rfind('_') + 1)) + 1);
  my_admin_exec("CREATE DATABASE " + next);
  EXPECT_THROW(engine->create_scratch(), Error);
  ScratchRegistry::instance().drop_all();  // as an interrupt would
  EXPECT_TRUE(my_database_exists(next));
  my_admin_exec("DROP DATABASE IF EXISTS " + next);
}

// A connection of the test's own that stays open (the helpers of my_test_util are one-shot).
std::unique_ptr<::sql::Connection> test_connection() {
  Dsn dsn = default_dsn(EngineKind::mariadb);
  ::sql::ConnectOptionsMap options;
  options["hostName"] = ::sql::SQLString("tcp://" + dsn.host + ":" + std::to_string(dsn.port));
  options["userName"] = ::sql::SQLString(dsn.user);
  options["password"] = ::sql::SQLString(dsn.password);
  return std::unique_ptr<::sql::Connection>(::sql::mysql::get_driver_instance()->connect(options));
}

void exec(::sql::Connection& connection, const std::string& sql) {
  std::unique_ptr<::sql::Statement> statement(connection.createStatement());
  if (statement->execute(sql)) std::unique_ptr<::sql::ResultSet> discarded(statement->getResultSet());
}

// The issue's SIGINT during CREATE DATABASE: the interrupt's drop actions run while the CREATE
// is still on its way. The drop must wait for it and drop what it created.
TEST(MariadbScratch, AnInterruptDuringCreateDatabaseDropsItOnceItIsCreated) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  std::string used = scratch_name();
  std::string next = fmt::format("crucible_{}_{}", scratch_run_id(),
                                 std::stoi(used.substr(used.rfind('_') + 1)) + 1);
  // Hold the schema name: a DROP DATABASE of it waits for a reader's open transaction, holding
  // the schema's metadata lock, so the engine's CREATE DATABASE waits behind it.
  my_admin_exec("CREATE DATABASE " + next);
  my_admin_exec("CREATE TABLE " + next + ".t (id INT)");
  auto reader = test_connection();
  exec(*reader, "START TRANSACTION");
  exec(*reader, "SELECT * FROM " + next + ".t");
  std::thread dropper([&] {
    auto connection = test_connection();
    exec(*connection, "DROP DATABASE " + next);
  });
  auto waiting = [&](const std::string& statement) {
    for (auto start = steady_clock::now(); steady_clock::now() - start < seconds(30);
         std::this_thread::sleep_for(std::chrono::milliseconds(20)))
      if (!my_admin_query("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE '" +
                          statement + "%" + next + "%'").empty())
        return true;
    return false;
  };
  EXPECT_TRUE(waiting("DROP DATABASE"));
  std::thread creator([&] {
    try {
      engine->create_scratch();  // created, then dropped under it: either outcome is fine
    } catch (const Error&) {
    }
  });
  EXPECT_TRUE(waiting("CREATE DATABASE"))
      << ::testing::PrintToString(my_admin_query(
             "SELECT CONCAT(STATE, ': ', INFO) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%" +
             next + "%'"));
  std::thread interrupt([] { ScratchRegistry::instance().drop_all(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  exec(*reader, "COMMIT");
  dropper.join();
  interrupt.join();
  EXPECT_FALSE(my_database_exists(next)) << "the interrupt left the database behind";
  creator.join();
  my_admin_exec("DROP DATABASE IF EXISTS " + next);
}

int64_t marker_holder() {
  auto rows = my_admin_query("SELECT IFNULL(IS_USED_LOCK('crucible_" + scratch_run_id() + "'), 0)");
  return std::stoll(rows.at(0));
}

// The admin session is killed (as a restart or wait_timeout would): the engine reconnects before
// it creates or drops, and takes its live marker again.
TEST(MariadbAdminSession, AKilledAdminSessionIsReopenedAndNothingLeaks) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto first = engine->create_scratch();
  int64_t admin = marker_holder();
  ASSERT_GT(admin, 0) << "the engine holds no live marker";
  my_admin_exec(fmt::format("KILL {}", admin));
  auto second = engine->create_scratch();
  EXPECT_TRUE(my_database_exists(second->name()));
  int64_t again = marker_holder();
  EXPECT_GT(again, 0);
  EXPECT_NE(again, admin);
  // Every connection of the run dies: the drop reconnects on its own.
  my_admin_exec(fmt::format("KILL {}", again));
  const std::string names[] = {first->name(), second->name()};
  for (const std::string& name : names)
    for (const std::string& id : my_admin_query(
             "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + name + "'"))
      my_admin_exec("KILL " + id);
  first.reset();
  second.reset();
  for (const std::string& name : names) EXPECT_FALSE(my_database_exists(name)) << name;
}

// A scratch database that cannot be dropped (every connection of the run gone and the admin
// unable to log in again within the retry budget) is said on stderr and recorded as a cleanup
// failure, which the verify loop turns into an engine error (exit 2).
// The run's admin is an account of the test's own, locked in the middle of the run.
TEST(MariadbAdminSession, ADropThatCannotBeDoneIsReportedAsACleanupFailure) {
  CRUCIBLE_LIVE_ENGINE(probe, EngineKind::mariadb);
  const std::string admin = "crucible_tadmin_" + scratch_run_id();
  my_admin_exec("DROP USER IF EXISTS '" + admin + "'@'localhost'");
  my_admin_exec("CREATE USER '" + admin + "'@'localhost' IDENTIFIED BY 'pw-" + admin + "'");
  my_admin_exec("GRANT ALL PRIVILEGES ON *.* TO '" + admin + "'@'localhost' WITH GRANT OPTION");
  Dsn dsn = default_dsn(EngineKind::mariadb);
  dsn.user = admin;
  dsn.password = "pw-" + admin;
  std::string leaked;
  {
    auto engine = connect_engine(dsn);
    auto db = engine->create_scratch();
    leaked = db->name();
    my_admin_exec("ALTER USER '" + admin + "'@'localhost' ACCOUNT LOCK");
    for (const std::string& id : my_admin_query(
             "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + admin + "' OR "
             "(USER = 'crucible_" + scratch_run_id() + "_login' AND DB = '" + leaked + "')"))
      my_admin_exec("KILL " + id);
    db.reset();
    std::vector<std::string> failures = take_cleanup_failures(dsn.redacted());
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_NE(failures[0].find("could not drop scratch database " + leaked), std::string::npos)
        << failures[0];
    my_admin_exec("ALTER USER '" + admin + "'@'localhost' ACCOUNT UNLOCK");
  }
  my_admin_exec("DROP DATABASE IF EXISTS " + leaked);
  my_admin_exec("DROP USER IF EXISTS '" + admin + "'@'localhost'");
}

// `crucible cleanup --drop` from another process: a live run's databases and login stay, a dead
// run's go.
TEST(MariadbCleanup, ALiveRunIsLeftAloneAndADeadRunsLeftoversAreDropped) {
  CRUCIBLE_LIVE_ENGINE(running, EngineKind::mariadb);
  auto live = running->create_scratch();
  const std::string live_login = "crucible_" + scratch_run_id() + "_login";
  std::string dead_run;
  do dead_run = fmt::format("{:08x}", std::random_device{}()); while (dead_run == scratch_run_id());
  const std::string dead_db = "crucible_" + dead_run + "_1";
  const std::string dead_login = "crucible_" + dead_run + "_login";
  my_admin_exec("CREATE DATABASE " + dead_db);
  my_admin_exec("CREATE USER '" + dead_login + "'@'localhost'");

  auto cleanup = live_engine(EngineKind::mariadb);
  std::vector<std::string> leftovers = cleanup->list_leftovers();
  auto listed = [&](const std::string& name) {
    return std::find(leftovers.begin(), leftovers.end(), name) != leftovers.end();
  };
  EXPECT_FALSE(listed(live->name()));
  EXPECT_FALSE(listed(live_login));
  EXPECT_TRUE(listed(dead_db));
  EXPECT_TRUE(listed(dead_login));
  EXPECT_THROW(cleanup->drop_leftover(live->name()), Error);
  cleanup->drop_leftover(dead_db);
  cleanup->drop_leftover(dead_login);
  EXPECT_TRUE(my_database_exists(live->name()));
  EXPECT_FALSE(my_database_exists(dead_db));
  EXPECT_TRUE(my_admin_query("SELECT User FROM mysql.user WHERE User = '" + dead_login + "'").empty());
  EXPECT_TRUE(live->execute(my_script("CREATE TABLE still_here (id INT)")).ok());
}

}  // namespace
}  // namespace crucible::testing
