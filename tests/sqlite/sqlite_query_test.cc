#include "tests/support/live_engine.h"
#include "tests/support/query_cases.h"

namespace crucible::testing {
namespace {

TEST(SqliteQuery, BindsParametersAndReturnsTypedRows) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  auto db = engine->create_scratch();
  check_query_round_trip(*db, "INTEGER PRIMARY KEY");
  QueryResult ins = must_query(*db, "INSERT INTO q (name) VALUES (?)", {std::string("c")});
  ASSERT_TRUE(ins.last_insert_id.has_value());
  EXPECT_EQ(*ins.last_insert_id, 3);
}

TEST(SqliteQuery, ErrorsAreResults) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  auto db = engine->create_scratch();
  check_query_errors(*db);
}

TEST(SqliteQuery, BeginCommitRollback) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  auto db = engine->create_scratch();
  check_transactions(*db);
}

}  // namespace
}  // namespace crucible::testing
