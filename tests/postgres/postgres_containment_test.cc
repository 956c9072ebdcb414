// Least privilege (README "Security model"): migrations run as the run's own login, which owns
// only the run's scratch databases. Every attack below worked while migrations ran as the admin
// superuser; each must now be an error carrying the server's message, and leave nothing behind.
#include <gtest/gtest.h>

#include "harness/engines/postgres/postgres_engine.h"
#include "harness/engines/scratch.h"
#include "tests/postgres/pg_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

std::string run_login() { return "crucible_" + scratch_run_id() + "_login"; }

// Runs `sql` as a migration and expects the server to refuse it with `server_text`.
void expect_refused(Database& db, const std::string& sql, const std::string& server_text) {
  ExecResult result = db.execute(pg_script(sql));
  ASSERT_FALSE(result.ok()) << "allowed: " << sql;
  EXPECT_NE(result.error->message.find(server_text), std::string::npos)
      << sql << "\n  " << result.error->message;
}

// A database the migration must not reach, made by the test (never a scratch-shaped name).
class Victim {
 public:
  Victim() : name_(pg_unique_name("pgtest_victim_")) { pg_admin_exec("CREATE DATABASE " + name_); }
  ~Victim() { pg_admin_exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"); }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

TEST(PostgresContainment, MigrationsRunAsTheRunLoginThatOwnsTheScratchDatabase) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  QueryResult who = db->query(Statement{"SELECT current_user, rolsuper, rolcreatedb, "
                                        "rolcreaterole, rolreplication, rolbypassrls FROM pg_roles "
                                        "WHERE rolname = current_user"});
  ASSERT_TRUE(who.ok()) << who.error->message;
  EXPECT_EQ(who.rows.at(0), (std::vector<SqlValue>{run_login(), int64_t{0}, int64_t{0},
                                                   int64_t{0}, int64_t{0}, int64_t{0}}));
  EXPECT_EQ(pg_admin_column("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" +
                            db->name() + "'"),
            std::vector<std::string>{run_login()});
  // PUBLIC may not connect to it.
  EXPECT_EQ(pg_admin_column("SELECT has_database_privilege('public', '" + db->name() +
                            "', 'CONNECT')::text"),
            std::vector<std::string>{"false"});
  ServerInfo info = engine->server_info();
  EXPECT_NE(info.containment.find(run_login()), std::string::npos) << info.containment;
  EXPECT_FALSE(info.containment.starts_with("containment off")) << info.containment;
}

TEST(PostgresContainment, AMigrationCannotReachPastItsScratchDatabase) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  Victim victim;
  std::string made = pg_unique_name("pgtest_made_");
  auto db = engine->create_scratch();
  // DROP DATABASE refuses a transaction block: the re-run outside one must not help it.
  expect_refused(*db, "DROP DATABASE " + victim.name(), "must be owner of database");
  expect_refused(*db, "CREATE DATABASE " + made, "permission denied to create database");
  expect_refused(*db, "ALTER SYSTEM SET work_mem = '7MB'", "permission denied");
  expect_refused(*db, "COPY (SELECT 1) TO PROGRAM 'true'", "must be superuser");
  expect_refused(*db, "CREATE EXTENSION dblink", "permission denied");
  expect_refused(*db, "SELECT dblink_exec('dbname=" + victim.name() + "', 'CREATE TABLE t (i int)')",
                 "does not exist");
  expect_refused(*db, "CREATE EXTENSION postgres_fdw", "permission denied");
  expect_refused(*db, "CREATE ROLE " + made, "permission denied to create role");
  expect_refused(*db, "SET ROLE crucible", "permission denied to set role");
  expect_refused(*db, "ALTER ROLE CURRENT_USER SUPERUSER", "must be superuser");
  expect_refused(*db, "SELECT pg_read_file('/etc/passwd')", "permission denied");
  expect_refused(*db, "SELECT lo_import('/etc/passwd')", "permission denied");
  expect_refused(*db, "GRANT pg_read_server_files TO CURRENT_USER", "must have admin option");
  EXPECT_TRUE(pg_database_exists(victim.name()));
  EXPECT_FALSE(pg_database_exists(made));
  EXPECT_FALSE(pg_role_exists(made));
}

