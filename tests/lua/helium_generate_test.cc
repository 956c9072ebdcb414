// Generation of Helium migration SQL with Crucible's built-in library: macro expansion, the
// environment fallback, long-bracket encoding (checked by decoding on a real SQLite connection),
// delimiter joining and splitting.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "harness/common/dsn.h"
#include "harness/engines/engine.h"
#include "harness/lua/helium/generate.h"
#include "harness/lua/helium/native.h"
#include "harness/lua/sandbox.h"
#include "tests/support/live_engine.h"

namespace crucible::lua::helium {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class HeliumGenerate : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("crucible_helium_gen_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A design file d_1001.lua whose function has `body`, for the built-in library.
  GenerateRequest file(const std::string& body, const std::string& engine = "sqlite") {
    std::ofstream(dir_ / "d_1001.lua") << "return function(engine, design_name, schema_name, cfg)\n"
                                       << body << "\nend\n";
    GenerateRequest r;
    r.path = (dir_ / "d_1001.lua").string();
    r.display = "d_1001.lua";
    r.design_dir = dir_.string();
    r.engine = engine;
    r.design = "d";
    return r;
  }

  static std::string error_of(const GenerateRequest& request) {
    try {
      generate_sql(request);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  fs::path dir_;
};

TEST_F(HeliumGenerate, MacrosNestAndFallBackToTheEnvironment) {
  ::setenv("CRUCIBLE_TEST_REGION", "eu-west", 1);
  auto request = file(R"(
    cfg.OUTER = "${INNER}!"; cfg.INNER = "${TABLE}_${CRUCIBLE_TEST_REGION}"; cfg.TABLE = "t"
    return { { sql = "SELECT '${OUTER}' ${DUMMY_TABLE}" } })");
  EXPECT_EQ(generate_sql(request), "SELECT 't_eu-west!' ");
  request.defines["CRUCIBLE_TEST_REGION"] = "from-define";  // --define wins over the environment
  EXPECT_EQ(generate_sql(request), "SELECT 't_from-define!' ");
  ::unsetenv("CRUCIBLE_TEST_REGION");
}

TEST_F(HeliumGenerate, UnknownMacroNamesTheFileAndTheMacro) {
  auto request = file(R"(return { { sql = "SELECT ${NO_SUCH_MACRO_ANYWHERE}" } })");
  std::string error = error_of(request);
  EXPECT_THAT(error, HasSubstr("d_1001.lua"));
  EXPECT_THAT(error, HasSubstr("${NO_SUCH_MACRO_ANYWHERE}"));
}

TEST_F(HeliumGenerate, QueriesAreJoinedWithTheDelimiterLineAndSplitBack) {
  auto request = file(R"(return { { sql = "SELECT 1;" }, { sql = "SELECT 2;" } })");
  std::string sql = generate_sql(request);
  EXPECT_EQ(sql, "SELECT 1;\n-- QUERY DELIMITER\nSELECT 2;");
  auto pieces = split_on_delimiter(sql, "-- QUERY DELIMITER");
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0], "SELECT 1;\n");
  EXPECT_EQ(pieces[1], "SELECT 2;\n");
  // Comment-only and empty pieces are dropped; a compound body stays whole.
  auto code = split_on_delimiter("-- just a note\n-- SUBQUERY DELIMITER\n\n-- SUBQUERY DELIMITER\n"
                                 "CREATE TRIGGER t BEGIN SELECT 1; SELECT 2; END;",
                                 "-- SUBQUERY DELIMITER");
  ASSERT_EQ(code.size(), 1u);
  EXPECT_THAT(code[0], HasSubstr("SELECT 1; SELECT 2; END;"));
}

// The literal a block became, decoded by the database itself.
std::string decode_on_sqlite(const std::string& expression) {
  register_sqlite_functions();
  auto engine = connect_engine(parse_dsn("sqlite:"));
  auto db = engine->create_scratch();
  QueryResult r = db->query(Statement{"SELECT " + expression, {"test", 1}});
  if (!r.ok()) return "error: " + r.error->message;
  return std::get<std::string>(r.rows.at(0).at(0));
}

TEST_F(HeliumGenerate, SmallBlocksBecomeBase64ThatSqliteDecodes) {
  std::string sql = generate_sql(file(R"(cfg.TABLE = "t"
    return { { sql = "[=[it's ${TABLE}: ü]=]" } })"));
  EXPECT_THAT(sql, HasSubstr("CRYPTO_DECODE('"));
  EXPECT_THAT(sql, Not(HasSubstr("BROTLI")));
  EXPECT_EQ(decode_on_sqlite(sql), "it's t: ü");  // quotes survive: that is what base64 is for
}

TEST_F(HeliumGenerate, BlocksOverOneKilobyteAreBrotliThenBase64AndSqliteDecompresses) {
  std::string sql = generate_sql(file(R"(cfg.BIG = string.rep("SELECT 'x'; ", 200)
    return { { sql = "[==[${BIG}]==]" } })"));
  EXPECT_THAT(sql, HasSubstr("BROTLI_DECOMPRESS(CRYPTO_DECODE('"));
  std::string original;
  for (int i = 0; i < 200; ++i) original += "SELECT 'x'; ";
  EXPECT_LT(sql.size(), original.size());  // compressed
  EXPECT_EQ(decode_on_sqlite(sql), original);
}

TEST_F(HeliumGenerate, TransportShimSendsBigBlocksAsPlainBase64AndCountsThem) {
  auto request = file(R"(cfg.BIG = string.rep("abc ", 400)
    return { { sql = "[=[${BIG}]=]" }, { sql = "[=[small]=]" } })", "postgresql");
  GeneratedSql plain = generate(request);
  EXPECT_THAT(plain.sql, HasSubstr("brotli_decompress"));
  EXPECT_EQ(plain.shimmed_blocks, 0);
  request.transport_shim = true;
  GeneratedSql shimmed = generate(request);
  EXPECT_THAT(shimmed.sql, Not(HasSubstr("brotli")));
  EXPECT_EQ(shimmed.shimmed_blocks, 1);
  std::string big;
  for (int i = 0; i < 400; ++i) big += "abc ";
  EXPECT_THAT(shimmed.sql, HasSubstr("CONVERT_FROM(DECODE('" + base64_encode(big) + "', 'base64'), 'UTF8')"));
}

TEST(HeliumNative, Base64RoundTripsEveryByte) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (size_t n : {0u, 1u, 2u, 3u, 4u, 255u, 256u}) {
    std::string prefix = bytes.substr(0, n);
    EXPECT_EQ(base64_decode(base64_encode(prefix)), prefix) << n;
  }
  EXPECT_EQ(base64_encode("Man"), "TWFu");
  EXPECT_EQ(base64_encode("Ma"), "TWE=");
  EXPECT_THROW(base64_decode("T!Fu"), Error);
  EXPECT_EQ(brotli_decompress(brotli_compress(bytes)), bytes);
  EXPECT_THROW(brotli_decompress("not brotli"), Error);
}

// docs/HELIUM.md: LuaJIT's gmatch follows Lua 5.1 and yields one more empty match at the end of a
// string than PUC Lua 5.4 does; a database.lua that splits lines with it gets one more (empty)
// line. Crucible runs LuaJIT, as the server does: this pins the behaviour it inherits.
TEST(HeliumSandbox, GmatchYieldsTheTrailingEmptyMatchLikeLua51) {
  Sandbox sandbox;
  sandbox.run_string("local n = 0 for _ in ('a\\nb\\n'):gmatch('([^\\n]*)\\n?') do n = n + 1 end "
                     "return n", "m.lua");
  EXPECT_EQ(lua_tointeger(sandbox.state(), -1), 3);  // "a", "b", "" (PUC Lua 5.4: 2)
}

}  // namespace
}  // namespace crucible::lua::helium
