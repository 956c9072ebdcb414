// One long line in a migration file must load like a short one. libstdc++'s std::regex matched
// by backtracking recursion, a stack frame for each character a repeat consumed, so a line of
// about 50 KB that a line pattern looked at (a Liquibase `--rollback` of generated rows, a
// marker's reason, a run of blanks) overflowed the stack and killed Crucible while it loaded the
// set. The line patterns now run without recursion per character (harness/common/text_regex.h);
// each test here crashed the test program before.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "harness/common/error.h"
#include "harness/loaders/alembic_graph.h"
#include "harness/loaders/loader.h"
#include "harness/loaders/sqitch_config.h"
#include "loader_testing.h"
#include "temp_folder.h"

namespace crucible {
namespace {

using testing::TempFolder;
using testing::scripts;
using testing::texts;

const std::vector<EngineKind> kEngines = {EngineKind::sqlite, EngineKind::postgres,
                                          EngineKind::mariadb};

constexpr size_t kMegabyte = 1 << 20;

// `DELETE FROM t WHERE a IN (1, 2, …)`, one line of at least a megabyte.
std::string long_delete() {
  std::string sql = "DELETE FROM t WHERE a IN (0";
  for (int i = 1; sql.size() < kMegabyte; ++i) sql += ", " + std::to_string(i);
  return sql + ")";
}

TEST(LongLines, ALiquibaseRollbackOfAMegabyteIsTheReverse) {
  TempFolder folder;
  const std::string rollback = long_delete();
  folder.write("changelog.sql",
               "--liquibase formatted sql\n"
               "--changeset ann:1\n"
               "CREATE TABLE t (a INT);\n"
               "--rollback DROP TABLE t;\n"
               "--changeset ann:2\n"
               "--comment: " + std::string(kMegabyte, 'c') + "\n"
               "INSERT INTO t VALUES (1);\n"
               "--rollback " + rollback + ";\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  ASSERT_EQ(set.migrations.size(), 2u);
  const EngineScripts& second = scripts(set.migrations[1], EngineKind::postgres);
  EXPECT_EQ(texts(second.forward), std::vector<std::string>{"INSERT INTO t VALUES (1)"});
  ASSERT_TRUE(second.reverse);
  EXPECT_EQ(texts(*second.reverse), std::vector<std::string>{rollback});
}

TEST(LongLines, AMarkersReasonOfAMegabyteIsKept) {
  TempFolder folder;
  const std::string reason(kMegabyte, 'r');
  folder.write("0001_t.up.sql", "-- crucible:lossy " + reason + "\nCREATE TABLE t (a INT);\n");
  folder.write("0001_t.down.sql", "DROP TABLE t;\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  ASSERT_EQ(set.migrations.size(), 1u);
  EXPECT_EQ(set.migrations[0].lossy, reason);
}

TEST(LongLines, AMegabyteOfBlanksBeforeAStatementLoads) {
  TempFolder folder;
  folder.write("0001_t.up.sql", std::string(kMegabyte, ' ') + "CREATE TABLE t (a INT);\n");
  folder.write("0001_t.down.sql", std::string(kMegabyte, '\t') + "-- the table goes\nDROP TABLE t;\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  ASSERT_EQ(set.migrations.size(), 1u);
  const EngineScripts& only = scripts(set.migrations[0], EngineKind::sqlite);
  ASSERT_EQ(only.forward.statements.size(), 1u);
  EXPECT_NE(only.forward.statements[0].sql.find("CREATE TABLE t"), std::string::npos);
}

TEST(LongLines, GooseAndDbmateAnnotationsWithAMegabyteAfterThemLoadOrSayWhy) {
  const std::string tail(kMegabyte, 'x');
  TempFolder goose;
  goose.write("00001_t.sql", "-- +goose Up " + tail + "\nCREATE TABLE t (a INT);\n"
                             "-- +goose Down\nDROP TABLE t;\n");
  std::string said = testing::error_of([&] { load_migrations(goose.path(), kEngines, "goose"); });
  EXPECT_LT(said.size(), 4 * kMegabyte);  // loaded, or an error: never a crash
  TempFolder dbmate;
  dbmate.write("20240101000000_t.sql", "-- migrate:up " + std::string(kMegabyte, ' ') +
                                           "\nCREATE TABLE t (a INT);\n-- migrate:down\n"
                                           "DROP TABLE t;\n");
  MigrationSet set = load_migrations(dbmate.path(), kEngines);
  ASSERT_EQ(set.migrations.size(), 1u);
  EXPECT_EQ(texts(scripts(set.migrations[0], EngineKind::sqlite).forward),
            std::vector<std::string>{"CREATE TABLE t (a INT)"});
}

TEST(LongLines, ASqitchConfValueOfAMegabyteIsRead) {
  TempFolder folder;
  const std::string value(kMegabyte, 'v');
  folder.write("sqitch.conf", "[core]\n\tengine = pg\n\tnote = " + value + "\n");
  std::map<std::string, std::string> settings =
      loaders::parse_git_config("[core]\n\tnote = " + value + "\n", "sqitch.conf");
  EXPECT_EQ(settings["core.note"], value);
  EXPECT_EQ(loaders::read_sqitch_layout(folder.path()).engine, "pg");
}

TEST(LongLines, AnAlembicRevisionWithAMegabyteCommentIsRead) {
  TempFolder folder;
  std::filesystem::create_directories(folder / "versions");
  folder.write("env.py", "from alembic import context\n");
  folder.write("versions/a1_first.py", "revision = 'a1'\ndown_revision = None  # " +
                                           std::string(kMegabyte, 'n') + "\n");
  loaders::AlembicGraph graph = loaders::read_alembic_graph(folder.path());
  ASSERT_EQ(graph.revisions.size(), 1u);
  EXPECT_EQ(graph.bases, std::vector<std::string>{"a1"});
}

}  // namespace
}  // namespace crucible
