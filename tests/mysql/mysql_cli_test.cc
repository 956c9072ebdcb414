// `crucible verify --engine mariadb` end to end: what a hostile migration gets from the gate.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "harness/engines/engine.h"
#include "tests/support/child_process.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

namespace fs = std::filesystem;

// A migrations folder of one migration, removed at the end of the test.
struct OneMigration {
  fs::path path = fs::temp_directory_path() / ("crucible-mysql-cli-" + std::to_string(::getpid()) +
                                               "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  OneMigration(const std::string& up, const std::string& down) {
    fs::create_directories(path);
    std::ofstream(path / "0001_m.up.sql") << up;
    std::ofstream(path / "0001_m.down.sql") << down;
  }
  ~OneMigration() { fs::remove_all(path); }
};

Completed verify(const OneMigration& folder, std::vector<std::string> extra) {
  std::vector<std::string> args{CRUCIBLE_BINARY, "verify", folder.path.string(), "--engine", "mariadb"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_to_completion(args, {});
}

TEST(MariadbCli, ASleepWithTheServerLimitSwitchedOffEndsAtTheStatementTimeout) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  OneMigration folder("SET max_statement_time = 0;\nSELECT SLEEP(600);\n", "SELECT 1;\n");
  auto start = std::chrono::steady_clock::now();
  Completed run = verify(folder, {"--statement-timeout", "1s"});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("ERROR mariadb / 0001 m / forward"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("cancelled by Crucible after 1 s (--statement-timeout)"),
            std::string::npos) << run.output;
  EXPECT_NE(run.output.find("SELECT SLEEP(600)"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("0001_m.up.sql:2"), std::string::npos) << run.output;
}

TEST(MariadbCli, AMigrationCannotReachTheServersOwnDatabase) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::mariadb);
  // USE changes nothing even when it is allowed: a regression fails the test, not the server.
  OneMigration folder("USE mysql;\n", "SELECT 1;\n");
  Completed run = verify(folder, {});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("Access denied for user 'crucible_"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace crucible::testing
