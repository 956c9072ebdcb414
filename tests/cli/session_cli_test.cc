// --session and the SQLite library as users meet them: `crucible verify` end to end on the
// embedded engine (issue 20 items 4 and 6).
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/support/child_process.h"

namespace crucible::testing {
namespace {

namespace fs = std::filesystem;

Completed crucible(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) {
  args.insert(args.begin(), CRUCIBLE_BINARY);
  return run_to_completion(args, env);
}

struct Folder {
  fs::path path = fs::temp_directory_path() /
                  ("crucible-session-test-" + std::to_string(::getpid()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Folder() { fs::create_directories(path / "migrations"); }
  ~Folder() { fs::remove_all(path); }
  // One migration whose forward script breaks a foreign key: it passes unless the session
  // turns enforcement on.
  std::string migrations() const {
    std::ofstream(path / "migrations/0001_orphan.up.sql")
        << "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
           "CREATE TABLE c (p INTEGER REFERENCES p (id));\n"
           "INSERT INTO c VALUES (5);\n";
    std::ofstream(path / "migrations/0001_orphan.down.sql") << "DROP TABLE c;\nDROP TABLE p;\n";
    return (path / "migrations").string();
  }
};

// Scratch files are thrown away, so verify's commits do not wait for the disk (PRAGMA synchronous
// is 0 there, which this migration's CHECK refuses); the user's --session comes after and may say
// otherwise; `crucible bench` times migrations with SQLite's own durability.
TEST(CliSession, VerifyCommitsWithoutWaitingForTheDiskBenchAsTheEngineDoes) {
  Folder folder;
  std::ofstream(folder.path / "migrations/0001_probe.up.sql")
      << "CREATE TABLE probe (s INTEGER CHECK (s > 0));\n"
         "INSERT INTO probe SELECT synchronous FROM pragma_synchronous;\n";
  std::ofstream(folder.path / "migrations/0001_probe.down.sql") << "DROP TABLE probe;\n";
  std::string migrations = (folder.path / "migrations").string();
  Completed verify = crucible({"verify", migrations, "--no-data"});
  EXPECT_EQ(verify.exit_code, 1) << verify.output;
  EXPECT_NE(verify.output.find("CHECK constraint failed"), std::string::npos) << verify.output;
  Completed durable = crucible({"verify", "--session", "PRAGMA synchronous = FULL", migrations,
                                "--no-data"});
  EXPECT_EQ(durable.exit_code, 0) << durable.output;
  Completed bench = crucible({"bench", migrations, "--rows", "10"});
  EXPECT_EQ(bench.exit_code, 0) << bench.output;
  EXPECT_NE(bench.output.find("1 runs, 0 errors"), std::string::npos) << bench.output;
}

TEST(CliSession, StatementsRunOnMigrationConnectionsAndAreReported) {
  Folder folder;
  std::string migrations = folder.migrations();
  EXPECT_EQ(crucible({"verify", migrations}).exit_code, 0);
  std::string json_file = (folder.path / "report.json").string();
  // The option comes before the folder: it takes exactly one value.
  Completed run = crucible({"verify", "--session", "PRAGMA foreign_keys = ON", migrations,
                            "--json", json_file});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("FOREIGN KEY constraint failed"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("session: PRAGMA foreign_keys = ON"), std::string::npos) << run.output;
  nlohmann::json report = nlohmann::json::parse(read_file(json_file));
  EXPECT_EQ(report["engines"][0]["session"], (nlohmann::json{"PRAGMA foreign_keys = ON"}));
}

TEST(CliSession, PerEngineStatementsAndMistakes) {
  Folder folder;
  std::string migrations = folder.migrations();
  Completed scoped = crucible({"verify", migrations, "--session", "sqlite=PRAGMA foreign_keys = ON"});
  EXPECT_EQ(scoped.exit_code, 1) << scoped.output;
  Completed other = crucible({"verify", migrations, "--session", "postgres=SET lock_timeout = '1s'"});
  EXPECT_EQ(other.exit_code, 2) << other.output;
  EXPECT_NE(other.output.find("postgres is not among the engines"), std::string::npos) << other.output;
  Completed failing = crucible({"verify", migrations, "--session", "SELECT no_such_function()"});
  EXPECT_NE(failing.exit_code, 0) << failing.output;
  EXPECT_NE(failing.output.find("session statement failed"), std::string::npos) << failing.output;
  Completed unknown = crucible({"verify", migrations, "--engine", "sqlite=sqlite:?foreign_key=on"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_NE(unknown.output.find("unknown DSN parameter 'foreign_key'"), std::string::npos)
      << unknown.output;
}

std::string loaded_sqlite() {
  Dl_info info{};
  dladdr(reinterpret_cast<void*>(&sqlite3_libversion), &info);
  return info.dli_fname ? info.dli_fname : "";
}

TEST(CliSqliteLibrary, ARequestedLibraryRunsOnlyWhenTheLinkerLoadedIt) {
  Folder folder;
  std::string migrations = folder.migrations();
  fs::path lib = folder.path / "lib";
  fs::create_directories(lib);
  fs::copy_file(loaded_sqlite(), lib / "libsqlite3.so.0");
  std::string wanted = (lib / "libsqlite3.so.0").string();
  Completed refused = crucible({"verify", migrations}, {{"CRUCIBLE_SQLITE_LIB", wanted}});
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("LD_LIBRARY_PATH=" + lib.string()), std::string::npos)
      << refused.output;
  Completed used = crucible({"verify", migrations},
                            {{"CRUCIBLE_SQLITE_LIB", wanted}, {"LD_LIBRARY_PATH", lib.string()}});
  EXPECT_EQ(used.exit_code, 0) << used.output;
  EXPECT_NE(used.output.find(sqlite3_libversion()), std::string::npos) << used.output;
}

}  // namespace
}  // namespace crucible::testing
