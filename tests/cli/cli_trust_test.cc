// issue 13 end to end through the crucible binary: signals drop what a run created and exit
// 128 + the signal, `cleanup --drop` leaves live runs alone, SQLite statement timeouts and
// containment, and the messages for bad commands and flags.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "harness/engines/engine.h"
#include "harness/engines/scratch.h"
#include "tests/support/child_process.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

Completed crucible(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) {
  args.insert(args.begin(), CRUCIBLE_BINARY);
  return run_to_completion(args, env);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A private folder (with its own TMPDIR, so the SQLite scratch folder is ours alone), removed at
// the end of the test.
struct TempFolder {
  fs::path path = fs::temp_directory_path() /
                  ("crucible-trust-test-" + std::to_string(::getpid()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::path tmp = path / "tmp";
  fs::path scratch = tmp / "crucible-sqlite";
  TempFolder() {
    fs::remove_all(path);
    fs::create_directories(path / "m");
    fs::create_directories(tmp);
  }
  ~TempFolder() { fs::remove_all(path); }
  std::string migrations() const { return (path / "m").string(); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / "m" / name) << text;
  }
  std::map<std::string, std::string> env() const { return {{"TMPDIR", tmp.string()}}; }
  std::vector<std::string> scratch_files() const {
    std::vector<std::string> names;
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(scratch, ignored))
      names.push_back(entry.path().filename().string());
    return names;
  }
  // The run id of a live run, from its lock file; "" when there is none (yet).
  std::string run_id() const {
    for (const std::string& name : scratch_files())
      if (name.starts_with("crucible_") && name.ends_with(".lock")) return name.substr(9, 8);
    return "";
  }
};

// Waits (bounded, generous for a loaded machine) until `ready` holds; false if it never did.
template <typename Ready>
bool wait_for(Ready ready, std::chrono::milliseconds limit = 60s) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (!ready()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

constexpr const char* kSlowSqlite =
    "CREATE TABLE t (id INT);\n"
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000000) "
    "SELECT count(*) FROM c;\n";

void write_slow_migration(const TempFolder& folder) {
  folder.write("0001_slow.up.sql", kSlowSqlite);
  folder.write("0001_slow.down.sql", "DROP TABLE t;\n");
  folder.write("0001_slow.postgres.up.sql", "CREATE TABLE t (id INT);\nSELECT pg_sleep(120);\n");
  folder.write("0001_slow.mysql.up.sql", "CREATE TABLE t (id INT);\nSELECT SLEEP(120);\n");
}

// --- CLI messages ---

TEST(CliMessages, AnUnknownCommandIsNamedWithTheCommands) {
  Completed run = crucible({"verfy", "migrations"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(run.output, "unknown command 'verfy'; commands: verify, ")) << run.output;
  EXPECT_FALSE(contains(run.output, "A subcommand is required")) << run.output;
}

TEST(CliMessages, DataRowsBelowOneIsRefusedInWords) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "CREATE TABLE a (id INT);");
  folder.write("0001_a.down.sql", "DROP TABLE a;");
  Completed run = crucible({"verify", folder.migrations(), "--data", "--data-rows", "0"}, folder.env());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(contains(run.output, "--data-rows: must be at least 1")) << run.output;
  EXPECT_FALSE(contains(run.output, "1.79")) << run.output;
}

TEST(CliMessages, ASeedOutOfRangeIsRefusedNotClamped) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "CREATE TABLE a (id INT);");
  folder.write("0001_a.down.sql", "DROP TABLE a;");
  for (std::string seed : {"99999999999999999999999", "-1", "12abc"}) {
    Completed run = crucible({"verify", folder.migrations(), "--seed", seed}, folder.env());
    EXPECT_EQ(run.exit_code, 2) << seed << "\n" << run.output;
    EXPECT_TRUE(contains(run.output, "--seed: must be a whole number")) << run.output;
    EXPECT_TRUE(contains(run.output, "0 to 18446744073709551615")) << run.output;
  }
  EXPECT_EQ(crucible({"verify", folder.migrations(), "--seed", "18446744073709551615", "-q"},
                     folder.env()).exit_code, 0);
}

// --- SQLite through the binary ---

