// The engine's lifecycle against the live MariaDB server: connecting, scratch databases that
// exist while used and are gone afterwards, read-only databases, leftovers, and errors that
// never show the password.
#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "harness/engines/mysql/mysql_connection.h"
#include "harness/engines/mysql/mysql_engine.h"
#include "harness/engines/scratch.h"
#include "tests/mysql/my_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

// Found under load (bench traffic): a client error about one result (2057: the columns of a
// prepared SELECT * changed while another session altered the table) was taken for a lost
// connection, and the traffic session gave up although its connection was fine.
TEST(MysqlConnectionErrors, OnlyConnectionErrorsCountAsALostConnection) {
  for (int lost : {2002, 2003, 2006, 2013, 2055, 1927})
    EXPECT_TRUE(mysql::Connection::is_lost(lost)) << lost;
  for (int not_lost : {2057, 2014, 2031, 2000, 1146, 1062})
    EXPECT_FALSE(mysql::Connection::is_lost(not_lost)) << not_lost;
}

TEST(MysqlEngine, ReportsTheServerAsItIs) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  ServerInfo info = engine->server_info();
  EXPECT_EQ(info.version, my_admin_query("SELECT VERSION()").at(0));
  EXPECT_NE(info.version.find("MariaDB"), std::string::npos);
  EXPECT_FALSE(info.transactional_ddl);
  EXPECT_FALSE(info.can_clone);
  EXPECT_EQ(engine->kind(), EngineKind::mariadb);
}

TEST(MysqlEngine, ScratchDatabaseExistsWhileUsedAndIsGoneAfter) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  std::string name;
  {
    auto db = engine->create_scratch();
    name = db->name();
    EXPECT_TRUE(is_scratch_name(name)) << name;
    EXPECT_TRUE(my_database_exists(name));
    EXPECT_EQ(my_admin_query("SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA "
                             "WHERE SCHEMA_NAME = '" + name + "'").at(0),
              "utf8mb4");
    my_run(*db, "CREATE TABLE t (id INT PRIMARY KEY)");
    EXPECT_EQ(db->snapshot().engine, "mariadb");
  }
  EXPECT_FALSE(my_database_exists(name));
}

TEST(MysqlEngine, InterruptDropsScratchDatabasesEvenWhileAStatementRuns) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  const std::string name = db->name();
  my_run(*db, "CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1)");
  // A long statement holds a metadata lock on t: DROP DATABASE alone would wait for it.
  std::atomic<bool> threw_error{false};
  std::thread worker([&] {
    try {
      db->execute(my_script("SELECT SLEEP(30) FROM t"));
    } catch (const Error&) {
      threw_error = true;
    }
  });
  auto start = std::chrono::steady_clock::now();
  // Wait until the server runs the statement, with a bound: a worker that failed to start it
  // must fail this test, not hang the suite.
  const auto give_up = start + std::chrono::seconds(60);
  while (my_admin_query("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + name +
                        "' AND INFO LIKE 'SELECT SLEEP%'").empty()) {
    if (std::chrono::steady_clock::now() > give_up) {
      ADD_FAILURE() << "the SELECT SLEEP never showed up in the process list";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  start = std::chrono::steady_clock::now();
  // What the signal handler does: every registered drop action, from a fresh connection.
  ScratchRegistry::instance().drop_all();
  worker.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_FALSE(my_database_exists(name));
  // The database's connection was killed: that is an infrastructure error, not a result...
  EXPECT_TRUE(threw_error);
  // ...and destroying the object afterwards neither throws nor recreates anything.
  db.reset();
  EXPECT_FALSE(my_database_exists(name));
}

TEST(MysqlEngine, ScratchDatabasesAreListedAsLeftoversAndCanBeDropped) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  auto leftovers = engine->list_leftovers();
  EXPECT_NE(std::find(leftovers.begin(), leftovers.end(), db->name()), leftovers.end());
  // Scratch databases, and the logins of runs that are gone.
  for (const std::string& name : leftovers)
    EXPECT_TRUE(is_scratch_name(name) ||
                (name.size() == 23 && name.rfind("crucible_", 0) == 0 && name.ends_with("_login")))
        << name;
  engine->drop_leftover(db->name());
  EXPECT_FALSE(my_database_exists(db->name()));
}

