// SQLite catalog rules (docs/CATALOG.md, "SQLite"): each test backs one rule.
#include <gtest/gtest.h>

#include "harness/catalog/diff.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using catalog::Catalog;
using testing::run_sql;

Catalog snapshot_of(const std::string& sql) {
  auto engine = connect_engine(parse_dsn("sqlite:"));
  auto db = engine->create_scratch();
  run_sql(*db, EngineKind::sqlite, sql);
  return db->snapshot();
}

const char* kShop = R"(
  CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE,
                      status TEXT DEFAULT 'active' CHECK (status IN ('active', 'gone')),
                      name TEXT COLLATE NOCASE);
  CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL
                         REFERENCES users(id) ON DELETE CASCADE,
                       total NUMERIC(10, 2) DEFAULT (0),
                       CONSTRAINT positive_total CHECK (total >= 0));
  CREATE INDEX orders_user_idx ON orders (user_id, total DESC);
  CREATE UNIQUE INDEX users_lower_email ON users (lower(email)) WHERE status = 'active';
  CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';
  CREATE TRIGGER orders_touch AFTER INSERT ON orders BEGIN SELECT 1; END;
)";

TEST(SqliteCatalog, ReadsEveryObjectKind) {
  Catalog c = snapshot_of(kShop);
  ASSERT_EQ(c.tables.size(), 2u);  // sqlite_sequence (from AUTOINCREMENT) is SQLite's own
  const catalog::Table* users = c.find_table("users");
  ASSERT_NE(users, nullptr);
  ASSERT_EQ(users->columns.size(), 4u);
  EXPECT_EQ(users->columns[0].identity, "autoincrement");
  EXPECT_EQ(users->columns[1].type, "text");
  EXPECT_FALSE(users->columns[1].nullable);
  EXPECT_EQ(users->columns[2].default_value, "'active'");
  EXPECT_EQ(users->columns[3].collation, "nocase");
  EXPECT_EQ(users->primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(users->uniques.size(), 1u);
  EXPECT_EQ(users->uniques[0].columns, std::vector<std::string>{"email"});
  ASSERT_EQ(users->checks.size(), 1u);
  EXPECT_EQ(users->checks[0].expression, "status in('active', 'gone')");

  const catalog::Table* orders = c.find_table("orders");
  ASSERT_EQ(orders->foreign_keys.size(), 1u);
  EXPECT_EQ(orders->foreign_keys[0].ref_table, "users");
  EXPECT_EQ(orders->foreign_keys[0].on_delete, "CASCADE");
  EXPECT_EQ(orders->columns[2].type, "numeric(10, 2)");
  EXPECT_EQ(orders->columns[2].default_value, "0");
  ASSERT_EQ(orders->checks.size(), 1u);
  EXPECT_EQ(orders->checks[0].name, "positive_total");

  ASSERT_EQ(c.indexes.size(), 2u);
  EXPECT_EQ(c.indexes[0].name, "orders_user_idx");
  EXPECT_EQ(c.indexes[0].keys, (std::vector<std::string>{"user_id", "total DESC"}));
  EXPECT_EQ(c.indexes[1].keys, std::vector<std::string>{"lower(email)"});
  EXPECT_TRUE(c.indexes[1].unique);
  EXPECT_EQ(c.indexes[1].predicate, "status = 'active'");
  ASSERT_EQ(c.views.size(), 1u);
  EXPECT_EQ(c.views[0].definition, "select id, email from users where status = 'active'");
  ASSERT_EQ(c.triggers.size(), 1u);
  EXPECT_EQ(c.triggers[0].table, "orders");
}

TEST(SqliteCatalog, FormattingCaseAndQuotingDoNotCount) {
  Catalog a = snapshot_of(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT CHECK (qty>0)); CREATE INDEX i ON t(qty);"
      "CREATE VIEW v AS SELECT qty FROM t;");
  Catalog b = snapshot_of(
      "create table \"t\" (\n  id integer primary key,\n  qty int check ( \"qty\" > 0 )\n);\n"
      "create index i on t (\"qty\");\ncreate view v as\n  select \"qty\"\n  from t;");
  EXPECT_TRUE(catalog::diff(a, b).empty()) << catalog::to_json(catalog::diff(a, b)).dump(2);
}

