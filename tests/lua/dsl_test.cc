// The Lua DSL loader and programs, against live engines (SQLite always; PostgreSQL and MariaDB
// when reachable).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness/loaders/loader.h"
#include "harness/replay/apply.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class DslFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("crucible_dsl_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(root_ / name) << text; }
  std::string load_error(const std::string& format = "auto") {
    try {
      load_migrations(root_.string(), {EngineKind::sqlite}, format);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  fs::path root_;
};

std::string one_block(const std::string& engine, const std::string& up, const std::string& down = "") {
  return "return require('migration').define(function()\n"
         "  migration('m', function()\n"
         "    database('" + engine + "', function()\n"
         "      up(function(db)\n" + up + "\n      end)\n" +
         (down.empty() ? "" : "      down(function(db)\n" + down + "\n      end)\n") +
         "    end)\n  end)\nend)\n";
}

TEST_F(DslFolder, DetectsTheFormatAndSkipsEnginesWithoutABlock) {
  write("0001_a.lua", one_block("sqlite", "return db:execute('CREATE TABLE a (x INTEGER)')"));
  MigrationSet set = load_migrations(root_.string(), {EngineKind::sqlite, EngineKind::postgres});
  EXPECT_EQ(set.format, "lua");
  ASSERT_EQ(set.migrations.size(), 1u);
  EXPECT_NE(set.migrations[0].for_engine(EngineKind::sqlite), nullptr);
  EXPECT_EQ(set.migrations[0].for_engine(EngineKind::postgres), nullptr);
  EXPECT_THAT(set.migrations[0].unavailable.at(EngineKind::postgres), HasSubstr("no database(\"postgres\")"));
  EXPECT_FALSE(set.migrations[0].for_engine(EngineKind::sqlite)->reverse.has_value());  // no down()
}

TEST_F(DslFolder, MixedAndUnknownFoldersAreClearErrors) {
  write("0001_a.lua", one_block("sqlite", ""));
  write("0002_b.up.sql", "CREATE TABLE b (x INT);");
  EXPECT_THAT(load_error(), HasSubstr("both .sql and .lua"));
  fs::remove(root_ / "0002_b.up.sql");
  write("notes.lua", "return 1");
  EXPECT_THAT(load_error(), HasSubstr("cannot recognise the migration format"));
}

TEST_F(DslFolder, DeclarationErrorsNameFileAndLine) {
  write("0001_a.lua", one_block("postgresql", ""));
  EXPECT_THAT(load_error("lua"), HasSubstr("0001_a.lua:3: unknown engine 'postgresql'"));
  write("0001_a.lua", "return require('migration').define(function()\n  migration('m', function()\n  local x = nil + 1\n end)\nend)\n");
  EXPECT_THAT(load_error("lua"), HasSubstr("0001_a.lua:3:"));
}

// Applies migration 0 on SQLite and returns the result.
ExecResult apply_on(Database& db, const MigrationSet& set, ApplyDirection direction) {
  return apply_step(db, *set.migrations.at(0).for_engine(EngineKind::sqlite), direction);
}

TEST_F(DslFolder, LuaErrorRollsBackAndNamesTheLine) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  write("0001_a.lua", one_block("sqlite", "db:execute('CREATE TABLE a (x INTEGER)')\nerror('boom')"));
  MigrationSet set = load_migrations(root_.string(), {EngineKind::sqlite});
  auto db = engine->create_scratch();
  ExecResult result = apply_on(*db, set, ApplyDirection::forward);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error->message, HasSubstr("boom"));
  EXPECT_EQ(result.error->where.str(), "0001_a.lua:6");
  EXPECT_TRUE(result.rolled_back);
  EXPECT_TRUE(db->snapshot().tables.empty()) << "the CREATE TABLE must have been rolled back";
}

TEST_F(DslFolder, ReturnedErrorRollsBackWithTheEngineError) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  write("0001_a.lua", one_block("sqlite", "db:execute('CREATE TABLE a (x INTEGER)')\n"
                                          "local r, err = db:execute('INSERT INTO nope VALUES (?)', {1})\n"
                                          "return r, err"));
  MigrationSet set = load_migrations(root_.string(), {EngineKind::sqlite});
  auto db = engine->create_scratch();
  ExecResult result = apply_on(*db, set, ApplyDirection::forward);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error->message, HasSubstr("no such table: nope"));
  EXPECT_EQ(result.error->where.str(), "0001_a.lua:6");
  EXPECT_TRUE(db->snapshot().tables.empty());
}

TEST_F(DslFolder, EndlessLoopInUpEndsWithTheFile) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  write("0001_loop.lua", one_block("sqlite", "while true do end"));
  MigrationSet set = load_migrations(root_.string(), {EngineKind::sqlite});
  auto db = engine->create_scratch();
  ExecResult result = apply_on(*db, set, ApplyDirection::forward);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error->message, HasSubstr("0001_loop.lua:5: instruction budget"));
}

TEST_F(DslFolder, ParametersAreBoundOnEveryEngine) {
  write("0001_a.lua",
        "local function body()\n"
        "  up(function(db)\n"
        "    local _, e = db:execute('CREATE TABLE a (x VARCHAR(50), n INTEGER)')\n"
        "    if e then return nil, e end\n"
        "    _, e = db:execute('INSERT INTO a (x, n) VALUES (?, ?)', {\"it's ?; DROP TABLE a\", 3})\n"
        "    if e then return nil, e end\n"
        "    local rows, e2 = db:query('SELECT x, n FROM a WHERE n = ?', {3})\n"
        "    if not rows then return nil, e2 end\n"
        "    assert(#rows == 1 and rows[1].x == \"it's ?; DROP TABLE a\" and rows[1][2] == 3, 'bad row')\n"
        "  end)\n"
        "  down(function(db) return db:execute('DROP TABLE a') end)\n"
        "end\n"
        "return require('migration').define(function() migration('m', function()\n"
        "  database('sqlite', body) database('postgres', body) database('mariadb', body) end) end)\n");
  for (EngineKind kind : {EngineKind::sqlite, EngineKind::postgres, EngineKind::mariadb}) {
    CRUCIBLE_LIVE_ENGINE(engine, kind);
    MigrationSet set = load_migrations(root_.string(), {kind});
    auto db = engine->create_scratch();
    const EngineScripts& scripts = *set.migrations.at(0).for_engine(kind);
    ExecResult forward = apply_step(*db, scripts, ApplyDirection::forward);
    EXPECT_TRUE(forward.ok()) << engine_name(kind) << ": " << (forward.error ? forward.error->message : "");
    EXPECT_EQ(db->snapshot().tables.size(), 1u) << engine_name(kind);
    EXPECT_TRUE(apply_step(*db, scripts, ApplyDirection::reverse).ok()) << engine_name(kind);
    EXPECT_TRUE(db->snapshot().tables.empty()) << engine_name(kind);
  }
}

}  // namespace
}  // namespace crucible::testing
