// A statement refused for want of a right under containment says how to run it anyway: the
// run's own login has no superuser, where a project's deployment login often has one (Lemmy
// disables its foreign-key triggers with ALTER TABLE … DISABLE TRIGGER ALL).
#include <gtest/gtest.h>

#include "harness/checks/verify.h"
#include "harness/engines/registry.h"
#include "tests/support/check_testing.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

const char* kHint = "--privileged runs migrations as the DSN's login";

MigrationSet needs_a_superuser(EngineKind kind) {
  if (kind == EngineKind::postgres)
    return testing::inline_set(kind, {
        {"CREATE TABLE a (id INTEGER PRIMARY KEY); "
         "CREATE TABLE b (a_id INTEGER REFERENCES a (id))", "DROP TABLE b; DROP TABLE a"},
        {"ALTER TABLE b DISABLE TRIGGER ALL", "ALTER TABLE b ENABLE TRIGGER ALL"},
    });
  return testing::inline_set(kind, {
      {"CREATE TABLE a (id INTEGER PRIMARY KEY)", "DROP TABLE a"},
      {"SET GLOBAL max_connections = @@GLOBAL.max_connections", "SELECT 1"},
  });
}

class ContainmentHint : public ::testing::TestWithParam<EngineKind> {};

TEST_P(ContainmentHint, ARefusedRightNamesPrivileged) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  EngineRun run = verify_engine(*engine, needs_a_superuser(GetParam()));
  ASSERT_EQ(run.status, "ok") << run.message;
  const Result* forward = testing::find(run, "0002", "forward");
  ASSERT_NE(forward, nullptr);
  EXPECT_EQ(forward->status, Status::error) << forward->message;
  EXPECT_NE(forward->message.find(kHint), std::string::npos) << forward->message;
  // libpqxx 6.4 throws this refusal without its code: the report still carries it.
  if (GetParam() == EngineKind::postgres) {
    EXPECT_EQ(forward->sqlstate, "42501");
  }
}

// Under --privileged the statement runs with the DSN's rights (here a superuser): no hint, and
// on PostgreSQL no error at all.
TEST_P(ContainmentHint, PrivilegedRunsItWithTheDsnsRights) {
  CRUCIBLE_LIVE_ENGINE(contained, GetParam());
  auto engine = connect_engine(contained->dsn(), EngineOptions{.privileged = true});
  EngineRun run = verify_engine(*engine, needs_a_superuser(GetParam()));
  ASSERT_EQ(run.status, "ok") << run.message;
  const Result* forward = testing::find(run, "0002", "forward");
  ASSERT_NE(forward, nullptr);
  EXPECT_EQ(forward->message.find(kHint), std::string::npos) << forward->message;
  if (GetParam() == EngineKind::postgres) {
    EXPECT_EQ(forward->status, Status::pass) << forward->message;
  }
}

INSTANTIATE_TEST_SUITE_P(Servers, ContainmentHint,
                         ::testing::Values(EngineKind::postgres, EngineKind::mariadb),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
