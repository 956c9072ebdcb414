// The scenario checker must be able to fail: these tests feed it results that do and do not
// match, and expect.toml files that are broken in each way it must reject.
#include "tests/scenario/comparison.h"

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "harness/common/error.h"

namespace crucible::scenario {
namespace {

Result result(std::string migration, std::string check, Status status, std::string message = "") {
  Result r;
  r.engine = "postgres";
  r.migration = std::move(migration);
  r.check = std::move(check);
  r.status = status;
  r.message = std::move(message);
  return r;
}

EngineRun run_of(std::vector<Result> results) {
  EngineRun run;
  run.engine = "postgres";
  run.results = std::move(results);
  return run;
}

Expectation expect(std::string migration, std::string check, Status status,
                   std::string message_contains = "") {
  Expectation e;
  e.number = 1;
  e.migration = std::move(migration);
  e.check = std::move(check);
  e.status = status;
  if (!message_contains.empty()) e.message_contains = {std::move(message_contains)};
  return e;
}

Scenario scenario_with(std::vector<Expectation> expectations) {
  Scenario s;
  s.file = "expect.toml";
  s.engines = default_engines();
  s.expectations = std::move(expectations);
  return s;
}

TEST(ScenarioCompare, ExpectedFailureAndPassesAreAccepted) {
  auto s = scenario_with({expect("0002", "roundtrip", Status::fail, "users_email_idx")});
  auto run = run_of({result("0002", "forward", Status::pass),
                     result("0002", "roundtrip", Status::fail, "index users_email_idx present")});
  EXPECT_TRUE(compare(s, run).empty());
}

TEST(ScenarioCompare, MissingExpectationIsReported) {
  auto s = scenario_with({expect("0002", "roundtrip", Status::fail)});
  auto problems = compare(s, run_of({result("0002", "roundtrip", Status::pass)}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("MISSING"), std::string::npos);
  EXPECT_NE(problems[0].find("0002 roundtrip pass"), std::string::npos) << problems[0];
}

TEST(ScenarioCompare, MessageMustContainTheSubstring) {
  auto s = scenario_with({expect("0002", "roundtrip", Status::fail, "users_email_idx")});
  auto problems = compare(s, run_of({result("0002", "roundtrip", Status::fail, "column users.x")}));
  // Both: the expectation is unmatched, and the failure it did not match is unexpected.
  ASSERT_EQ(problems.size(), 2u);
}

TEST(ScenarioCompare, MessageMustContainEverySubstring) {
  Expectation e = expect("0002", "roundtrip", Status::fail);
  e.message_contains = {"users", "position"};
  auto s = scenario_with({e});
  EXPECT_TRUE(compare(s, run_of({result("0002", "roundtrip", Status::fail,
                                        "column users.email: position 3")})).empty());
  EXPECT_FALSE(compare(s, run_of({result("0002", "roundtrip", Status::fail,
                                         "column users.email: nullable")})).empty());
}

TEST(ScenarioCompare, UnexpectedNonPassIsReported) {
  auto s = scenario_with({});
  auto problems = compare(s, run_of({result("0001", "forward", Status::pass),
                                     result("0001", "reverse", Status::skip, "why")}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("UNEXPECTED"), std::string::npos);
}

TEST(ScenarioCompare, CountIsExact) {
  Expectation e = expect("0003", "", Status::skip, "blocked by 0002");
  e.check.reset();
  e.count = 4;
  auto s = scenario_with({e});
  std::vector<Result> three;
  for (const char* check : {"forward", "reverse", "roundtrip"})
    three.push_back(result("0003", check, Status::skip, "blocked by 0002: its forward failed"));
  EXPECT_EQ(compare(s, run_of(three)).size(), 1u);
  three.push_back(result("0003", "reapply", Status::skip, "blocked by 0002: its forward failed"));
  EXPECT_TRUE(compare(s, run_of(three)).empty());
}

TEST(ScenarioCompare, ExpectationsForOtherEnginesDoNotApply) {
  Expectation e = expect("0002", "roundtrip", Status::fail);
  e.engine = "mariadb";
  auto s = scenario_with({e});
  EXPECT_TRUE(compare(s, run_of({result("0002", "roundtrip", Status::pass)})).empty());
  EXPECT_EQ(compare(s, run_of({result("0002", "roundtrip", Status::fail)})).size(), 1u);
}

TEST(ScenarioCompare, NoResultsIsAProblem) {
  EXPECT_EQ(compare(scenario_with({}), run_of({})).size(), 1u);
}

TEST(ScenarioCompare, LocationMustContainTheSubstring) {
  Expectation e = expect("0002", "forward", Status::error);
  e.location_contains = "0002_x.up.sql:7";
  auto s = scenario_with({e});
  Result r = result("0002", "forward", Status::error, "syntax error");
  r.location = SourceLocation{"0002_x.up.sql", 7};
  EXPECT_TRUE(compare(s, run_of({r})).empty());
  r.location = SourceLocation{"0002_x.up.sql", 6};
  EXPECT_FALSE(compare(s, run_of({r})).empty());
}

class ExpectFile : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    path_ = std::filesystem::temp_directory_path() /
            ("check_scenario_test_" + std::to_string(::getpid()) + ".toml");
    std::ofstream(path_) << text;
    return path_.string();
  }
  void TearDown() override { std::filesystem::remove(path_); }

  // The error message load_scenario() throws for `text`, or "" when it loads.
  std::string error_for(const std::string& text) {
    try {
      load_scenario(write(text));
      return "";
    } catch (const Error& e) {
      return e.what();
    }
  }

 private:
  std::filesystem::path path_;
};

TEST_F(ExpectFile, LoadsTheDocumentedFormat) {
  Scenario s = load_scenario(write(R"(description = "d"
engines = ["postgres"]
[[expect]]
engine = "*"
migration = "0002"
check = "roundtrip"
status = "fail"
message_contains = "x"
count = 1
[[expect]]
status = "skip"
message_contains = ["a", "b"]
)"));
  EXPECT_EQ(s.engines, std::vector<std::string>{"postgres"});
  ASSERT_EQ(s.expectations.size(), 2u);
  EXPECT_EQ(s.expectations[0].line, 3);
  EXPECT_EQ(s.expectations[0].status, Status::fail);
  EXPECT_EQ(s.expectations[0].message_contains, std::vector<std::string>{"x"});
  EXPECT_EQ(*s.expectations[0].count, 1);
  EXPECT_EQ(s.expectations[1].engine, "*");
  EXPECT_FALSE(s.expectations[1].migration);
  EXPECT_EQ(s.expectations[1].message_contains, (std::vector<std::string>{"a", "b"}));
}

TEST_F(ExpectFile, DefaultsToThreeEngines) {
  EXPECT_EQ(load_scenario(write("description = \"d\"\n")).engines, default_engines());
}

TEST_F(ExpectFile, RejectsWithFileAndLine) {
  EXPECT_NE(error_for("description = \"d\"\n[[expect]]\nstatus = \"fail\"\nmesage = \"typo\"\n")
                .find(".toml:4: unknown key \"mesage\""), std::string::npos);
  EXPECT_NE(error_for("description = \"d\"\n[[expect]]\nstatus = \"failed\"\n").find(":2:"),
            std::string::npos);
  EXPECT_NE(error_for("description = \"d\"\nengines = [\"oracle\"]\n").find("unknown engine"),
            std::string::npos);
  EXPECT_NE(error_for("description = \"d\"\nengines = [\"sqlite\"]\n[[expect]]\nengine = "
                      "\"postgres\"\nstatus = \"fail\"\n").find("does not run on"),
            std::string::npos);
  EXPECT_NE(error_for("[[expect]]\nstatus = \"fail\"\n").find("description"), std::string::npos);
  EXPECT_NE(error_for("description = \"d\"\n[[expect]\n").find(".toml:2:"), std::string::npos);
  EXPECT_NE(error_for("description = \"d\"\n[[expect]]\nstatus = \"skip\"\nmessage_contains = 3\n")
                .find("array of strings"), std::string::npos);
  EXPECT_NE(error_for("description = \"d\"\n[[expect]]\nstatus = \"skip\"\ncount = 0\n")
                .find("positive integer"), std::string::npos);
}

}  // namespace
}  // namespace crucible::scenario
