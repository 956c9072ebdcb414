// What snapshot() reads from information_schema, object kind by object kind, with the values
// MariaDB 10.11 gives for them after normalisation (docs/CATALOG.md, MariaDB/MySQL section).
#include <chrono>

#include <gtest/gtest.h>

#include "harness/catalog/catalog_json.h"
#include "tests/mysql/my_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

using catalog::Catalog;
using catalog::Column;
using catalog::Table;

const char* const kSchema = R"sql(
CREATE TABLE parent (id INT PRIMARY KEY AUTO_INCREMENT, code VARCHAR(10) NOT NULL UNIQUE)
  COMMENT 'parents';
CREATE TABLE t (
  id BIGINT NOT NULL AUTO_INCREMENT,
  a INT,
  b INT NOT NULL DEFAULT 5,
  s VARCHAR(20) DEFAULT 'x''y',
  s2 VARCHAR(20) DEFAULT NULL,
  s3 VARCHAR(20) NOT NULL,
  sn VARCHAR(5) DEFAULT 'NULL',
  d DECIMAL(10,2) DEFAULT 1.5,
  ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  tu TIMESTAMP NULL ON UPDATE CURRENT_TIMESTAMP,
  dt DATETIME DEFAULT NOW(),
  g INT AS (a + b) STORED,
  v INT AS (a * 2) VIRTUAL,
  c VARCHAR(10) COLLATE utf8mb4_bin COMMENT 'binary',
  e ENUM('a','b') DEFAULT 'a',
  hidden INT INVISIBLE DEFAULT 3,
  pid INT,
  txt TEXT,
  fn INT DEFAULT (1+2),
  PRIMARY KEY (id),
  UNIQUE KEY uq_ab (a, b),
  KEY idx_s (s(5), b DESC),
  FULLTEXT KEY ft (txt),
  CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES parent(id) ON DELETE CASCADE,
  FOREIGN KEY (a) REFERENCES parent(id) ON UPDATE NO ACTION,
  CHECK (a > 0),
  CONSTRAINT named_chk CHECK (b < 100)
) ENGINE=InnoDB ROW_FORMAT=COMPRESSED;
CREATE TABLE plain (id INT, n INT CHECK (n <> 0), KEY (n)) ENGINE=MyISAM COLLATE utf8mb4_bin;
CREATE VIEW v1 AS SELECT id, a FROM t WHERE a > 1 WITH CHECK OPTION;
CREATE SQL SECURITY INVOKER VIEW v2 AS SELECT code FROM parent;
CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.b = NEW.b + 1;
CREATE FUNCTION f1(x INT) RETURNS INT DETERMINISTIC RETURN x + 1;
DELIMITER //
CREATE PROCEDURE p1(IN x INT, OUT y VARCHAR(10))
BEGIN
  SELECT x INTO y;
END//
DELIMITER ;
CREATE SEQUENCE seq1 START WITH 10 INCREMENT BY 5;
)sql";

// A scratch database's first snapshot is read on its own connection, later ones on two
// connections at once (mysql_snapshot_connections.h): every test below reads the second, after
// checking that both are the same, byte for byte.
class MysqlSnapshot : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = live_engine(EngineKind::mariadb);
    if (!engine_) GTEST_SKIP();
    auto db = engine_->create_scratch();
    my_run(*db, kSchema);
    Catalog first = db->snapshot();
    catalog_ = db->snapshot();
    ASSERT_EQ(catalog::to_json(first).dump(1), catalog::to_json(catalog_).dump(1));
  }
  const Column& column(const std::string& table, const std::string& name) {
    const Column* found = column_named(catalog_, table, name);
    if (!found) throw std::runtime_error("no column " + table + "." + name);
    return *found;
  }
  const Table& table(const std::string& name) {
    const Table* found = table_named(catalog_, name);
    if (!found) throw std::runtime_error("no table " + name);
    return *found;
  }

  std::unique_ptr<Engine> engine_;
  Catalog catalog_;
};

TEST_F(MysqlSnapshot, TablesWithTheirBehaviourChangingOptions) {
  EXPECT_EQ(catalog_.engine, "mariadb");
  ASSERT_EQ(catalog_.tables.size(), 3u);  // views and the sequence are not tables
  EXPECT_EQ(table("parent").options, "ENGINE=InnoDB");
  EXPECT_EQ(table("parent").comment, "parents");
  EXPECT_EQ(table("t").options, "ENGINE=InnoDB row_format=COMPRESSED");
  EXPECT_EQ(table("plain").options, "ENGINE=MyISAM COLLATE=utf8mb4_bin");
}

