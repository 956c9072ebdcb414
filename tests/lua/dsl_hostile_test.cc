// Hostile and broken Lua DSL files: each is a clear error naming the file, never a crash, a hang
// or a use of freed memory. Against live SQLite (and PostgreSQL when reachable).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "harness/loaders/loader.h"
#include "harness/replay/apply.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class HostileDsl : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("crucible_hostile_dsl_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(root_ / name) << text; }
  std::string load_error() {
    try {
      load_migrations(root_.string(), {EngineKind::sqlite}, "lua");
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  // Loads the folder and applies migration 0 forward on a scratch database of `kind`.
  std::optional<ExecResult> forward_on(EngineKind kind) {
    auto engine = live_engine(kind);
    if (!engine) return std::nullopt;
    MigrationSet set = load_migrations(root_.string(), {kind}, "lua");
    auto db = engine->create_scratch();
    return apply_step(*db, *set.migrations.at(0).for_engine(kind), ApplyDirection::forward);
  }
  fs::path root_;
};

std::string sqlite_up(const std::string& up, const std::string& after = "") {
  return "return require('migration').define(function()\n"
         "  migration('m', function()\n"
         "    database('sqlite', function()\n"
         "      up(function(db)\n" + up + "\n      end)\n" +
         (after.empty() ? "" : "      after(function(db)\n" + after + "\n      end)\n") +
         "    end)\n  end)\nend)\n";
}

TEST_F(HostileDsl, HandBuiltTablesOfTheWrongShapeNameTheFile) {
  struct Case {
    const char* returned;
    const char* error;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"{crucible_dsl=true, migrations={{description={}, blocks={}}}}",
            "migrations[1].description is a table, not a string"},
           {"{crucible_dsl=true, migrations={{description='m', blocks=5}}}",
            "migrations[1].blocks is a number, not a table"},
           {"{crucible_dsl=true, migrations=5}", "migrations is a number, not a table"},
           {"{crucible_dsl=true, migrations={7}}", "migrations[1] is a number, not a table"},
           {"{crucible_dsl=true, migrations={{description='m', blocks={sqlite=1}}}}",
            "migrations[1].blocks.sqlite is a number, not a table"},
           {"{crucible_dsl=true, migrations={{description='m', blocks={sqlite={up=1}}}}}",
            "migrations[1].blocks.sqlite.up is a number, not a function"},
           {"{crucible_dsl=true, migrations={{description='m', blocks={sqlite={up=print, down=2}}}}}",
            "migrations[1].blocks.sqlite.down is a number, not a function"},
           {"setmetatable({}, {__index = function() error('boom') end})", "must end with"},
       }) {
    write("0001_hand.lua", std::string("return ") + c.returned + "\n");
    std::string message = load_error();
    EXPECT_THAT(message, HasSubstr("0001_hand.lua")) << c.returned;
    EXPECT_THAT(message, HasSubstr(c.error)) << c.returned;
  }
}

TEST_F(HostileDsl, AHostileGlobalTableIsAnErrorNotACrash) {
  write("0001_g.lua", "setmetatable(_G, {__index = function(_, k) error('no global ' .. k) end,\n"
                      "                  __newindex = function(_, k) error('no new global ' .. k) end})\n"
                      "return require('migration').define(function() end)\n");
  EXPECT_THAT(load_error(), HasSubstr("0001_g.lua"));
}

// A block whose `up` exists only through an __index that raises: Crucible reads raw fields, so
// the metamethod never runs outside a protected call.
TEST_F(HostileDsl, AnIndexMetamethodThatRaisesIsNeverCalledUnprotected) {
  write("0001_index.lua",
        "local block = setmetatable({}, {__index = function(t, k) error('no ' .. k) end})\n"
        "return {crucible_dsl=true, migrations={{description='m', blocks={sqlite=block}}}}\n");
  EXPECT_THAT(load_error(), HasSubstr("0001_index.lua: the table the file returns is not what "
                                      "define() builds: migrations[1].blocks.sqlite.up is a nil"));
}

TEST_F(HostileDsl, TheDbMetatableIsLocked) {
  write("0001_gc.lua", sqlite_up("local mt = getmetatable(db)\n"
                                 "assert(mt == 'locked', 'metatable reachable: ' .. tostring(mt))\n"
                                 "assert(not pcall(setmetatable, db, {}), 'setmetatable worked')\n"
                                 "return db:execute('CREATE TABLE a (x INTEGER)')"));
  auto result = forward_on(EngineKind::sqlite);
  if (!result) return;
  EXPECT_TRUE(result->ok()) << result->error->message;
}

// The reproduction: a __gc that uses the db when the sandbox closes.
TEST_F(HostileDsl, AGcMetamethodOnDbCannotRunAfterTheSandbox) {
  write("0001_gc.lua", sqlite_up("getmetatable(db).__gc = function(d) d:execute('CREATE TABLE b (x INTEGER)') end\n"
                                 "return db:execute('CREATE TABLE a (x INTEGER)')"));
  auto result = forward_on(EngineKind::sqlite);
  if (!result) return;
  ASSERT_FALSE(result->ok());
  EXPECT_THAT(result->error->message, HasSubstr("0001_gc.lua:5:"));
  EXPECT_THAT(result->error->message, HasSubstr("attempt to index a string value"));
}

