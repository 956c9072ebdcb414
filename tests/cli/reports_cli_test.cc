// The `crucible` binary end to end: `report` merging shards, output flags, gating, selection.
// SQLite only (embedded), so these run everywhere; the formats' content is tested per formatter.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reports/json_report.h"
#include "tests/support/crucible_binary.h"
#include "tests/support/spawn.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using nlohmann::json;
using testing::read_file;
using testing::run_crucible;

// A report's results without timings (the only thing two runs may legitimately differ in).
json verdicts(const std::string& path) {
  json report = json::parse(read_file(path));
  for (json& result : report["results"]) result.erase("duration_ms");
  return report;
}

class Cli : public ::testing::Test {
 protected:
  int crucible(std::vector<std::string> args) { return run_crucible(args, log()); }
  std::string log() const { return dir_ / "crucible.log"; }
  std::string file(const std::string& name) const { return dir_ / name; }
  testing::TempFolder dir_;
};

TEST_F(Cli, MergedShardsEqualOneFullRun) {
  const std::string app = testing::app_migrations();
  ASSERT_EQ(crucible({"verify", app, "-q", "--json", file("full.json")}), 0) << read_file(log());
  std::vector<std::string> report_args{"report", "-q", "--json", file("merged.json")};
  std::size_t reported = 0;
  for (int k = 1; k <= 3; ++k) {
    std::string shard = file(fmt::format("shard{}.json", k));
    ASSERT_EQ(crucible({"verify", app, "-q", "--shard", fmt::format("{}/3", k), "--json", shard}), 0)
        << read_file(log());
    reported += json::parse(read_file(shard))["results"].size();
    report_args.push_back(shard);
  }
  EXPECT_EQ(reported, json::parse(read_file(file("full.json")))["results"].size());
  ASSERT_EQ(crucible(report_args), 0) << read_file(log());
  EXPECT_EQ(verdicts(file("merged.json")), verdicts(file("full.json")));
}

TEST_F(Cli, ShardsOfAFailingRunMergeIntoItsVerdicts) {
  const std::string mixed = testing::mixed_fixture();
  EXPECT_EQ(crucible({"verify", mixed, "-q", "--json", file("full.json")}), 1) << read_file(log());
  for (int k = 1; k <= 2; ++k)
    EXPECT_EQ(crucible({"verify", mixed, "-q", "--shard", fmt::format("{}/2", k), "--json",
                        file(fmt::format("s{}.json", k))}), 1);
  EXPECT_EQ(crucible({"report", "-q", file("s2.json"), file("s1.json"), "--json", file("m.json")}), 1);
  EXPECT_EQ(verdicts(file("m.json")), verdicts(file("full.json")));
}

// Each result's identity and status: messages may name per-run scratch databases.
std::vector<std::string> statuses(const std::string& path) {
  std::vector<std::string> out;
  json report = json::parse(read_file(path));
  for (const json& r : report["results"])
    out.push_back(fmt::format("{} {} {} {}", r["engine"].get<std::string>(),
                              r["migration"].get<std::string>(), r["check"].get<std::string>(),
                              r["status"].get<std::string>()));
  return out;
}

TEST_F(Cli, ShardsOnLiveServersMergeIntoTheFullRun) {
  CRUCIBLE_LIVE_ENGINE(postgres, EngineKind::postgres);
  CRUCIBLE_LIVE_ENGINE(mariadb, EngineKind::mariadb);
  const std::vector<std::string> engines{"-e", "sqlite", "-e", "postgres", "-e", "mariadb"};
  auto verify = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"verify", testing::mixed_fixture(), "-q"};
    args.insert(args.end(), engines.begin(), engines.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return crucible(args);
  };
  ASSERT_EQ(verify({"--json", file("full.json")}), 1) << read_file(log());
  for (int k = 1; k <= 3; ++k)
    ASSERT_NE(verify({"--shard", fmt::format("{}/3", k), "--json", file(fmt::format("s{}.json", k))}), 2)
        << read_file(log());
  ASSERT_EQ(crucible({"report", "-q", file("s3.json"), file("s1.json"), file("s2.json"), "--json",
                      file("merged.json")}), 1);
  EXPECT_EQ(statuses(file("merged.json")), statuses(file("full.json")));
  EXPECT_EQ(statuses(file("full.json")).size(), 90u);  // 6 migrations × 5 checks (data too) × 3 engines
}

TEST_F(Cli, ConflictingShardsAreAnErrorNamingBothFiles) {
  const std::string app = testing::app_migrations();
  ASSERT_EQ(crucible({"verify", app, "-q", "--json", file("a.json")}), 0);
  json other = json::parse(read_file(file("a.json")));
  other["results"][0]["status"] = "fail";
  other["summary"]["pass"] = other["summary"]["pass"].get<int>() - 1;
  other["summary"]["fail"] = 1;
  std::ofstream(file("b.json")) << other.dump();
  EXPECT_EQ(crucible({"report", file("a.json"), file("b.json")}), 2);
  EXPECT_NE(read_file(log()).find(file("a.json") + " and " + file("b.json") +
                                  " disagree on sqlite / 0001 / forward: pass"),
            std::string::npos) << read_file(log());
}

