// No output of `crucible` ever holds a password: not the terminal, not a report file, not a
// message an engine or a migration produced, whatever shape the DSN had.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

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
                  ("crucible-secrets-test-" + std::to_string(::getpid()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Folder() { fs::create_directories(path / "migrations"); }
  ~Folder() { fs::remove_all(path); }
  void migration(const std::string& name, const std::string& text) const {
    std::ofstream(path / "migrations" / name) << text;
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

// Every report format, written by one run.
std::vector<std::string> report_flags(const Folder& folder) {
  return {"--json", folder.file("r.json"), "--junit", folder.file("r.xml"),
          "--sarif", folder.file("r.sarif"), "--markdown", folder.file("r.md"),
          "--html", folder.file("r.html")};
}

void expect_nowhere(const std::string& secret, const Completed& run, const Folder& folder) {
  EXPECT_EQ(run.output.find(secret), std::string::npos) << run.output;
  for (const char* name : {"r.json", "r.xml", "r.sarif", "r.md", "r.html"})
    if (fs::exists(folder.file(name))) {
      EXPECT_EQ(read_file(folder.file(name)).find(secret), std::string::npos) << name;
    }
}

// A SQLite trigger's RAISE message is the engine's error text, echoed into every report with the
// statement that fired it: the secret must be masked there too.
TEST(Secrets, ACredentialAMigrationEchoesIsMaskedInEveryReport) {
  Folder folder;
  folder.migration("1_leak.up.sql",
                   "CREATE TABLE t (x INT);\n"
                   "CREATE TRIGGER leak BEFORE INSERT ON t BEGIN\n"
                   "  SELECT RAISE(ABORT, 'postgresql://app:Qw3rtyLeak@db.internal/app');\n"
                   "END;\n"
                   "INSERT INTO t VALUES (1); -- password=Qw3rtyLeak2\n");
  folder.migration("1_leak.down.sql", "DROP TABLE t;\n");
  std::vector<std::string> args = {"verify", folder.file("migrations"), "--engine", "sqlite"};
  for (const std::string& flag : report_flags(folder)) args.push_back(flag);
  Completed run = crucible(args);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("postgresql://app:***@db.internal/app"), std::string::npos) << run.output;
  expect_nowhere("Qw3rtyLeak", run, folder);
}

// A password Crucible knows from $CRUCIBLE_*_URL is masked even when a migration extracted it
// from the DSN and it appears alone.
TEST(Secrets, AKnownPasswordIsMaskedEvenWithoutItsDsn) {
  Folder folder;
  folder.migration("1_leak.up.sql",
                   "CREATE TABLE t (x INT);\n"
                   "CREATE TRIGGER leak BEFORE INSERT ON t BEGIN\n"
                   "  SELECT RAISE(ABORT, 'got Zx9KnownSecret from the environment');\n"
                   "END;\n"
                   "INSERT INTO t VALUES (1);\n");
  folder.migration("1_leak.down.sql", "DROP TABLE t;\n");
  std::vector<std::string> args = {"verify", folder.file("migrations"), "--engine", "sqlite"};
  for (const std::string& flag : report_flags(folder)) args.push_back(flag);
  Completed run = crucible(
      args, {{"CRUCIBLE_POSTGRES_URL", "postgresql://crucible:Zx9KnownSecret@127.0.0.1:1/postgres"}});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("got *** from the environment"), std::string::npos) << run.output;
  expect_nowhere("Zx9KnownSecret", run, folder);
}

TEST(Secrets, MalformedDsnsAreRefusedWithoutEchoingThePassword) {
  Folder folder;
  folder.migration("1_a.up.sql", "CREATE TABLE a (id INT);\n");
  folder.migration("1_a.down.sql", "DROP TABLE a;\n");
  for (const std::string dsn :
       {"postgresql:crucible:Hunter2Pw@127.0.0.1/postgres",
        "postgresql://crucible:p@ssHunter2Pw@127.0.0.1:54x/postgres",
        "postgresql://crucible:Hunter2Pw@127.0.0.1:99999999999/postgres",
        "postgresql://127.0.0.1:1/postgres?user=crucible&password=Hunter2Pw"}) {
    Completed run = crucible({"verify", folder.file("migrations"), "--engine", "postgres=" + dsn,
                              "--json", folder.file("r.json")});
    EXPECT_EQ(run.exit_code, 2) << dsn << "\n" << run.output;
    EXPECT_EQ(run.output.find("Hunter2Pw"), std::string::npos) << run.output;
    if (fs::exists(folder.file("r.json"))) {
      EXPECT_EQ(read_file(folder.file("r.json")).find("Hunter2Pw"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace crucible::testing
