// Which scripts change the schema the same way whatever rows the tables hold (the data check's
// walking database then goes by the linear pass's snapshots: rows_free_schema.h).
#include "harness/checks/rows_free_schema.h"

#include <gtest/gtest.h>

#include "harness/sql/splitter.h"

namespace crucible {
namespace {

EngineScripts scripts_of(const std::string& up, const std::string& down = "") {
  EngineScripts scripts;
  scripts.forward.file = "0001_m.up.sql";
  scripts.forward.statements = sql::split_statements(up, Dialect::mysql, scripts.forward.file);
  Script reverse;
  reverse.file = "0001_m.down.sql";
  reverse.statements = sql::split_statements(down, Dialect::mysql, reverse.file);
  scripts.reverse = reverse;
  return scripts;
}

bool rows_free(const std::string& up, const std::string& down = "") {
  return schema_effect_is_rows_free(scripts_of(up, down), Dialect::mysql);
}

TEST(RowsFreeSchema, DdlAndDmlAre) {
  EXPECT_TRUE(rows_free("CREATE TABLE t (id INT PRIMARY KEY, v INT);\n"
                        "ALTER TABLE t ADD COLUMN w INT CHECK (w > 0);\n"
                        "CREATE INDEX t_v ON t (v);\n"
                        "INSERT INTO t (id, v) VALUES (1, 2);\n"
                        "UPDATE t SET v = v + 1 WHERE id = 1;\n"
                        "CREATE TABLE u AS SELECT id, v FROM t;",
                        "DROP TABLE u; DROP INDEX t_v ON t; DROP TABLE t;"));
  EXPECT_TRUE(rows_free(""));
}

// Their bodies run only when called, and calling is what is refused.
TEST(RowsFreeSchema, CreatingARoutineOrATriggerIs) {
  EXPECT_TRUE(rows_free("CREATE PROCEDURE p() BEGIN IF (SELECT COUNT(*) FROM t) > 0 THEN "
                        "DELETE FROM t; END IF; END;\n"
                        "CREATE TRIGGER t_ins BEFORE INSERT ON t FOR EACH ROW "
                        "SET NEW.v = NEW.v + 1;"));
}

TEST(RowsFreeSchema, SqlChosenAtRunTimeIsNot) {
  EXPECT_FALSE(rows_free("PREPARE s FROM 'CREATE TABLE x (id INT)'; EXECUTE s;"));
  EXPECT_FALSE(rows_free("EXECUTE IMMEDIATE 'CREATE TABLE x (id INT)'"));
  EXPECT_FALSE(rows_free("CALL make_tables()"));
  EXPECT_FALSE(rows_free("BEGIN NOT ATOMIC IF (SELECT COUNT(*) FROM t) > 0 THEN "
                         "CREATE TABLE x (id INT); END IF; END"));
  EXPECT_FALSE(rows_free("IF (SELECT COUNT(*) FROM t) > 0 THEN CREATE TABLE x (id INT); END IF"));
  EXPECT_FALSE(rows_free("outer_loop: LOOP LEAVE outer_loop; END LOOP outer_loop"));
}

TEST(RowsFreeSchema, UserVariablesAndSessionSettingsAreNot) {
  EXPECT_FALSE(rows_free("CREATE TABLE x AS SELECT @n AS n"));
  EXPECT_FALSE(rows_free("SELECT COUNT(*) INTO @n FROM t"));
  EXPECT_FALSE(rows_free("SET default_storage_engine = MyISAM; CREATE TABLE x (id INT)"));
  EXPECT_FALSE(rows_free("SET FOREIGN_KEY_CHECKS = 0"));
}

TEST(RowsFreeSchema, EventsAndOtherDatabasesAreNot) {
  EXPECT_FALSE(rows_free("CREATE EVENT e ON SCHEDULE EVERY 1 SECOND DO "
                         "CREATE TABLE IF NOT EXISTS x (id INT)"));
  EXPECT_FALSE(rows_free("USE other"));
}

// A reverse's temporary table would hide `t` from a later ALTER on the linear pass's session,
// not on a walking database started again, which replays the forwards only.
TEST(RowsFreeSchema, TemporaryTablesAreNot) {
  EXPECT_FALSE(rows_free("CREATE TABLE t (id INT)",
                         "CREATE TEMPORARY TABLE t AS SELECT 1 AS id"));
}

TEST(RowsFreeSchema, TheReverseCountsToo) {
  EXPECT_FALSE(rows_free("CREATE TABLE t (id INT)", "CALL undo_t()"));
}

TEST(RowsFreeSchema, ADefectiveScriptIsNot) {
  EngineScripts scripts = scripts_of("CREATE TABLE t (id INT)");
  scripts.forward.defect = ScriptDefect{"unterminated /* comment", {"0001_m.up.sql", 1}};
  EXPECT_FALSE(schema_effect_is_rows_free(scripts, Dialect::mysql));
}

}  // namespace
}  // namespace crucible
