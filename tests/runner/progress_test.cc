// The progress hook of verify_engine (harness/checks/verify.h) driving the runner's printer, on
// a real SQLite engine.
#include "runner/progress.h"

#include <sstream>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "harness/checks/verify.h"
#include "harness/common/dsn.h"
#include "harness/loaders/loader.h"
#include "tests/support/crucible_binary.h"

namespace crucible {
namespace {

std::string run_with_progress(bool status_line, bool verbose, std::vector<std::string>* steps) {
  MigrationSet set = load_migrations(testing::mixed_fixture(), {EngineKind::sqlite});
  std::ostringstream out;
  ProgressPrinter printer(out, status_line, verbose, 100);
  VerifyOptions options;
  options.progress = [&](const ProgressEvent& event) {
    steps->push_back(fmt::format("{} {}", event.migration.version, event.step));
    printer.on_step(event);
  };
  auto engine = connect_engine(default_dsn(EngineKind::sqlite));
  verify_engine(*engine, set, options);
  printer.finish();
  return out.str();
}

TEST(Progress, VerifyReportsEachStepBeforeItRuns) {
  std::vector<std::string> steps;
  run_with_progress(false, false, &steps);
  std::vector<std::string> expected = {
      "0001 forward", "0001 reverse", "0001 reapply",
      // 0002's reapply failed: its round trip is rolled back, no replay needed (on an engine
      // that cannot roll DDL back: "0001 replay", "0002 replay").
      "0002 forward", "0002 reverse", "0002 reapply",
      "0003 forward", "0003 reverse",  // the reverse errors: nothing to re-apply
      // 0004 has no sqlite script; 0005 has no reverse.
      "0005 forward", "0006 forward"};
  EXPECT_EQ(steps, expected);
}

TEST(Progress, StatusLineIsRewrittenInPlaceAndClearedAtTheEnd) {
  std::vector<std::string> steps;
  std::string out = run_with_progress(true, false, &steps);
  EXPECT_NE(out.find("s] sqlite 0001 create_users: forward"), std::string::npos) << out;
  EXPECT_NE(out.find("\r\x1b[K["), std::string::npos);
  EXPECT_EQ(out.find('\n'), std::string::npos);  // one line, rewritten
  EXPECT_EQ(out.substr(out.size() - 4), "\r\x1b[K");
}

TEST(Progress, VerboseEchoesEveryStatementWithItsLocation) {
  std::vector<std::string> steps;
  std::string out = run_with_progress(false, true, &steps);
  EXPECT_NE(out.find("sqlite 0002 forward 0002_add_user_lookup.up.sql:2: CREATE INDEX "
                     "users_email_idx ON users (email)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("sqlite 0003 reverse 0003_create_audit.down.sql:3: DROP TABLE audit_logs\n"),
            std::string::npos) << out;
  EXPECT_EQ(out.find('\r'), std::string::npos);  // no status line when not asked for
}

}  // namespace
}  // namespace crucible
