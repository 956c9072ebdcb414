// The ODBC engine against the live PostgreSQL and MariaDB servers through their real ODBC
// drivers (unixODBC + odbc-postgresql / odbc-mariadb): no mocks.
#include <chrono>

#include <gtest/gtest.h>

#include "harness/catalog/diff.h"
#include "harness/common/dsn.h"
#include "harness/engines/odbc/odbc_catalog.h"
#include "harness/engines/odbc/odbc_connection_string.h"
#include "tests/odbc/odbc_testing.h"
#include "tests/support/catalog_testing.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using testing::odbc_engine;
using testing::script_for;

class OdbcEngineTest : public ::testing::TestWithParam<EngineKind> {
 protected:
  EngineKind kind() const { return GetParam(); }
  bool postgres() const { return kind() == EngineKind::postgres; }
};

std::string text(const SqlValue& value) {
  if (auto* s = std::get_if<std::string>(&value)) return *s;
  if (auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  return "?";
}

int64_t count_rows(Database& db, const std::string& table) {
  QueryResult r = db.query(Statement{"SELECT COUNT(*) FROM " + table, {"test.sql", 1}});
  EXPECT_TRUE(r.ok()) << r.error->message;
  return r.ok() ? std::get<int64_t>(r.rows.at(0).at(0)) : -1;
}

TEST_P(OdbcEngineTest, ReachesTheDbmsTheDriverNamesAndNeverPrintsThePassword) {
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  EXPECT_EQ(engine->kind(), kind());
  EXPECT_FALSE(engine->server_info().version.empty());
  std::string shown = engine->dsn().redacted();
  EXPECT_NE(shown.find("Pwd=***"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("Pwd=crucible"), std::string::npos) << shown;
  EXPECT_EQ(shown.rfind("odbc:", 0), 0u) << shown;
}

TEST_P(OdbcEngineTest, AFailedStatementCarriesSqlstateNativeErrorAndItsLine) {
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  auto db = engine->create_scratch();
  ExecResult r = db->execute(script_for(kind(), "CREATE TABLE a (id INT);\n\nSELECT * FROM missing_table;"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->sqlstate, postgres() ? "42P01" : "42S02");
  EXPECT_NE(r.error->message.find("missing_table"), std::string::npos) << r.error->message;
  EXPECT_NE(r.error->message.find("native"), std::string::npos) << r.error->message;
  EXPECT_EQ(r.error->where.line, 3);
  EXPECT_EQ(r.statements_run, 1);
  // PostgreSQL's DDL is transactional: the table is gone again. MariaDB committed it.
  EXPECT_EQ(r.rolled_back, postgres());
  EXPECT_EQ(r.atomic, postgres());
  EXPECT_EQ(db->snapshot().find_table("a") != nullptr, !postgres());
}

TEST_P(OdbcEngineTest, ParametersAreBoundNativelyAndComeBackTyped) {
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  auto db = engine->create_scratch();
  testing::run_sql(*db, kind(), "CREATE TABLE v (i BIGINT, d DOUBLE PRECISION, s VARCHAR(40), n INT)");
  QueryResult insert = db->query(Statement{"INSERT INTO v VALUES (?, ?, ?, ?)", {"t.sql", 1}},
                                 {int64_t{42}, 2.5, std::string("it's ; 'quoted'"), nullptr});
  ASSERT_TRUE(insert.ok()) << insert.error->message;
  EXPECT_EQ(insert.rows_affected, 1);
  QueryResult r = db->query(Statement{"SELECT i, d, s, n FROM v WHERE s = ?", {"t.sql", 2}},
                            {std::string("it's ; 'quoted'")});
  ASSERT_TRUE(r.ok()) << r.error->message;
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.columns.at(0), "i");
  EXPECT_EQ(std::get<int64_t>(r.rows[0][0]), 42);
  EXPECT_DOUBLE_EQ(std::get<double>(r.rows[0][1]), 2.5);
  EXPECT_EQ(std::get<std::string>(r.rows[0][2]), "it's ; 'quoted'");
  EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(r.rows[0][3]));
}

// Generated rows write booleans as 0/1 on every engine. psqlODBC used to send an integer as int8,
// which a boolean column refuses, so every generated row with a boolean was rejected over ODBC
// and the data check drew other rows than natively (scenario alembic_layout).
TEST_P(OdbcEngineTest, IntegerParametersFillBooleanAndIntegerColumnsAsNatively) {
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  auto db = engine->create_scratch();
  testing::run_sql(*db, kind(), "CREATE TABLE flags (b BOOLEAN, i INT, l BIGINT)");
  QueryResult insert = db->query(Statement{"INSERT INTO flags VALUES (?, ?, ?)", {"t.sql", 1}},
                                 {int64_t{1}, int64_t{-7}, int64_t{9007199254740993}});
  ASSERT_TRUE(insert.ok()) << insert.error->message;
  QueryResult r = db->query(Statement{"SELECT i, l FROM flags WHERE b AND i = ?", {"t.sql", 2}},
                            {int64_t{-7}});
  ASSERT_TRUE(r.ok()) << r.error->message;
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(std::get<int64_t>(r.rows[0][0]), -7);
  EXPECT_EQ(std::get<int64_t>(r.rows[0][1]), 9007199254740993);
}

TEST_P(OdbcEngineTest, ExplicitTransactionsCommitAndRollBack) {
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  auto db = engine->create_scratch();
  testing::run_sql(*db, kind(), "CREATE TABLE t (a INT)");
  db->begin();
  ASSERT_TRUE(db->query(Statement{"INSERT INTO t VALUES (1)", {}}).ok());
  db->rollback();
  EXPECT_EQ(count_rows(*db, "t"), 0);
  // As the Lua DSL writes it: COMMIT as a statement.
  db->begin();
  ASSERT_TRUE(db->query(Statement{"INSERT INTO t VALUES (2)", {}}).ok());
  ASSERT_TRUE(db->query(Statement{"COMMIT", {}}).ok());
  auto other = db->open_session();
  EXPECT_EQ(count_rows(*other, "t"), 1);
}

// The data check generates rows as savepoint / INSERT / ROLLBACK TO SAVEPOINT on a reject. A
// failed statement must leave the caller's savepoint in place, as on a native connection
// (psqlODBC's own per-statement savepoints removed it: SQLSTATE 3B001).
TEST_P(OdbcEngineTest, ARejectedRowRollsBackToTheCallersSavepoint) {
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  auto db = engine->create_scratch();
  testing::run_sql(*db, kind(),
                   "CREATE TABLE p (id INT PRIMARY KEY);\n"
                   "CREATE TABLE t (a INT PRIMARY KEY, p_id INT REFERENCES p (id));\n"
                   "INSERT INTO p VALUES (1)");
  db->begin();
  // As the generator does it: each batch in a savepoint of its own, bound parameters, rows
  // accepted, then rows rejected (duplicate key, missing parent) and rolled back.
  for (int64_t a : {1, 2, 1, 3, 4}) {
    ASSERT_TRUE(db->query(Statement{"SAVEPOINT crucible_row", {}}).ok());
    std::vector<SqlValue> params = {a, int64_t{a == 3 ? 7 : 1}, a + 10, int64_t{1}};
    if (db->query(Statement{"INSERT INTO t (a, p_id) VALUES (?, ?), (?, ?)", {}}, params).ok()) {
      ASSERT_TRUE(db->query(Statement{"RELEASE SAVEPOINT crucible_row", {}}).ok());
      continue;
    }
    QueryResult back = db->query(Statement{"ROLLBACK TO SAVEPOINT crucible_row", {}});
    ASSERT_TRUE(back.ok()) << "after rejecting " << a << ": " << back.error->message;
  }
  db->commit();
  EXPECT_EQ(count_rows(*db, "t"), 6);
}

// The data check fills tables (a begin/commit of the generator's own) and runs forward and
// reverse inside one transaction it rolls back. On PostgreSQL, as natively, a nested begin() is
// a savepoint and a script runs in one, so the caller's rollback undoes all of it.
TEST_P(OdbcEngineTest, NestedTransactionsAndScriptsStayInsideTheCallersTransaction) {
  if (!postgres()) GTEST_SKIP() << "MariaDB's DDL commits: the native engine does not nest either";
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  auto db = engine->create_scratch();
  testing::run_sql(*db, kind(), "CREATE TABLE t (a INT CHECK (a < 10))");
  db->begin();
  db->begin();
  ASSERT_TRUE(db->query(Statement{"INSERT INTO t VALUES (1)", {}}).ok());
  db->commit();
  ExecResult ok = db->execute(script_for(kind(), "ALTER TABLE t ADD COLUMN b INT"));
  ASSERT_TRUE(ok.ok()) << ok.error->message;
  ExecResult bad = db->execute(script_for(kind(), "INSERT INTO t (a) VALUES (2);\nINSERT INTO t (a) VALUES (20);"));
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.rolled_back);
  EXPECT_EQ(count_rows(*db, "t"), 1);  // the script's first row rolled back with it
  db->rollback();
  EXPECT_EQ(count_rows(*db, "t"), 0);
  EXPECT_EQ(testing::table_named(db->snapshot(), "t")->columns.size(), 1u);
}