TEST(PostgresContainment, OrdinaryMigrationsClonesSessionsAndTrustedExtensionsWork) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  pg_run(*db,
         "CREATE EXTENSION pgcrypto;\n"
         "CREATE EXTENSION citext;\n"
         "CREATE SCHEMA app;\n"
         "CREATE TYPE app.mood AS ENUM ('ok', 'sad');\n"
         "CREATE TABLE app.t (id int PRIMARY KEY, email citext, m app.mood,\n"
         "                    h bytea DEFAULT digest('x', 'sha256'));\n"
         "CREATE INDEX t_email ON app.t (email);\n"
         "CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
         "INSERT INTO app.t (id, email) VALUES (1, 'A@x');\n");
  ExecResult concurrent = db->execute(pg_script("CREATE INDEX CONCURRENTLY t_id ON app.t (id)"));
  EXPECT_TRUE(concurrent.ok()) << concurrent.error->message;
  EXPECT_EQ(db->snapshot().tables.size(), 1u);
  auto copy = db->clone();  // CREATE DATABASE … TEMPLATE, owned by the run login too
  QueryResult rows = copy->query(Statement{"SELECT count(*) FROM app.t WHERE email = 'a@X'"});
  ASSERT_TRUE(rows.ok()) << rows.error->message;
  EXPECT_EQ(rows.rows.at(0).at(0), SqlValue{int64_t{1}});
  EXPECT_EQ(pg_admin_column("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" +
                            copy->name() + "'"),
            std::vector<std::string>{run_login()});
  auto session = db->open_session();  // bench traffic: the same login
  QueryResult who = session->query(Statement{"SELECT current_user"});
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who.rows.at(0).at(0), SqlValue{run_login()});
}

TEST(PostgresContainment, UntrustedExtensionsNeedPrivileged) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  expect_refused(*db, "CREATE EXTENSION adminpack", "permission denied");

  auto privileged = make_postgres_engine(engine->dsn(), EngineOptions{.privileged = true});
  ServerInfo info = privileged->server_info();
  EXPECT_TRUE(info.containment.starts_with("containment off (--privileged): migrations run as " +
                                           engine->dsn().user))
      << info.containment;
  auto open = privileged->create_scratch();
  pg_run(*open, "CREATE EXTENSION dblink");
  QueryResult who = open->query(Statement{"SELECT current_user"});
  EXPECT_EQ(who.rows.at(0).at(0), SqlValue{engine->dsn().user});
}

// Under --privileged a migration may create databases and roles; they go with the run. What
// existed before the run is never dropped, even when a migration names it.
TEST(PostgresContainment, PrivilegedRunsDropTheDatabasesAndRolesTheirMigrationsCreated) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  Victim existing;
  std::string database = pg_unique_name("pgtest_made_");
  std::string role = pg_unique_name("pgtest_role_");
  auto privileged = make_postgres_engine(engine->dsn(), EngineOptions{.privileged = true});
  {
    auto db = privileged->create_scratch();
    pg_run(*db, "CREATE DATABASE " + database);
    pg_run(*db, "CREATE ROLE \"" + role + "\" LOGIN");
    EXPECT_FALSE(db->execute(pg_script("CREATE DATABASE " + existing.name())).ok());
    EXPECT_TRUE(pg_database_exists(database));
    EXPECT_TRUE(pg_role_exists(role));
  }
  EXPECT_FALSE(pg_database_exists(database));
  EXPECT_FALSE(pg_role_exists(role));
  EXPECT_TRUE(pg_database_exists(existing.name()));
}

TEST(PostgresContainment, TheRunLoginGoesWithItsLastEngine) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto second = make_postgres_engine(engine->dsn());
  auto a = engine->create_scratch();
  auto b = second->create_scratch();
  EXPECT_TRUE(pg_role_exists(run_login()));
  a.reset();
  engine.reset();
  EXPECT_TRUE(pg_role_exists(run_login()));  // `second` still runs migrations as it
  pg_run(*b, "CREATE TABLE t (i int)");
  b.reset();
  second.reset();
  EXPECT_FALSE(pg_role_exists(run_login()));
}

}  // namespace
}  // namespace crucible::testing
