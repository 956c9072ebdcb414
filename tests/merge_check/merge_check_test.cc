// `crucible merge-check` on embedded SQLite: what it refuses (not a repository, unknown or
// option-like revisions, a folder missing at a revision, no merge base, links out of the
// folder), a migration cherry-picked onto both sides, and gating with the allow-list.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/merge_check/git_history.h"

namespace crucible {
namespace {

using Files = std::map<std::string, std::string>;
using testing::Completed;

const Files kUsers{{"db/0001_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n"},
                   {"db/0001_users.down.sql", "DROP TABLE users;\n"}};
const Files kOrders{{"db/0002_orders.up.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n"},
                    {"db/0002_orders.down.sql", "DROP TABLE orders;\n"}};
const Files kTags{{"db/0003_tags.up.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n"},
                  {"db/0003_tags.down.sql", "DROP TABLE tags;\n"}};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class MergeCheck : public ::testing::Test {
 protected:
  // A base commit with `base` on main, then `branch` on `feature` and `main_files` on main;
  // `feature` is checked out.
  void two_branches(const Files& base, const Files& main_files, const Files& branch) {
    history_.commit(base, "base");
    history_.git({"checkout", "-q", "-b", "feature"});
    history_.commit(branch, "branch");
    history_.git({"checkout", "-q", "main"});
    history_.commit(main_files, "main");
    history_.git({"checkout", "-q", "feature"});
  }
  Completed check(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{history_.path("db"), "--base", "main"};
    args.insert(args.end(), extra.begin(), extra.end());
    return history_.merge_check(args);
  }
  testing::GitHistory history_;
};

TEST_F(MergeCheck, AFolderOutsideGitIsAnError) {
  testing::TempFolder plain;
  for (const auto& [name, text] : kUsers) plain.write(std::filesystem::path(name).filename(), text);
  Completed run = history_.merge_check({plain.path(), "--base", "main"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output, plain.path() + " is not inside a git working tree")) << run.output;
}

TEST_F(MergeCheck, UnknownAndOptionLikeRevisionsAreErrors) {
  two_branches(kUsers, kOrders, kTags);
  Completed run = check({"--head", "no-such-branch"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output, "--head no-such-branch: no such revision")) << run.output;
  const std::string option = "--output=" + history_.file("x");
  run = history_.merge_check({history_.path("db"), "--base=" + option});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output, "--base '" + option + "': not a git revision")) << run.output;
  EXPECT_FALSE(std::filesystem::exists(history_.file("x")));
}

TEST_F(MergeCheck, AFolderMissingAtTheMergeBaseIsAnError) {
  history_.commit({{"README", "app\n"}}, "base");
  history_.git({"checkout", "-q", "-b", "feature"});
  history_.commit(kUsers, "migrations");
  Completed run = check();
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output, "(db/ in the repository) does not exist at")) << run.output;
}

TEST_F(MergeCheck, BranchesWithoutACommonAncestorAreAnError) {
  history_.commit(kUsers, "main");
  history_.git({"checkout", "-q", "--orphan", "feature"});
  history_.commit(kOrders, "unrelated");
  Completed run = check();
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output, "have no merge base")) << run.output;
}

TEST_F(MergeCheck, ABrokenFolderAtARevisionIsNamedByRevisionNotByTemporaryCopy) {
  two_branches(kUsers, {{"db/notes.sql", "SELECT 1;\n"}}, kTags);
  Completed run = check();
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output, "at main: ")) << run.output;
  EXPECT_TRUE(has(run.output, "notes.sql")) << run.output;
  EXPECT_FALSE(has(run.output, "crucible-merge-")) << run.output;
}

TEST_F(MergeCheck, ALinkOutOfTheFolderIsRefused) {
  two_branches(kUsers, kOrders, kTags);
  std::filesystem::create_symlink("/etc/passwd", history_.path("db/0004_leak.up.sql"));
  history_.git({"add", "-A"});
  history_.git({"commit", "-q", "-m", "link"});
  Completed run = check();
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output, "the symbolic link 0004_leak.up.sql points outside the folder"))
      << run.output;
}