TEST(MysqlEngine, DropLeftoverRefusesNamesCrucibleDidNotMake) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  for (const char* name : {"mysql", "crucible", "crucible_1234567_1", "crucible_deadbeef_1; x"}) {
    try {
      engine->drop_leftover(name);
      ADD_FAILURE() << "dropped " << name;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("refusing to drop"), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(my_database_exists("mysql"));
}

TEST(MysqlEngine, OpenExistingIsReadOnly) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto scratch = engine->create_scratch();
  my_run(*scratch, "CREATE TABLE kept (id INT PRIMARY KEY)");
  {
    auto existing = engine->open_existing(scratch->name());
    EXPECT_EQ(existing->name(), scratch->name());
    ASSERT_EQ(existing->snapshot().tables.size(), 1u);
    try {
      existing->execute(my_script("DROP TABLE kept"));
      ADD_FAILURE() << "execute() ran on a database Crucible did not create";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("refusing to modify a database Crucible did not create"),
                std::string::npos) << e.what();
    }
  }
  // Closing a read-only database drops nothing.
  EXPECT_TRUE(my_database_exists(scratch->name()));
  EXPECT_EQ(scratch->snapshot().tables.size(), 1u);
}

TEST(MysqlEngine, OpenExistingNamesAMissingDatabase) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  try {
    engine->open_existing("crucible_no_such_database");
    ADD_FAILURE() << "opened a database that does not exist";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("crucible_no_such_database does not exist"),
              std::string::npos) << e.what();
  }
}

TEST(MysqlEngine, WrongPasswordIsReportedWithoutThePassword) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  Dsn dsn = engine->dsn();
  dsn.password = "Zebra-Quartz-9137-secret";
  try {
    make_mysql_engine(dsn);
    ADD_FAILURE() << "connected with a wrong password";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_EQ(message.find("Zebra-Quartz-9137-secret"), std::string::npos) << message;
    EXPECT_NE(message.find(":***@"), std::string::npos) << message;
    EXPECT_NE(message.find("1045"), std::string::npos) << message;  // access denied
  }
}

TEST(MysqlEngine, MissingServerFailsFastWithTheRedactedDsn) {
  Dsn dsn = parse_dsn("mariadb://crucible:Owl-Lantern-4471@127.0.0.1:1/");
  auto start = std::chrono::steady_clock::now();
  try {
    make_mysql_engine(dsn);
    ADD_FAILURE() << "connected to port 1";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_EQ(message.find("Owl-Lantern-4471"), std::string::npos) << message;
    EXPECT_NE(message.find("mariadb://crucible:***@127.0.0.1:1/"), std::string::npos) << message;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(6));
}

TEST(MysqlEngine, MysqlDsnOnAMariadbServerKeepsTheServersFlavour) {
  CRUCIBLE_LIVE_ENGINE(live, EngineKind::mariadb);
  Dsn dsn = live->dsn();
  dsn.kind = EngineKind::mysql;
  auto engine = make_mysql_engine(dsn);
  EXPECT_EQ(engine->kind(), EngineKind::mysql);
  auto db = engine->create_scratch();
  my_run(*db, "CREATE TABLE t (a INT CHECK (a > 0))");
  catalog::Catalog snapshot = db->snapshot();
  EXPECT_EQ(snapshot.engine, "mariadb");
  ASSERT_EQ(snapshot.tables.size(), 1u);
  ASSERT_EQ(snapshot.tables[0].checks.size(), 1u);
  EXPECT_TRUE(snapshot.tables[0].checks[0].generated_name);  // MariaDB's naming, not MySQL's
}

}  // namespace
}  // namespace crucible::testing
