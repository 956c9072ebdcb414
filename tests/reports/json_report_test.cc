#include "reports/json_report.h"

#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "tests/support/sample_report.h"

namespace crucible {
namespace {

using nlohmann::json;
using testing::sample_report;

std::set<std::string> keys(const json& object) {
  std::set<std::string> names;
  for (const auto& [key, value] : object.items()) names.insert(key);
  return names;
}

const json& find_result(const json& results, const std::string& engine,
                        const std::string& migration, const std::string& check) {
  for (const json& result : results)
    if (result["engine"] == engine && result["migration"] == migration && result["check"] == check)
      return result;
  static const json none;
  ADD_FAILURE() << "no result " << engine << "/" << migration << "/" << check;
  return none;
}

// The message of the crucible::Error that report_from_json throws for `document`.
std::string parse_error(const json& document) {
  try {
    report_from_json(document);
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for " << document.dump().substr(0, 200);
  return "";
}

void expect_same_result(const Result& a, const Result& b) {
  EXPECT_EQ(a.engine, b.engine);
  EXPECT_EQ(a.migration, b.migration);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.check, b.check);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.diff, b.diff);
  EXPECT_DOUBLE_EQ(a.duration_ms, b.duration_ms);
  EXPECT_EQ(a.location, b.location);
  EXPECT_EQ(a.sqlstate, b.sqlstate);
  EXPECT_EQ(a.statement, b.statement);
}

void expect_same_report(const Report& a, const Report& b) {
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.format, b.format);
  ASSERT_EQ(a.engines.size(), b.engines.size());
  for (std::size_t e = 0; e < a.engines.size(); ++e) {
    const EngineRun& x = a.engines[e];
    const EngineRun& y = b.engines[e];
    EXPECT_EQ(x.engine, y.engine);
    EXPECT_EQ(x.server_version, y.server_version);
    EXPECT_EQ(x.status, y.status);
    EXPECT_EQ(x.dsn, y.dsn);
    EXPECT_EQ(x.message, y.message);
    EXPECT_EQ(x.notes, y.notes);
    ASSERT_EQ(x.results.size(), y.results.size()) << x.engine;
    for (std::size_t r = 0; r < x.results.size(); ++r) expect_same_result(x.results[r], y.results[r]);
  }
}

std::filesystem::path temp_path(const std::string& name) {
  return std::filesystem::temp_directory_path() / (name + "." + std::to_string(::getpid()));
}

TEST(ReportsJson, TopLevelHasTheContractFieldsAndValues) {
  json j = report_to_json(sample_report());
  EXPECT_EQ(keys(j), (std::set<std::string>{"tool", "version", "format", "source", "source_format",
                                            "engines", "results", "summary"}));
  EXPECT_EQ(j["tool"], "crucible");
  EXPECT_EQ(j["version"], CRUCIBLE_VERSION);
  EXPECT_EQ(j["format"], 1);
  EXPECT_EQ(j["source"], "migrations/");
  EXPECT_EQ(j["source_format"], "sql");
  EXPECT_EQ(j["summary"], (json{{"pass", testing::kSamplePass},
                                {"fail", testing::kSampleFail},
                                {"error", testing::kSampleError},
                                {"skip", testing::kSampleSkip}}));
}

TEST(ReportsJson, EnginesHaveTheContractFields) {
  json engines = report_to_json(sample_report())["engines"];
  ASSERT_EQ(engines.size(), 4u);
  for (const json& engine : engines)
    EXPECT_EQ(keys(engine), (std::set<std::string>{"engine", "server_version", "status", "dsn",
                                                   "message", "notes", "containment",
                                                   "session"}));
  EXPECT_EQ(engines[0], (json{{"engine", "postgres"},
                              {"server_version", "15.18"},
                              {"status", "ok"},
                              {"dsn", "postgresql://crucible:***@127.0.0.1:5432/postgres"},
                              {"message", ""},
                              {"notes", {"0003 ran outside a transaction (non-atomic)"}},
                              {"containment", ""},
                              {"session", json::array()}}));
  EXPECT_EQ(engines[3]["engine"], "mysql");
  EXPECT_EQ(engines[3]["status"], "error");
  EXPECT_EQ(engines[3]["server_version"], "");
  EXPECT_EQ(engines[3]["message"], "cannot connect to 127.0.0.1:3307: Connection refused");
}

