// `crucible bench` end to end on the bundled migrations/bench folder: every migration × size is
// measured with positive times, a table rewrite grows with the rows, and bad input is a clear
// error (exit 2) without a crash or a leftover scratch database.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "harness/engines/engine.h"
#include "tests/support/child_process.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kFolder = std::string(CRUCIBLE_SOURCE) + "/migrations/bench";

Completed crucible(std::vector<std::string> args,
                   const std::map<std::string, std::string>& env = {}) {
  args.insert(args.begin(), CRUCIBLE_BINARY);
  return run_to_completion(args, env);
}

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() /
          ("crucible-bench-test-" + std::to_string(::getpid()) + "-" + name)).string();
}

json read_json(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

const json& migration(const json& engine, const std::string& version) {
  for (const json& m : engine["migrations"])
    if (m["migration"] == version) return m;
  throw std::runtime_error("no migration " + version);
}

// Runs the bench on one engine and checks the JSON covers every migration at every size.
json bench_engine(const std::string& engine, const std::string& sizes) {
  std::string out = temp_path(engine + ".json");
  std::string html = temp_path(engine + ".html");
  Completed run = crucible({"bench", kFolder, "--engine", engine, "--rows", sizes,
                            "--project-rows", "1000000", "--json", out, "--html", html});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  json report = read_json(out);
  fs::remove(out);
  EXPECT_NE(run.output.find("forward: "), std::string::npos) << run.output;
  std::string page = read_file(html);
  fs::remove(html);
  EXPECT_NE(page.find("<svg class='scaling'"), std::string::npos);
  EXPECT_EQ(page.find("http"), page.find("http://www.w3.org/2000/svg"));  // nothing fetched

  EXPECT_EQ(report["kind"], "bench");
  const json& e = report["engines"].at(0);
  EXPECT_EQ(e["status"], "ok") << e["message"];
  EXPECT_EQ(e["migrations"].size(), 4u);
  for (const json& m : e["migrations"]) {
    EXPECT_EQ(m["runs"].size(), report["sizes"].size()) << m["migration"];
    for (const json& r : m["runs"]) {
      EXPECT_EQ(r["status"], "ok") << r["message"];
      EXPECT_GT(r["forward_ms"].get<double>(), 0) << m["migration"];
      EXPECT_GT(r["reverse_ms"].get<double>(), 0) << m["migration"];
    }
    EXPECT_TRUE(m["fit"]["forward"].contains("projected_ms")) << m["migration"];
  }
  // 0001 creates the tables: nothing to fill before it. 0004 touches accounts, whose foreign key
  // needs branches filled first.
  EXPECT_TRUE(migration(e, "0001")["tables"].empty());
  EXPECT_EQ(migration(e, "0004")["tables"], json({"branches", "accounts"}));
  return e;
}

// The table rewrite at the larger size takes clearly longer than at the smaller one. (Sizes
// 250x apart: at small sizes the time is mostly the commit's fsync, which jitters under load.)
void expect_rewrite_grows(const json& engine) {
  const json& runs = migration(engine, "0004")["runs"];
  double small = runs.at(0)["forward_ms"], large = runs.at(1)["forward_ms"];
  EXPECT_GT(large, 2 * small) << "small " << small << " ms, large " << large << " ms";
  EXPECT_EQ(runs.at(1)["rows_loaded"], 2 * runs.at(1)["rows"].get<int64_t>());
}

TEST(BenchCli, SqliteMeasuresEveryMigrationAtEverySize) {
  json e = bench_engine("sqlite", "200,50000");
  expect_rewrite_grows(e);
}

TEST(BenchCli, PostgresAlterColumnTypeGrowsWithTheRows) {
  CRUCIBLE_LIVE_ENGINE(server_up, EngineKind::postgres);
  json e = bench_engine("postgres", "200,50000");
  expect_rewrite_grows(e);
}

TEST(BenchCli, MariadbModifyColumnGrowsWithTheRows) {
  CRUCIBLE_LIVE_ENGINE(server_up, EngineKind::mariadb);
  json e = bench_engine("mariadb", "200,50000");
  expect_rewrite_grows(e);
}

// What the judge compares: the blocking the bench reports against what the traffic saw.
TEST(BenchCli, UnderLoadTheRewriteReportsTheLockTheTrafficWaitedOn) {
  CRUCIBLE_LIVE_ENGINE(server_up, EngineKind::postgres);
  std::string out = temp_path("load.json");
  Completed run = crucible({"bench", kFolder, "--engine", "postgres", "--migration", "0004",
                            "--rows", "100000", "--load", "2", "--json", out});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  json report = read_json(out);
  fs::remove(out);
  EXPECT_EQ(report["load_clients"], 2);
  const json& r = migration(report["engines"][0], "0004")["runs"].at(0);
  ASSERT_TRUE(r.contains("load_impact")) << r.dump();
  const json& impact = r["load_impact"];
  EXPECT_GT(impact["traffic"]["statements"].get<int64_t>(), 0);
  double held = 0;
  for (const json& lock : impact["locks"])
    if (lock["relation"] == "accounts" && lock["mode"] == "AccessExclusiveLock")
      held = lock["held_ms"];
  EXPECT_GT(held, 0) << impact.dump();
  EXPECT_LE(held, r["forward_ms"].get<double>() * 1.2 + 50);  // held while the forward ran
  EXPECT_GT(impact["traffic"]["longest_stall_ms"].get<double>(), 0.3 * held) << impact.dump();
}

// The session statements every bench connection ran, as verify reports them (they can change
// what a migration costs, e.g. a PRAGMA or a lock_timeout).
TEST(BenchCli, ReportsTheSessionStatementsItRan) {
  std::string out = temp_path("session.json");
  Completed run = crucible({"bench", kFolder, "--engine", "sqlite", "--migration", "0004",
                            "--rows", "10", "--session", "PRAGMA cache_size = 1000", "--json", out});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  json report = read_json(out);
  fs::remove(out);
  EXPECT_EQ(report["engines"][0]["session"], json::array({"PRAGMA cache_size = 1000"}))
      << report.dump();
  EXPECT_NE(run.output.find("session: PRAGMA cache_size = 1000"), std::string::npos) << run.output;
}

// A curve through one point fits every model exactly; the bench must not claim one (it printed
// "constant (±0 %)" and projected it to 10 M rows).
TEST(BenchCli, OneSizeGivesNoCurveAndSaysWhy) {
  std::string out = temp_path("one-size.json");
  Completed run = crucible({"bench", kFolder, "--engine", "sqlite", "--migration", "0004",
                            "--rows", "1000", "--json", out});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  json report = read_json(out);
  fs::remove(out);
  const json& m = migration(report["engines"][0], "0004");
  EXPECT_TRUE(m["runs"].at(0)["forward_ms"].is_number()) << m.dump();
  EXPECT_TRUE(m["fit"]["forward"].is_null()) << m.dump();
  EXPECT_NE(run.output.find("0004 widen_balance: one size timed; a curve needs two or more"),
            std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("forward: constant"), std::string::npos) << run.output;
}

TEST(BenchCli, BadInputIsAClearUsageError) {
  Completed unknown = crucible({"bench", kFolder, "--migration", "0042"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("--migration 0042: no such migration"), std::string::npos)
      << unknown.output;
  for (const char* sizes : {"0", "100,-1", "1e6", "lots"}) {
    Completed bad = crucible({"bench", kFolder, "--rows", sizes});
    EXPECT_EQ(bad.exit_code, 2) << sizes;
    EXPECT_NE(bad.output.find("is not a positive whole number of rows"), std::string::npos)
        << bad.output;
  }
}

TEST(BenchCli, AForwardThatFailsAtSomeSizeIsAResultNamingFileLineAndEngine) {
  fs::path folder = temp_path("failing");
  fs::create_directories(folder);
  std::ofstream(folder / "0001_create.up.sql") << "CREATE TABLE t (id INT PRIMARY KEY, v INT);\n";
  std::ofstream(folder / "0001_create.down.sql") << "DROP TABLE t;\n";
  // A unique index on (v > 0) holds for one row and fails as soon as there are two.
  std::ofstream(folder / "0002_flag.up.sql")
      << "-- one row only\nCREATE UNIQUE INDEX t_v_flag ON t ((v > 0));\n";
  std::ofstream(folder / "0002_flag.down.sql") << "DROP INDEX t_v_flag;\n";
  std::string out = temp_path("failing.json");
  fs::path tmp = folder / "tmp";  // where the SQLite scratch files go: empty again afterwards
  fs::create_directories(tmp);
  Completed run = crucible({"bench", folder.string(), "--rows", "1,1000", "--json", out},
                           {{"TMPDIR", tmp.string()}});
  EXPECT_TRUE(fs::exists(tmp / "crucible-sqlite"));
  EXPECT_TRUE(fs::is_empty(tmp / "crucible-sqlite")) << "a scratch database was left behind";
  fs::remove_all(folder);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  json report = read_json(out);
  fs::remove(out);
  const json& runs = migration(report["engines"][0], "0002")["runs"];
  EXPECT_EQ(runs.at(0)["status"], "ok") << runs.at(0)["message"];
  EXPECT_EQ(runs.at(1)["status"], "error");
  EXPECT_NE(runs.at(1)["message"].get<std::string>().find("sqlite 0002_flag.up.sql:2"),
            std::string::npos) << runs.at(1)["message"];
}

using Files = std::map<std::string, std::string>;

// `files` plus migration `stem` creating index `index` on table (column), the migration the
// per-engine cases time: its down differs on MySQL/MariaDB (DROP INDEX … ON table).
Files with_index_migration(Files files, const std::string& stem, const std::string& index,
                           const std::string& table, const std::string& column) {
  files[stem + ".up.sql"] = fmt::format("CREATE INDEX {} ON {} ({});\n", index, table, column);
  files[stem + ".down.sql"] = fmt::format("DROP INDEX {};\n", index);
  files[stem + ".mysql.down.sql"] = fmt::format("DROP INDEX {} ON {};\n", index, table);
  return files;
}

class BenchOnEachEngine : public ::testing::TestWithParam<EngineKind> {
 protected:
  std::string engine() const { return std::string(engine_name(GetParam())); }

  // Writes `files` (name -> text) to a fresh folder, benches `version` in it at `rows`, and
  // returns that migration's runs (empty, with a failure recorded, when the bench did not exit
  // with `exit_code`: 0 when every run was measured, 1 when one failed).
  json bench_files(const Files& files, const std::string& version, const std::string& rows,
                   int exit_code = 0) {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '-');  // "Test/engine"
    fs::path folder = temp_path(name);
    fs::create_directories(folder);
    for (const auto& [file, text] : files) std::ofstream(folder / file) << text;
    std::string out = folder.string() + ".json";
    Completed run = crucible({"bench", folder.string(), "--engine", engine(), "--migration",
                              version, "--rows", rows, "--json", out});
    fs::remove_all(folder);
    EXPECT_EQ(run.exit_code, exit_code) << run.output;
    if (run.exit_code != exit_code) return json::array();
    json report = read_json(out);
    fs::remove(out);
    return migration(report["engines"][0], version)["runs"];
  }
};

// Tables an earlier migration seeded are filled on top of their rows: the generated keys start
// past the seeded ones. (Every Helium design seeds its `queries` table, and the bundled Lua shop
// seeds customers; both failed with "duplicate key (query_id)=(1)" before.)
TEST_P(BenchOnEachEngine, GeneratedKeysStartPastTheSeededOnes) {
  CRUCIBLE_LIVE_ENGINE(server_up, GetParam());
  Files schema = {
      {"0001_create.up.sql",
       "CREATE TABLE kinds (id INT PRIMARY KEY, code VARCHAR(20) NOT NULL UNIQUE,\n"
       "  since DATE NOT NULL UNIQUE);\n"
       "CREATE TABLE items (id INT PRIMARY KEY, kind_id INT NOT NULL REFERENCES kinds (id),\n"
       "  name VARCHAR(40));\n"},
      {"0001_create.down.sql", "DROP TABLE items;\nDROP TABLE kinds;\n"},
      // Keys that dense rows 0, 6 and 365 would produce: the fill must start at 366.
      {"0002_seed.up.sql",
       "INSERT INTO kinds VALUES (1, '7', '2000-01-05'), (2, 'x', '2000-12-31');\n"
       "INSERT INTO items VALUES (1, 1, 'seeded');\n"},
      {"0002_seed.down.sql", "DELETE FROM items;\nDELETE FROM kinds;\n"}};
  json runs = bench_files(with_index_migration(schema, "0003_index", "items_name", "items", "name"),
                          "0003", "50,500");
  ASSERT_EQ(runs.size(), 2u);
  for (const json& r : runs) {
    EXPECT_EQ(r["status"], "ok") << r["message"];
    EXPECT_EQ(r["rows_loaded"], 2 * r["rows"].get<int64_t>());  // kinds (the parent) and items
  }
}

// The CHECK shapes real schemas use most keep the generated rows out of the engine's way: a
// status limited to a list of words, a quantity and a decimal price limited to ranges.
// (migrations/sql/app failed to bench on four migrations over its orders status CHECK.)
TEST_P(BenchOnEachEngine, GeneratedRowsKeepToValueListsAndBounds) {
  CRUCIBLE_LIVE_ENGINE(server_up, GetParam());
  Files schema = {{"0001_create.up.sql",
                   "CREATE TABLE orders (id INT PRIMARY KEY,\n"
                   "  status VARCHAR(20) NOT NULL CHECK (status IN ('pending', 'paid', 'it''s')),\n"
                   "  qty INT NOT NULL CHECK (qty BETWEEN 1 AND 100),\n"
                   "  price DECIMAL(10,2) NOT NULL CHECK (price >= 0 AND price < 500),\n"
                   "  kind VARCHAR(5) NOT NULL CHECK (kind = 'a' OR kind = 'b'),\n"
                   "  n INT NOT NULL CHECK (0 < n));\n"},
                  {"0001_create.down.sql", "DROP TABLE orders;\n"}};
  json runs =
      bench_files(with_index_migration(schema, "0002_index", "orders_status", "orders", "status"),
                  "0002", "1000");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["status"], "ok") << runs[0]["message"];
  EXPECT_EQ(runs[0]["rows_loaded"], 1000);
}