TEST_F(Cli, ReportWritesEveryFormatAndExitsLikeVerify) {
  ASSERT_EQ(crucible({"verify", testing::mixed_fixture(), "-q", "--json", file("run.json"), "--html",
                      file("direct.html"), "--markdown", file("direct.md"), "--sarif",
                      file("direct.sarif"), "--junit", file("direct.xml")}), 1);
  EXPECT_EQ(crucible({"report", file("run.json"), "-q", "--json", file("r.json"), "--html",
                      file("r.html"), "--markdown", file("r.md"), "--sarif", file("r.sarif"),
                      "--junit", file("r.xml")}), 1);
  EXPECT_EQ(verdicts(file("r.json")), verdicts(file("run.json")));
  // From the JSON alone, the other formats come out as `verify` wrote them (timings aside:
  // JSON keeps them exactly, so these are byte-identical).
  EXPECT_EQ(read_file(file("r.sarif")), read_file(file("direct.sarif")));
  EXPECT_EQ(read_file(file("r.xml")), read_file(file("direct.xml")));
  EXPECT_NE(read_file(file("r.md")).find("[Full compatibility report (HTML)](r.html)"), std::string::npos);
  EXPECT_NE(read_file(file("r.html")).find("<table class=\"matrix\""), std::string::npos);
}

TEST_F(Cli, FailOnAndAllowListGateTheExitCode) {
  const std::string mixed = testing::mixed_fixture();
  ASSERT_EQ(crucible({"verify", mixed, "-q", "--json", file("run.json")}), 1);
  std::string run = file("run.json");
  EXPECT_EQ(crucible({"report", run, "-q", "--fail-on", "fail"}), 1);
  EXPECT_EQ(crucible({"report", run, "-q", "--fail-on", "bogus"}), 2);
  std::ofstream(file("allow.toml")) << R"([[allow]]
migration = "0002"
reason = "index kept on purpose"
[[allow]]
migration = "0003"
check = "reverse"
reason = "audit_logs typo, fixed in 0007"
[[allow]]
migration = "0005"
reason = "flag column is forever"
[[allow]]
migration = "0006"
engine = "sqlite"
reason = "missing_table lives elsewhere"
[[allow]]
migration = "0001"
reason = "stale"
)";
  EXPECT_EQ(crucible({"report", run, "-q", "--allow", file("allow.toml"), "--markdown",
                      file("gate.md")}), 0) << read_file(log());
  std::string output = read_file(log());
  EXPECT_NE(output.find("crucible: warning: " + file("allow.toml") +
                        ":15: allow entry for 0001 (engine *, check *) is unused"),
            std::string::npos) << output;
  EXPECT_NE(output.find("crucible: 6 failing results allowed by " + file("allow.toml")),
            std::string::npos) << output;
  EXPECT_NE(read_file(file("gate.md")).find("(allowed: flag column is forever)"), std::string::npos);
  // verify gates the same way.
  EXPECT_EQ(crucible({"verify", mixed, "-q", "--allow", file("allow.toml")}), 0) << read_file(log());
  EXPECT_EQ(crucible({"verify", mixed, "-q", "--fail-on", "error"}), 1);
}

TEST_F(Cli, ChangedSinceVerifiesChangedMigrationsAndAllAfter) {
  namespace fs = std::filesystem;
  fs::copy(testing::mixed_fixture(), file("db"));
  auto git = [&](std::vector<std::string> args) {
    std::vector<std::string> argv{"/usr/bin/git", "-C", file("db"), "-c", "user.name=t", "-c",
                                  "user.email=t@example.com"};
    argv.insert(argv.end(), args.begin(), args.end());
    return scenario::run_logged(argv, file("git.log"));
  };
  ASSERT_EQ(git({"init", "-q"}), 0);
  ASSERT_EQ(git({"add", "."}), 0);
  ASSERT_EQ(git({"commit", "-q", "-m", "base"}), 0);
  EXPECT_EQ(crucible({"verify", file("db"), "-q", "--changed-since", "HEAD", "--json",
                      file("none.json")}), 0) << read_file(log());
  EXPECT_TRUE(json::parse(read_file(file("none.json")))["results"].empty());

  std::ofstream(file("db/0005_add_user_flag.down.sql")) << "ALTER TABLE users DROP COLUMN flagged;\n";
  EXPECT_EQ(crucible({"verify", file("db"), "--changed-since", "HEAD", "--json", file("c.json")}), 1);
  std::set<std::string> migrations;
  json changed = json::parse(read_file(file("c.json")));
  for (const json& r : changed["results"])
    migrations.insert(r["migration"].get<std::string>());
  EXPECT_EQ(migrations, (std::set<std::string>{"0005", "0006"}));
  EXPECT_NE(read_file(log()).find("changed since HEAD: verifying 2 of 6 migrations: 0005 0006"),
            std::string::npos) << read_file(log());
  EXPECT_EQ(crucible({"verify", file("db"), "--changed-since", "nope"}), 2);
}

}  // namespace
}  // namespace crucible
