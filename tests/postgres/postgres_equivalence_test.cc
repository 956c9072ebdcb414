// No false alarms, no misses: equivalent DDL written differently gives equal catalogs, a
// forward+reverse pair that restores the schema gives an equal catalog, and each class of
// defect a reverse migration can leave behind shows up in catalog::diff.
#include <algorithm>

#include <gtest/gtest.h>

#include "tests/postgres/pg_test_util.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

using catalog::Catalog;

void expect_same_catalog(Engine& engine, const std::string& a_sql, const std::string& b_sql) {
  Catalog a = pg_snapshot_after(engine, a_sql);
  Catalog b = pg_snapshot_after(engine, b_sql);
  EXPECT_TRUE(catalog::diff(a, b).empty()) << describe_diff(a, b);
  EXPECT_EQ(a, b) << describe_diff(a, b);
}

TEST(PostgresEquivalence, SameSchemaWrittenDifferently) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  expect_same_catalog(
      *engine,
      "CREATE TABLE users (id integer PRIMARY KEY, email TEXT NOT NULL UNIQUE,"
      "  age int CHECK (age >= 18), team integer REFERENCES users);"
      "CREATE INDEX users_lower ON users USING btree (lower(email)) WHERE age > 20;"
      "CREATE VIEW adults AS SELECT id, email FROM users WHERE age >= 21;",
      "create table \"users\" (\n  \"id\" INT4 not null,\n  email text not null,\n"
      "  age INTEGER, team int4);\n"
      "alter table users add constraint users_pkey primary key (id);\n"
      "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n"
      "alter table users add constraint users_age_check check ((age>=18));\n"
      "alter table users add constraint users_team_fkey foreign key (team)\n"
      "  references users (id) on delete no action;\n"
      "create index users_lower on users ((LOWER(\"email\"))) where (age > 20);\n"
      "create view adults as select users.id, users.email from users where (users.age >= 21);");
}

TEST(PostgresEquivalence, FunctionBodiesCompareByTokens) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  expect_same_catalog(
      *engine,
      "CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE plpgsql AS $$\n"
      "BEGIN\n  RETURN x + 1;  -- next\nEND\n$$",
      "create or replace function f(x int4) returns int4 language plpgsql as $body$ "
      "begin return x+1; end $body$");
}

// Forward then reverse from the same start: the catalog must come back equal.
void expect_round_trip(Engine& engine, const std::string& base, const std::string& forward,
                       const std::string& reverse) {
  auto db = engine.create_scratch();
  pg_run(*db, base);
  Catalog before = db->snapshot();
  pg_run(*db, forward);
  Catalog during = db->snapshot();
  EXPECT_FALSE(catalog::diff(before, during).empty()) << "the forward script changed nothing";
  pg_run(*db, reverse);
  Catalog after = db->snapshot();
  EXPECT_EQ(before, after) << describe_diff(before, after);
}

TEST(PostgresEquivalence, RoundTripsThatRestoreTheSchemaAreEqual) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  const std::string base =
      "CREATE TABLE parent (id integer PRIMARY KEY);"
      "CREATE TABLE t (id serial PRIMARY KEY, a integer, b text,"
      "  parent_id integer REFERENCES parent ON DELETE CASCADE);"
      "CREATE INDEX t_a_idx ON t (a DESC) WHERE a > 0;"
      "CREATE VIEW tv AS SELECT id, a FROM t;";
  {
    SCOPED_TRACE("drop and re-add the last column");
    expect_round_trip(
        *engine, base, "DROP VIEW tv; ALTER TABLE t DROP COLUMN parent_id",
        "ALTER TABLE t ADD COLUMN parent_id integer REFERENCES parent ON DELETE CASCADE;"
        "CREATE VIEW tv AS SELECT id, a FROM t");
  }
  {
    SCOPED_TRACE("drop and re-add a serial column");
    expect_round_trip(*engine, "CREATE TABLE s (name text, id serial)",
                      "ALTER TABLE s DROP COLUMN id", "ALTER TABLE s ADD COLUMN id serial");
  }
  {
    SCOPED_TRACE("drop and recreate an index");
    expect_round_trip(*engine, base, "DROP INDEX t_a_idx",
                      "create index t_a_idx on t using btree (a desc) where (a > 0)");
  }
  {
    SCOPED_TRACE("add and drop everything else");
    expect_round_trip(
        *engine, base,
        "CREATE SEQUENCE counter; CREATE TYPE mood AS ENUM ('ok');"
        "CREATE FUNCTION g() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
        "CREATE TRIGGER t_g BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION g();"
        "CREATE TABLE extra (id integer); ALTER TABLE t ADD CONSTRAINT t_b_check CHECK (b <> '');",
        "ALTER TABLE t DROP CONSTRAINT t_b_check; DROP TABLE extra; DROP TRIGGER t_g ON t;"
        "DROP FUNCTION g(); DROP TYPE mood; DROP SEQUENCE counter;");
  }
}

