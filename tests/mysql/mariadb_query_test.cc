#include "tests/support/live_engine.h"
#include "tests/support/query_cases.h"

namespace crucible::testing {
namespace {

TEST(MariadbQuery, BindsParametersAndReturnsTypedRows) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  check_query_round_trip(*db, "INTEGER AUTO_INCREMENT PRIMARY KEY");
  QueryResult ins = must_query(*db, "INSERT INTO q (name) VALUES (?)", {std::string("c")});
  ASSERT_TRUE(ins.last_insert_id.has_value());
  EXPECT_EQ(*ins.last_insert_id, 3);
}

TEST(MariadbQuery, ErrorsAreResults) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  check_query_errors(*db);
}

TEST(MariadbQuery, BeginCommitRollback) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  auto db = engine->create_scratch();
  check_transactions(*db);
}

}  // namespace
}  // namespace crucible::testing