TEST(SqliteCatalog, RewrittenCreateTextAfterAlterRoundTrips) {
  // SQLite rewrites CREATE text on ALTER TABLE: quotes renamed columns, appends added ones.
  auto engine = connect_engine(parse_dsn("sqlite:"));
  auto db = engine->create_scratch();
  run_sql(*db, EngineKind::sqlite,
          "CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT CHECK (qty > 0));"
          "CREATE INDEX t_qty ON t(qty);");
  Catalog before = db->snapshot();
  run_sql(*db, EngineKind::sqlite,
          "ALTER TABLE t RENAME COLUMN qty TO quantity; ALTER TABLE t ADD COLUMN note TEXT;");
  EXPECT_FALSE(catalog::diff(before, db->snapshot()).empty());
  run_sql(*db, EngineKind::sqlite,
          "ALTER TABLE t DROP COLUMN note; ALTER TABLE t RENAME COLUMN quantity TO qty;");
  EXPECT_TRUE(catalog::diff(before, db->snapshot()).empty())
      << catalog::to_json(catalog::diff(before, db->snapshot())).dump(2);
}

TEST(SqliteCatalog, MeaningfulDifferencesAreFound) {
  Catalog base = snapshot_of("CREATE TABLE t (a INT NOT NULL DEFAULT 1, b TEXT CHECK (b <> ''))");
  EXPECT_FALSE(catalog::diff(base, snapshot_of("CREATE TABLE t (a INT DEFAULT 1, b TEXT CHECK (b <> ''))")).empty());
  EXPECT_FALSE(catalog::diff(base, snapshot_of("CREATE TABLE t (a INT NOT NULL DEFAULT 2, b TEXT CHECK (b <> ''))")).empty());
  EXPECT_FALSE(catalog::diff(base, snapshot_of("CREATE TABLE t (a INT NOT NULL DEFAULT 1, b TEXT CHECK (b <> 'x'))")).empty());
  EXPECT_FALSE(catalog::diff(base, snapshot_of("CREATE TABLE t (b TEXT CHECK (b <> ''), a INT NOT NULL DEFAULT 1)")).empty());
  EXPECT_FALSE(catalog::diff(base, snapshot_of("CREATE TABLE t (a BIGINT NOT NULL DEFAULT 1, b TEXT CHECK (b <> ''))")).empty());
}

TEST(SqliteCatalog, AutoindexNamesCompareByWhatTheyIndex) {
  // After a table rebuild the UNIQUE autoindex may get another number; it is the same unique.
  Catalog a = snapshot_of("CREATE TABLE t (a INT, b INT UNIQUE)");
  Catalog b = snapshot_of("CREATE TABLE t (a INT UNIQUE, b INT UNIQUE)");
  auto changes = catalog::diff(a, b);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].object, "unique constraint on t(a)");
}

TEST(SqliteCatalog, ForeignKeyActionsCount) {
  Catalog a = snapshot_of("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INT REFERENCES p(id) ON DELETE CASCADE)");
  Catalog b = snapshot_of("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INT REFERENCES p(id) ON DELETE SET NULL)");
  Catalog implicit = snapshot_of("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INT REFERENCES p ON DELETE CASCADE)");
  ASSERT_EQ(catalog::diff(a, b).size(), 1u);
  EXPECT_EQ(catalog::diff(a, b)[0].change, "changed");
  EXPECT_TRUE(catalog::diff(a, implicit).empty()) << "REFERENCES p means p's primary key";
}

// A virtual table is its module and the module's arguments: which PRAGMAs do not show, and a
// reverse that recreates an FTS5 table with another tokenizer changes how every search matches.
TEST(SqliteCatalog, AVirtualTablesModuleAndArgumentsCount) {
  Catalog plain = snapshot_of("CREATE VIRTUAL TABLE notes USING fts5(body)");
  Catalog porter = snapshot_of("CREATE VIRTUAL TABLE notes USING fts5(body, tokenize = 'porter')");
  Catalog spaced = snapshot_of("create virtual table notes using FTS5 ( body )");
  auto changes = catalog::diff(plain, porter);
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes[0].object, "table notes");
  EXPECT_EQ(plain.find_table("notes")->options, "using fts5(body)");
  EXPECT_TRUE(catalog::diff(plain, spaced).empty()) << "formatting and case do not count";
}

}  // namespace
}  // namespace crucible