// A reverse migration with a defect: the diff against the state before must name `object`.
struct Defect {
  const char* name;
  const char* forward;
  const char* faulty_reverse;
  const char* object;  // the diff's key for the object that differs
};

const char* kDefectBase =
    "CREATE TABLE parent (id integer PRIMARY KEY);"
    "CREATE TABLE t (a integer DEFAULT 1, b integer, c integer,"
    "  parent_id integer CONSTRAINT t_parent_fk REFERENCES parent ON DELETE CASCADE,"
    "  CONSTRAINT t_a_check CHECK (a > 0));"
    "CREATE INDEX t_b_idx ON t (b) WHERE b > 0;"
    "CREATE TYPE mood AS ENUM ('ok', 'sad');";

const Defect kDefects[] = {
    // Found while testing the lead's adversarial folder: an empty schema left behind was missed.
    {"leftover schema", "CREATE SCHEMA reporting", "SELECT 1", "schema reporting"},
    {"column order", "ALTER TABLE t DROP COLUMN b", "ALTER TABLE t ADD COLUMN b integer;"
     "CREATE INDEX t_b_idx ON t (b) WHERE b > 0", "column t.c"},
    {"default", "ALTER TABLE t ALTER COLUMN a SET DEFAULT 2",
     "ALTER TABLE t ALTER COLUMN a SET DEFAULT 3", "column t.a"},
    {"dropped default", "ALTER TABLE t ALTER COLUMN a DROP DEFAULT", "SELECT 1", "column t.a"},
    {"not null", "ALTER TABLE t ALTER COLUMN c SET NOT NULL", "SELECT 1", "column t.c"},
    {"column type", "ALTER TABLE t ALTER COLUMN c TYPE bigint", "SELECT 1", "column t.c"},
    {"fk action", "ALTER TABLE t DROP CONSTRAINT t_parent_fk",
     "ALTER TABLE t ADD CONSTRAINT t_parent_fk FOREIGN KEY (parent_id) REFERENCES parent",
     "foreign key t_parent_fk on t"},
    {"check expression", "ALTER TABLE t DROP CONSTRAINT t_a_check",
     "ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a >= 0)", "check t_a_check on t"},
    {"index columns", "DROP INDEX t_b_idx", "CREATE INDEX t_b_idx ON t (c) WHERE b > 0",
     "index t_b_idx on t"},
    {"index uniqueness", "DROP INDEX t_b_idx", "CREATE UNIQUE INDEX t_b_idx ON t (b) WHERE b > 0",
     "index t_b_idx on t"},
    {"index predicate", "DROP INDEX t_b_idx", "CREATE INDEX t_b_idx ON t (b)",
     "index t_b_idx on t"},
    {"index sort order", "DROP INDEX t_b_idx", "CREATE INDEX t_b_idx ON t (b DESC) WHERE b > 0",
     "index t_b_idx on t"},
    {"leftover table", "CREATE TABLE extra (id integer)", "SELECT 1", "table extra"},
    {"leftover sequence", "CREATE SEQUENCE counter", "SELECT 1", "sequence counter"},
    {"leftover view", "CREATE VIEW tv AS SELECT a FROM t", "SELECT 1", "view tv"},
    {"leftover function", "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
     "SELECT 1", "routine f()"},
    {"changed function body", "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
     "CREATE OR REPLACE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 2'", "routine f()"},
    {"leftover trigger",
     "CREATE FUNCTION g() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
     "CREATE TRIGGER t_g BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION g()",
     "SELECT 1", "trigger t_g on t"},
    {"leftover enum value", "ALTER TYPE mood ADD VALUE 'happy'", "SELECT 1", "type mood"},
    {"leftover unique", "ALTER TABLE t ADD CONSTRAINT t_c_key UNIQUE (c)", "SELECT 1",
     "unique constraint t_c_key on t"},
    {"table comment", "COMMENT ON TABLE t IS 'temporary'", "SELECT 1", "table t"},
};

TEST(PostgresEquivalence, EachDefectClassShowsInTheDiff) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  for (const Defect& defect : kDefects) {
    SCOPED_TRACE(defect.name);
    auto db = engine->create_scratch();
    pg_run(*db, kDefectBase);
    Catalog before = db->snapshot();
    pg_run(*db, defect.forward);
    pg_run(*db, defect.faulty_reverse);
    Catalog after = db->snapshot();
    EXPECT_NE(before, after);
    std::vector<std::string> objects = changed_objects(before, after);
    EXPECT_NE(std::find(objects.begin(), objects.end(), defect.object), objects.end())
        << "expected a change of '" << defect.object << "'; got:\n"
        << describe_diff(before, after);
  }
}

}  // namespace
}  // namespace crucible::testing
