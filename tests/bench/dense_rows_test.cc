// Generated values are legal for their type, distinct where keys need it, and foreign keys name
// rows the parent really has.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "harness/bench/bench_plan.h"
#include "harness/bench/bench_run.h"
#include "harness/bench/dense_rows.h"
#include "harness/common/error.h"

namespace crucible::bench {
namespace {

catalog::Column column(std::string name, std::string type, bool nullable = false) {
  catalog::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  return c;
}

data::ColumnType of_kind(data::ValueKind kind, int64_t min = 0, int64_t max = 0) {
  data::ColumnType type;
  type.kind = kind;
  type.min = min;
  type.max = max;
  return type;
}

catalog::ForeignKey foreign_key(std::string column, std::string parent) {
  catalog::ForeignKey fk;
  fk.name = column + "_fk";
  fk.columns = {std::move(column)};
  fk.ref_table = std::move(parent);
  fk.ref_columns = {"id"};
  return fk;
}

TEST(DenseValue, IntegersCountFromOneAndWrapWithinTheirRange) {
  data::ColumnType tiny = of_kind(data::ValueKind::integer, 0, 255);
  EXPECT_EQ(std::get<int64_t>(dense_value(tiny, 0)), 1);
  EXPECT_EQ(std::get<int64_t>(dense_value(tiny, 254)), 255);
  EXPECT_EQ(std::get<int64_t>(dense_value(tiny, 255)), 0);
  data::ColumnType big = of_kind(data::ValueKind::integer, INT64_MIN, INT64_MAX);
  EXPECT_EQ(std::get<int64_t>(dense_value(big, 41)), 42);
}

TEST(DenseValue, TextIsCutToTheColumnLengthKeepingTheVaryingEnd) {
  data::ColumnType text;
  text.kind = data::ValueKind::text;
  text.max_length = 3;
  EXPECT_EQ(std::get<std::string>(dense_value(text, 12344)), "345");
  text.max_length.reset();
  EXPECT_EQ(std::get<std::string>(dense_value(text, 12344)), "12345");
}

TEST(DenseValue, DatesTimestampsAndUuidsAreWellFormed) {
  data::ColumnType date = of_kind(data::ValueKind::date);
  EXPECT_EQ(std::get<std::string>(dense_value(date, 0)), "2000-01-01");
  EXPECT_EQ(std::get<std::string>(dense_value(date, 60)), "2000-03-01");  // a leap year
  data::ColumnType ts = of_kind(data::ValueKind::timestamp);
  EXPECT_EQ(std::get<std::string>(dense_value(ts, 86'400 + 3'661)), "2000-01-02 01:01:01");
  data::ColumnType uuid = of_kind(data::ValueKind::uuid);
  EXPECT_EQ(std::get<std::string>(dense_value(uuid, 254)), "00000000-0000-4000-8000-0000000000ff");
}

// dense_index undoes dense_value for every kind a key can have: a seeded key maps to an index
// that produces it again (the same index, unless the kind wraps: dates every 36,500 days).
RC_GTEST_PROP(DenseIndex, UndoesDenseValue, ()) {
  const int64_t index = *rc::gen::inRange<int64_t>(0, 1'000'000);
  data::ColumnType narrow = of_kind(data::ValueKind::integer, 10, 2'000'000);  // counts from 10
  data::ColumnType decimal = of_kind(data::ValueKind::decimal);
  decimal.precision = 12;
  decimal.scale = 2;
  for (const data::ColumnType& type :
       {of_kind(data::ValueKind::integer, INT32_MIN, INT32_MAX), narrow, decimal,
        of_kind(data::ValueKind::text), of_kind(data::ValueKind::floating),
        of_kind(data::ValueKind::date), of_kind(data::ValueKind::timestamp),
        of_kind(data::ValueKind::time), of_kind(data::ValueKind::uuid)}) {
    SqlValue value = dense_value(type, index);
    std::optional<int64_t> found = dense_index(type, value);
    RC_ASSERT(found.has_value());
    RC_ASSERT(dense_value(type, *found) == value);
    if (type.kind != data::ValueKind::date && type.kind != data::ValueKind::time)
      RC_ASSERT(*found == index);
    // As an engine may hand it back: an integer as text.
    if (auto* n = std::get_if<int64_t>(&value))
      RC_ASSERT(dense_index(type, SqlValue(std::to_string(*n))) == found);
  }
  RC_ASSERT(dense_index(decimal, SqlValue(std::to_string(index + 1) + ".00")) ==
            std::optional<int64_t>(index));
}

TEST(DenseIndex, ValuesNoIndexProducesCollideWithNothing) {
  EXPECT_EQ(dense_index(of_kind(data::ValueKind::text), SqlValue("alice@example.com")),
            std::nullopt);
  EXPECT_EQ(dense_index(of_kind(data::ValueKind::integer, INT32_MIN, INT32_MAX), SqlValue(int64_t{-5})),
            std::nullopt);
  EXPECT_EQ(dense_index(of_kind(data::ValueKind::decimal), SqlValue("2.50")), std::nullopt);
  EXPECT_EQ(dense_index(of_kind(data::ValueKind::date), SqlValue("1999-12-31")), std::nullopt);
  EXPECT_EQ(dense_index(of_kind(data::ValueKind::uuid),
                        SqlValue("6f1c2a9e-8d4b-4c1a-9f0e-3b2d1c0a9e8f")), std::nullopt);
  EXPECT_EQ(dense_index(of_kind(data::ValueKind::text), SqlValue(nullptr)), std::nullopt);
}

TEST(DenseRows, ARangeStartsPastTheRowsATableHadAndChildrenFollowTheirParentsRange) {
  catalog::Catalog cat;
  catalog::Table parent;
  parent.name = "parent";
  parent.columns = {column("id", "integer")};
  catalog::Table child;
  child.name = "child";
  child.columns = {column("id", "integer"), column("parent_id", "integer")};
  child.foreign_keys.push_back(foreign_key("parent_id", "parent"));
  cat.tables = {parent, child};
  DenseRows rows(child, cat, EngineKind::postgres, {100, 4}, {{"parent", {10, 2}}});
  std::vector<SqlValue> row;
  std::vector<int64_t> ids, parent_ids;
  while (rows.next(row)) {
    ids.push_back(std::get<int64_t>(row[0]));
    parent_ids.push_back(std::get<int64_t>(row[1]));
  }
  EXPECT_EQ(ids, (std::vector<int64_t>{101, 102, 103, 104}));
  EXPECT_EQ(parent_ids, (std::vector<int64_t>{11, 12, 11, 12}));
}

// A parent key narrowed by a CHECK holds narrowed values (1000, 1001, …): the child's foreign
// key writes those, not 1, 2, … of the bare type.
TEST(DenseRows, ForeignKeysFollowTheChecksOnTheParentKey) {
  catalog::Catalog cat;
  catalog::Table parent;
  parent.name = "parent";
  parent.columns = {column("id", "integer")};
  parent.checks.push_back({"id_min", false, "CHECK ((id >= 1000))"});
  catalog::Table child;
  child.name = "child";
  child.columns = {column("parent_id", "integer")};
  child.foreign_keys.push_back(foreign_key("parent_id", "parent"));
  cat.tables = {parent, child};
  std::vector<SqlValue> row;
  std::vector<int64_t> parent_ids, child_refs;
  DenseRows parents(parent, cat, EngineKind::postgres, {0, 2}, {});
  while (parents.next(row)) parent_ids.push_back(std::get<int64_t>(row[0]));
  DenseRows children(child, cat, EngineKind::postgres, {0, 3}, {{"parent", {0, 2}}});
  while (children.next(row)) child_refs.push_back(std::get<int64_t>(row[0]));
  EXPECT_EQ(parent_ids, (std::vector<int64_t>{1000, 1001}));
  EXPECT_EQ(child_refs, (std::vector<int64_t>{1000, 1001, 1000}));
}

TEST(DenseRows, ForeignKeysPointAtRowsTheParentHasAndIdentitiesAreLeftToTheEngine) {
  catalog::Catalog cat;
  catalog::Table parent;
  parent.name = "parent";
  parent.columns = {column("id", "integer")};
  parent.columns[0].identity = "by default";
  catalog::Table child;
  child.name = "child";
  child.columns = {column("id", "integer"), column("parent_id", "integer"),
                   column("label", "character varying(10)", true)};
  child.foreign_keys.push_back(foreign_key("parent_id", "parent"));
  cat.tables = {parent, child};

  DenseRows parents(parent, cat, EngineKind::postgres, {0, 3}, {});
  EXPECT_TRUE(parents.columns().empty());  // the identity numbers itself 1, 2, 3

  DenseRows rows(child, cat, EngineKind::postgres, {0, 7}, {{"parent", {0, 3}}});
  EXPECT_EQ(rows.columns(), (std::vector<std::string>{"id", "parent_id", "label"}));
  std::vector<SqlValue> row;
  std::set<int64_t> ids, parent_ids;
  int count = 0;
  while (rows.next(row)) {
    ++count;
    ids.insert(std::get<int64_t>(row[0]));
    parent_ids.insert(std::get<int64_t>(row[1]));
  }
  EXPECT_EQ(count, 7);
  EXPECT_EQ(ids.size(), 7u);
  EXPECT_EQ(parent_ids, (std::set<int64_t>{1, 2, 3}));
}

TEST(DenseRows, ANotNullColumnWithoutAGeneratorIsAClearError) {
  catalog::Catalog cat;
  catalog::Table t;
  t.name = "shapes";
  t.columns = {column("outline", "polygon")};
  cat.tables = {t};
  try {
    DenseRows rows(t, cat, EngineKind::postgres, {0, 10}, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("table shapes: column outline"), std::string::npos)
        << e.what();
  }
  t.columns[0].nullable = true;  // nullable: NULL is a legal value
  DenseRows rows(t, cat, EngineKind::postgres, {0, 1}, {});
  std::vector<SqlValue> row;
  ASSERT_TRUE(rows.next(row));
  EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(row[0]));
}

TEST(BenchPlan, TouchedTablesAreNamedByIdentifiersAndParentsComeFirst) {
  catalog::Catalog cat;
  catalog::Table a, b, c;
  a.name = "accounts";
  b.name = "branches";
  c.name = "comments";
  a.foreign_keys.push_back(foreign_key("branch_id", "branches"));
  cat.tables = {a, b, c};
  // "comments" appears only in a string and a comment: not a table this statement touches.
  Script forward{"0002.up.sql",
                 {{"ALTER TABLE \"accounts\" ADD note text DEFAULT 'comments' -- comments", {}}}};
  std::vector<std::string> touched = touched_tables(forward, false, cat, Dialect::postgres);
  EXPECT_EQ(touched, (std::vector<std::string>{"accounts"}));
  EXPECT_EQ(fill_order(touched, cat), (std::vector<std::string>{"branches", "accounts"}));
  EXPECT_EQ(touched_tables(forward, true, cat, Dialect::postgres).size(), 3u);  // code: all
}

TEST(BenchPlan, SizesMustBePositiveWholeNumbers) {
  EXPECT_EQ(parse_sizes("1000,100,1000"), (std::vector<int64_t>{100, 1000}));
  for (const char* bad : {"", "100,", "0", "-5", "1e6", "ten", "100,abc"})
    EXPECT_THROW(parse_sizes(bad), Error) << bad;
}

TEST(BenchPlan, AnUnknownMigrationIsAnErrorListingTheVersions) {
  MigrationSet set;
  set.root = "migrations/bench";
  set.migrations.resize(2);
  set.migrations[0].version = "0001";
  set.migrations[1].version = "0002";
  EXPECT_EQ(migrations_to_bench(set, "0002"), (std::vector<size_t>{1}));
  try {
    migrations_to_bench(set, "0009");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("0009: no such migration"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("0001, 0002"), std::string::npos);
  }
}

}  // namespace
}  // namespace crucible::bench
