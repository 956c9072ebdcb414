// DB2's script dialect, from the DB2 command line processor's documented behaviour: a
// `--#SET TERMINATOR x` comment line switches the statement terminator (used for compound
// statements whose bodies contain ';'), and `--#SET TERMINATOR ;` switches back.
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "harness/sql/splitter.h"

namespace crucible {
namespace {

TEST(Db2Dialect, SetTerminatorSwitchesTheDelimiterForCompoundStatements) {
  std::string script =
      "CREATE TABLE t (a INT);\n"
      "--#SET TERMINATOR @\n"
      "CREATE TRIGGER t_ins AFTER INSERT ON t\n"
      "FOR EACH ROW BEGIN ATOMIC\n"
      "  UPDATE t SET a = a + 1;\n"
      "  UPDATE t SET a = a - 1;\n"
      "END@\n"
      "--#set terminator ;\n"
      "DROP TABLE u;\n";
  auto statements = sql::split_statements(script, Dialect::db2, "0001.sql");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0].sql, "CREATE TABLE t (a INT)");
  EXPECT_EQ(statements[1].where.line, 3);
  EXPECT_NE(statements[1].sql.find("a - 1;\nEND"), std::string::npos) << statements[1].sql;
  EXPECT_EQ(statements[1].sql.back(), 'D');
  EXPECT_EQ(statements[2].sql, "DROP TABLE u");
  EXPECT_EQ(statements[2].where.line, 9);
}

TEST(Db2Dialect, TheTerminatorCommentIsOnlyACommentInOtherDialects) {
  std::string script = "--#SET TERMINATOR @\nSELECT 1;\nSELECT 2;\n";
  EXPECT_EQ(sql::split_statements(script, Dialect::postgres, "x.sql").size(), 2u);
  // On DB2 the two statements wait for an @ that never comes: a defect, not a silent split.
  EXPECT_THROW(sql::split_statements(script, Dialect::db2, "x.sql"), Error);
}

}  // namespace
}  // namespace crucible
