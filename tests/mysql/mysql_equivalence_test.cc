// No false alarms, no misses: equivalent DDL written differently gives equal catalogs, a
// forward+reverse pair that restores the schema gives an equal catalog (even when the server
// renumbers the names it generated), and each defect a reverse migration can leave behind shows
// up in catalog::diff.
#include <algorithm>

#include <gtest/gtest.h>

#include "tests/mysql/my_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

using catalog::Catalog;

void expect_same_catalog(Engine& engine, const std::string& a_sql, const std::string& b_sql) {
  Catalog a = my_snapshot_after(engine, a_sql);
  Catalog b = my_snapshot_after(engine, b_sql);
  EXPECT_TRUE(catalog::diff(a, b).empty()) << describe_diff(a, b);
}

TEST(MysqlEquivalence, SameSchemaWrittenDifferently) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  expect_same_catalog(
      *engine,
      "CREATE TABLE users (id INT PRIMARY KEY AUTO_INCREMENT, email VARCHAR(80) NOT NULL UNIQUE,"
      "  age INT DEFAULT NULL CHECK (age >= 18), team INT,"
      "  created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
      "  FOREIGN KEY (team) REFERENCES users (id) ON DELETE NO ACTION);\n"
      "CREATE INDEX users_age ON users (age);\n"
      "CREATE VIEW adults AS SELECT id, email FROM users WHERE age >= 21;\n"
      "CREATE TRIGGER users_bi BEFORE INSERT ON users FOR EACH ROW SET NEW.age = NEW.age + 0;\n",
      "create table `users` (\n  `id` integer not null auto_increment,\n"
      "  `email` varchar(80) NOT NULL,\n  `age` int,\n  team int(11),\n"
      "  created timestamp not null default now(),\n  primary key (id)) engine = innodb;\n"
      "create unique index email on users (email);\n"
      "alter table users add check ((age>=18));\n"
      "alter table users add foreign key (team) references users (id);\n"
      "alter table users add key users_age (age);\n"
      "create view adults as select users.id AS id, users.email from users where (users.age>=21);\n"
      "create trigger users_bi before insert on users for each row\n"
      "  set new.age = new.age+0;\n");
}

TEST(MysqlEquivalence, GeneratedNamesThatRenumberCompareByContent) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  // The same checks, foreign keys and indexes, created in a different order: the server numbers
  // CONSTRAINT_n, t_ibfk_n and a/a_2 differently.
  expect_same_catalog(
      *engine,
      "CREATE TABLE p (id INT PRIMARY KEY);\n"
      "CREATE TABLE t (a INT, b INT, CHECK (a > 0), CHECK (b > 0),"
      "  FOREIGN KEY (a) REFERENCES p (id), FOREIGN KEY (b) REFERENCES p (id) ON DELETE CASCADE,"
      "  KEY (a, b), KEY (b, a));\n",
      "CREATE TABLE p (id INT PRIMARY KEY);\n"
      "CREATE TABLE t (a INT, b INT, CHECK (b > 0), KEY (b, a), KEY (a, b),"
      "  FOREIGN KEY (b) REFERENCES p (id) ON DELETE CASCADE);\n"
      "ALTER TABLE t ADD CHECK (a > 0), ADD FOREIGN KEY (a) REFERENCES p (id);\n");
}

// Forward then reverse from the same start: the catalog must come back equal, and (unless the
// forward script depends on names the reverse renumbered) forward again must give the forward
// catalog again.
void expect_round_trip(Engine& engine, const std::string& base, const std::string& forward,
                       const std::string& reverse, bool check_reapply = true) {
  auto db = engine.create_scratch();
  my_run(*db, base);
  Catalog before = db->snapshot();
  my_run(*db, forward);
  Catalog first = db->snapshot();
  EXPECT_FALSE(catalog::diff(before, first).empty()) << "the forward script changed nothing";
  my_run(*db, reverse);
  Catalog after_reverse = db->snapshot();
  EXPECT_TRUE(catalog::diff(before, after_reverse).empty())
      << forward << "\n" << describe_diff(before, after_reverse);
  if (!check_reapply) return;
  my_run(*db, forward);
  Catalog second = db->snapshot();
  EXPECT_TRUE(catalog::diff(first, second).empty())
      << forward << "\n" << describe_diff(first, second);
}

const char* const kBase =
    "CREATE TABLE p (id INT PRIMARY KEY);\n"
    "CREATE TABLE m (id INT);\n"
    "CREATE TABLE t (id INT PRIMARY KEY, a INT NOT NULL DEFAULT 1, b VARCHAR(10), c INT,"
    "  pid INT, u TIMESTAMP NULL ON UPDATE CURRENT_TIMESTAMP, CHECK (a < 1000), KEY (b),"
    "  KEY t_ab (a, b), CONSTRAINT t_p FOREIGN KEY (pid) REFERENCES p (id));\n";

