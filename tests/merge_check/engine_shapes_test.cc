// `crucible merge-check` on real two-branch git histories, on each engine: migrations that
// commute, that give a different column order by merge order, that fail in one order, that are
// out of order, and that conflict by version. Skipped without a server, failed under CI=true.
#include <gtest/gtest.h>

#include "tests/merge_check/git_history.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using Files = std::map<std::string, std::string>;

const Files kUsers{{"db/0001_users.up.sql",
                    "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100));\n"},
                   {"db/0001_users.down.sql", "DROP TABLE users;\n"}};

Files orders(const std::string& version) {
  return {{"db/" + version + "_orders.up.sql",
           "CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER);\n"},
          {"db/" + version + "_orders.down.sql", "DROP TABLE orders;\n"}};
}

// MySQL/MariaDB name the table in DROP INDEX.
Files name_index(const std::string& version) {
  std::string stem = "db/" + version + "_users_name_idx";
  const std::string create = "CREATE INDEX users_name_idx ON users (name);\n";
  return {{stem + ".up.sql", create},
          {stem + ".down.sql", "DROP INDEX users_name_idx;\n"},
          {stem + ".mysql.up.sql", create},
          {stem + ".mysql.down.sql", "DROP INDEX users_name_idx ON users;\n"}};
}

Files add_column(const std::string& version, const std::string& column) {
  std::string stem = "db/" + version + "_add_" + column;
  return {{stem + ".up.sql", "ALTER TABLE users ADD COLUMN " + column + " VARCHAR(40);\n"},
          {stem + ".down.sql", "ALTER TABLE users DROP COLUMN " + column + ";\n"}};
}

const Files kDropName{{"db/0002_drop_name.up.sql", "ALTER TABLE users DROP COLUMN name;\n"},
                      {"db/0002_drop_name.down.sql",
                       "ALTER TABLE users ADD COLUMN name VARCHAR(100);\n"}};

class MergeCheckOn : public ::testing::TestWithParam<EngineKind> {
 protected:
  void SetUp() override {
    if (GetParam() != EngineKind::sqlite && !testing::live_engine(GetParam())) GTEST_SKIP();
    history_.commit(kUsers, "users");
  }

  // main gets `main_files` and the branch `feature` gets `branch_files`, both from the users
  // commit; then merge-check runs on `feature` against main.
  testing::Completed check(const Files& main_files, const Files& branch_files) {
    history_.git({"checkout", "-q", "-b", "feature"});
    history_.commit(branch_files, "branch");
    history_.git({"checkout", "-q", "main"});
    history_.commit(main_files, "main");
    history_.git({"checkout", "-q", "feature"});
    return history_.merge_check({history_.path("db"), "--base", "main", "-e", engine()});
  }

  std::string engine() const { return std::string(engine_name(GetParam())); }
  std::string on_engine(const std::string& rest) const { return engine() + " " + rest; }
  testing::GitHistory history_;
};

TEST_P(MergeCheckOn, MigrationsThatCommutePassEveryCheck) {
  testing::Completed run = check(orders("0002"), name_index("0003"));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(history_.verdicts("commute"), std::vector<std::string>{on_engine("0003 pass")});
  EXPECT_EQ(history_.verdicts("version-conflict"), std::vector<std::string>{"git 0003 pass"});
  EXPECT_EQ(history_.verdicts("out-of-order"), std::vector<std::string>{"git 0003 pass"});
  // The branch's migration gets forward / reverse / forward on top of main's; main's are not
  // reported.
  EXPECT_EQ(history_.verdicts("roundtrip"), std::vector<std::string>{on_engine("0003 pass")});
  EXPECT_EQ(history_.verdicts("forward"), std::vector<std::string>{on_engine("0003 pass")});
}

TEST_P(MergeCheckOn, ColumnsAddedOnBothSidesLandInADifferentOrder) {
  testing::Completed run = check(add_column("0002", "phone"), add_column("0003", "email"));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(history_.verdicts("commute"), std::vector<std::string>{on_engine("0003 fail")});
  nlohmann::json commute = history_.result(engine(), "commute");
  EXPECT_NE(commute["message"].get<std::string>().find("column users.email"), std::string::npos)
      << commute;
  EXPECT_EQ(commute["diff"].size(), 2u) << commute;  // email and phone swap positions
  EXPECT_EQ(history_.verdicts("out-of-order"), std::vector<std::string>{"git 0003 pass"});
  EXPECT_EQ(history_.verdicts("reapply"), std::vector<std::string>{on_engine("0003 pass")});
}

TEST_P(MergeCheckOn, ADropOnMainBreaksTheBranchInOneOrder) {
  testing::Completed run = check(kDropName, name_index("0003"));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  nlohmann::json commute = history_.result(engine(), "commute");
  ASSERT_TRUE(commute.is_object()) << run.output;
  EXPECT_EQ(commute["status"], "error") << commute;
  EXPECT_NE(commute["message"].get<std::string>().find(
                "main's 0002 then the branch's 0003: 0003 forward fails at 0003_users_name_idx"),
            std::string::npos) << commute;
  EXPECT_NE(commute["location"].get<std::string>().find("0003_users_name_idx"), std::string::npos);
  // On top of main, the branch's index has no column to index.
  EXPECT_EQ(history_.verdicts("forward"), std::vector<std::string>{on_engine("0003 error")});
}

TEST_P(MergeCheckOn, ABranchVersionBelowMainsIsOutOfOrder) {
  testing::Completed run = check(orders("0003"), name_index("0002"));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(history_.verdicts("out-of-order"), std::vector<std::string>{"git 0002 fail"});
  EXPECT_NE(history_.result("git", "out-of-order")["message"].get<std::string>().find(
                "0002 sorts before 0003, which main added since the merge base"),
            std::string::npos);
  EXPECT_EQ(history_.verdicts("commute"), std::vector<std::string>{on_engine("0002 pass")});
  EXPECT_EQ(history_.verdicts("roundtrip"), std::vector<std::string>{on_engine("0002 pass")});
}

TEST_P(MergeCheckOn, BothSidesTakingOneVersionConflict) {
  testing::Completed run = check(orders("0002"), name_index("0002"));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(history_.verdicts("version-conflict"), std::vector<std::string>{"git 0002 fail"});
  EXPECT_NE(history_.result("git", "version-conflict")["message"].get<std::string>().find(
                "main also added version 0002 since the merge base, as 0002_orders.up.sql"),
            std::string::npos) << history_.report().dump(2);
  EXPECT_EQ(history_.verdicts("commute"), std::vector<std::string>{on_engine("0002 pass")});
}

INSTANTIATE_TEST_SUITE_P(Engines, MergeCheckOn,
                         ::testing::Values(EngineKind::sqlite, EngineKind::postgres,
                                           EngineKind::mariadb),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
