#include "tests/support/live_engine.h"
#include "tests/support/query_cases.h"

namespace crucible::testing {
namespace {

TEST(PostgresQuery, BindsParametersAndReturnsTypedRows) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  check_query_round_trip(*db, "SERIAL PRIMARY KEY");
  // PostgreSQL has no last insert id: RETURNING is the way, and its rows come back.
  QueryResult ins = must_query(*db, "INSERT INTO q (name) VALUES (?) RETURNING id", {std::string("c")});
  ASSERT_EQ(ins.rows.size(), 1u);
  EXPECT_EQ(ins.rows[0][0], SqlValue(int64_t{3}));
  EXPECT_FALSE(ins.last_insert_id.has_value());
  // Without parameters the text goes as it is: jsonb's `?` operator is not a placeholder.
  QueryResult json = must_query(*db, "SELECT '{\"a\":1}'::jsonb ? 'a'");
  EXPECT_EQ(json.rows.at(0).at(0), SqlValue(int64_t{1}));
}

TEST(PostgresQuery, ErrorsAreResults) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  check_query_errors(*db);
}

TEST(PostgresQuery, BeginCommitRollback) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  auto db = engine->create_scratch();
  check_transactions(*db);
}

}  // namespace
}  // namespace crucible::testing