TEST(ReportsJson, ResultsAreFlatWithTheContractFields) {
  json results = report_to_json(sample_report())["results"];
  EXPECT_EQ(results.size(), static_cast<std::size_t>(testing::kSamplePass + testing::kSampleFail +
                                                     testing::kSampleError + testing::kSampleSkip));
  for (const json& result : results)
    EXPECT_EQ(keys(result), (std::set<std::string>{"engine", "migration", "name", "check", "status",
                                                   "message", "diff", "duration_ms", "location",
                                                   "sqlstate", "statement"}));

  const json& fail = find_result(results, "postgres", "0002", "roundtrip");
  EXPECT_EQ(fail["name"], "add_email_index");
  EXPECT_EQ(fail["status"], "fail");
  EXPECT_EQ(fail["message"], "index users_email_idx present after reverse");
  EXPECT_DOUBLE_EQ(fail["duration_ms"].get<double>(), 12.4);
  ASSERT_EQ(fail["diff"].size(), 1u);
  EXPECT_EQ(fail["diff"][0]["object"], "index users_email_idx");
  EXPECT_EQ(fail["diff"][0]["change"], "added");
  EXPECT_TRUE(fail["diff"][0]["before"].is_null());
  EXPECT_EQ(fail["location"], nullptr);

  const json& error = find_result(results, "mariadb", "0003", "forward");
  EXPECT_EQ(error["status"], "error");
  EXPECT_EQ(error["message"], "Table 'orders' already exists");
  EXPECT_EQ(error["location"], "0003_orders.up.sql:12");
  EXPECT_EQ(error["sqlstate"], "42S01");
  EXPECT_EQ(error["statement"], testing::sample_long_statement());
  EXPECT_EQ(error["diff"], json::array());

  EXPECT_EQ(find_result(results, "sqlite", "0003", "reapply")["status"], "skip");
  EXPECT_EQ(find_result(results, "postgres", "0001", "forward")["status"], "pass");
}

TEST(ReportsJson, NeverContainsThePassword) {
  std::string text = report_to_json(sample_report()).dump();
  EXPECT_EQ(text.find(testing::kSamplePassword), std::string::npos);
  EXPECT_NE(text.find("crucible:***@"), std::string::npos);
}

TEST(ReportsJson, RoundTrips) {
  Report original = sample_report();
  json j = report_to_json(original);
  Report back = report_from_json(j);
  expect_same_report(original, back);
  EXPECT_EQ(report_to_json(back), j);
}

// `containment` was added to the contract: written, read back, and optional in older reports.
TEST(ReportsJson, ContainmentRoundTripsAndIsOptional) {
  Report original = sample_report();
  original.engines[0].containment = "migrations run as crucible_0742643f_login";
  json j = report_to_json(original);
  EXPECT_EQ(j["engines"][0]["containment"], "migrations run as crucible_0742643f_login");
  EXPECT_EQ(report_from_json(j).engines[0].containment, "migrations run as crucible_0742643f_login");
  j["engines"][0].erase("containment");
  EXPECT_EQ(report_from_json(j).engines[0].containment, "");
}

// `session` was added to the contract: written, read back, and optional in older reports.
TEST(ReportsJson, SessionRoundTripsAndIsOptional) {
  Report original = sample_report();
  original.engines[0].session = {"SET lock_timeout TO '5s'", "SET work_mem TO '8MB'"};
  json j = report_to_json(original);
  EXPECT_EQ(j["engines"][0]["session"], (json{"SET lock_timeout TO '5s'", "SET work_mem TO '8MB'"}));
  EXPECT_EQ(report_from_json(j).engines[0].session, original.engines[0].session);
  j["engines"][0].erase("session");
  EXPECT_TRUE(report_from_json(j).engines[0].session.empty());
  j["engines"][0]["session"] = "SET x = 1";
  EXPECT_THROW(report_from_json(j), Error);
}

TEST(ReportsJson, RoundTripsThroughTextAndLocationsWithoutLine) {
  Report original = sample_report();
  original.engines[0].results[0].location = SourceLocation{"0001_create_users.up.sql", 0};
  original.engines[0].results[1].location = SourceLocation{"dir:with:colons/0001.down.sql", 7};
  original.engines[0].results[2].duration_ms = 0.1 + 0.2;  // not exactly representable
  Report back = report_from_json(json::parse(report_to_json(original).dump(2)));
  expect_same_report(original, back);
}

TEST(ReportsJson, EmptyReportRoundTrips) {
  Report empty;
  json j = report_to_json(empty);
  EXPECT_EQ(j["engines"], json::array());
  EXPECT_EQ(j["results"], json::array());
  expect_same_report(empty, report_from_json(j));
}

TEST(ReportsJson, FileRoundTripsAndKeepsInvalidUtf8FromWriting) {
  Report original = sample_report();
  original.engines[1].results[8].message = "Illegal mix of collations (latin1 \xE9t\xE9)";
  auto path = temp_path("crucible_report.json");
  write_json_report(original, path.string());
  Report back = read_json_report(path.string());
  std::filesystem::remove(path);
  EXPECT_EQ(back.engines[1].results[8].message,
            "Illegal mix of collations (latin1 \xEF\xBF\xBDt\xEF\xBF\xBD)");
  back.engines[1].results[8].message = original.engines[1].results[8].message;
  expect_same_report(original, back);
}