// A CHECK of a shape the generator does not narrow values to (check_domain.h): the engine
// rejects the rows with the value 2, and the error names the table and the check, written once
// as CHECK (…) (PostgreSQL's expression already holds the keyword: it read "CHECK (CHECK …").
TEST_P(BenchOnEachEngine, RowsACheckRejectsAreAnErrorNamingTheTableAndTheCheck) {
  CRUCIBLE_LIVE_ENGINE(server_up, GetParam());
  Files schema = {{"0001_t.up.sql",
                   "CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL,\n"
                   "  CONSTRAINT v_odd CHECK (v % 2 = 1 AND v > 2));\n"},
                  {"0001_t.down.sql", "DROP TABLE t;\n"}};
  json runs = bench_files(with_index_migration(schema, "0002_i", "t_v", "t", "v"), "0002", "10", 1);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["status"], "error");
  EXPECT_TRUE(runs[0]["forward_ms"].is_null());
  std::string message = runs[0]["message"];
  EXPECT_NE(message.find("bulk load into t rejected"), std::string::npos) << message;
  EXPECT_NE(message.find("v_odd CHECK ("), std::string::npos) << message;
  EXPECT_EQ(message.find("CHECK (CHECK"), std::string::npos) << message;
}

// A migration that adds a CHECK presumes rows that pass it: the generated rows keep to the
// CHECKs the migration adds, not only to those already there. (migrations/sql/app's 0012, which
// adds CHECK (quantity <= 1000), failed to bench from 1,001 rows on.)
TEST_P(BenchOnEachEngine, GeneratedRowsKeepToTheChecksTheMigrationAdds) {
  CRUCIBLE_LIVE_ENGINE(server_up, GetParam());
  auto sqlite_rebuild = [](const std::string& check) {
    return "CREATE TABLE items_new (id INT PRIMARY KEY, quantity INT NOT NULL" + check + ");\n"
           "INSERT INTO items_new SELECT id, quantity FROM items;\n"
           "DROP TABLE items;\n"
           "ALTER TABLE items_new RENAME TO items;\n";
  };
  json runs = bench_files(
      {{"0001_create.up.sql", "CREATE TABLE items (id INT PRIMARY KEY, quantity INT NOT NULL);\n"},
       {"0001_create.down.sql", "DROP TABLE items;\n"},
       {"0002_limit.up.sql",
        "ALTER TABLE items ADD CONSTRAINT items_quantity_max CHECK (quantity <= 1000);\n"},
       {"0002_limit.down.sql", "ALTER TABLE items DROP CONSTRAINT items_quantity_max;\n"},
       {"0002_limit.sqlite.up.sql",
        sqlite_rebuild(", CONSTRAINT items_quantity_max CHECK (quantity <= 1000)")},
       {"0002_limit.sqlite.down.sql", sqlite_rebuild("")}},
      "0002", "2000");
  ASSERT_EQ(runs.size(), 1u);
  const json& r = runs[0];
  EXPECT_EQ(r["status"], "ok") << r["message"];
  EXPECT_EQ(r["rows_loaded"], 2000);
  EXPECT_GT(r["forward_ms"].get<double>(), 0);
  EXPECT_GT(r["reverse_ms"].get<double>(), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, BenchOnEachEngine,
                         ::testing::Values(EngineKind::sqlite, EngineKind::postgres,
                                           EngineKind::mariadb),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible::testing
