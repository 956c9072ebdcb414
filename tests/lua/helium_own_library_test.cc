// Designs that ship their own database.lua: the orbit fixture (tests/helium_fixtures/orbit), the
// two call styles of run_migration, sibling modules, a library in the parent folder, and errors
// that name the file and line inside database.lua.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness/checks/verify.h"
#include "harness/common/dsn.h"
#include "harness/engines/engine.h"
#include "harness/loaders/helium_directory.h"
#include "harness/loaders/loader.h"
#include "harness/lua/helium/generate.h"
#include "harness/lua/sandbox.h"
#include "tests/support/live_engine.h"

namespace crucible::lua::helium {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

fs::path source_dir() {
  const char* dir = std::getenv("CRUCIBLE_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::current_path();
}

fs::path orbit() { return source_dir() / "tests/helium_fixtures/orbit"; }

GenerateRequest orbit_file(const std::string& file, const std::string& engine) {
  GenerateRequest r;
  r.path = (orbit() / file).string();
  r.display = file;
  r.design_dir = r.library_dir = orbit().string();
  r.own_library = true;
  r.engine = engine;
  r.design = "orbit";
  return r;
}

TEST(HeliumOwnLibrary, OrbitGeneratesOnEveryEngine) {
  for (const char* engine : {"postgresql", "mysql", "mariadb", "sqlite", "db2"})
    for (const char* file : {"orbit_1000.lua", "orbit_1001.lua", "orbit_1002.lua",
                             "orbit_1003.lua", "orbit_1004.lua"}) {
      std::string sql = generate_sql(orbit_file(file, engine));
      EXPECT_THAT(sql, HasSubstr("INSERT INTO queries")) << engine << " " << file;
      EXPECT_THAT(sql, Not(HasSubstr("${"))) << engine << " " << file;
      EXPECT_THAT(sql, Not(HasSubstr("[=["))) << engine << " " << file;
    }
}

TEST(HeliumOwnLibrary, OrbitCompressesTheLongReportOnlyWithoutTheShim) {
  GenerateRequest sqlite = orbit_file("orbit_1003.lua", "sqlite");
  EXPECT_THAT(generate_sql(sqlite), HasSubstr("BROTLI_DECOMPRESS(CRYPTO_DECODE('"));
  GenerateRequest postgres = orbit_file("orbit_1003.lua", "postgresql");
  EXPECT_THAT(generate_sql(postgres), HasSubstr("brotli_decompress(DECODE('"));
  postgres.transport_shim = true;
  GeneratedSql shimmed = generate(postgres);
  EXPECT_THAT(shimmed.sql, Not(HasSubstr("brotli")));
  EXPECT_EQ(shimmed.shimmed_blocks, 1);
}

TEST(HeliumOwnLibrary, LoaderFindsTheLibraryAndMapsMariadbToItsOwnModule) {
  MigrationSet set = load_migrations(orbit().string(), {EngineKind::sqlite, EngineKind::mariadb});
  EXPECT_EQ(set.format, "helium");
  ASSERT_EQ(set.migrations.size(), 5u);  // lib/base64.lua and database*.lua are not migrations
  EXPECT_EQ(set.migrations.front().version, "1000");
  EXPECT_EQ(helium_library_dir(orbit().string()), orbit().string());
}

// The transport shim is said in the report: on live PostgreSQL and MariaDB the run has the note,
// and the report block (1003) is stored as the same text SQLite decompresses from Brotli.
TEST(HeliumOwnLibrary, TransportShimIsNotedAndStoresTheSameText) {
  CRUCIBLE_LIVE_ENGINE(postgres, EngineKind::postgres);
  CRUCIBLE_LIVE_ENGINE(mariadb, EngineKind::mariadb);
  auto sqlite = connect_engine(parse_dsn("sqlite:"));
  MigrationSet set = load_migrations(orbit().string(), {EngineKind::sqlite, EngineKind::postgres,
                                                        EngineKind::mariadb});
  std::map<std::string, std::string> stored;
  for (Engine* engine : {sqlite.get(), postgres.get(), mariadb.get()}) {
    EngineRun run = verify_engine(*engine, set);
    for (const Result& r : run.results)
      EXPECT_TRUE(r.status == Status::pass || r.check == "diagram") << r.check << ": " << r.message;
    bool noted = std::any_of(run.notes.begin(), run.notes.end(), [](const std::string& note) {
      return note.find("transport shim") != std::string::npos;
    });
    EXPECT_EQ(noted, engine->kind() != EngineKind::sqlite) << run.engine;
    // Replay the design and read the stored report text back.
    auto db = engine->create_scratch();
    for (const Migration& m : set.migrations) {
      ASSERT_TRUE(m.for_engine(engine->kind())->program->apply(*db, ApplyDirection::forward).ok());
    }
    QueryResult row = db->query(Statement{
        "SELECT code FROM queries WHERE query_ref = 1003 AND query_type_a28 = 10", {"test", 1}});
    ASSERT_TRUE(row.ok() && row.rows.size() == 1) << run.engine;
    stored[run.engine] = std::get<std::string>(row.rows[0][0]);
  }
  EXPECT_GT(stored["sqlite"].size(), 1024u);
  EXPECT_EQ(stored["sqlite"], stored["postgres"]);
  EXPECT_EQ(stored["sqlite"], stored["mariadb"]);
}

class OwnLibraryDesign : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("crucible_helium_own_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    design_ = root_ / "shop";
    fs::create_directories(design_);
    write(design_ / "shop_1000.lua",
          "return function(engine, design_name, schema_name, cfg)\n"
          "  cfg.TABLE = 'items'\n"
          "  return { { sql = 'CREATE TABLE ${TABLE} (id ${INTEGER})' }, { sql = 'SELECT 1' } }\n"
          "end\n");
  }
  void TearDown() override { fs::remove_all(root_); }

  static void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

  GenerateRequest request(const fs::path& library) const {
    GenerateRequest r;
    r.path = (design_ / "shop_1000.lua").string();
    r.display = "shop_1000.lua";
    r.design_dir = design_.string();
    r.own_library = true;
    r.library_dir = library.string();
    r.engine = "sqlite";
    r.design = "shop";
    return r;
  }

  static std::string error_of(const GenerateRequest& r) {
    try {
      generate_sql(r);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  fs::path root_, design_;
};

TEST_F(OwnLibraryDesign, PlainFunctionStyleAndListResultAreAccepted) {
  write(design_ / "database.lua",
        "local M = {}\n"
        "function M.run_migration(queries, engine, design_name, schema_name)\n"
        "  local cfg = require('database_' .. engine)\n"
        "  local out = {}\n"
        "  for i, q in ipairs(queries) do\n"
        "    out[i] = (q.sql:gsub('%${([%w_]+)}', function(n) return cfg[n] end))\n"
        "  end\n"
        "  return out\n"
        "end\n"
        "return M\n");
  write(design_ / "database_sqlite.lua", "return { INTEGER = 'INTEGER' }\n");
  EXPECT_EQ(generate_sql(request(design_)),
            "CREATE TABLE items (id INTEGER)\n-- QUERY DELIMITER\nSELECT 1");
}

TEST_F(OwnLibraryDesign, MethodStyleWithSelfIsCalledWithTheModule) {
  write(design_ / "database.lua",
        "local database = { prefix = '/* v2 */ ' }\n"
        "function database:run_migration(queries, engine)\n"
        "  local cfg = require('database_' .. engine)\n"
        "  local out = {}\n"
        "  for _, q in ipairs(queries) do\n"
        "    out[#out + 1] = self.prefix .. q.sql:gsub('%${([%w_]+)}', cfg)\n"
        "  end\n"
        "  return table.concat(out, '\\n-- QUERY DELIMITER\\n')\n"
        "end\n"
        "return database\n");
  write(design_ / "database_sqlite.lua", "return { INTEGER = 'INTEGER' }\n");
  EXPECT_THAT(generate_sql(request(design_)), HasSubstr("/* v2 */ CREATE TABLE items (id INTEGER)"));
}

TEST_F(OwnLibraryDesign, LibraryInTheParentFolderIsFound) {
  write(root_ / "database.lua",
        "return { run_migration = function(self, queries) return queries[1].sql end }\n");
  write(root_ / "database_sqlite.lua", "return {}\n");
  EXPECT_EQ(fs::canonical(helium_library_dir(design_.string())), fs::canonical(root_));
  EXPECT_THAT(error_of(request(root_)), HasSubstr("${TABLE}"));  // no expansion by this library
}

TEST_F(OwnLibraryDesign, ErrorsInsideDatabaseLuaNameItsLine) {
  write(design_ / "database.lua",
        "local database = {}\n"
        "function database:run_migration(queries, engine)\n"
        "  local cfg = require('database_' .. engine)\n"
        "  return cfg.missing.field\n"
        "end\n"
        "return database\n");
  write(design_ / "database_sqlite.lua", "return {}\n");
  std::string error = error_of(request(design_));
  EXPECT_THAT(error, HasSubstr("shop_1000.lua"));
  EXPECT_THAT(error, HasSubstr("database.lua:4:"));
}

TEST_F(OwnLibraryDesign, MissingEngineModuleAndWrongShapeAreExplained) {
  write(design_ / "database.lua", "return { run_migration = function(self, q) return '' end }\n");
  EXPECT_THAT(error_of(request(design_)), HasSubstr("database_sqlite"));
  write(design_ / "database_sqlite.lua", "return 42\n");
  EXPECT_THAT(error_of(request(design_)), HasSubstr("must return the engine's macro table"));
  write(design_ / "database.lua", "return { }\n");
  EXPECT_THAT(error_of(request(design_)), HasSubstr("run_migration"));
}

TEST_F(OwnLibraryDesign, CfgIsAFifthArgumentAndTheLibraryMayBeTwoFoldersUp) {
  fs::path nested = root_ / "designs" / "shop";
  fs::create_directories(nested);
  fs::copy_file(design_ / "shop_1000.lua", nested / "shop_1000.lua");
  write(root_ / "database.lua",
        "local M = {}\n"
        "function M.run_migration(queries, engine, design_name, schema_name, cfg)\n"
        "  return (queries[1].sql:gsub('%${([%w_]+)}', cfg))\n"
        "end\n"
        "return M\n");
  write(root_ / "database_sqlite.lua", "return { INTEGER = 'BIGINT' }\n");
  std::string library = helium_library_dir(nested.string());
  ASSERT_FALSE(library.empty());
  EXPECT_EQ(fs::canonical(library), fs::canonical(root_));
  GenerateRequest r = request(root_);
  r.path = (nested / "shop_1000.lua").string();
  r.design_dir = nested.string();
  EXPECT_EQ(generate_sql(r), "CREATE TABLE items (id BIGINT)");
}

// A bootstrap that leaves its own forward row at 1000 (instead of registering itself as 1003)
// is APPLYed like any other file.
TEST_F(OwnLibraryDesign, BootstrapThatDoesNotRegisterItselfIsApplied) {
  write(design_ / "shop_1000.lua", R"lua(return function(engine, design_name, schema_name, cfg)
  return {
    { sql = [[CREATE TABLE queries (query_id INTEGER, query_ref INTEGER, query_type_a28 INTEGER,
      code TEXT, collection TEXT)]] },
    { sql = [[INSERT INTO queries VALUES (1, 1000, 1000, [=[
CREATE TABLE items (id INTEGER);
${SUBQUERY_DELIMITER}
UPDATE queries SET query_type_a28 = 1003 WHERE query_ref = 1000 AND query_type_a28 = 1000;
]=], NULL), (2, 1000, 1001, [=[DROP TABLE queries; DROP TABLE items;]=], NULL)]] },
  }
end
)lua");
  auto engine = connect_engine(parse_dsn("sqlite:"));
  MigrationSet set = load_migrations(design_.string(), {EngineKind::sqlite});
  EngineRun run = verify_engine(*engine, set);
  ASSERT_FALSE(run.results.empty());
  for (const Result& r : run.results)
    EXPECT_TRUE(r.status == Status::pass || r.check == "diagram") << r.check << ": " << r.message;
  EXPECT_THAT(run.results.front().message, HasSubstr("applied 2 statements"));  // APPLY ran
}

TEST(HeliumSandboxRequire, DottedNamesAndInitFilesLikePackagePath) {
  fs::path dir = fs::temp_directory_path() / ("crucible_require_" + std::to_string(::getpid()));
  fs::create_directories(dir / "lib" / "codec");
  std::ofstream(dir / "lib" / "util.lua") << "return { name = 'util' }\n";
  std::ofstream(dir / "lib" / "codec" / "init.lua") << "return { name = 'codec' }\n";
  SandboxOptions options;
  options.module_dirs = {dir.string()};
  Sandbox sandbox(options);
  sandbox.run_string("return require('lib.util').name, require('lib.codec').name, "
                     "table.unpack({1, 2}), table.pack(1, nil, 3).n", "m.lua");
  lua_State* L = sandbox.state();
  EXPECT_STREQ(lua_tostring(L, -4), "util");
  EXPECT_STREQ(lua_tostring(L, -3), "codec");
  EXPECT_EQ(lua_tointeger(L, -2), 1);  // table.unpack, cut to one value mid-list
  EXPECT_EQ(lua_tointeger(L, -1), 3);
  lua_settop(L, 0);
  for (const char* bad : {"lib..util", ".lib", "lib/util", "lib.", "../x"}) {
    try {
      sandbox.run_string(std::string("require('") + bad + "')", "m.lua");
      ADD_FAILURE() << bad << " was loaded";
    } catch (const LuaError& e) {
      EXPECT_THAT(e.what(), HasSubstr("not available")) << bad;
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace crucible::lua::helium