TEST_F(HostileDsl, ADbKeptPastItsStepIsInert) {
  write("0001_keep.lua", sqlite_up("kept = db\nreturn db:execute('CREATE TABLE a (x INTEGER)')",
                                   "local ok, err = pcall(kept.execute, kept, 'CREATE TABLE b (x INTEGER)')\n"
                                   "assert(not ok, 'the kept db still worked')\n"
                                   "error(err)"));
  auto result = forward_on(EngineKind::sqlite);
  if (!result) return;
  ASSERT_FALSE(result->ok());
  EXPECT_THAT(result->error->message, HasSubstr("this db is closed"));
}

TEST_F(HostileDsl, APcallLoopInUpEndsWithTheBudgetAndRollsBack) {
  write("0001_loop.lua", sqlite_up("db:execute('CREATE TABLE a (x INTEGER)')\n"
                                   "while true do pcall(function() while true do end end) end"));
  auto start = std::chrono::steady_clock::now();
  auto result = forward_on(EngineKind::sqlite);
  if (!result) return;
  ASSERT_FALSE(result->ok());
  EXPECT_THAT(result->error->message, HasSubstr("0001_loop.lua:6: instruction budget"));
  EXPECT_EQ(result->error->where.str(), "0001_loop.lua:6");
  EXPECT_TRUE(result->rolled_back);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::minutes(2));
}

TEST_F(HostileDsl, ASlowPatternInUpEndsWithTheBudget) {
  write("0001_pattern.lua", sqlite_up("local found = string.find(string.rep('a', 3000), '.-.-.-.-.-.-b')\nreturn found"));
  auto result = forward_on(EngineKind::sqlite);
  if (!result) return;
  ASSERT_FALSE(result->ok());
  EXPECT_THAT(result->error->message, HasSubstr("0001_pattern.lua:5: instruction budget"));
}

TEST_F(HostileDsl, MemoryInUpIsCappedAndNamesTheFile) {
  write("0001_memory.lua", sqlite_up("local t = {}\n"
                                     "for i = 1, 1e9 do t[i] = string.rep('x', 2^26) .. i end"));
  auto result = forward_on(EngineKind::sqlite);
  if (!result) return;
  ASSERT_FALSE(result->ok());
  EXPECT_THAT(result->error->message, HasSubstr("0001_memory.lua"));
  EXPECT_THAT(result->error->message, HasSubstr("not enough memory (the Lua memory limit of 1 GiB"));
}

// up() that spends its time in statements, not Lua instructions: --migration-timeout ends it.
TEST_F(HostileDsl, TheMigrationTimeoutEndsUp) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  write("0001_slow.lua", sqlite_up("db:execute('CREATE TABLE a (x INTEGER)')\n"
                                   "while true do db:query('SELECT 1') end"));
  MigrationSet set = load_migrations(root_.string(), {EngineKind::sqlite}, "lua");
  auto db = engine->create_scratch();
  db->time_limits().migration = std::chrono::seconds(1);
  db->time_limits().migration_deadline = Clock::now() + std::chrono::seconds(1);
  auto start = std::chrono::steady_clock::now();
  ExecResult result = apply_step(*db, *set.migrations.at(0).for_engine(EngineKind::sqlite),
                                 ApplyDirection::forward);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error->message, HasSubstr("0001_slow.lua:6: the --migration-timeout of 1 s passed"));
  EXPECT_TRUE(result.rolled_back);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::minutes(1));
}

TEST_F(HostileDsl, LimitsAtLoadTimeNameTheFile) {
  write("0001_load.lua", "while true do pcall(function() while true do end end) end\n");
  EXPECT_THAT(load_error(), HasSubstr("0001_load.lua:1: instruction budget"));
  write("0001_load.lua", "local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 2^26) .. i end\n");
  EXPECT_THAT(load_error(), HasSubstr("0001_load.lua: not enough memory"));
  write("0001_load.lua", "local found = string.find(string.rep('a', 3000), '.-.-.-.-.-.-b')\n");
  EXPECT_THAT(load_error(), HasSubstr("0001_load.lua:1: instruction budget"));
  write("0001_load.lua", "local function f() return 1 + f() end\nf()\n");
  EXPECT_THAT(load_error(), HasSubstr("0001_load.lua"));
}

TEST_F(HostileDsl, UpCannotReadCrucibleCredentials) {
  setenv("CRUCIBLE_POSTGRES_URL", "postgresql://crucible:crucible@127.0.0.1:5432/postgres", 0);
  write("0001_env.lua", sqlite_up("return nil, tostring(os.getenv('CRUCIBLE_POSTGRES_URL'))"));
  auto result = forward_on(EngineKind::sqlite);
  if (!result) return;
  ASSERT_FALSE(result->ok());
  EXPECT_THAT(result->error->message, HasSubstr("up() returned an error: nil"));
}

TEST_F(HostileDsl, APcallLoopInUpEndsOnPostgres) {
  write("0001_loop.lua",
        "return require('migration').define(function() migration('m', function()\n"
        "  database('postgres', function() up(function(db)\n"
        "    db:execute('CREATE TABLE a (x INTEGER)')\n"
        "    while true do pcall(function() while true do end end) end\n"
        "  end) end) end) end)\n");
  auto result = forward_on(EngineKind::postgres);
  if (!result) return;
  ASSERT_FALSE(result->ok());
  EXPECT_THAT(result->error->message, HasSubstr("0001_loop.lua:4: instruction budget"));
  EXPECT_TRUE(result->rolled_back);
}

}  // namespace
}  // namespace crucible::testing