TEST(ReportsJson, WriteErrorNamesThePath) {
  std::string path = "/nonexistent-crucible-dir/report.json";
  try {
    write_json_report(sample_report(), path);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST(ReportsJson, ReadErrorsNameThePath) {
  auto path = temp_path("crucible_not_json.json");
  std::ofstream(path) << "{\"tool\": \"crucible\", ";
  try {
    read_json_report(path.string());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
  }
  std::ofstream(path) << R"({"tool": "crucible", "version": "0.1.0", "format": 1})";
  try {
    read_json_report(path.string());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string() + ": missing member \"engines\""),
              std::string::npos)
        << e.what();
  }
  std::filesystem::remove(path);
  EXPECT_THROW(read_json_report(path.string()), Error);
}

TEST(ReportsJson, MissingMembersAreNamed) {
  json j = report_to_json(sample_report());
  json no_check = j;
  no_check["results"][5].erase("check");
  EXPECT_EQ(parse_error(no_check), "JSON report: results[5]: missing member \"check\"");

  json no_dsn = j;
  no_dsn["engines"][2].erase("dsn");
  EXPECT_EQ(parse_error(no_dsn), "JSON report: engines[2]: missing member \"dsn\"");

  json no_summary = j;
  no_summary.erase("summary");
  EXPECT_EQ(parse_error(no_summary), "JSON report: missing member \"summary\"");

  json no_skip = j;
  no_skip["summary"].erase("skip");
  EXPECT_EQ(parse_error(no_skip), "JSON report: summary: missing member \"skip\"");
}

TEST(ReportsJson, WrongTypesAndValuesAreNamed) {
  json j = report_to_json(sample_report());
  auto with = [&](const json::json_pointer& pointer, json value) {
    json changed = j;
    changed[pointer] = std::move(value);
    return parse_error(changed);
  };
  EXPECT_EQ(with("/results/0/duration_ms"_json_pointer, "12"),
            "JSON report: results[0].duration_ms: expected a number, got string");
  EXPECT_EQ(with("/results/0/status"_json_pointer, "passed"),
            "JSON report: results[0].status: \"passed\" is not one of pass, fail, error, skip");
  EXPECT_EQ(with("/results/0/diff"_json_pointer, "none"),
            "JSON report: results[0].diff: expected an array, got string");
  EXPECT_EQ(with("/results/0/engine"_json_pointer, "db2"),
            "JSON report: results[0].engine: \"db2\" is not listed in engines");
  EXPECT_EQ(with("/engines/1/engine"_json_pointer, "postgres"),
            "JSON report: engines[1].engine: \"postgres\" is listed twice");
  EXPECT_EQ(with("/format"_json_pointer, 2),
            "JSON report: format: format 2 is not supported (this crucible reads format 1)");
  EXPECT_EQ(with("/tool"_json_pointer, "flyway"),
            "JSON report: tool: \"flyway\" is not \"crucible\"");
  EXPECT_EQ(with("/engines/0/notes"_json_pointer, json::array({1})),
            "JSON report: engines[0].notes: expected an array of strings");
  EXPECT_EQ(with("/results/3"_json_pointer, "pass"),
            "JSON report: results[3]: expected an object, got string");
  EXPECT_EQ(parse_error(json::array()), "JSON report: expected an object, got array");
}

TEST(ReportsJson, SummaryThatDisagreesWithResultsIsRefused) {
  json j = report_to_json(sample_report());
  j["results"].erase(0);  // a pass, as if the file had been cut or edited
  EXPECT_EQ(parse_error(j),
            "JSON report: summary: says 26 pass, 2 fail, 1 error, 7 skip but the results count "
            "25 pass, 2 fail, 1 error, 7 skip");
}

TEST(ReportsJson, AddedFieldsAreOptionalOnRead) {
  json j = report_to_json(sample_report());
  j.erase("source");
  j.erase("source_format");
  for (json& engine : j["engines"]) engine.erase("message"), engine.erase("notes");
  for (json& result : j["results"])
    result.erase("location"), result.erase("sqlstate"), result.erase("statement");
  Report back = report_from_json(j);
  EXPECT_EQ(back.source, "");
  EXPECT_TRUE(back.engines[0].notes.empty());
  EXPECT_FALSE(back.engines[1].results[8].location.has_value());
  EXPECT_EQ(back.summary().fail, testing::kSampleFail);
}

}  // namespace
}  // namespace crucible
