// Database::open_session(): a second connection to the same scratch database that may write but
// never drops it.
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "tests/bench_load/load_testing.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

int64_t count_rows(Database& db) {
  QueryResult result = db.query(Statement{"SELECT COUNT(*) FROM t", {"test", 1}});
  EXPECT_TRUE(result.ok()) << result.error->message;
  return result.ok() ? std::get<int64_t>(result.rows.at(0).at(0)) : -1;
}

void check_session(Engine& engine, EngineKind kind) {
  auto owner = engine.create_scratch();
  const std::string name = owner->name();
  fill_keyed_table(*owner, kind, 3);
  {
    auto session = owner->open_session();
    EXPECT_EQ(session->name(), name);
    EXPECT_EQ(count_rows(*session), 3);  // the same data
    QueryResult insert = session->query(Statement{"INSERT INTO t VALUES (?, ?)", {"test", 1}},
                                        {int64_t{4}, int64_t{4}});
    ASSERT_TRUE(insert.ok()) << insert.error->message;
    EXPECT_EQ(count_rows(*owner), 4);  // its writes are the owner's data
    auto second = session->open_session();  // a session of a session is one more connection
    EXPECT_EQ(count_rows(*second), 4);
  }
  // The sessions are gone; the database and its owner are not.
  EXPECT_TRUE(scratch_exists(engine, name));
  EXPECT_EQ(count_rows(*owner), 4);
  owner.reset();
  EXPECT_FALSE(scratch_exists(engine, name));
}

void check_refuses_existing(Engine& engine, EngineKind kind) {
  auto owner = engine.create_scratch();
  fill_keyed_table(*owner, kind, 1);
  auto existing = engine.open_existing(owner->name());
  EXPECT_THROW(existing->open_session(), Error);
}

TEST(OpenSession, Postgres) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::postgres);
  check_session(*engine, EngineKind::postgres);
  check_refuses_existing(*engine, EngineKind::postgres);
}

TEST(OpenSession, Mariadb) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  check_session(*engine, EngineKind::mariadb);
  check_refuses_existing(*engine, EngineKind::mariadb);
}

TEST(OpenSession, Sqlite) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  check_session(*engine, EngineKind::sqlite);
  check_refuses_existing(*engine, EngineKind::sqlite);
}

}  // namespace
}  // namespace crucible::testing
