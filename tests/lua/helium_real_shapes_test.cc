// A design written against the public Helium library's shapes (tests/helium_fixtures/real_shapes:
// ${COMMON_CREATE} directly before ${PRIMARY}(…), WITH next_query_id … SELECT …,
// ${COMMON_INSERT}, a {"diagram": [template, table]} row with raw line breaks in its SVG, a
// bootstrap that runs ${BROTLI_DECOMPRESS_FUNCTION}) runs unchanged on Crucible's built-in
// library and on a database.lua of the same shapes, with the same verdicts, on live engines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <unistd.h>

#include "harness/checks/verify.h"
#include "harness/common/dsn.h"
#include "harness/engines/engine.h"
#include "harness/loaders/loader.h"
#include "harness/lua/helium/generate.h"
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

// The shop design with its own library (found in the parent folder).
fs::path own_library_shop() { return source_dir() / "tests/helium_fixtures/real_shapes/shop"; }

// The same design files alone in a folder: the built-in library runs them.
class BuiltinCopy {
 public:
  BuiltinCopy() : dir_(fs::temp_directory_path() / ("crucible_real_shapes_" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& entry : fs::directory_iterator(own_library_shop()))
      fs::copy_file(entry.path(), dir_ / entry.path().filename());
  }
  ~BuiltinCopy() { fs::remove_all(dir_); }
  std::string path() const { return dir_.string(); }

 private:
  fs::path dir_;
};

// migration/check → status and message, for comparing two runs.
std::map<std::string, std::pair<Status, std::string>> verdicts(const EngineRun& run) {
  std::map<std::string, std::pair<Status, std::string>> out;
  for (const Result& r : run.results) out[r.migration + " " + r.check] = {r.status, r.message};
  return out;
}

void expect_same_verdicts_all_passing(Engine& engine) {
  BuiltinCopy builtin;
  MigrationSet own = load_migrations(own_library_shop().string(), {engine.kind()});
  MigrationSet plain = load_migrations(builtin.path(), {engine.kind()});
  EngineRun own_run = verify_engine(engine, own), builtin_run = verify_engine(engine, plain);
  auto own_verdicts = verdicts(own_run), builtin_verdicts = verdicts(builtin_run);
  ASSERT_EQ(own_verdicts.size(), builtin_verdicts.size()) << own_run.engine;
  for (const auto& [key, verdict] : own_verdicts) {
    EXPECT_EQ(verdict.first, Status::pass) << own_run.engine << " own library " << key << ": "
                                           << verdict.second;
    EXPECT_EQ(builtin_verdicts[key].first, verdict.first)
        << own_run.engine << " " << key << ": built-in says " << builtin_verdicts[key].second;
  }
  // Every file's diagram was read (wrapper, template skipped) and matched, not skipped.
  for (const std::string ref : {"1000", "1001", "1002"})
    for (auto* v : {&own_verdicts, &builtin_verdicts})
      EXPECT_THAT((*v)[ref + " diagram"].second, HasSubstr("the diagram matches the catalog"))
          << own_run.engine << " " << ref;
}

TEST(HeliumRealShapes, SqliteBuiltinAndOwnLibraryAgree) {
  auto sqlite = connect_engine(parse_dsn("sqlite:"));
  expect_same_verdicts_all_passing(*sqlite);
}

TEST(HeliumRealShapes, PostgresBuiltinAndOwnLibraryAgree) {
  CRUCIBLE_LIVE_ENGINE(postgres, EngineKind::postgres);
  expect_same_verdicts_all_passing(*postgres);
}

TEST(HeliumRealShapes, MariadbBuiltinAndOwnLibraryAgree) {
  CRUCIBLE_LIVE_ENGINE(mariadb, EngineKind::mariadb);
  expect_same_verdicts_all_passing(*mariadb);
}

// The bootstrap's ${BROTLI_DECOMPRESS_FUNCTION} creates a C function (PostgreSQL) or a SONAME UDF
// (MariaDB) a stock server cannot load; under the transport shim it is a comment, and the run
// says so.
TEST(HeliumRealShapes, ShimNeutralisesTheBrotliFunctionAndSaysSo) {
  CRUCIBLE_LIVE_ENGINE(postgres, EngineKind::postgres);
  MigrationSet own = load_migrations(own_library_shop().string(), {EngineKind::postgres});
  EngineRun run = verify_engine(*postgres, own);
  ASSERT_FALSE(run.results.empty());
  EXPECT_EQ(run.results.front().status, Status::pass) << run.results.front().message;
  bool noted = std::any_of(run.notes.begin(), run.notes.end(), [](const std::string& note) {
    return note.find("${BROTLI_DECOMPRESS_FUNCTION} in shop_1000.lua became a comment") !=
           std::string::npos;
  });
  EXPECT_TRUE(noted);

  GenerateRequest request;
  request.path = (own_library_shop() / "shop_1000.lua").string();
  request.display = "shop_1000.lua";
  request.design_dir = own_library_shop().string();
  request.library_dir = own_library_shop().parent_path().string();
  request.own_library = true;
  request.engine = "mysql";
  request.design = "shop";
  EXPECT_THAT(generate_sql(request), HasSubstr("SONAME 'brotli_decompress.so'"));
  request.transport_shim = true;
  GeneratedSql shimmed = generate(request);
  EXPECT_THAT(shimmed.sql, Not(HasSubstr("SONAME")));
  EXPECT_TRUE(shimmed.brotli_function_skipped);
}

}  // namespace
}  // namespace crucible::lua::helium