// A nested script checks its deferred constraints where its COMMIT would, and that check does
// not outlast it: the next script in the same transaction defers as its constraints declare.
TEST_P(OdbcEngineTest, ANestedScriptsDeferredCheckDoesNotOutlastIt) {
  if (!postgres()) GTEST_SKIP() << "MariaDB has no deferred constraints";
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  auto db = engine->create_scratch();
  testing::run_sql(*db, kind(), "CREATE TABLE parent (id INT PRIMARY KEY);\n"
                                "CREATE TABLE child (parent_id INT REFERENCES parent "
                                "DEFERRABLE INITIALLY DEFERRED);");
  db->begin();
  ExecResult orphan = db->execute(script_for(kind(), "INSERT INTO child VALUES (2);"));
  EXPECT_FALSE(orphan.ok());  // checked at the script's end
  ExecResult first = db->execute(script_for(kind(), "DELETE FROM child;"));
  ASSERT_TRUE(first.ok()) << first.error->message;
  ExecResult later = db->execute(
      script_for(kind(), "INSERT INTO child VALUES (1);\nINSERT INTO parent VALUES (1);"));
  EXPECT_TRUE(later.ok()) << later.error->message;
  db->rollback();
}

TEST_P(OdbcEngineTest, TheWatchdogCancelsAStatementThatRunsTooLong) {
  CRUCIBLE_ODBC_ENGINE(engine, kind(), EngineOptions{false, std::chrono::seconds(1)});
  auto db = engine->create_scratch();
  auto started = std::chrono::steady_clock::now();
  ExecResult r = db->execute(script_for(kind(), postgres() ? "SELECT pg_sleep(60)" : "SELECT SLEEP(60)"));
  auto took = std::chrono::steady_clock::now() - started;
  // MariaDB's SLEEP() returns 1 when killed rather than failing; either way it must stop early.
  EXPECT_LT(took, std::chrono::seconds(30));
  if (postgres()) {
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error->message.find("cancelled by Crucible"), std::string::npos) << r.error->message;
  }
}