TEST(MysqlEquivalence, RoundTripsThatRestoreTheSchemaPass) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  expect_round_trip(*engine, kBase, "ALTER TABLE t ADD COLUMN x INT DEFAULT 7 AFTER a",
                    "ALTER TABLE t DROP COLUMN x");
  expect_round_trip(*engine, kBase, "CREATE INDEX t_ab4 ON t (a, b(4))", "DROP INDEX t_ab4 ON t");
  expect_round_trip(*engine, kBase, "ALTER TABLE t ADD CHECK (a > 0)",
                    "ALTER TABLE t DROP CONSTRAINT CONSTRAINT_2");
  // A named foreign key and the index it implies, dropped together.
  expect_round_trip(*engine, kBase,
                    "ALTER TABLE t ADD CONSTRAINT t_q FOREIGN KEY (c) REFERENCES p (id)",
                    "ALTER TABLE t DROP FOREIGN KEY t_q; ALTER TABLE t DROP INDEX t_q");
  // An unnamed one: the server names the constraint t_ibfk_1 and its index after the column.
  expect_round_trip(*engine, kBase,
                    "ALTER TABLE t ADD FOREIGN KEY (c) REFERENCES p (id) ON DELETE SET NULL",
                    "ALTER TABLE t DROP FOREIGN KEY t_ibfk_1; ALTER TABLE t DROP INDEX c");
  expect_round_trip(*engine, kBase, "ALTER TABLE t MODIFY a BIGINT NOT NULL DEFAULT 1",
                    "ALTER TABLE t MODIFY a INT NOT NULL DEFAULT 1");
  expect_round_trip(*engine, kBase, "ALTER TABLE t MODIFY u TIMESTAMP NULL",
                    "ALTER TABLE t MODIFY u TIMESTAMP NULL ON UPDATE CURRENT_TIMESTAMP()");
  expect_round_trip(*engine, kBase, "CREATE SEQUENCE s START WITH 5", "DROP SEQUENCE s");
}

TEST(MysqlEquivalence, RenumberedCheckNamesDoNotFalseAlarm) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  // Before: CONSTRAINT_1 a < 1000, CONSTRAINT_2 a > -5. After the reverse the same two checks
  // exist with their numbers swapped.
  expect_round_trip(*engine, std::string(kBase) + "ALTER TABLE t ADD CHECK (a > -5);",
                    "ALTER TABLE t DROP CONSTRAINT CONSTRAINT_1; ALTER TABLE t ADD CHECK (a > 0)",
                    "ALTER TABLE t DROP CONSTRAINT CONSTRAINT_1;"
                    "ALTER TABLE t DROP CONSTRAINT CONSTRAINT_2;"
                    "ALTER TABLE t ADD CHECK (a > -5); ALTER TABLE t ADD CHECK (a < 1000)",
                    /*check_reapply=*/false);
}

// Forward then a faulty reverse: the diff must name `object`.
void expect_detected(Engine& engine, const std::string& forward, const std::string& reverse,
                     const std::string& object) {
  auto db = engine.create_scratch();
  my_run(*db, kBase);
  Catalog before = db->snapshot();
  my_run(*db, forward);
  my_run(*db, reverse);
  Catalog after = db->snapshot();
  std::vector<std::string> objects = changed_objects(before, after);
  EXPECT_NE(std::find(objects.begin(), objects.end(), object), objects.end())
      << "forward: " << forward << "\nreverse: " << reverse << "\nexpected a change of " << object
      << ", diff:\n" << describe_diff(before, after);
}

TEST(MysqlEquivalence, ColumnDefectsAreDetected) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  // Column order: re-added at the end instead of where it was.
  expect_detected(*engine, "ALTER TABLE t DROP COLUMN c", "ALTER TABLE t ADD c INT", "column t.c");
  expect_detected(*engine, "ALTER TABLE t MODIFY a BIGINT NOT NULL DEFAULT 1", "SELECT 1",
                  "column t.a");
  expect_detected(*engine, "ALTER TABLE t ALTER a SET DEFAULT 2",
                  "ALTER TABLE t ALTER a DROP DEFAULT", "column t.a");
  expect_detected(*engine, "ALTER TABLE t MODIFY a INT NULL DEFAULT 1",
                  "ALTER TABLE t MODIFY a INT DEFAULT 1", "column t.a");  // NOT NULL forgotten
  expect_detected(*engine, "ALTER TABLE t MODIFY b VARCHAR(10) COLLATE utf8mb4_bin", "SELECT 1",
                  "column t.b");
  expect_detected(*engine, "ALTER TABLE t MODIFY b VARCHAR(10) COMMENT 'x'", "SELECT 1",
                  "column t.b");
  expect_detected(*engine, "ALTER TABLE t MODIFY u TIMESTAMP NULL", "SELECT 1", "column t.u");
  expect_detected(*engine, "ALTER TABLE t MODIFY c INT INVISIBLE", "SELECT 1", "column t.c");
}

