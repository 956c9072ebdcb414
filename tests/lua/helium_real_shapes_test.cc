// A design written against the public Helium library's shapes (tests/helium_fixtures/real_shapes:
// ${COMMON_CREATE} directly before ${PRIMARY}(…), WITH next_query_id … SELECT …,
// ${COMMON_INSERT}, a {"diagram": [template, table]} row with raw line breaks in its SVG, a
// bootstrap that runs ${BROTLI_DECOMPRESS_FUNCTION}) runs unchanged on Crucible's built-in
// library and on a database.lua of the same shapes, with the same verdicts, on live engines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

#include "harness/checks/verify.h"
#include "harness/common/dsn.h"
#include "harness/engines/engine.h"
#include "harness/loaders/loader.h"
#include "harness/lua/helium/generate.h"
#include "harness/lua/helium/native.h"
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
  BuiltinCopy()
      : dir_(fs::temp_directory_path() / ("crucible_real_shapes_" + std::to_string(::getpid()))) {
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
    // 1003 stores a query (nested [==[ … ]==] blocks) and draws no diagram.
    Status expected = key == "1003 diagram" ? Status::skip : Status::pass;
    EXPECT_EQ(verdict.first, expected) << own_run.engine << " own library " << key << ": "
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

  // A library that never defines the macro keeps the undefined-macro error a server would hit.
  fs::path dir = fs::temp_directory_path() /
                 ("crucible_real_shapes_nobrotli_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "database.lua")
      << "local M = {}\n"
         "function M:run_migration(queries, engine)\n"
         "  return (queries[1].sql:gsub('%${([%w_]+)}', require('database_' .. engine)))\n"
         "end\nreturn M\n";
  std::ofstream(dir / "database_postgresql.lua") << "return { X = 'SELECT 1' }\n";
  std::ofstream(dir / "d_1000.lua") << "return function() return { { sql = "
                                       "'${X}; ${BROTLI_DECOMPRESS_FUNCTION}' } } end\n";
  GenerateRequest bare;
  bare.path = (dir / "d_1000.lua").string();
  bare.display = "d_1000.lua";
  bare.design_dir = bare.library_dir = dir.string();
  bare.own_library = true;
  bare.engine = "postgresql";
  bare.design = "d";
  bare.transport_shim = true;
  std::string message;
  try {
    generate_sql(bare);
  } catch (const Error& e) {
    message = e.what();
  }
  fs::remove_all(dir);
  EXPECT_THAT(message, HasSubstr("undefined macro ${BROTLI_DECOMPRESS_FUNCTION}"));
}

// Helper macros take their arguments the way real designs pass them: a JSON path as a quoted
// literal (${JRS}collection${JRM}'$.key'${JRE}), and the hash parts as SQL expressions, the digest
// stored as base64. Checked by running the built-in library's text on each live engine.
void expect_helpers_evaluate(Engine& engine, const std::string& helium_engine) {
  fs::path dir = fs::temp_directory_path() / ("crucible_real_shapes_helpers_" +
                                              std::to_string(::getpid()) + "_" + helium_engine);
  fs::create_directories(dir);
  std::ofstream(dir / "d_1001.lua")
      << "return function(engine, design_name, schema_name, cfg)\n"
         "  return { { sql = [[SELECT ${JRS}'{\"key\": \"value\"}'${JRM}'$.key'${JRE} AS j, "
         "${SHA256_HASH_START}'0'${SHA256_HASH_MID}'secret'${SHA256_HASH_END} AS h]] } }\n"
         "end\n";
  GenerateRequest request;
  request.path = (dir / "d_1001.lua").string();
  request.display = "d_1001.lua";
  request.design_dir = dir.string();
  request.engine = helium_engine;
  request.design = "d";
  std::string sql = generate_sql(request);
  fs::remove_all(dir);
  auto db = engine.create_scratch();
  QueryResult row = db->query(Statement{sql, {"d_1001.lua", 1}});
  ASSERT_TRUE(row.ok()) << helium_engine << ": " << row.error->message << "\n" << sql;
  ASSERT_EQ(row.rows.size(), 1u);
  auto text = [](const SqlValue& v) {
    return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
  };
  EXPECT_EQ(text(row.rows[0][0]), "value") << helium_engine;
  // base64(sha256("0secret"))
  EXPECT_EQ(text(row.rows[0][1]), "LM7m9t0bwiac3dfNXkdXjpjkMFOYB8Nt8j+rfdE+dYM=") << helium_engine;
}

TEST(HeliumRealShapes, HelperMacrosTakeTheRealArgumentsOnEveryEngine) {
  register_sqlite_functions();  // crypto_* as the server registers them
  auto sqlite = connect_engine(parse_dsn("sqlite:"));
  expect_helpers_evaluate(*sqlite, "sqlite");
  if (auto postgres = testing::live_engine(EngineKind::postgres))
    expect_helpers_evaluate(*postgres, "postgresql");
  if (auto mariadb = testing::live_engine(EngineKind::mariadb))
    expect_helpers_evaluate(*mariadb, "mariadb");
}

// The real library expands macros before it encodes [=[ … ]=] blocks, so an undefined macro in
// stored code travels as base64. Crucible decodes the blocks (nested ones too) and names the
// macro before anything runs: in the forward code (where the server would fail late) and in a
// query the forward code stores as data (where no server run fails at all — the shape of a real
// design's `${SCHEME}tokens` inside a [==[ … ]==] query).
class HiddenMacroDesign : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("crucible_real_shapes_hidden_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "shop");
    for (const auto& entry : fs::directory_iterator(own_library_shop().parent_path()))
      if (entry.is_regular_file()) fs::copy_file(entry.path(), root_ / entry.path().filename());
    fs::copy_file(own_library_shop() / "shop_1000.lua", root_ / "shop" / "shop_1000.lua");
  }
  void TearDown() override { fs::remove_all(root_); }

  // 1001's forward code is `code` (a [=[ … ]=] block); it marks itself applied.
  Result forward_of_1001(const std::string& code) {
    std::ofstream(root_ / "shop" / "shop_1001.lua")
        << "return function(engine, design_name, schema_name, cfg)\n"
           "cfg.MIGRATION = '1001'\n"
           "return { { sql = [[\n"
           "INSERT INTO ${QUERIES} (${QUERIES_INSERT})\n"
           "WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM "
           "${QUERIES})\n"
           "SELECT new_query_id, ${MIGRATION}, ${STATUS_ACTIVE}, ${TYPE_FORWARD_MIGRATION}, "
           "${DIALECT}, ${QTC_SLOW}, ${TIMEOUT},\n"
           "[=[\n" << code << "\n${SUBQUERY_DELIMITER}\n"
           "UPDATE ${QUERIES} SET query_type_a28 = ${TYPE_APPLIED_MIGRATION} WHERE query_ref = "
           "${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};\n"
           "]=], 'Forward', NULL, NULL, ${COMMON_INSERT}\n"
           "FROM next_query_id;\n"
           "]] } }\n"
           "end\n";
    auto sqlite = connect_engine(parse_dsn("sqlite:"));
    EngineRun run = verify_engine(*sqlite, load_migrations((root_ / "shop").string(),
                                                           {EngineKind::sqlite}));
    auto forward = std::find_if(run.results.begin(), run.results.end(), [](const Result& r) {
      return r.migration == "1001" && r.check == "forward";
    });
    if (forward == run.results.end()) {
      ADD_FAILURE() << "no forward result for 1001";
      return Result{};
    }
    return *forward;
  }

  fs::path root_;
};

