// The dialect table and the implicit-commit rule: pure functions, no server needed.
#include <gtest/gtest.h>

#include "harness/engines/mysql/mysql_dialect.h"
#include "harness/engines/mysql/mysql_implicit_commit.h"

namespace crucible::mysql {
namespace {

TEST(MysqlDialect, ChosenFromTheServersVersionString) {
  EXPECT_EQ(dialect_for_version("10.11.19-MariaDB-0+deb12u1").engine, "mariadb");
  EXPECT_EQ(dialect_for_version("5.5.5-10.11.6-MariaDB").engine, "mariadb");
  EXPECT_EQ(dialect_for_version("8.0.36").engine, "mysql");
  EXPECT_EQ(dialect_for_version("8.4.0-commercial").engine, "mysql");
}

TEST(MysqlDialect, DifferencesAreInTheTable) {
  const ServerDialect& mariadb = dialect_for_version("10.11.19-MariaDB");
  const ServerDialect& mysql = dialect_for_version("8.0.36");
  EXPECT_TRUE(mariadb.session_setup.empty());
  ASSERT_EQ(mysql.session_setup.size(), 1u);
  EXPECT_NE(mysql.session_setup[0].find("information_schema_stats_expiry = 0"), std::string::npos);
  EXPECT_TRUE(mariadb.defaults_are_quoted);
  EXPECT_FALSE(mysql.defaults_are_quoted);
  EXPECT_TRUE(mariadb.has_sequences);
  EXPECT_FALSE(mysql.has_sequences);
  EXPECT_NE(mysql.statistics_query.find("EXPRESSION"), std::string::npos);
  EXPECT_NE(mysql.checks_query.find("TABLE_CONSTRAINTS"), std::string::npos);
  EXPECT_NE(mariadb.checks_query.find("LEVEL"), std::string::npos);
}

TEST(MysqlDialect, GeneratedConstraintNames) {
  const ServerDialect& mariadb = dialect_for_version("10.11.19-MariaDB");
  const ServerDialect& mysql = dialect_for_version("8.0.36");
  EXPECT_TRUE(mariadb.is_generated_check_name("orders", "CONSTRAINT_1"));
  EXPECT_TRUE(mariadb.is_generated_check_name("orders", "CONSTRAINT_12"));
  EXPECT_FALSE(mariadb.is_generated_check_name("orders", "orders_chk_1"));
  EXPECT_FALSE(mariadb.is_generated_check_name("orders", "positive_total"));
  EXPECT_TRUE(mysql.is_generated_check_name("orders", "orders_chk_1"));
  EXPECT_FALSE(mysql.is_generated_check_name("orders", "CONSTRAINT_1"));
  EXPECT_FALSE(mysql.is_generated_check_name("order.s", "orderXs_chk_1"));  // '.' is literal
  for (const ServerDialect* d : {&mariadb, &mysql}) {
    EXPECT_TRUE(d->is_generated_foreign_key_name("orders", "orders_ibfk_2"));
    EXPECT_FALSE(d->is_generated_foreign_key_name("orders", "items_ibfk_2"));
    EXPECT_FALSE(d->is_generated_foreign_key_name("orders", "fk_orders_customer"));
    EXPECT_FALSE(d->is_generated_foreign_key_name("orders", "orders_ibfk_"));    // no number
    EXPECT_FALSE(d->is_generated_foreign_key_name("orders", "orders_ibfk_2a"));  // not only digits
    EXPECT_TRUE(d->is_generated_foreign_key_name("a+b", "a+b_ibfk_1"));  // names are literal
  }
}

TEST(MysqlImplicitCommit, DdlAndTransactionControlCommit) {
  for (const char* sql :
       {"CREATE TABLE t (a int)", "create index i on t (a)", "ALTER TABLE t ADD b int",
        "DROP TABLE t", "RENAME TABLE a TO b", "TRUNCATE t", "CREATE OR REPLACE VIEW v AS SELECT 1",
        "/* why */ Create Sequence s", "GRANT SELECT ON *.* TO x", "LOCK TABLES t WRITE",
        "START TRANSACTION", "COMMIT", "ROLLBACK", "BEGIN", "SET autocommit = 1",
        "SET @@session.autocommit=0", "CALL p()", "ANALYZE TABLE t", "CHECK TABLE t"})
    EXPECT_TRUE(commits_implicitly(sql)) << sql;
}

TEST(MysqlImplicitCommit, DmlAndTemporaryTablesDoNot) {
  for (const char* sql :
       {"INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t", "SELECT 1",
        "REPLACE INTO t VALUES (1)", "CREATE TEMPORARY TABLE tmp (a int)",
        "create or replace temporary table tmp (a int)", "DROP TEMPORARY TABLE tmp",
        "SET @x = 'autocommit'", "SAVEPOINT s", "ROLLBACK TO SAVEPOINT s", "-- only a comment"})
    EXPECT_FALSE(commits_implicitly(sql)) << sql;
}

}  // namespace
}  // namespace crucible::mysql