TEST_P(OdbcEngineTest, ScratchDatabasesAreContainedAndDropped) {
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  std::string name;
  {
    auto db = engine->create_scratch();
    name = db->name();
    auto leftovers = engine->list_leftovers();
    EXPECT_NE(std::find(leftovers.begin(), leftovers.end(), name), leftovers.end());
    QueryResult who = db->query(Statement{postgres() ? "SELECT current_user" : "SELECT CURRENT_USER()", {}});
    ASSERT_TRUE(who.ok());
    EXPECT_NE(text(who.rows.at(0).at(0)).find("_login"), std::string::npos) << text(who.rows[0][0]);
    ExecResult escape = db->execute(script_for(kind(), "CREATE DATABASE crucible_odbc_escape"));
    EXPECT_FALSE(escape.ok());
    EXPECT_THROW(engine->drop_leftover("postgres"), Error);
  }
  auto leftovers = engine->list_leftovers();
  EXPECT_EQ(std::find(leftovers.begin(), leftovers.end(), name), leftovers.end());
}

// The generic level, read directly (the engine reads these two DBMSs with native queries; the
// generic level is what any other DBMS gets), on database `name` as the data source's login.
catalog::Catalog generic_snapshot(EngineKind kind, const std::string& name) {
  auto attributes = odbc::ConnectionString::parse(testing::odbc_url(kind).substr(5));
  attributes.set({"Database", "DB"}, name);
  odbc::Connection connection(attributes.text(), "generic level test");
  if (kind == EngineKind::postgres)
    return odbc::read_generic_catalog(connection, "postgres", "public",
                                      {"information_schema", "pg_catalog"});
  return odbc::read_generic_catalog(connection, "mariadb", "",
                                    {"mysql", "sys", "information_schema", "performance_schema"},
                                    name);
}