TEST_F(HiddenMacroDesign, MacroInTheForwardCodeIsNamedBeforeTheServerRunsIt) {
  Result forward = forward_of_1001("${NOT_IN_THIS_LIBRARY};");
  EXPECT_EQ(forward.status, Status::error);
  EXPECT_THAT(forward.message, HasSubstr("undefined macro ${NOT_IN_THIS_LIBRARY} left inside an "
                                         "encoded [=[ … ]=] block for sqlite"));
  EXPECT_THAT(forward.message, HasSubstr("shop_1001.lua"));
  EXPECT_THAT(forward.message, HasSubstr("--define NOT_IN_THIS_LIBRARY=VALUE"));
}

TEST_F(HiddenMacroDesign, MacroInAStoredQueryIsNamedAlthoughEveryStatementWouldRun) {
  Result forward = forward_of_1001(
      "INSERT INTO ${QUERIES} (${QUERIES_INSERT})\n"
      "WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM "
      "${QUERIES})\n"
      "SELECT new_query_id, 19, ${STATUS_ACTIVE}, 1, ${DIALECT}, ${QTC_MEDIUM}, "
      "${TIMEOUT},\n"
      "[==[\n    DELETE FROM ${SCHEME}tokens WHERE token_hash = :TOKENHASH\n]==],\n"
      "'Delete token', NULL, NULL, ${COMMON_INSERT}\nFROM next_query_id;");
  EXPECT_EQ(forward.status, Status::error);
  EXPECT_THAT(forward.message, HasSubstr("undefined macro ${SCHEME} left inside an encoded"));
}

// The public MySQL library defines no BASE64_START/END: every encoded block is stored as bare
// base64 text and the server is handed that text. The error says so instead of only "syntax
// error near 'Q1JFQVRF…'".
TEST_F(HiddenMacroDesign, BareBase64StatementIsExplained) {
  fs::path engine_file = root_ / "database_sqlite.lua";
  std::ifstream in(engine_file);
  std::stringstream text;
  text << in.rdbuf();
  in.close();
  std::string library = text.str();
  size_t at = library.find("  BASE64_START =");
  ASSERT_NE(at, std::string::npos);
  library.erase(at, library.find('\n', library.find("COMPRESS_START", at)) + 1 - at);
  std::ofstream(engine_file) << library;
  Result forward = forward_of_1001("CREATE TABLE widgets (widget_id integer);");
  EXPECT_EQ(forward.status, Status::error);
  EXPECT_THAT(forward.message, HasSubstr("APPLY 1001"));
  EXPECT_THAT(forward.message, HasSubstr("the statement is base64 text"));
  EXPECT_THAT(forward.message, HasSubstr("no BASE64_START/BASE64_END"));
}

TEST_F(HiddenMacroDesign, LowerCaseTemplateTextInAStoredQueryIsNotAMacro) {
  // JavaScript-style ${value} in stored text is data, not a Helium macro.
  Result forward = forward_of_1001(
      "INSERT INTO ${QUERIES} (${QUERIES_INSERT})\n"
      "WITH next_query_id AS (SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id FROM "
      "${QUERIES})\n"
      "SELECT new_query_id, 19, ${STATUS_ACTIVE}, 1, ${DIALECT}, ${QTC_MEDIUM}, "
      "${TIMEOUT},\n"
      "[==[\n    SELECT 'Hello ${name}' AS greeting\n]==],\n"
      "'Greeting', NULL, NULL, ${COMMON_INSERT}\nFROM next_query_id;");
  EXPECT_EQ(forward.status, Status::pass) << forward.message;
}

}  // namespace
}  // namespace crucible::lua::helium
