// tests/db2/fixtures/db2_shop: the DB2 migration set the CI template verifies against a real DB2
// (ci/github-actions-docker-engines.yml). Here: it loads for db2 and splits into the statements
// DB2 would run, the trigger whole.
#include <gtest/gtest.h>

#include "harness/loaders/loader.h"
#include "tests/support/crucible_binary.h"

namespace crucible {
namespace {

TEST(Db2Fixture, TheShopSetSplitsIntoDb2Statements) {
  MigrationSet set = load_migrations(testing::source_dir() + "/tests/db2/fixtures/db2_shop",
                                     {EngineKind::db2});
  ASSERT_EQ(set.migrations.size(), 3u);
  for (const Migration& m : set.migrations) {
    EXPECT_TRUE(m.findings.empty()) << m.version;
    ASSERT_NE(m.for_engine(EngineKind::db2), nullptr) << m.version;
  }
  const EngineScripts& orders = *set.migrations[1].for_engine(EngineKind::db2);
  ASSERT_EQ(orders.forward.statements.size(), 2u);
  EXPECT_EQ(orders.forward.statements[1].where.line, 10);
  EXPECT_NE(orders.forward.statements[1].sql.find("n.account_id;\nEND"), std::string::npos)
      << orders.forward.statements[1].sql;
  ASSERT_TRUE(orders.reverse);
  EXPECT_EQ(orders.reverse->statements.size(), 2u);
}

}  // namespace
}  // namespace crucible