TEST_F(MysqlSnapshot, ColumnsInOrderWithTypesAndNullability) {
  std::vector<std::string> names;
  for (const Column& c : table("t").columns) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"id", "a", "b", "s", "s2", "s3", "sn", "d", "ts", "tu",
                                             "dt", "g", "v", "c", "e", "hidden", "pid", "txt",
                                             "fn"}));
  EXPECT_EQ(column("t", "id").type, "bigint(20)");
  EXPECT_FALSE(column("t", "id").nullable);
  EXPECT_EQ(column("t", "id").identity, "auto_increment");
  EXPECT_EQ(column("t", "a").type, "int(11)");
  EXPECT_TRUE(column("t", "a").nullable);
  EXPECT_EQ(column("t", "e").type, "enum('a','b')");
  EXPECT_EQ(column("t", "hidden").type, "int(11) invisible");
}

TEST_F(MysqlSnapshot, DefaultsNormalised) {
  EXPECT_EQ(column("t", "b").default_value, "5");
  EXPECT_EQ(column("t", "s").default_value, "'x''y'");
  EXPECT_EQ(column("t", "sn").default_value, "'NULL'");  // the string, not the null
  EXPECT_EQ(column("t", "d").default_value, "1.50");
  EXPECT_EQ(column("t", "e").default_value, "'a'");
  EXPECT_EQ(column("t", "dt").default_value, "current_timestamp()");
  EXPECT_EQ(column("t", "fn").default_value, "1 + 2");
  // No DEFAULT and DEFAULT NULL are the same on a nullable column; NOT NULL without DEFAULT has
  // none at all. Both are nullopt; `nullable` tells them apart.
  EXPECT_EQ(column("t", "a").default_value, std::nullopt);
  EXPECT_EQ(column("t", "s2").default_value, std::nullopt);
  EXPECT_EQ(column("t", "s3").default_value, std::nullopt);
  EXPECT_EQ(column("t", "id").default_value, std::nullopt);
}

TEST_F(MysqlSnapshot, OnUpdateIsKeptWithTheDefault) {
  EXPECT_EQ(column("t", "ts").default_value, "current_timestamp() on update current_timestamp()");
  EXPECT_EQ(column("t", "tu").default_value, "NULL on update current_timestamp()");
}

TEST_F(MysqlSnapshot, GeneratedColumnsCollationsAndComments) {
  EXPECT_EQ(column("t", "g").generated, "stored a + b");
  EXPECT_EQ(column("t", "v").generated, "virtual a * 2");
  EXPECT_EQ(column("t", "g").default_value, std::nullopt);
  EXPECT_EQ(column("t", "c").collation, "utf8mb4_bin");
  EXPECT_EQ(column("t", "c").comment, "binary");
  EXPECT_EQ(column("t", "s").collation, "");  // the table's default
  EXPECT_EQ(column("plain", "id").collation, "");
}

