// Session settings on MariaDB (issue 20 item 4) and the MySQL-8 syntax hint (item 6).
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "harness/engines/engine.h"
#include "harness/sql/splitter.h"
#include "tests/support/catalog_testing.h"
#include "tests/support/live_engine.h"
#include "tests/support/query_cases.h"

namespace crucible::testing {
namespace {

std::string value_of(Database& db, const std::string& sql) {
  QueryResult r = must_query(db, sql);
  if (r.rows.empty()) return "";
  const SqlValue& v = r.rows.at(0).at(0);
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return std::get<std::string>(v);
}

Dsn dsn_with(const std::string& query) {
  Dsn base = default_dsn(EngineKind::mariadb);
  Dsn dsn = parse_dsn("mariadb://h/?" + query);
  base.params = dsn.params;
  base.session = dsn.session;
  return base;
}

TEST(MariadbSession, ParametersAndStatementsReachScratchAndSessions) {
  if (!live_engine(EngineKind::mariadb)) return;
  Dsn dsn = dsn_with("sql_mode=NO_ENGINE_SUBSTITUTION&time_zone=%2B02:00");
  dsn.session.push_back("SET foreign_key_checks=0");
  auto engine = connect_engine(dsn);
  auto db = engine->create_scratch();
  auto session = db->open_session();
  for (Database* each : {db.get(), session.get()}) {
    EXPECT_EQ(value_of(*each, "SELECT @@SESSION.sql_mode"), "NO_ENGINE_SUBSTITUTION");
    EXPECT_EQ(value_of(*each, "SELECT @@SESSION.time_zone"), "+02:00");
    EXPECT_EQ(value_of(*each, "SELECT @@SESSION.foreign_key_checks"), "0");
  }
  // What the setting is for: a child row before its parent exists.
  Script script;
  script.file = "0001_fk.up.sql";
  script.statements = sql::split_statements(
      "CREATE TABLE c (p INT, FOREIGN KEY (p) REFERENCES p (id));\n"
      "CREATE TABLE p (id INT PRIMARY KEY);", Dialect::mysql, script.file);
  EXPECT_TRUE(db->execute(script).ok());
}

TEST(MariadbSession, AStatementCannotLeaveContainment) {
  if (!live_engine(EngineKind::mariadb)) return;
  Dsn dsn = default_dsn(EngineKind::mariadb);
  dsn.session.push_back("SET GLOBAL max_connections = 500");
  auto engine = connect_engine(dsn);
  try {
    auto db = engine->create_scratch();
    FAIL() << "SET GLOBAL ran with the admin's rights";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("session statement failed"), std::string::npos) << message;
    EXPECT_NE(message.find("SET GLOBAL max_connections = 500"), std::string::npos) << message;
    EXPECT_NE(message.find("ERROR 1227"), std::string::npos) << message;
  }
}

TEST(MariadbSession, BadSessionParameterValueIsNamed) {
  try {
    dsn_with("foreign_key_checks=perhaps");
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("DSN parameter foreign_key_checks must be 0 or 1"),
              std::string::npos) << e.what();
  }
}

TEST(MariadbDialect, MysqlEightOnlySyntaxIsReportedAsADialectDifference) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  // A functional key part: MySQL 8.0.13 and later, a syntax error on MariaDB.
  ExecResult result = db->execute(script_for(
      EngineKind::mariadb, "CREATE TABLE t (id INT);\nCREATE INDEX t_plus ON t ((id + 1));"));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error->message.find("ERROR 1064"), std::string::npos) << result.error->message;
  EXPECT_NE(result.error->message.find("may be MySQL-8-only syntax"), std::string::npos)
      << result.error->message;
  // Other errors carry no such hint.
  result = db->execute(script_for(EngineKind::mariadb, "DROP TABLE nowhere;"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->message.find("MySQL-8"), std::string::npos) << result.error->message;
}

// ory/keto drops a column's unnamed CHECK by the name MySQL 8 gives it; MariaDB named it after the
// column, so the DROP fails there. The error says why instead of only "check that it exists".
TEST(MariadbDialect, DroppingACheckByItsMysqlEightNameIsReportedAsADialectDifference) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  ExecResult result = db->execute(script_for(
      EngineKind::mariadb,
      "CREATE TABLE mappings (id INT PRIMARY KEY, "
      "text_form TEXT NOT NULL CHECK (text_form <> ''));\n"
      "ALTER TABLE mappings DROP CONSTRAINT mappings_chk_1;"));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error->message.find("ERROR 1091"), std::string::npos) << result.error->message;
  EXPECT_NE(result.error->message.find("MySQL 8 names an unnamed CHECK <table>_chk_<n>"),
            std::string::npos) << result.error->message;
  // Any other missing name carries no such hint.
  result = db->execute(
      script_for(EngineKind::mariadb, "ALTER TABLE mappings DROP CONSTRAINT nowhere;"));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error->message.find("ERROR 1091"), std::string::npos) << result.error->message;
  EXPECT_EQ(result.error->message.find("MySQL 8"), std::string::npos) << result.error->message;
}

}  // namespace
}  // namespace crucible::testing