TEST(CliSqlite, AnEndlessStatementIsAnErrorNamingTheTimeout) {
  TempFolder folder;
  folder.write("0001_endless.up.sql",
               "CREATE TABLE t (id INT);\n"
               "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;\n");
  folder.write("0001_endless.down.sql", "DROP TABLE t;\n");
  Completed run = crucible({"verify", folder.migrations(), "--statement-timeout", "1s"}, folder.env());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(contains(run.output, "1 s (--statement-timeout)")) << run.output;
  EXPECT_TRUE(contains(run.output, "0001_endless.up.sql:2")) << run.output;
  EXPECT_TRUE(folder.scratch_files().empty());
}

TEST(CliSqlite, AttachIsAnErrorAndTheOtherFileIsNotTouched) {
  TempFolder folder;
  fs::path victim = folder.path / "victim.db";
  folder.write("0001_escape.up.sql", "CREATE TABLE t (id INT);\nATTACH '" + victim.string() +
                                         "' AS v;\nCREATE TABLE v.stolen (x INT);\n");
  folder.write("0001_escape.down.sql", "DROP TABLE t;\n");
  Completed run = crucible({"verify", folder.migrations()}, folder.env());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(contains(run.output, "Crucible refuses ATTACH of '" + victim.string() + "'")) << run.output;
  EXPECT_TRUE(contains(run.output, "0001_escape.up.sql:2")) << run.output;
  EXPECT_FALSE(fs::exists(victim));
}

// --- Signals ---

int expected_code(int signo) { return 128 + signo; }

// Starts a slow run, sends `signo` once `when` returns true (or at once), and checks the exit
// code, that nothing of the run is left in the scratch folder, and that no report was printed.
void interrupt_sqlite_run(int signo, const std::function<bool(const TempFolder&)>& when,
                          const std::string& label) {
  SCOPED_TRACE(label);
  TempFolder folder;
  write_slow_migration(folder);
  fs::path out = folder.path / "out.txt";
  ChildProcess child({CRUCIBLE_BINARY, "verify", folder.migrations()}, out.string(), folder.env());
  ASSERT_TRUE(wait_for([&] { return when(folder); })) << label << ": never got there";
  child.signal(signo);
  EXPECT_EQ(child.wait(), expected_code(signo));
  EXPECT_TRUE(folder.scratch_files().empty())
      << "left: " << (folder.scratch_files().empty() ? "" : folder.scratch_files()[0]);
  std::string output = read_file(out.string());
  EXPECT_FALSE(contains(output, "passed,")) << output;  // no report from a run cut short
}

TEST(CliSignals, EachSignalAtEachPointOfASqliteRunExitsWithItsCodeAndLeavesNothing) {
  for (int signo : {SIGINT, SIGTERM, SIGHUP}) {
    std::string name = strsignal(signo);
    interrupt_sqlite_run(signo, [](const TempFolder&) { return true; }, name + " at once");
    auto started = std::chrono::steady_clock::now();
    interrupt_sqlite_run(signo, [&](const TempFolder&) {
      return std::chrono::steady_clock::now() - started > 50ms;
    }, name + " after 50 ms");
    interrupt_sqlite_run(signo, [](const TempFolder& f) { return !f.run_id().empty(); },
                         name + " as the run locks its folder");
    interrupt_sqlite_run(signo, [](const TempFolder& f) { return f.scratch_files().size() >= 2; },
                         name + " once a scratch file exists");
    auto found = std::chrono::steady_clock::time_point::max();
    interrupt_sqlite_run(signo, [&](const TempFolder& f) {
      if (f.scratch_files().size() >= 2 && found == std::chrono::steady_clock::time_point::max())
        found = std::chrono::steady_clock::now();
      return std::chrono::steady_clock::now() - found > 500ms;
    }, name + " during the slow statement");
  }
}