TEST_F(MergeCheck, TheWorkingTreeIsNotWhatIsChecked) {
  two_branches(kUsers, kOrders, kTags);
  // Uncommitted files are no part of either branch.
  history_.write("db/0004_wip.up.sql", "THIS IS NOT SQL;\n");
  Completed run = check();
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(history_.verdicts("forward"), std::vector<std::string>{"sqlite 0003 pass"});
  EXPECT_EQ(history_.git_status(), "?? db/0004_wip.up.sql\n");
  // Nor is the checked-out branch: CI checks out a merge commit and names the head itself.
  history_.git({"checkout", "-q", "main"});
  run = check({"--head", "feature"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(history_.verdicts("forward"), std::vector<std::string>{"sqlite 0003 pass"});
  EXPECT_EQ(history_.verdicts("commute"), std::vector<std::string>{"sqlite 0003 pass"});
}

TEST_F(MergeCheck, AMigrationCherryPickedOntoBothSidesIsNoConflict) {
  Files branch = kOrders;
  branch.insert(kTags.begin(), kTags.end());
  two_branches(kUsers, kOrders, branch);
  Completed run = check();
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(history_.verdicts("version-conflict"), std::vector<std::string>{"git 0003 pass"});
  // The shared 0002 runs once: applied twice, "table orders already exists" would fail both orders.
  EXPECT_EQ(history_.verdicts("commute"), std::vector<std::string>{"sqlite 0003 pass"});
}

TEST_F(MergeCheck, NothingAddedOnMainLeavesOneOrder) {
  two_branches(kUsers, {{"README", "docs only\n"}}, kOrders);
  Completed run = check();
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(has(history_.result("sqlite", "commute")["message"].get<std::string>(),
                  "main added no migrations since the merge base"));
  EXPECT_EQ(history_.verdicts("roundtrip"), std::vector<std::string>{"sqlite 0002 pass"});
}

TEST_F(MergeCheck, TheAllowListAndFailOnGateLikeVerify) {
  two_branches(kUsers, kTags, kOrders);  // the branch's 0002 is below main's 0003
  EXPECT_EQ(check().exit_code, 1);
  EXPECT_EQ(history_.verdicts("out-of-order"), std::vector<std::string>{"git 0002 fail"});
  EXPECT_EQ(check({"--fail-on", "error"}).exit_code, 0);
  std::ofstream(history_.file("allow.toml")) << "[[allow]]\nmigration = \"0002\"\n"
                                                "check = \"out-of-order\"\n"
                                                "reason = \"applied by hand before 0003\"\n";
  Completed run = check({"--allow", history_.file("allow.toml")});
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

// The copies of the three trees live in a temporary folder; Ctrl-C ends the process on the
// signal path, which must remove it as it drops the scratch databases.
TEST_F(MergeCheck, CtrlCRemovesTheTemporaryTrees) {
  two_branches(kUsers, kOrders,
               {{"db/0003_slow.up.sql",
                 "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                 "WHERE x < 2000000000) SELECT count(*) FROM c;\n"},
                {"db/0003_slow.down.sql", "SELECT 1;\n"}});
  testing::TempFolder tmp;
  testing::ChildProcess child({CRUCIBLE_BINARY, "merge-check", history_.path("db"), "--base",
                               "main"},
                              history_.file("child.log"), {{"TMPDIR", tmp.path()}});
  auto trees = [&] {
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(tmp.path()))
      if (entry.path().filename().string().starts_with("crucible-merge-")) found.push_back(entry);
    return found;
  };
  // Wait (generously) until the trees are written and the slow migration runs.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline &&
         (trees().empty() || !std::filesystem::exists(trees().front() / "head" / "0003_slow.up.sql")))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_EQ(trees().size(), 1u) << testing::read_file(history_.file("child.log"));
  child.signal(SIGINT);
  EXPECT_EQ(child.wait(), 130) << testing::read_file(history_.file("child.log"));
  EXPECT_TRUE(trees().empty()) << trees().front();
}

TEST_F(MergeCheck, AnEditedShippedMigrationIsNoted) {
  Files branch = kTags;
  branch["db/0001_users.up.sql"] = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n";
  two_branches(kUsers, kOrders, branch);
  Completed run = check();
  EXPECT_EQ(run.exit_code, 0) << run.output;
  nlohmann::json notes = history_.report()["engines"][0]["notes"];
  EXPECT_TRUE(has(notes.dump(), "HEAD changed 0001, which the merge base already has")) << notes;
}

TEST_F(MergeCheck, VersionsConflictAsTheToolsCompareThem) {
  // golang-migrate reads 2 and 0002 as one version.
  two_branches(kUsers, {{"db/2_orders.up.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n"},
                        {"db/2_orders.down.sql", "DROP TABLE orders;\n"}},
               {{"db/0002_tags.up.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n"},
                {"db/0002_tags.down.sql", "DROP TABLE tags;\n"}});
  Completed run = check();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(history_.verdicts("version-conflict"), std::vector<std::string>{"git 0002 fail"});
}

// Alembic: each side adds a revision on the same parent, so the merged history has two heads
// (`alembic upgrade head` refuses it). Ids are hashes, so no out-of-order verdict: the branch's
// "b2" sorts below main's "c3" and is no defect for that.
TEST_F(MergeCheck, AlembicRevisionsOnOneParentLeaveTwoHeads) {
  const std::string env_py =
      "from alembic import context\n"
      "context.configure(url=context.config.get_main_option('sqlalchemy.url'),\n"
      "                  literal_binds=True)\n"
      "with context.begin_transaction():\n"
      "    context.run_migrations()\n";
  auto revision = [](const std::string& id, const std::string& parent, const std::string& table) {
    return "from alembic import op\nimport sqlalchemy as sa\nrevision = '" + id +
           "'\ndown_revision = " + (parent.empty() ? "None" : "'" + parent + "'") +
           "\n\ndef upgrade():\n    op.create_table('" + table +
           "', sa.Column('id', sa.Integer, primary_key=True))\n\ndef downgrade():\n"
           "    op.drop_table('" + table + "')\n";
  };
  two_branches({{"db/alembic.ini", "[alembic]\nscript_location = migrations\n"
                                   "sqlalchemy.url = driver://\n"},
                {"db/migrations/env.py", env_py},
                {"db/migrations/versions/a1_users.py", revision("a1", "", "users")}},
               {{"db/migrations/versions/c3_orders.py", revision("c3", "a1", "orders")}},
               {{"db/migrations/versions/b2_tags.py", revision("b2", "a1", "tags")}});
  Completed run = check();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(history_.verdicts("heads"), std::vector<std::string>{"git b2 fail"}) << run.output;
  EXPECT_TRUE(has(history_.result("git", "heads")["message"].get<std::string>(),
                  "after the merge there are 2 heads: b2, c3"));
  EXPECT_EQ(history_.verdicts("out-of-order"), std::vector<std::string>{"git b2 skip"});
  // Both orders create the two tables: they commute.
  EXPECT_EQ(history_.verdicts("commute"), std::vector<std::string>{"sqlite b2 pass"});
}

TEST_F(MergeCheck, ABranchVersionBelowTheMergeBasesNewestIsOutOfOrder) {
  Files base = kUsers;
  base.insert(kTags.begin(), kTags.end());  // 0001 and 0003 shipped
  two_branches(base, {{"README", "docs\n"}}, kOrders);
  Completed run = check();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(history_.verdicts("out-of-order"), std::vector<std::string>{"git 0002 fail"});
  EXPECT_TRUE(has(history_.result("git", "out-of-order")["message"].get<std::string>(),
                  "0002 sorts before 0003, which the merge base already has"));
}

}  // namespace
}  // namespace crucible
