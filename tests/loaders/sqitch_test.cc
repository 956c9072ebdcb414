// sqitch projects read as sqitch reads them: the plan's pragmas, dependencies, tags and reworks,
// sqitch.conf's engine and folders, the deploy/revert/verify scripts of each change, and clear
// errors naming the file and line.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/common/error.h"
#include "harness/loaders/loader.h"
#include "harness/loaders/sqitch_config.h"
#include "harness/loaders/sqitch_plan.h"
#include "loader_testing.h"
#include "temp_folder.h"

namespace crucible {
namespace {

using loaders::parse_sqitch_plan;
using loaders::SqitchPlan;
using testing::TempFolder;
using testing::error_of;
using testing::scripts;
using testing::texts;
using testing::versions;

const std::vector<EngineKind> kEngines = {EngineKind::sqlite, EngineKind::postgres,
                                          EngineKind::mariadb};

// Writes `file` under the folder, creating its subfolders.
void put(const TempFolder& folder, const std::string& file, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(folder / file).parent_path());
  folder.write(file, text);
}

const char* kHeader = "%syntax-version=1.0.0\n%project=shop\n%uri=https://example.com/shop\n\n";

std::string plan(const std::string& body) { return kHeader + body; }

// --- the plan ---------------------------------------------------------------------------------

TEST(SqitchPlan, PragmasChangesDependenciesTagsAndNotes) {
  SqitchPlan p = parse_sqitch_plan(plan(
      "# a comment line\n"
      "schema 2024-01-01T10:00:00Z Ann Lee <ann@example.com> # Add schema\n"
      "users [schema] 2024-01-02T10:00:00Z Ann Lee <ann@example.com> # Add users\n"
      "@v1.0 2024-01-03T10:00:00Z Ann Lee <ann@example.com> # First release\n"
      "\n"
      "orders [users @v1.0 !legacy_orders auth:accounts] 2024-01-04T10:00:00Z Bo <bo@x.org>\n"),
      "sqitch.plan");
  EXPECT_EQ(p.project(), "shop");
  EXPECT_EQ(p.pragmas.at("uri"), "https://example.com/shop");
  EXPECT_EQ(p.pragmas.at("syntax-version"), "1.0.0");
  ASSERT_EQ(p.changes.size(), 3u);
  EXPECT_EQ(p.changes[0].name, "schema");
  EXPECT_EQ(p.changes[0].line, 6);
  EXPECT_EQ(p.changes[0].note, "Add schema");
  EXPECT_EQ(p.changes[1].tags, (std::vector<std::string>{"@v1.0"}));
  const loaders::SqitchChange& orders = p.changes[2];
  ASSERT_EQ(orders.requires_changes.size(), 3u);
  EXPECT_EQ(orders.requires_changes[0].change, "users");
  EXPECT_EQ(orders.requires_changes[1].tag, "v1.0");
  EXPECT_EQ(orders.requires_changes[2].project, "auth");
  EXPECT_EQ(orders.requires_changes[2].change, "accounts");
  ASSERT_EQ(orders.conflicts.size(), 1u);
  EXPECT_EQ(orders.conflicts[0].change, "legacy_orders");
  EXPECT_TRUE(orders.conflicts[0].conflict);
  EXPECT_FALSE(orders.reworked());
}

TEST(SqitchPlan, ReworkedChangesKeepTheTagsBetweenThemNearestFirst) {
  SqitchPlan p = parse_sqitch_plan(plan(
      "users 2024-01-01T10:00:00Z Ann <ann@x.org>\n"
      "@v1 2024-01-01T11:00:00Z Ann <ann@x.org>\n"
      "orders [users] 2024-01-02T10:00:00Z Ann <ann@x.org>\n"
      "@v2 2024-01-02T11:00:00Z Ann <ann@x.org>\n"
      "users [users@v2] 2024-01-03T10:00:00Z Ann <ann@x.org> # Rework users\n"
      "@v3 2024-01-03T11:00:00Z Ann <ann@x.org>\n"
      "users [users@v3] 2024-01-04T10:00:00Z Ann <ann@x.org> # Rework again\n"),
      "sqitch.plan");
  ASSERT_EQ(p.changes.size(), 4u);
  EXPECT_EQ(p.changes[0].rework_tags, (std::vector<std::string>{"@v2", "@v1"}));
  EXPECT_EQ(p.changes[2].rework_tags, (std::vector<std::string>{"@v3"}));
  EXPECT_FALSE(p.changes[3].reworked());
}

TEST(SqitchPlan, BadLinesNameFileAndLine) {
  auto parse_error = [](const std::string& text) {
    return error_of([&] { parse_sqitch_plan(text, "proj/sqitch.plan"); });
  };
  EXPECT_EQ(parse_error(plan("users 2024-01-01T10:00:00Z\n")),
            "proj/sqitch.plan:5: missing planner name and email");
  EXPECT_EQ(parse_error(plan("users Ann <ann@x.org>\n")), "proj/sqitch.plan:5: missing timestamp");
  EXPECT_EQ(parse_error(plan("\nusers\n")),
            "proj/sqitch.plan:6: missing timestamp and planner name and email");
  EXPECT_NE(parse_error(plan("users- 2024-01-01T10:00:00Z Ann <a@x.org>\n"))
                .find("proj/sqitch.plan:5: invalid change line `users- 2024"),
            std::string::npos);
  EXPECT_EQ(parse_error(plan("a 2024-01-01T10:00:00Z Ann <a@x.org>\n"
                             "a 2024-01-01T10:00:00Z Ann <a@x.org>\n")),
            "proj/sqitch.plan:6: change \"a\" duplicates earlier declaration on line 5 (a rework "
            "needs a tag between the two)");
  EXPECT_EQ(parse_error(plan("@v1 2024-01-01T10:00:00Z Ann <a@x.org>\n")),
            "proj/sqitch.plan:5: tag \"@v1\" declared without a preceding change");
  EXPECT_EQ(parse_error(plan("a [b] 2024-01-01T10:00:00Z Ann <a@x.org>\n"
                             "b 2024-01-01T10:00:00Z Ann <a@x.org>\n")),
            "proj/sqitch.plan:5: change \"a\" requires \"b\", which is not planned before it");
  EXPECT_EQ(parse_error(plan("a [a@v1] 2024-01-01T10:00:00Z Ann <a@x.org>\n")),
            "proj/sqitch.plan:5: change \"a\" requires \"a@v1\", which is not planned before it");
  EXPECT_EQ(parse_error(plan("b 2024-01-01T10:00:00Z Ann <a@x.org>\n"
                             "a [b b] 2024-01-01T10:00:00Z Ann <a@x.org>\n")),
            "proj/sqitch.plan:6: duplicate dependency \"b\"");
  EXPECT_EQ(parse_error("%project=shop\nusers 2024-01-01T10:00:00Z Ann <a@x.org>\n"),
            "proj/sqitch.plan:2: invalid pragma; a blank line must come between pragmas and "
            "changes");
  EXPECT_EQ(parse_error("%syntax-version=1.0.0\n\nusers 2024-01-01T10:00:00Z Ann <a@x.org>\n"),
            "proj/sqitch.plan: missing %project pragma (sqitch needs `%project=NAME` at the top "
            "of the plan)");
  EXPECT_EQ(parse_error(plan("HEAD 2024-01-01T10:00:00Z Ann <a@x.org>\n")),
            "proj/sqitch.plan:5: \"HEAD\" is a reserved name");
  // Found by fuzz/plan_files_fuzz.cc: a dependency naming a project in a plan without %project
  // asked for the pragma before the plan was read whole, and aborted Crucible.
  EXPECT_EQ(parse_error("%syntax-version=1.0.0\n\nusers 2024-01-01T10:00:00Z Ann <a@x.org>\n"
                        "roles [flipr:users] 2024-01-02T10:00:00Z Ann <a@x.org>\n"),
            "proj/sqitch.plan: missing %project pragma (sqitch needs `%project=NAME` at the top "
            "of the plan)");
}

TEST(SqitchPlan, NamesFollowSqitchRules) {
  EXPECT_TRUE(loaders::is_sqitch_name("users"));
  EXPECT_TRUE(loaders::is_sqitch_name("beeeon.gateways/create"));
  EXPECT_TRUE(loaders::is_sqitch_name("add-user_fields.v2"));
  EXPECT_TRUE(loaders::is_sqitch_name("_x"));
  EXPECT_FALSE(loaders::is_sqitch_name("-users"));
  EXPECT_FALSE(loaders::is_sqitch_name("users."));
  EXPECT_FALSE(loaders::is_sqitch_name("a:b"));
  EXPECT_FALSE(loaders::is_sqitch_name("a@b"));
  EXPECT_FALSE(loaders::is_sqitch_name("users^2"));
}

// --- sqitch.conf ------------------------------------------------------------------------------

TEST(SqitchConfig, TargetThenEngineThenCore) {
  TempFolder folder;
  folder.write("sqitch.conf",
               "[core]\n\tengine = pg\n\ttop_dir = db # where it lives\n"
               "[engine \"pg\"]\n\ttarget = test\n\tverify_dir = checks\n"
               "[target \"test\"]\n\turi = db:pg:shop_test\n\tdeploy_dir = \"db/up\"\n"
               "[deploy]\n\tverify = true\n");
  loaders::SqitchLayout layout = loaders::read_sqitch_layout(folder.path());
  EXPECT_EQ(layout.engine, "pg");
  EXPECT_EQ(layout.target, "test");
  EXPECT_EQ(layout.plan_file, "db/sqitch.plan");
  EXPECT_EQ(layout.deploy_dir, "db/up");
  EXPECT_EQ(layout.revert_dir, "db/revert");
  EXPECT_EQ(layout.verify_dir, "checks");
  EXPECT_EQ(layout.reworked_deploy_dir, "db/deploy");
}

TEST(SqitchConfig, EngineFromTheTargetUriAndBadLines) {
  TempFolder folder;
  folder.write("sqitch.conf", "[core]\n\ttarget = db:sqlite:shop.db\n");
  EXPECT_EQ(loaders::read_sqitch_layout(folder.path()).engine, "sqlite");
  folder.write("sqitch.conf", "[core]\n\tengine = pg\n\tthis is not git-config\n");
  EXPECT_NE(error_of([&] { loaders::read_sqitch_layout(folder.path()); })
                .find("sqitch.conf:3: not a git-config line"),
            std::string::npos);
}

// --- the project ------------------------------------------------------------------------------

// A small project: the plan orders `schema` after `users` although file names would not.
void write_project(const TempFolder& folder, const std::string& engine) {
  if (!engine.empty()) folder.write("sqitch.conf", "[core]\n\tengine = " + engine + "\n");
  folder.write("sqitch.plan", plan("users 2024-01-01T10:00:00Z Ann <a@x.org>\n"
                                   "@v1 2024-01-01T11:00:00Z Ann <a@x.org>\n"
                                   "app/schema [users] 2024-01-02T10:00:00Z Ann <a@x.org>\n"
                                   "users [users@v1] 2024-01-03T10:00:00Z Ann <a@x.org>\n"));
  put(folder, "deploy/users@v1.sql", "-- Deploy shop:users to pg\n\nBEGIN;\n\nCREATE TABLE users "
                                     "(id INT);\n\nCOMMIT;\n");
  put(folder, "revert/users@v1.sql", "BEGIN;\nDROP TABLE users;\nCOMMIT;\n");
  put(folder, "verify/users@v1.sql", "BEGIN;\nSELECT id FROM users WHERE false;\nROLLBACK;\n");
  put(folder, "deploy/app/schema.sql", "CREATE TABLE app_schema (id INT);\n");
  put(folder, "deploy/users.sql", "BEGIN;\nALTER TABLE users ADD COLUMN name TEXT;\nCOMMIT;\n");
  put(folder, "revert/users.sql", "ALTER TABLE users DROP COLUMN name;\n");
}

TEST(SqitchProject, DetectedOrderedByThePlanWithReworkedScripts) {
  TempFolder folder;
  write_project(folder, "");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  EXPECT_EQ(set.format, "sqitch");
  EXPECT_EQ(versions(set), (std::vector<std::string>{"users@v1", "app/schema", "users"}));
  const EngineScripts& first = scripts(set.migrations[0], EngineKind::postgres);
  EXPECT_EQ(first.forward.file, "deploy/users@v1.sql");
  // BEGIN; … COMMIT; goes: Crucible runs the script in a transaction of its own.
  EXPECT_EQ(texts(first.forward), (std::vector<std::string>{"CREATE TABLE users (id INT)"}));
  ASSERT_TRUE(first.reverse);
  EXPECT_EQ(texts(*first.reverse), (std::vector<std::string>{"DROP TABLE users"}));
  ASSERT_TRUE(first.verify);
  EXPECT_EQ(first.verify->file, "verify/users@v1.sql");
  EXPECT_EQ(texts(*first.verify),
            (std::vector<std::string>{"SELECT id FROM users WHERE false"}));
  const EngineScripts& schema = scripts(set.migrations[1], EngineKind::sqlite);
  EXPECT_EQ(schema.forward.file, "deploy/app/schema.sql");
  EXPECT_FALSE(schema.reverse);  // no revert script: the runner reports the missing reverse
  EXPECT_FALSE(schema.verify);
  const EngineScripts& newest = scripts(set.migrations[2], EngineKind::mariadb);
  EXPECT_EQ(newest.forward.file, "deploy/users.sql");
  EXPECT_EQ(newest.reverse->file, "revert/users.sql");
}

TEST(SqitchProject, ScriptsForAnotherEngineAreSkippedUnlessTheUserSaysSo) {
  TempFolder folder;
  write_project(folder, "pg");
  MigrationSet set = load_migrations(folder.path(), kEngines, "sqitch");
  const Migration& users = set.migrations[0];
  EXPECT_TRUE(users.for_engine(EngineKind::postgres));
  EXPECT_FALSE(users.for_engine(EngineKind::sqlite));
  EXPECT_NE(users.unavailable.at(EngineKind::mariadb).find("written for engine pg"),
            std::string::npos);
  MigrationSet any = load_migrations(folder.path(), kEngines, "sqitch", {{"sqitch.engine", "any"}});
  EXPECT_TRUE(any.migrations[0].for_engine(EngineKind::sqlite));

  write_project(folder, "mysql");
  set = load_migrations(folder.path(), kEngines);
  EXPECT_TRUE(set.migrations[0].for_engine(EngineKind::mariadb));
  EXPECT_FALSE(set.migrations[0].for_engine(EngineKind::postgres));
}

TEST(SqitchProject, TopDirFromTheConfigurationAndMarkers) {
  TempFolder folder;
  folder.write("sqitch.conf", "[core]\n\ttop_dir = ./sql\n");
  folder.write("sqitch.plan", "stale plan at the top: sqitch reads sql/sqitch.plan\n");
  put(folder, "sql/sqitch.plan", plan("idx 2024-01-01T10:00:00Z Ann <a@x.org>\n"));
  put(folder, "sql/deploy/idx.sql",
      "-- crucible:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (x);\n");
  put(folder, "sql/revert/idx.sql", "-- crucible:irreversible the index stays\n");
  MigrationSet set = load_migrations(folder.path(), {EngineKind::postgres});
  ASSERT_EQ(versions(set), (std::vector<std::string>{"idx"}));
  const EngineScripts& idx = scripts(set.migrations[0], EngineKind::postgres);
  EXPECT_EQ(idx.forward.file, "sql/deploy/idx.sql");
  EXPECT_FALSE(idx.forward.transactional);
  EXPECT_EQ(set.migrations[0].irreversible, "the index stays");
}

TEST(SqitchProject, PsqlMetaCommandsAreDefectsAtTheirLine) {
  TempFolder folder;
  folder.write("sqitch.plan", plan("page 2024-01-01T10:00:00Z Ann <a@x.org>\n"));
  put(folder, "deploy/page.sql",
      "BEGIN;\nCREATE TABLE page (body TEXT);\n\\set body `cat page.html`\n"
      "INSERT INTO page VALUES (:'body');\nCOMMIT;\n");
  MigrationSet set = load_migrations(folder.path(), {EngineKind::postgres});
  const Script& deploy = scripts(set.migrations[0], EngineKind::postgres).forward;
  ASSERT_TRUE(deploy.defect);
  EXPECT_EQ(deploy.defect->where.line, 3);
  EXPECT_NE(deploy.defect->message.find("psql meta-command `\\set`"), std::string::npos)
      << deploy.defect->message;
}

TEST(SqitchProject, ErrorsNameTheFileAndLine) {
  TempFolder folder;
  folder.write("sqitch.plan", plan("users 2024-01-01T10:00:00Z Ann <a@x.org>\n"));
  EXPECT_EQ(error_of([&] { load_migrations(folder.path(), kEngines); }),
            fmt::format("{}:5: change \"users\" has no deploy script (expected deploy/users.sql)",
                        folder / "sqitch.plan"));
  folder.write("sqitch.plan", plan(""));
  EXPECT_EQ(error_of([&] { load_migrations(folder.path(), kEngines); }),
            fmt::format("{}: the sqitch plan holds no changes", folder / "sqitch.plan"));
  put(folder, "deploy/users.sql", "-- crucible:typo\nCREATE TABLE users (id INT);\n");
  folder.write("sqitch.plan", plan("users 2024-01-01T10:00:00Z Ann <a@x.org>\n"));
  EXPECT_NE(error_of([&] { load_migrations(folder.path(), kEngines); }).find("deploy/users.sql:1"),
            std::string::npos);
  // Read as plain SQL, the folder is recognised and the right --format named.
  EXPECT_NE(error_of([&] { load_migrations(folder.path(), kEngines, "sql"); })
                .find("a sqitch project (sqitch.plan); read it with --format sqitch"),
            std::string::npos);
}

}  // namespace
}  // namespace crucible
