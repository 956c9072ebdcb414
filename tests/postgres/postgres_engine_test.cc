// Server-level behaviour: version, scratch databases' lifetime, read-only opening of existing
// databases, leftovers, and connection errors that never show a password.
#include <functional>
#include <regex>

#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_admin.h"
#include "harness/engines/postgres/postgres_run_role.h"
#include "harness/engines/scratch.h"
#include "tests/postgres/pg_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

TEST(PostgresEngine, ReportsServerVersionAndCapabilities) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  ServerInfo info = engine->server_info();
  EXPECT_TRUE(std::regex_match(info.version, std::regex(R"(\d+\.\d+)"))) << info.version;
  EXPECT_TRUE(info.transactional_ddl);
  EXPECT_TRUE(info.can_clone);
  EXPECT_EQ(engine->kind(), EngineKind::postgres);
}

TEST(PostgresEngine, ADsnWithoutADatabaseUsesPostgresAsAdminDatabase) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  Dsn dsn = engine->dsn();
  dsn.database = "";
  auto bare = connect_engine(dsn);
  auto db = bare->create_scratch();
  EXPECT_TRUE(pg_database_exists(db->name()));
}

TEST(PostgresEngine, ScratchDatabaseExistsWhileItsObjectLivesAndIsGoneAfter) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  std::string name = db->name();
  EXPECT_TRUE(is_scratch_name(name)) << name;
  EXPECT_TRUE(pg_database_exists(name));
  db.reset();
  EXPECT_FALSE(pg_database_exists(name));
}

TEST(PostgresEngine, ScratchIsDroppedEvenWithAnotherSessionAttached) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  std::string name = db->name();
  // A second session on the scratch database (as a crashed helper or psql would leave).
  auto other = engine->open_existing(name);
  db.reset();
  EXPECT_FALSE(pg_database_exists(name));
}

TEST(PostgresEngine, SignalCleanupDropsLiveScratchDatabases) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  std::string name = db->name();
  ScratchRegistry::instance().drop_all();  // what the signal thread runs on Ctrl-C
  EXPECT_FALSE(pg_database_exists(name));
  db.reset();  // its own drop finds nothing left to drop, and must not throw
}

using Opener = std::function<std::unique_ptr<Database>(const std::string& name)>;

// What opening an existing database promises, whichever way it is opened: it reads, it refuses
// to modify, and closing it drops nothing.
void expect_reads_but_refuses_to_modify(Engine& engine, const Opener& open) {
  auto scratch = engine.create_scratch();
  pg_run(*scratch, "CREATE TABLE kept (id integer)");
  {
    auto existing = open(scratch->name());
    EXPECT_EQ(existing->name(), scratch->name());
    ASSERT_NE(table_named(existing->snapshot(), "kept"), nullptr);
    try {
      existing->execute(pg_script("DROP TABLE kept"));
      ADD_FAILURE() << "execute() on an existing database did not throw";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("refusing to modify a database Crucible did not create"),
                std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(scratch->name()), std::string::npos) << e.what();
    }
  }
  // Still there, and closing the read-only handle did not drop the database.
  EXPECT_TRUE(pg_database_exists(scratch->name()));
  EXPECT_NE(table_named(scratch->snapshot(), "kept"), nullptr);
}

void expect_a_missing_database_named(const Opener& open) {
  try {
    open("crucible_no_such_database");
    ADD_FAILURE() << "opening a missing database did not throw";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("crucible_no_such_database"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("postgres"), std::string::npos) << e.what();
  }
}

TEST(PostgresEngine, OpenExistingReadsButRefusesToModify) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  expect_reads_but_refuses_to_modify(
      *engine, [&](const std::string& name) { return engine->open_existing(name); });
}

TEST(PostgresEngine, OpenExistingOfAMissingDatabaseNamesIt) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  expect_a_missing_database_named(
      [&](const std::string& name) { return engine->open_existing(name); });
}

// What `crucible snapshot` uses: no engine (no admin session), the same promises.
TEST(PostgresEngine, OpenExistingDatabaseWithoutAnEngineReadsButRefusesToModify) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  const Dsn dsn = engine->dsn();
  Opener open = [&](const std::string& name) { return open_existing_database(dsn, name); };
  expect_reads_but_refuses_to_modify(*engine, open);
  expect_a_missing_database_named(open);
}

// A live run's databases are not leftovers (postgres_live_run_test.cc has the crashed run); named
// explicitly, one is still dropped.
TEST(PostgresEngine, ListsAndDropsLeftovers) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  std::string name = db->name();
  auto leftovers = engine->list_leftovers();
  EXPECT_EQ(std::find(leftovers.begin(), leftovers.end(), name), leftovers.end());
  for (const auto& leftover : leftovers)
    EXPECT_TRUE(is_scratch_name(leftover) || postgres::is_run_role_name(leftover)) << leftover;

  engine->drop_leftover(name);  // even with the scratch object still connected to it
  EXPECT_FALSE(pg_database_exists(name));
  leftovers = engine->list_leftovers();
  EXPECT_EQ(std::find(leftovers.begin(), leftovers.end(), name), leftovers.end());
  db.reset();  // must not throw although its database is gone
}

