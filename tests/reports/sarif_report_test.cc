#include "reports/sarif_report.h"

#include <set>

#include <gtest/gtest.h>

#include "tests/support/sample_report.h"
#include "tests/support/crucible_binary.h"

namespace crucible {
namespace {

using nlohmann::json;
using testing::sample_report;

// The members SARIF 2.1.0 requires of what we emit, and what code-scanning UIs need to place an
// annotation (§3.13 sarifLog, §3.14 run, §3.19 toolComponent, §3.27 result, §3.28 location).
void expect_valid_sarif(const json& log) {
  ASSERT_TRUE(log.is_object());
  EXPECT_EQ(log.at("version"), "2.1.0");
  EXPECT_TRUE(log.at("$schema").get<std::string>().find("sarif-2.1.0") != std::string::npos);
  ASSERT_TRUE(log.at("runs").is_array());
  ASSERT_EQ(log.at("runs").size(), 1u);
  const json& run = log["runs"][0];
  const json& driver = run.at("tool").at("driver");
  EXPECT_EQ(driver.at("name"), "crucible");
  std::set<std::string> rule_ids;
  for (const json& rule : driver.at("rules")) {
    EXPECT_TRUE(rule.at("id").is_string());
    EXPECT_TRUE(rule.at("shortDescription").at("text").is_string());
    rule_ids.insert(rule["id"].get<std::string>());
  }
  for (const json& result : run.at("results")) {
    std::string rule = result.at("ruleId").get<std::string>();
    EXPECT_TRUE(rule_ids.count(rule)) << rule;
    EXPECT_EQ(driver["rules"][result.at("ruleIndex").get<int>()]["id"], rule);
    EXPECT_TRUE(std::set<std::string>({"none", "note", "warning", "error"})
                    .count(result.at("level").get<std::string>()));
    EXPECT_FALSE(result.at("message").at("text").get<std::string>().empty());
    ASSERT_GE(result.at("locations").size(), 1u);
    const json& physical = result["locations"][0].at("physicalLocation");
    EXPECT_FALSE(physical.at("artifactLocation").at("uri").get<std::string>().empty());
    EXPECT_GE(physical.at("region").at("startLine").get<int>(), 1);
  }
}

const json* find(const json& log, const std::string& engine, const std::string& check) {
  for (const json& result : log["runs"][0]["results"])
    if (result["properties"]["engine"] == engine && result["ruleId"] == "crucible/" + check)
      return &result;
  return nullptr;
}

TEST(SarifReport, IsValidWithOneResultPerFailOrError) {
  json log = sarif_report(sample_report());
  expect_valid_sarif(log);
  EXPECT_EQ(log["runs"][0]["results"].size(),
            static_cast<std::size_t>(testing::kSampleFail + testing::kSampleError));
  EXPECT_EQ(log.dump().find(testing::kSamplePassword), std::string::npos);
}

TEST(SarifReport, LocatesAnErrorAtTheFailingStatement) {
  json log = sarif_report(sample_report());  // source "migrations/"
  const json* error = find(log, "mariadb", "forward");
  ASSERT_NE(error, nullptr);
  const json& physical = (*error)["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "migrations/0003_orders.up.sql");
  EXPECT_EQ(physical["region"]["startLine"], 12);
  std::string text = (*error)["message"]["text"];
  EXPECT_NE(text.find("forward on mariadb: migration 0003 orders errored: Table 'orders' already "
                      "exists (SQLSTATE 42S01)"), std::string::npos) << text;
}

TEST(SarifReport, LocatesARoundTripFailureAtTheReverseScript) {
  Report report = sample_report();
  Result& roundtrip = report.engines[0].results[6];
  roundtrip.location = SourceLocation{"0002_add_email_index.down.sql", 0};
  json log = sarif_report(report);
  const json& physical = (*find(log, "postgres", "roundtrip"))["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "migrations/0002_add_email_index.down.sql");
  EXPECT_EQ(physical["region"]["startLine"], 1);
  std::string text = (*find(log, "postgres", "roundtrip"))["message"]["text"];
  EXPECT_NE(text.find("- index users_email_idx: added"), std::string::npos) << text;
}

TEST(SarifReport, PlacesAResultWithoutLocationAtTheMigrationsUpFile) {
  testing::TempFolder folder;
  folder.write("0002_add_email_index.down.sql", "");
  folder.write("0002_add_email_index.up.sql", "");
  folder.write("0020_other.up.sql", "");
  Report report = sample_report();
  report.source = folder.path();  // absolute: a file:// URI
  json log = sarif_report(report);
  expect_valid_sarif(log);
  const json& physical = (*find(log, "sqlite", "roundtrip"))["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"],
            "file://" + folder.path() + "/0002_add_email_index.up.sql");
}

TEST(SarifReport, EncodesPathsAsUris) {
  Report report = sample_report();
  report.source = "db/my migrations";
  json log = sarif_report(report);
  EXPECT_EQ((*find(log, "mariadb", "forward"))["locations"][0]["physicalLocation"]
                ["artifactLocation"]["uri"], "db/my%20migrations/0003_orders.up.sql");
}

TEST(SarifReport, SuppressesAllowedResultsWithTheReason) {
  reports::ReportContext context;
  context.allowed[{"mariadb", "0003", "forward"}] = "orders predates crucible";
  json log = sarif_report(sample_report(), context);
  const json& suppressions = (*find(log, "mariadb", "forward"))["suppressions"];
  ASSERT_EQ(suppressions.size(), 1u);
  EXPECT_EQ(suppressions[0]["kind"], "external");
  EXPECT_EQ(suppressions[0]["justification"], "orders predates crucible");
  EXPECT_FALSE(find(log, "postgres", "roundtrip")->contains("suppressions"));
}

TEST(SarifReport, ReportsAnEngineThatCouldNotRun) {
  json log = sarif_report(sample_report());
  const json& invocation = log["runs"][0]["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["message"]["text"],
            "mysql could not run: cannot connect to 127.0.0.1:3307: Connection refused");
}

}  // namespace
}  // namespace crucible
