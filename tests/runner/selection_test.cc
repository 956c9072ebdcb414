#include "runner/selection.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "harness/loaders/loader.h"
#include "tests/support/crucible_binary.h"
#include "tests/support/spawn.h"

namespace crucible {
namespace {

std::vector<std::string> versions(int n) {
  std::vector<std::string> v;
  for (int i = 1; i <= n; ++i) v.push_back(fmt::format("{:04}", i));
  return v;
}

std::string shard_error(const std::string& spec) {
  try {
    parse_shard(spec);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Shard, Parses) {
  Shard shard = parse_shard("2/4");
  EXPECT_EQ(shard.index, 2);
  EXPECT_EQ(shard.count, 4);
  for (const char* bad : {"0/4", "5/4", "1/0", "x", "1/", "/2", "-1/2", "1/2/3", " 1/2"})
    EXPECT_EQ(shard_error(bad), fmt::format("--shard {}: expected K/N with 1 <= K <= N, e.g. 2/4", bad));
}

TEST(Shard, ShardsPartitionTheMigrationsExactly) {
  for (int n_versions : {0, 1, 5, 13, 40})
    for (int count = 1; count <= 7; ++count) {
      std::vector<std::string> all = versions(n_versions), together;
      for (int index = 1; index <= count; ++index) {
        auto mine = shard_versions(all, {index, count});
        EXPECT_LE(mine.size(), all.size() / count + 1);
        together.insert(together.end(), mine.begin(), mine.end());
      }
      std::sort(together.begin(), together.end());
      EXPECT_EQ(together, all) << n_versions << " in " << count;
    }
  EXPECT_EQ(shard_versions(versions(7), {2, 3}), (std::vector<std::string>{"0002", "0005"}));
}

TEST(ChangedSince, MapsFilesToTheFirstChangedMigrationAndAllAfter) {
  MigrationSet set = load_migrations(testing::mixed_fixture(), {EngineKind::sqlite});
  EXPECT_TRUE(versions_from_first_change(set, {}).empty());
  EXPECT_TRUE(versions_from_first_change(set, {"README.md"}).empty());
  EXPECT_EQ(versions_from_first_change(set, {"0005_add_user_flag.up.sql"}),
            (std::vector<std::string>{"0005", "0006"}));
  EXPECT_EQ(versions_from_first_change(set, {"0006_report_markup.down.sql", "./0003_create_audit.up.sql"}),
            (std::vector<std::string>{"0003", "0004", "0005", "0006"}));
  // A variant for an engine not being verified still belongs to its migration.
  EXPECT_EQ(versions_from_first_change(set, {"0004_create_settings.postgres.up.sql"}),
            (std::vector<std::string>{"0004", "0005", "0006"}));
  // A deleted migration changes history: everything.
  EXPECT_EQ(versions_from_first_change(set, {"0009_dropped.up.sql"}).size(), 6u);
}

TEST(ChangedSince, EveryFileThatCanChangeARunCounts) {
  MigrationSet set = load_migrations(testing::mixed_fixture(), {EngineKind::sqlite});
  // A goose Go migration and a folder migration's metadata.toml belong to their migration.
  EXPECT_EQ(versions_from_first_change(set, {"0005_add_user_flag.go"}),
            (std::vector<std::string>{"0005", "0006"}));
  EXPECT_EQ(versions_from_first_change(set, {"0004_create_settings/metadata.toml"}),
            (std::vector<std::string>{"0004", "0005", "0006"}));
  // A shared file (a plan, a macro library, a config) can change every migration.
  EXPECT_EQ(versions_from_first_change(set, {"sqitch.plan"}).size(), 6u);
  EXPECT_EQ(versions_from_first_change(set, {"lib/database.lua"}).size(), 6u);
  // Notes cannot.
  EXPECT_TRUE(versions_from_first_change(set, {"NOTES.txt", "docs/why.md", ".gitkeep"}).empty());
}

class GitRepo : public ::testing::Test {
 protected:
  void git(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"/usr/bin/git", "-C", repo_.path(), "-c", "user.name=t",
                                  "-c", "user.email=t@example.com"};
    argv.insert(argv.end(), args.begin(), args.end());
    ASSERT_EQ(scenario::run_logged(argv, repo_ / "git.log"), 0) << testing::read_file(repo_ / "git.log");
  }
  testing::TempFolder repo_;
};

TEST_F(GitRepo, ChangedFilesAreRelativeToTheMigrationsFolder) {
  if (!std::filesystem::exists("/usr/bin/git")) GTEST_SKIP() << "no git";
  std::filesystem::create_directories(repo_ / "db/migrations");
  repo_.write("db/migrations/0001_a.up.sql", "CREATE TABLE a (x INTEGER);\n");
  repo_.write("db/migrations/0002_b.up.sql", "CREATE TABLE b (x INTEGER);\n");
  repo_.write("other.txt", "x\n");
  git({"init", "-q"});
  git({"add", "db", "other.txt"});
  git({"commit", "-q", "-m", "base"});
  repo_.write("db/migrations/0002_b.up.sql", "CREATE TABLE b (y INTEGER);\n");
  repo_.write("db/migrations/0003_c.up.sql", "CREATE TABLE c (x INTEGER);\n");  // untracked
  repo_.write("other.txt", "changed outside the folder\n");
  std::vector<std::string> files = changed_files(repo_ / "db/migrations", "HEAD");
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"0002_b.up.sql", "0003_c.up.sql"}));
}

TEST_F(GitRepo, BadRevisionsAreClearErrors) {
  git({"init", "-q"});
  try {
    changed_files(repo_.path(), "no-such-rev");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    // git's own reason, not only that it failed.
    EXPECT_EQ(std::string(e.what()),
              "git diff failed in " + repo_.path() + ": fatal: bad revision 'no-such-rev'");
  }
  EXPECT_THROW(changed_files(repo_.path(), "--output=/tmp/x"), Error);
}

}  // namespace
}  // namespace crucible
