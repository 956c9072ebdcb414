// DB2's scratch unit, a schema per run (harness/engines/db2/db2_admin.h): the SQL it emits and
// the names, which must be the other engines' scratch names so `crucible cleanup` sees them.
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "harness/engines/db2/db2_admin.h"
#include "harness/engines/odbc/odbc_connection_string.h"
#include "harness/engines/registry.h"
#include "harness/engines/scratch.h"

namespace crucible::db2 {
namespace {

TEST(Db2Admin, ScratchSchemasAreScratchNamesAsDb2StoresThem) {
  std::string name = scratch_name();
  std::string schema = schema_for(name);
  EXPECT_EQ(schema.rfind("CRUCIBLE_", 0), 0u) << schema;
  EXPECT_EQ(create_schema_sql(name), "CREATE SCHEMA \"" + schema + "\"");
  // Listing reads SYSCAT.SCHEMATA and gives the names back lower-case: scratch names again.
  std::string listed = schema;
  for (char& c : listed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(is_scratch_name(listed));
  EXPECT_EQ(run_id_of(listed), scratch_run_id());
  EXPECT_NE(list_schemas_sql().find("SYSCAT.SCHEMATA"), std::string::npos);
  EXPECT_NE(list_schemas_sql().find("LIKE 'CRUCIBLE\\_%' ESCAPE '\\'"), std::string::npos);
}

TEST(Db2Admin, DropUsesAdminDropSchemaThroughVariablesAndToleratesAGoneSchema) {
  std::string sql = drop_schema_sql("crucible_0a1b2c3d_7");
  EXPECT_NE(sql.find("CALL SYSPROC.ADMIN_DROP_SCHEMA('CRUCIBLE_0A1B2C3D_7', NULL, error_schema, "
                     "error_table)"),
            std::string::npos)
      << sql;
  EXPECT_NE(sql.find("IF EXISTS (SELECT 1 FROM SYSCAT.SCHEMATA WHERE SCHEMANAME = "
                     "'CRUCIBLE_0A1B2C3D_7')"),
            std::string::npos);
  EXPECT_NE(sql.find("SIGNAL SQLSTATE '75001'"), std::string::npos);
  // Sent whole, as one compound statement (a CLP script would need `--#SET TERMINATOR @`).
  EXPECT_EQ(sql.rfind("BEGIN\n", 0), 0u);
  EXPECT_EQ(sql.substr(sql.size() - 4), "\nEND");
}

TEST(Db2Admin, EveryConnectionStartsInTheRunsSchema) {
  std::string text = schema_connection_string(
      "Driver={IBM DB2 ODBC DRIVER};Database=TESTDB;Hostname=db2;Port=50000;Uid=db2inst1;"
      "Pwd={se;cret}",
      "crucible_0a1b2c3d_7");
  auto parsed = odbc::ConnectionString::parse(text);
  EXPECT_EQ(parsed.get({"Database"}), "TESTDB") << "the database stays: the unit is a schema";
  EXPECT_EQ(parsed.get({"CurrentSchema"}), "CRUCIBLE_0A1B2C3D_7");
  EXPECT_EQ(parsed.get({"CurrentFunctionPath"}),
            "\"SYSIBM\",\"SYSFUN\",\"SYSPROC\",\"SYSIBMADM\",\"CRUCIBLE_0A1B2C3D_7\"");
  EXPECT_EQ(parsed.get({"Pwd"}), "se;cret");
}

TEST(Db2Admin, TheRunIsNamedOnTheAdminSession) {
  EXPECT_EQ(mark_live_sql("0a1b2c3d"),
            "CALL SYSPROC.WLM_SET_CLIENT_INFO(NULL, NULL, 'crucible_0a1b2c3d', NULL, NULL)");
}

// DB2 LUW's DDL is transactional except TRUNCATE … IMMEDIATE, which cannot be undone: a script
// holding one is not atomic (the same rule the MySQL engines use for their DDL).
TEST(Db2Transactions, OnlyTruncateImmediateEscapesTheTransaction) {
  auto commits = engine_facts(EngineKind::db2).commits_implicitly;
  ASSERT_NE(commits, nullptr);
  EXPECT_TRUE(engine_facts(EngineKind::db2).transactional_ddl);
  EXPECT_TRUE(commits("TRUNCATE TABLE accounts IMMEDIATE"));
  EXPECT_TRUE(commits("truncate accounts\n  reuse storage immediate"));
  EXPECT_FALSE(commits("CREATE TABLE truncate_log (immediate INT)"));
  EXPECT_FALSE(commits("ALTER TABLE accounts ADD COLUMN email VARCHAR(128)"));
  EXPECT_FALSE(commits("DROP TABLE accounts"));
}

}  // namespace
}  // namespace crucible::db2
