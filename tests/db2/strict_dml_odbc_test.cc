// --strict-dml over ODBC: DB2 answers a searched UPDATE/DELETE that touches no row with
// SQL_NO_DATA (SQLSTATE 02000, SQLCODE +100). ODBC 3 says every driver does the same from
// SQLExecDirect, and psqlODBC does, so the mapping is tested live over it: with the option the
// script fails at the statement's file:line; without it the run notes the statement. MariaDB's
// driver (3.1) answers SQL_SUCCESS instead, so over it the mapping never fires (pinned below).
#include <gtest/gtest.h>

#include "tests/odbc/odbc_testing.h"
#include "tests/support/catalog_testing.h"

namespace crucible {
namespace {

using testing::script_for;

class StrictDmlOverOdbc : public ::testing::TestWithParam<EngineKind> {
 protected:
  EngineKind kind() const { return GetParam(); }
};

constexpr const char* kBackfill =
    "CREATE TABLE accounts (id INT PRIMARY KEY, label VARCHAR(20));\n"
    "INSERT INTO accounts VALUES (1, 'one');\n"
    "UPDATE accounts SET label = 'uno' WHERE id = 1;\n"
    "UPDATE accounts SET label = 'dos'\n"
    "  WHERE id = 2;\n"
    "DELETE FROM accounts WHERE id = 3;\n";

TEST_P(StrictDmlOverOdbc, AStatementThatTouchesNoRowFailsTheScriptAtItsLine) {
  CRUCIBLE_ODBC_ENGINE(engine, kind(), EngineOptions{.strict_dml = true});
  auto db = engine->create_scratch();
  ExecResult r = db->execute(script_for(kind(), kBackfill, "0002_backfill.sql"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->sqlstate, "02000");
  EXPECT_EQ(r.error->where.str(), "0002_backfill.sql:4");
  EXPECT_NE(r.error->message.find("--strict-dml: 0002_backfill.sql:4: UPDATE touched no rows"),
            std::string::npos)
      << r.error->message;
  EXPECT_EQ(r.statements_run, 3) << "the UPDATE that found its row passed";
  EXPECT_TRUE(r.rolled_back);
  QueryResult gone = db->query(Statement{"SELECT COUNT(*) FROM accounts", {"t.sql", 1}});
  EXPECT_FALSE(gone.ok()) << "rolled back with the script, CREATE TABLE included";
}

TEST_P(StrictDmlOverOdbc, WithoutTheOptionTheRunNotesEachSuchStatement) {
  CRUCIBLE_ODBC_ENGINE(engine, kind());
  auto db = engine->create_scratch();
  ExecResult r = db->execute(script_for(kind(), kBackfill, "0002_backfill.sql"));
  ASSERT_TRUE(r.ok()) << r.error->message;
  EXPECT_EQ(r.statements_run, 5);
  EXPECT_NE(r.note.find("0002_backfill.sql:4: UPDATE touched no rows (SQLSTATE 02000)"),
            std::string::npos)
      << r.note;
  EXPECT_NE(r.note.find("0002_backfill.sql:6: DELETE touched no rows"), std::string::npos)
      << r.note;
  // DDL, an INSERT and an UPDATE that found its row are not "no data".
  EXPECT_EQ(r.note.find(":1:"), std::string::npos) << r.note;
  EXPECT_EQ(r.note.find(":2:"), std::string::npos) << r.note;
  EXPECT_EQ(r.note.find(":3:"), std::string::npos) << r.note;
}

TEST_P(StrictDmlOverOdbc, ScriptsThatTouchTheirRowsPassUnderTheOption) {
  CRUCIBLE_ODBC_ENGINE(engine, kind(), EngineOptions{.strict_dml = true});
  auto db = engine->create_scratch();
  ExecResult r = db->execute(script_for(
      kind(), "CREATE TABLE notes (id INT);\nINSERT INTO notes VALUES (1);\n"
              "UPDATE notes SET id = 2;\nDELETE FROM notes WHERE id = 2;\n"
              "SELECT * FROM notes WHERE id = 99;\n"));
  EXPECT_TRUE(r.ok()) << r.error->message;
  EXPECT_EQ(r.note, "");
}

INSTANTIATE_TEST_SUITE_P(Drivers, StrictDmlOverOdbc, ::testing::Values(EngineKind::postgres),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

// MariaDB Connector/ODBC returns SQL_SUCCESS with a row count of 0 (and MariaDB counts changed
// rows, not matched ones), so over it --strict-dml has nothing to map. If a driver release starts
// answering SQL_NO_DATA, this fails and the MariaDB instance joins the suite above.
TEST(StrictDmlOverMariadbOdbc, TheDriverDoesNotReportNoData) {
  CRUCIBLE_ODBC_ENGINE(engine, EngineKind::mariadb, EngineOptions{.strict_dml = true});
  auto db = engine->create_scratch();
  ExecResult r = db->execute(script_for(EngineKind::mariadb, kBackfill, "0002_backfill.sql"));
  ASSERT_TRUE(r.ok()) << r.error->message;
  EXPECT_EQ(r.note.find("touched no rows"), std::string::npos) << r.note;
}

}  // namespace
}  // namespace crucible
