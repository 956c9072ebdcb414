// Session settings on PostgreSQL (issue 20 item 4): DSN session parameters and --session
// statements run on every connection that runs migrations, as the contained run login; unknown
// DSN parameters are refused by name.
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "harness/engines/engine.h"
#include "tests/support/live_engine.h"
#include "tests/support/query_cases.h"

namespace crucible::testing {
namespace {

std::string setting(Database& db, const std::string& name) {
  QueryResult r = must_query(db, "SELECT current_setting('" + name + "')");
  return r.rows.empty() ? "" : std::get<std::string>(r.rows.at(0).at(0));
}

Dsn dsn_with(const std::string& query) {
  Dsn base = default_dsn(EngineKind::postgres);
  Dsn dsn = parse_dsn("postgresql://h/postgres?" + query);
  base.params = dsn.params;
  base.session = dsn.session;
  return base;
}

TEST(PostgresSession, ParametersAndStatementsReachScratchClonesAndSessions) {
  if (!live_engine(EngineKind::postgres)) return;
  Dsn dsn = dsn_with("search_path=app,public&lock_timeout=1234ms");
  dsn.session.push_back("SET work_mem TO '7MB'");
  auto engine = connect_engine(dsn);
  auto db = engine->create_scratch();
  auto clone = db->clone();
  auto session = db->open_session();
  for (Database* each : {db.get(), clone.get(), session.get()}) {
    EXPECT_EQ(setting(*each, "lock_timeout"), "1234ms") << each->name();
    EXPECT_EQ(setting(*each, "search_path"), "app, public") << each->name();
    EXPECT_EQ(setting(*each, "work_mem"), "7MB") << each->name();
  }
}

TEST(PostgresSession, AStatementCannotLeaveContainment) {
  if (!live_engine(EngineKind::postgres)) return;
  Dsn dsn = default_dsn(EngineKind::postgres);
  // Allowed to the superuser the DSN names, not to the run's own login.
  dsn.session.push_back("SET session_replication_role = replica");
  auto engine = connect_engine(dsn);
  try {
    engine->create_scratch()->snapshot();
    FAIL() << "the session statement ran with the admin's rights";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("session statement failed"), std::string::npos) << message;
    EXPECT_NE(message.find("SET session_replication_role = replica"), std::string::npos) << message;
    EXPECT_NE(message.find("permission denied"), std::string::npos) << message;
  }
}

TEST(PostgresSession, UnknownDsnParameterIsNamedWithTheKnownOnes) {
  if (!live_engine(EngineKind::postgres)) return;
  Dsn dsn = dsn_with("serch_path=app");
  try {
    connect_engine(dsn);
    FAIL() << "an unknown DSN parameter was accepted";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("unknown DSN parameter 'serch_path'"), std::string::npos) << message;
    EXPECT_NE(message.find("search_path, lock_timeout, timezone"), std::string::npos) << message;
    EXPECT_EQ(message.find("cannot connect"), std::string::npos) << message;
    EXPECT_EQ(message.find(dsn.password + "@"), std::string::npos) << message;
  }
  // libpq's own keywords still pass through.
  EXPECT_NO_THROW(connect_engine(dsn_with("sslmode=prefer")));
}

}  // namespace
}  // namespace crucible::testing