TEST_F(MysqlSnapshot, PrimaryAndUniqueKeys) {
  ASSERT_TRUE(table("t").primary_key.has_value());
  EXPECT_EQ(table("t").primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(table("t").uniques.size(), 1u);
  EXPECT_EQ(table("t").uniques[0].name, "uq_ab");
  EXPECT_FALSE(table("t").uniques[0].generated_name);
  EXPECT_EQ(table("t").uniques[0].columns, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(table("parent").uniques.size(), 1u);
  EXPECT_EQ(table("parent").uniques[0].name, "code");
  EXPECT_TRUE(table("parent").uniques[0].generated_name);
  EXPECT_FALSE(table("plain").primary_key.has_value());
}

TEST_F(MysqlSnapshot, ForeignKeysWithTheirActions) {
  const Table& t = table("t");
  ASSERT_EQ(t.foreign_keys.size(), 2u);
  // canonicalize(): named ones first, then generated names by content.
  const catalog::ForeignKey& named = t.foreign_keys[0];
  EXPECT_EQ(named.name, "fk_p");
  EXPECT_FALSE(named.generated_name);
  EXPECT_EQ(named.columns, std::vector<std::string>{"pid"});
  EXPECT_EQ(named.ref_table, "parent");
  EXPECT_EQ(named.ref_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(named.on_delete, "CASCADE");
  EXPECT_EQ(named.on_update, "RESTRICT");
  const catalog::ForeignKey& unnamed = t.foreign_keys[1];
  EXPECT_EQ(unnamed.name, "t_ibfk_1");
  EXPECT_TRUE(unnamed.generated_name);
  EXPECT_EQ(unnamed.columns, std::vector<std::string>{"a"});
  EXPECT_EQ(unnamed.on_update, "RESTRICT");  // NO ACTION is RESTRICT in InnoDB
}

TEST_F(MysqlSnapshot, ChecksComparedByExpressionWhenTheServerNamedThem) {
  const Table& t = table("t");
  ASSERT_EQ(t.checks.size(), 2u);
  EXPECT_EQ(t.checks[0].name, "named_chk");
  EXPECT_FALSE(t.checks[0].generated_name);
  EXPECT_EQ(t.checks[0].expression, "b < 100");
  EXPECT_EQ(t.checks[1].name, "CONSTRAINT_1");
  EXPECT_TRUE(t.checks[1].generated_name);
  EXPECT_EQ(t.checks[1].expression, "a > 0");
  ASSERT_EQ(table("plain").checks.size(), 1u);
  EXPECT_EQ(table("plain").checks[0].name, "n");  // MariaDB names a column CHECK after the column
  EXPECT_TRUE(table("plain").checks[0].generated_name);
  EXPECT_EQ(table("plain").checks[0].expression, "n <> 0");
}

TEST_F(MysqlSnapshot, IndexesBesidesKeys) {
  const catalog::Index* idx = index_named(catalog_, "idx_s");
  ASSERT_NE(idx, nullptr);
  EXPECT_EQ(idx->table, "t");
  EXPECT_EQ(idx->keys, (std::vector<std::string>{"s(5)", "b DESC"}));
  EXPECT_FALSE(idx->unique);
  EXPECT_FALSE(idx->generated_name);
  EXPECT_EQ(idx->method, "");
  const catalog::Index* ft = index_named(catalog_, "ft");
  ASSERT_NE(ft, nullptr);
  EXPECT_EQ(ft->method, "FULLTEXT");
  // The index InnoDB adds for a foreign key is an index like any other, compared by content.
  const catalog::Index* fk_index = index_named(catalog_, "fk_p");
  ASSERT_NE(fk_index, nullptr);
  EXPECT_TRUE(fk_index->generated_name);
  EXPECT_EQ(fk_index->keys, std::vector<std::string>{"pid"});
  const catalog::Index* plain_n = index_named(catalog_, "n");
  ASSERT_NE(plain_n, nullptr);
  EXPECT_TRUE(plain_n->generated_name);
  // PRIMARY and the unique constraints are not repeated as indexes.
  EXPECT_EQ(catalog_.indexes.size(), 4u);
}

TEST_F(MysqlSnapshot, ViewsWithoutTheScratchDatabasesName) {
  ASSERT_EQ(catalog_.views.size(), 2u);
  EXPECT_EQ(catalog_.views[0].name, "v1");
  EXPECT_EQ(catalog_.views[0].definition,
            "select t.id as id, t.a as a from t where t.a > 1 with cascaded check option");
  EXPECT_EQ(catalog_.views[1].definition,
            "sql security invoker select parent.code as code from parent");
}

TEST_F(MysqlSnapshot, TriggersRoutinesAndSequences) {
  ASSERT_EQ(catalog_.triggers.size(), 1u);
  EXPECT_EQ(catalog_.triggers[0].name, "trg");
  EXPECT_EQ(catalog_.triggers[0].table, "t");
  EXPECT_EQ(catalog_.triggers[0].definition, "before insert order 1 set new.b = new.b + 1");
  ASSERT_EQ(catalog_.routines.size(), 2u);
  EXPECT_EQ(catalog_.routines[0].name, "f1");
  EXPECT_EQ(catalog_.routines[0].kind, "function");
  EXPECT_EQ(catalog_.routines[0].definition,
            "(x int(11)) returns int(11) deterministic contains sql sql security definer "
            "return x + 1");
  EXPECT_EQ(catalog_.routines[1].name, "p1");
  EXPECT_EQ(catalog_.routines[1].kind, "procedure");
  EXPECT_EQ(catalog_.routines[1].definition,
            "(in x int(11), out y varchar(10)) not deterministic contains sql sql security "
            "definer begin select x into y ; end");
  ASSERT_EQ(catalog_.sequences.size(), 1u);
  const catalog::Sequence& seq = catalog_.sequences[0];
  EXPECT_EQ(seq.name, "seq1");
  EXPECT_EQ(seq.start, 10);
  EXPECT_EQ(seq.increment, 5);
  EXPECT_EQ(seq.min_value, 1);
  EXPECT_EQ(seq.max_value, 9223372036854775806);
  EXPECT_FALSE(seq.cycle);
}

std::string json_of(const Catalog& catalog) { return catalog::to_json(catalog).dump(1); }

int connections_to(const std::string& database) {
  return std::stoi(my_admin_query(
      "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + database + "'").at(0));
}

// The second snapshot opens two connections of its own; they close with the database.
TEST(MysqlSnapshotConnections, LaterSnapshotsReadOnTwoConnectionsThatCloseWithTheDatabase) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  const std::string name = db->name();
  my_run(*db, "CREATE TABLE t (id INT PRIMARY KEY)");
  db->snapshot();
  EXPECT_EQ(connections_to(name), 1);
  db->snapshot();
  EXPECT_EQ(connections_to(name), 3);
  db.reset();
  EXPECT_EQ(connections_to(name), 0);
  EXPECT_FALSE(my_database_exists(name));
}

// Step by step, every kind of object appearing and going away: the snapshot read on two
// connections equals, byte for byte, the one read by a single connection of a read-only handle
// (the queries that run only when an earlier one found rows included: foreign key rules,
// routine parameters, views, sequences).
TEST(MysqlSnapshotConnections, EveryStepReadsTheSameAsOneConnection) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  auto single = engine->open_existing(db->name());
  const std::vector<std::string> steps = {
      "CREATE TABLE p (id INT PRIMARY KEY, code VARCHAR(10) UNIQUE)",
      "CREATE TABLE c (id INT PRIMARY KEY, pid INT, n INT CHECK (n > 0), KEY (n))",
      "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE",
      "CREATE INDEX c_n_pid ON c (n, pid DESC)",
      "CREATE TRIGGER trg BEFORE INSERT ON c FOR EACH ROW SET NEW.n = NEW.n + 1",
      "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x + 1",
      "CREATE VIEW v AS SELECT id FROM p",
      "CREATE SEQUENCE s START WITH 5",
      "ALTER TABLE c DROP FOREIGN KEY fk",
      "DROP FUNCTION f",
      "DROP TRIGGER trg",
      "DROP VIEW v",
      "DROP SEQUENCE s",
      "DROP INDEX c_n_pid ON c",
  };
  db->snapshot();  // the first snapshot is read on one connection
  for (const std::string& step : steps) {
    my_run(*db, step);
    EXPECT_EQ(json_of(db->snapshot()), json_of(single->snapshot())) << "after " << step;
  }
}

// Many tables, foreign keys between some of them: the columns-then-rules reading of foreign
// keys (two queries, no join) pairs every key with its own rules. Speed: benchmarks/.
TEST(MysqlSnapshotMany, TwoHundredTablesWithForeignKeysReadBackWhole) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  std::string sql;
  for (int i = 0; i < 200; ++i)
    sql += "CREATE TABLE t" + std::to_string(i) +
           " (id INT PRIMARY KEY, a INT NOT NULL DEFAULT 0, b VARCHAR(20), p INT, q INT, "
           "KEY (a), CHECK (a >= 0)" +
           (i == 0 ? std::string()
                   : ", CONSTRAINT fk_" + std::to_string(i) + " FOREIGN KEY (p) REFERENCES t" +
                         std::to_string(i - 1) + " (id) ON DELETE " +
                         (i % 2 ? "CASCADE" : "SET NULL")) +
           ");\n";
  sql += "CREATE TABLE pair (x INT, y INT, PRIMARY KEY (y, x));\n"
         "CREATE TABLE uses_pair (px INT, py INT, "
         "FOREIGN KEY (py, px) REFERENCES pair (y, x) ON UPDATE CASCADE);\n";
  my_run(*db, sql);
  Catalog catalog = db->snapshot();
  EXPECT_EQ(catalog.tables.size(), 202u);
  const Table* t7 = table_named(catalog, "t7");
  ASSERT_NE(t7, nullptr);
  ASSERT_EQ(t7->foreign_keys.size(), 1u);
  EXPECT_EQ(t7->foreign_keys[0].name, "fk_7");
  EXPECT_EQ(t7->foreign_keys[0].ref_table, "t6");
  EXPECT_EQ(t7->foreign_keys[0].on_delete, "CASCADE");
  EXPECT_EQ(table_named(catalog, "t8")->foreign_keys[0].on_delete, "SET NULL");
  const Table* uses = table_named(catalog, "uses_pair");
  ASSERT_NE(uses, nullptr);
  ASSERT_EQ(uses->foreign_keys.size(), 1u);
  EXPECT_EQ(uses->foreign_keys[0].columns, (std::vector<std::string>{"py", "px"}));
  EXPECT_EQ(uses->foreign_keys[0].ref_columns, (std::vector<std::string>{"y", "x"}));
  EXPECT_EQ(uses->foreign_keys[0].on_update, "CASCADE");
  EXPECT_EQ(uses->foreign_keys[0].on_delete, "RESTRICT");
}

}  // namespace
}  // namespace crucible::testing