TEST(MysqlEquivalence, ConstraintDefectsAreDetected) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  expect_detected(*engine, "ALTER TABLE t DROP CONSTRAINT CONSTRAINT_1",
                  "ALTER TABLE t ADD CHECK (a <= 1000)", "check on t: a < 1000");
  expect_detected(*engine, "ALTER TABLE t DROP FOREIGN KEY t_p",
                  "ALTER TABLE t ADD CONSTRAINT t_p FOREIGN KEY (pid) REFERENCES p (id) "
                  "ON DELETE CASCADE", "foreign key t_p on t");
  // The FK is dropped but the index InnoDB created for it stays: a real leftover.
  expect_detected(*engine, "ALTER TABLE t ADD CONSTRAINT t_q FOREIGN KEY (c) REFERENCES p (id)",
                  "ALTER TABLE t DROP FOREIGN KEY t_q", "index t_q on t");
  expect_detected(*engine, "ALTER TABLE t DROP INDEX b", "CREATE UNIQUE INDEX b ON t (b)",
                  "index on t(b)");
  expect_detected(*engine, "DROP INDEX t_ab ON t", "CREATE INDEX t_ab ON t (a)", "index t_ab on t");
  expect_detected(*engine, "DROP INDEX t_ab ON t", "CREATE INDEX t_ab ON t (a, b DESC)",
                  "index t_ab on t");
  expect_detected(*engine, "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, a)",
                  "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (a, id)", "primary key on t");
  expect_detected(*engine, "ALTER TABLE t ALTER INDEX t_ab IGNORED", "SELECT 1", "index t_ab on t");
}

// Two schemas that differ only in one object's definition: the diff must name it.
void expect_differs(Engine& engine, const std::string& a_sql, const std::string& b_sql,
                    const std::string& object) {
  Catalog a = my_snapshot_after(engine, a_sql);
  Catalog b = my_snapshot_after(engine, b_sql);
  std::vector<std::string> objects = changed_objects(a, b);
  EXPECT_EQ(objects, std::vector<std::string>{object}) << describe_diff(a, b);
}

TEST(MysqlEquivalence, DefinitionChangesAreDetected) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  const std::string t = "CREATE TABLE t (id INT PRIMARY KEY, a INT);\n";
  expect_differs(*engine, t + "CREATE VIEW v AS SELECT id FROM t",
                 t + "CREATE VIEW v AS SELECT id FROM t WHERE a > 0", "view v");
  expect_differs(*engine, t + "CREATE VIEW v AS SELECT id FROM t WHERE a > 0",
                 t + "CREATE VIEW v AS SELECT id FROM t WHERE a > 0 WITH CHECK OPTION", "view v");
  expect_differs(*engine, t + "CREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1",
                 t + "CREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 2",
                 "trigger g on t");
  expect_differs(*engine, t + "CREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1",
                 t + "CREATE TRIGGER g BEFORE UPDATE ON t FOR EACH ROW SET NEW.a = 1",
                 "trigger g on t");
  expect_differs(*engine, t + "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x",
                 t + "CREATE FUNCTION f(x BIGINT) RETURNS INT DETERMINISTIC RETURN x",
                 "routine f");
  expect_differs(*engine, t + "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x",
                 t + "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x + 1",
                 "routine f");
  expect_differs(*engine, t + "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)",
                 t + "ALTER TABLE t ADD CONSTRAINT c CHECK (a >= 0)", "check c on t");
}

TEST(MysqlEquivalence, LeftoverObjectsAreDetected) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  expect_detected(*engine, "CREATE TABLE extra (id INT)", "SELECT 1", "table extra");
  expect_detected(*engine, "CREATE VIEW tv AS SELECT id FROM t", "SELECT 1", "view tv");
  expect_detected(*engine, "CREATE TRIGGER tt BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1",
                  "SELECT 1", "trigger tt on t");
  expect_detected(*engine, "CREATE FUNCTION tf() RETURNS INT RETURN 1", "SELECT 1", "routine tf");
  expect_detected(*engine, "CREATE SEQUENCE ts", "SELECT 1", "sequence ts");
  expect_detected(*engine, "ALTER TABLE m ENGINE=MyISAM", "SELECT 1", "table m");
  expect_detected(*engine, "ALTER TABLE t COMMENT 'x'", "SELECT 1", "table t");
  expect_detected(*engine, "ALTER TABLE t ROW_FORMAT=COMPRESSED", "SELECT 1", "table t");
  expect_detected(*engine, "CREATE VIEW tv AS SELECT id FROM t",
                  "CREATE OR REPLACE VIEW tv AS SELECT id FROM t WHERE id > 0", "view tv");
  expect_detected(*engine, "CREATE SEQUENCE ts", "ALTER SEQUENCE ts INCREMENT BY 2", "sequence ts");
}

}  // namespace
}  // namespace crucible::testing
