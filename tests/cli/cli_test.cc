// The crucible binary end to end, as a user or a CI job runs it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/support/child_process.h"

namespace crucible::testing {
namespace {

namespace fs = std::filesystem;

std::string source(const std::string& relative) {
  return std::string(CRUCIBLE_SOURCE) + "/" + relative;
}

Completed crucible(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) {
  args.insert(args.begin(), CRUCIBLE_BINARY);
  return run_to_completion(args, env);
}

// A private folder, removed at the end of the test.
struct TempFolder {
  fs::path path = fs::temp_directory_path() /
                  ("crucible-cli-test-" + std::to_string(::getpid()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  TempFolder() { fs::create_directories(path); }
  ~TempFolder() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

// The data check is on by default: 13 `data` results (0001 and 0012 skip with the reason).
TEST(Cli, BundledMigrationsPassOnEmbeddedSqlite) {
  Completed run = crucible({"verify", source("migrations/sql/app")});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("63 passed, 0 failed, 0 errors, 2 skipped"), std::string::npos) << run.output;
}

// --no-data turns it off; --data, once needed to turn it on, is still accepted.
TEST(Cli, NoDataTurnsTheDataCheckOff) {
  Completed off = crucible({"verify", source("migrations/sql/app"), "--no-data"});
  EXPECT_EQ(off.exit_code, 0) << off.output;
  EXPECT_NE(off.output.find("52 passed, 0 failed, 0 errors, 0 skipped"), std::string::npos) << off.output;
  Completed on = crucible({"verify", source("migrations/sql/app"), "--data"});
  EXPECT_EQ(on.exit_code, 0) << on.output;
  EXPECT_NE(on.output.find("63 passed, 0 failed, 0 errors, 2 skipped"), std::string::npos) << on.output;
}

TEST(Cli, AFailingCheckExitsWithOne) {
  Completed run = crucible({"verify", source("scenarios/down_forgets_index"), "--engine", "sqlite"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("present after reverse, absent before forward"), std::string::npos)
      << run.output;
}

TEST(Cli, UsageAndConfigurationErrorsExitWithTwo) {
  TempFolder folder;
  EXPECT_EQ(crucible({}).exit_code, 2);
  EXPECT_EQ(crucible({"verify"}).exit_code, 2);
  EXPECT_EQ(crucible({"verify", "/no/such/folder"}).exit_code, 2);
  Completed bad_engine = crucible({"verify", source("migrations/sql/app"), "--engine", "oracle"});
  EXPECT_EQ(bad_engine.exit_code, 2);
  EXPECT_NE(bad_engine.output.find("unknown engine 'oracle'"), std::string::npos);
  folder.write("1_a.sql", "-- +goose Up\nCREATE TABLE a (id INT);\n");
  Completed goose = crucible({"verify", folder.path.string(), "--format", "sql"});
  EXPECT_EQ(goose.exit_code, 2);
  EXPECT_NE(goose.output.find("recognised goose migrations"), std::string::npos) << goose.output;
  EXPECT_NE(goose.output.find("--format goose"), std::string::npos) << goose.output;
}

// Two ups for one version are that version's defect: exit 1, both files named, the rest verified.
TEST(Cli, ADefectiveVersionIsAnErrorResultNotAStop) {
  TempFolder folder;
  folder.write("1_a.up.sql", "CREATE TABLE a (id INT);");
  folder.write("1_b.up.sql", "CREATE TABLE b (id INT);");
  folder.write("2_c.up.sql", "CREATE TABLE c (id INT);");
  folder.write("2_c.down.sql", "DROP TABLE c;");
  Completed run = crucible({"verify", folder.path.string()});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("2 up scripts of version 1 for every engine: 1_a.up.sql, 1_b.up.sql"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("4 passed"), std::string::npos) << run.output;
}

TEST(Cli, AnUnreachableServerIsExitTwoAndThePasswordIsNeverPrinted) {
  TempFolder folder;
  std::string json = (folder.path / "report.json").string();
  Completed run = crucible({"verify", source("migrations/sql/app"), "--engine",
                            "postgres=postgresql://crucible:Sw0rdf1sh@127.0.0.1:1/postgres",
                            "--json", json});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output.find("Sw0rdf1sh"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("postgresql://crucible:***@127.0.0.1:1/postgres"), std::string::npos);
  EXPECT_EQ(read_file(json).find("Sw0rdf1sh"), std::string::npos);
}

TEST(Cli, SnapshotThenDiff) {
  TempFolder folder;
  std::string db_path = (folder.path / "app.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL)", nullptr, nullptr, nullptr);
  std::string a = (folder.path / "a.json").string(), b = (folder.path / "b.json").string();
  EXPECT_EQ(crucible({"snapshot", "--database", db_path, "--json", a}).exit_code, 0);
  sqlite3_exec(db, "CREATE INDEX users_email ON users(email)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(crucible({"snapshot", "--engine", "sqlite", "--database", db_path, "--json", b}).exit_code, 0);
  EXPECT_EQ(crucible({"diff", a, a}).exit_code, 0);
  Completed diff = crucible({"diff", a, b});
  EXPECT_EQ(diff.exit_code, 1);
  EXPECT_NE(diff.output.find("index users_email on users: present in"), std::string::npos) << diff.output;
}

TEST(Cli, InterruptDropsTheScratchDatabases) {
  TempFolder folder;
  fs::path tmp = folder.path / "tmp";
  fs::create_directories(tmp);
  // A forward that keeps SQLite busy for many seconds.
  folder.write("0001_slow.up.sql",
               "CREATE TABLE t (id INT);\n"
               "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) "
               "SELECT count(*) FROM c;");
  folder.write("0001_slow.down.sql", "DROP TABLE t;");
  ChildProcess child({CRUCIBLE_BINARY, "verify", folder.path.string()},
                     (folder.path / "out.txt").string(), {{"TMPDIR", tmp.string()}});
  fs::path scratch_dir = tmp / "crucible-sqlite";
  auto scratch_files = [&] {
    int n = 0;
    if (fs::exists(scratch_dir))
      for (const auto& entry : fs::directory_iterator(scratch_dir)) n += entry.path().extension() == ".db";
    return n;
  };
  for (int i = 0; i < 100 && scratch_files() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_GT(scratch_files(), 0) << "the run never created its scratch database";
  child.signal(SIGINT);
  EXPECT_EQ(child.wait(), 130);
  EXPECT_EQ(scratch_files(), 0);
  EXPECT_NE(read_file((folder.path / "out.txt").string()).find("interrupted"), std::string::npos);
}

}  // namespace
}  // namespace crucible::testing