TEST(PostgresEngine, DropLeftoverRefusesNamesCrucibleDidNotMake) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  for (std::string name : {"postgres", "template1", "crucible_notascratch", "crucible_0000000g_1"}) {
    EXPECT_THROW(engine->drop_leftover(name), Error) << name;
  }
  EXPECT_TRUE(pg_database_exists("postgres"));
  EXPECT_TRUE(pg_database_exists("template1"));
}

// A cached template is cloned again and again and rarely used otherwise: its session, closed for
// the copy, is only reopened when the template is used, and clones and drops go through the
// engine's admin session (a restore used to open four sessions, each a SCRAM exchange).
TEST(PostgresEngine, ACloneLeavesItsTemplateUnattachedUntilItIsUsedAgain) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  pg_run(*db, "CREATE TABLE t (id INT PRIMARY KEY)");
  auto copy = db->clone();
  EXPECT_EQ(pg_sessions_on(db->name()), 0);
  auto second = db->clone();  // nothing attached in between: no wait, no error
  EXPECT_EQ(second->snapshot().tables.size(), 1u);
  EXPECT_EQ(db->snapshot().tables.size(), 1u);  // the next use reconnects
  EXPECT_EQ(pg_sessions_on(db->name()), 1);
  std::string copy_name = copy->name();
  copy.reset();
  EXPECT_FALSE(pg_database_exists(copy_name));
}

// A scratch database is dropped at the end of the run, so its commits need not wait for the WAL
// to reach the disk (on this machine a commit's flush took 0.2 ms quiet and 4 ms while the disk
// was busy); its clones neither. `crucible bench` asks for commits as a server makes them and
// gets the server's own setting.
TEST(PostgresEngine, ScratchCommitsDoNotWaitForTheDiskUnlessAskedTo) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto setting = [](Database& db) {
    QueryResult r = db.query(Statement{"SHOW synchronous_commit", SourceLocation{"<test>", 0}});
    EXPECT_TRUE(r.ok() && r.rows.size() == 1);
    return r.ok() && r.rows.size() == 1 ? std::get<std::string>(r.rows[0][0]) : "";
  };
  auto db = engine->create_scratch();
  EXPECT_EQ(setting(*db), "off");
  auto copy = db->clone();
  EXPECT_EQ(setting(*copy), "off");
  EXPECT_EQ(setting(*db), "off");  // reopened after the clone

  EngineOptions durable;
  durable.throwaway_commits = false;
  auto bench = connect_engine(engine->dsn(), durable);
  auto timed = bench->create_scratch();
  EXPECT_EQ(setting(*timed), pg_admin_column("SHOW synchronous_commit").at(0));
  EXPECT_NE(setting(*timed), "off");  // the server's default on this machine (and Debian's)
}

// The admin session outlives the scratch databases and may be cut off (a server restart, an
// idle-session timeout): a call that finds it gone fails with a message naming the server, and
// the next call opens a new session.
TEST(PostgresEngine, ALostAdminSessionIsReopenedByTheNextCall) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  postgres::AdminSession admin(engine->dsn());
  std::string pid = admin.exec("SELECT pg_backend_pid()").at(0).at(0).as<std::string>();
  pg_admin_exec("SELECT pg_terminate_backend(" + pid + ")");
  try {
    admin.exec("SELECT 1");
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(engine->dsn().redacted()), std::string::npos) << e.what();
  }
  EXPECT_EQ(admin.exec("SELECT 1").at(0).at(0).as<int>(), 1);
  EXPECT_NE(admin.exec("SELECT pg_backend_pid()").at(0).at(0).as<std::string>(), pid);
}

// Whatever goes wrong while connecting, the message names the server but never the password.
// A password that is also a user or database name ("crucible") can only be looked for after
// a colon, where a URL would show it.
void expect_redacted_connect_error(const Dsn& dsn, bool distinctive_password) {
  const std::string& password = dsn.password;
  try {
    connect_engine(dsn);
    ADD_FAILURE() << "connecting to " << dsn.redacted() << " did not fail";
  } catch (const Error& e) {
    std::string message = e.what();
    if (distinctive_password) {
      EXPECT_EQ(message.find(password), std::string::npos) << message;
    }
    EXPECT_EQ(message.find(":" + password), std::string::npos) << message;
    EXPECT_NE(message.find(dsn.redacted()), std::string::npos) << message;
    EXPECT_NE(message.find("***"), std::string::npos) << message;
  }
}

TEST(PostgresEngine, ConnectErrorsNeverShowThePassword) {
  // Nothing listens on port 1: fails at once, without a live server.
  expect_redacted_connect_error(
      parse_dsn("postgresql://crucible:Pw-7f3kQz-distinctive@127.0.0.1:1/postgres"), true);
}

TEST(PostgresEngine, ServerSideConnectErrorsNeverShowThePassword) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  // The live server refuses: an unknown database (with the real password, then a wrong one).
  Dsn dsn = engine->dsn();
  dsn.database = "crucible_missing_admin_db";
  expect_redacted_connect_error(dsn, false);
  dsn.password = "Pw-7f3kQz-distinctive";
  expect_redacted_connect_error(dsn, true);
}

}  // namespace
}  // namespace crucible::testing