TEST_P(OdbcEngineTest, TheGenericCatalogSeesKeysIndexesAndColumnOrder) {
  CRUCIBLE_ODBC_ENGINE(engine, kind(), EngineOptions{true});
  auto db = engine->create_scratch();
  testing::run_sql(*db, kind(),
                   "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(80) NOT NULL);\n"
                   "CREATE TABLE posts (id INT PRIMARY KEY, user_id INT REFERENCES users (id) "
                   "ON DELETE CASCADE, title VARCHAR(10) DEFAULT 'x');\n"
                   "CREATE INDEX users_email_idx ON users (email);");
  catalog::Catalog before = generic_snapshot(kind(), db->name());
  const catalog::Table* posts = testing::table_named(before, "posts");
  ASSERT_NE(posts, nullptr) << testing::describe_diff({}, before);
  ASSERT_EQ(posts->columns.size(), 3u);
  EXPECT_EQ(posts->columns[1].name, "user_id");
  EXPECT_FALSE(posts->columns[0].nullable);
  ASSERT_TRUE(posts->primary_key);
  ASSERT_EQ(posts->foreign_keys.size(), 1u);
  EXPECT_EQ(posts->foreign_keys[0].ref_table, "users");
  EXPECT_EQ(posts->foreign_keys[0].on_delete, "CASCADE");
  EXPECT_NE(testing::index_named(before, "users_email_idx"), nullptr);
  testing::run_sql(*db, kind(), postgres() ? "DROP INDEX users_email_idx" : "DROP INDEX users_email_idx ON users");
  EXPECT_EQ(testing::changed_objects(before, generic_snapshot(kind(), db->name())),
            std::vector<std::string>{"index users_email_idx on users"});
}

// The MariaDB driver crashed in SQLMoreResults after a trigger whose text ends in ";" (goose
// StatementBegin blocks keep it), which it runs as two statements without a result set.
TEST_P(OdbcEngineTest, StatementsWithoutAResultSetDoNotCrashTheDriver) {
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  auto db = engine->create_scratch();
  testing::run_sql(*db, kind(), "CREATE TABLE t (a INT)");
  Script trigger = script_for(kind(), "");
  trigger.statements.push_back(
      {postgres() ? "CREATE FUNCTION bump() RETURNS trigger AS $$ BEGIN NEW.a := NEW.a + 1; "
                    "RETURN NEW; END $$ LANGUAGE plpgsql"
                  : "CREATE TRIGGER bump BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.a = NEW.a + 1;\n  SET NEW.a = NEW.a + 0;\nEND;",
       {"t.sql", 1}});
  if (postgres())
    trigger.statements.push_back({"CREATE TRIGGER bump BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION bump()", {"t.sql", 2}});
  ExecResult r = db->execute(trigger);
  ASSERT_TRUE(r.ok()) << r.error->message;
  ASSERT_TRUE(db->query(Statement{"INSERT INTO t VALUES (1)", {}}).ok());
  QueryResult a = db->query(Statement{"SELECT a FROM t", {}});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(std::get<int64_t>(a.rows.at(0).at(0)), 2);
}

INSTANTIATE_TEST_SUITE_P(Drivers, OdbcEngineTest,
                         ::testing::Values(EngineKind::postgres, EngineKind::mariadb),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

TEST(OdbcConnectionString, BracesSemicolonsAndCaseInsensitiveKeys) {
  auto cs = odbc::ConnectionString::parse("Driver={PostgreSQL Unicode};SERVER=h; pwd={a;b}}c};Port=5432");
  EXPECT_EQ(cs.get({"Pwd"}), "a;b}c");
  EXPECT_EQ(cs.get({"Server"}), "h");
  cs.set({"Database", "DB"}, "crucible_1a2b3c4d_1");
  EXPECT_EQ(odbc::ConnectionString::parse(cs.text()).get({"pwd"}), "a;b}c");
  EXPECT_EQ(odbc::ConnectionString::parse(cs.text()).get({"database"}), "crucible_1a2b3c4d_1");
  EXPECT_THROW(odbc::ConnectionString::parse("Pwd={never closed"), Error);
  EXPECT_EQ(odbc::kind_of_driver("MariaDB Unicode"), EngineKind::mariadb);
  EXPECT_EQ(odbc::kind_of_driver("/opt/ibm/db2/lib/libdb2o.so"), EngineKind::db2);
  EXPECT_EQ(odbc::kind_of_dbms("DB2/LINUXX8664"), EngineKind::db2);
}

TEST(OdbcDsn, ThePasswordNeverAppearsInTheRedactedDsn) {
  Dsn dsn = parse_dsn("odbc:Driver={PostgreSQL Unicode};Server=h;Uid=u;Pwd={s3cr;et}");
  EXPECT_EQ(dsn.kind, EngineKind::postgres);
  EXPECT_EQ(dsn.password, "s3cr;et");
  EXPECT_EQ(dsn.redacted().find("s3cr"), std::string::npos) << dsn.redacted();
}

}  // namespace
}  // namespace crucible
