#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "harness/catalog/diff.h"
#include "tests/catalog/catalog_fixture.h"

namespace crucible::catalog {
namespace {

using testing::shop_catalog;

Table& table(Catalog& c, const std::string& name) {
  for (Table& t : c.tables)
    if (t.name == name) return t;
  throw std::runtime_error("no table " + name);
}

TEST(CatalogDiff, EqualCatalogsHaveNoChanges) {
  EXPECT_TRUE(diff(shop_catalog(), shop_catalog()).empty());
}

TEST(CatalogDiff, LeftoverIndexIsReportedInWords) {
  Catalog before = shop_catalog(), after = shop_catalog();
  before.indexes.clear();
  auto changes = diff(before, after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].change, "added");
  EXPECT_EQ(changes[0].describe("before forward", "after reverse"),
            "index users_email_idx on users: present after reverse, absent before forward");
  EXPECT_TRUE(changes[0].before.is_null());
}

TEST(CatalogDiff, LeftoverTableLeadsBeforeItsColumns) {
  // Found by the scenarios: the summary named "column tags.id" for a table left behind.
  Catalog before = shop_catalog(), after = shop_catalog();
  before.tables.erase(before.tables.begin());  // "orders"
  auto changes = diff(before, after);
  ASSERT_GE(changes.size(), 3u);
  EXPECT_EQ(changes[0].object, "table orders");
  EXPECT_EQ(changes[1].object, "column orders.id");
}

TEST(CatalogDiff, NullabilityChangeNamesColumnAndValues) {
  Catalog before = shop_catalog(), after = shop_catalog();
  table(after, "users").columns[1].nullable = true;
  auto changes = diff(before, after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].object, "column users.email");
  EXPECT_EQ(changes[0].describe("before", "after"), "column users.email: nullable true after, false before");
}

TEST(CatalogDiff, ColumnOrderCounts) {
  Catalog before = shop_catalog(), after = shop_catalog();
  auto& columns = table(after, "users").columns;
  std::swap(columns[1], columns[2]);
  auto changes = diff(before, after);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].object, "column users.email");
  EXPECT_NE(changes[0].describe("a", "b").find("position 3 b, 2 a"), std::string::npos);
}

TEST(CatalogDiff, DefaultForeignKeyActionCheckAndSequenceChangesAreFound) {
  Catalog before = shop_catalog();
  Catalog changed_default = before, changed_fk = before, changed_check = before, no_sequence = before;
  table(changed_default, "users").columns[2].default_value = "'inactive'::text";
  table(changed_fk, "orders").foreign_keys[0].on_delete = "RESTRICT";
  table(changed_check, "users").checks[0].expression = "CHECK (status <> 'x'::text)";
  no_sequence.sequences.clear();
  EXPECT_EQ(diff(before, changed_default).at(0).object, "column users.status");
  EXPECT_EQ(diff(before, changed_fk).at(0).object, "foreign key orders_user_id_fkey on orders");
  EXPECT_EQ(diff(before, changed_check).at(0).object, "check users_status_check on users");
  EXPECT_EQ(diff(before, no_sequence).at(0).change, "removed");
}

TEST(CatalogDiff, GeneratedNamesMatchByContent) {
  Catalog a = shop_catalog(), b = shop_catalog();
  table(a, "users").checks = {Check{"CONSTRAINT_1", true, "length(email) > 3"}};
  table(b, "users").checks = {Check{"CONSTRAINT_2", true, "length(email) > 3"}};
  EXPECT_TRUE(diff(a, b).empty());
  table(b, "users").checks[0].expression = "length(email) > 4";
  auto changes = diff(a, b);
  ASSERT_EQ(changes.size(), 2u);  // one check gone, another present
  EXPECT_EQ(changes[0].change, "removed");
  EXPECT_EQ(changes[1].change, "added");
}

// Properties: diff(a, a) is empty; diff(b, a) mirrors diff(a, b).
RC_GTEST_PROP(CatalogDiffProperties, AntisymmetricAndReflexive, (bool drop_index, bool drop_view,
                                                                 bool nullable, std::string comment)) {
  Catalog a = shop_catalog(), b = shop_catalog();
  if (drop_index) b.indexes.clear();
  if (drop_view) b.views.clear();
  table(b, "orders").columns[1].nullable = nullable;
  table(b, "orders").comment = comment;
  RC_ASSERT(diff(b, b).empty());
  auto forward = diff(a, b), backward = diff(b, a);
  RC_ASSERT(forward.size() == backward.size());
  for (size_t i = 0; i < forward.size(); ++i) {
    RC_ASSERT(forward[i].object == backward[i].object);
    RC_ASSERT(forward[i].before == backward[i].after);
    RC_ASSERT(forward[i].after == backward[i].before);
  }
}

}  // namespace
}  // namespace crucible::catalog