TEST(CliSignals, ASecondSignalDuringTheCleanupChangesNothing) {
  TempFolder folder;
  write_slow_migration(folder);
  fs::path out = folder.path / "out.txt";
  ChildProcess child({CRUCIBLE_BINARY, "verify", folder.migrations()}, out.string(), folder.env());
  ASSERT_TRUE(wait_for([&] { return folder.scratch_files().size() >= 2; }));
  child.signal(SIGTERM);
  // Once the cleanup started (the process may already have ended: a zombie takes the signals).
  wait_for([&] { return contains(read_file(out.string()), "interrupted"); });
  child.signal(SIGINT);
  child.signal(SIGINT);
  EXPECT_EQ(child.wait(), 143);  // the first signal decides
  EXPECT_TRUE(folder.scratch_files().empty());
}

// PostgreSQL and MariaDB beside SQLite in one run: the SQLite lock file names the run, so the
// test can look for exactly that run's databases afterwards while others use the servers.
void interrupt_server_run(EngineKind kind, const std::string& engine_flag) {
  auto engine = live_engine(kind);
  if (!engine) return;
  for (auto delay : {0ms, 200ms, 600ms, 1500ms, 3000ms}) {
    SCOPED_TRACE(engine_flag + " SIGINT after " + std::to_string(delay.count()) + " ms");
    TempFolder folder;
    write_slow_migration(folder);
    fs::path out = folder.path / "out.txt";
    ChildProcess child({CRUCIBLE_BINARY, "verify", folder.migrations(), "--engine", "sqlite",
                        "--engine", engine_flag}, out.string(), folder.env());
    std::string run;
    auto until = std::chrono::steady_clock::now() + delay;
    while (std::chrono::steady_clock::now() < until || (delay > 0ms && run.empty())) {
      if (run.empty()) run = folder.run_id();
      std::this_thread::sleep_for(5ms);
      if (std::chrono::steady_clock::now() > until + 60s) break;
    }
    child.signal(SIGINT);
    EXPECT_EQ(child.wait(), 130);
    std::string output = read_file(out.string());
    EXPECT_FALSE(contains(output, "lost the connection")) << output;
    EXPECT_FALSE(contains(output, "passed,")) << output;
    EXPECT_TRUE(folder.scratch_files().empty());
    if (run.empty()) continue;  // signalled before the run had a name: nothing to look for
    for (const std::string& name : engine->list_leftovers())
      EXPECT_NE(run_id_of(name), run) << name << " was left behind";
  }
}

TEST(CliSignals, InterruptsOnPostgresDropItsScratchDatabases) {
  interrupt_server_run(EngineKind::postgres, "postgres");
}

TEST(CliSignals, InterruptsOnMariadbDropItsScratchDatabases) {
  interrupt_server_run(EngineKind::mariadb, "mariadb");
}

// --- cleanup ---

TEST(CliCleanup, DropLeavesALiveRunAloneAndDropsADeadOne) {
  TempFolder folder;
  write_slow_migration(folder);
  ChildProcess live({CRUCIBLE_BINARY, "verify", folder.migrations()},
                    (folder.path / "out.txt").string(), folder.env());
  ASSERT_TRUE(wait_for([&] { return folder.scratch_files().size() >= 2; }));
  std::string run = folder.run_id();
  ASSERT_FALSE(run.empty());
  // A crashed run: its files and a lock file nobody holds.
  std::ofstream(folder.scratch / "crucible_0badf00d_1.db") << "";
  std::ofstream(folder.scratch / "crucible_0badf00d.lock") << "";

  Completed cleanup = crucible({"cleanup", "--drop"}, folder.env());
  EXPECT_EQ(cleanup.exit_code, 0) << cleanup.output;
  EXPECT_TRUE(contains(cleanup.output, "sqlite crucible_0badf00d_1 dropped")) << cleanup.output;
  EXPECT_TRUE(contains(cleanup.output, "crucible_" + run + "_1 left alone: in use by a running crucible"))
      << cleanup.output;
  EXPECT_TRUE(fs::exists(folder.scratch / ("crucible_" + run + "_1.db")));
  EXPECT_FALSE(fs::exists(folder.scratch / "crucible_0badf00d_1.db"));
  EXPECT_FALSE(fs::exists(folder.scratch / "crucible_0badf00d.lock"));

  live.signal(SIGINT);
  EXPECT_EQ(live.wait(), 130);
  EXPECT_TRUE(folder.scratch_files().empty());
}

}  // namespace
}  // namespace crucible::testing
