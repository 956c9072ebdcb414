// Hostile Helium design files at generation time: the sandbox's limits hold (none can be caught
// with pcall), and native Brotli refuses a decompression bomb in Lua and in SQLite alike.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <brotli/encode.h>
#include <fmt/format.h>

#include "harness/engines/engine.h"
#include "harness/lua/helium/generate.h"
#include "harness/lua/helium/native.h"
#include "harness/lua/helium/source_line.h"
#include "tests/support/live_engine.h"

namespace crucible::lua::helium {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class HeliumHostile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("crucible_helium_hostile_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // d_1001.lua: `top` at load time, then the design function with `body`.
  std::string error_of(const std::string& top, const std::string& body) {
    std::ofstream(dir_ / "d_1001.lua") << top << "\nreturn function(engine, design_name, schema_name, cfg)\n"
                                       << body << "\nend\n";
    GenerateRequest r{.path = (dir_ / "d_1001.lua").string(), .display = "d_1001.lua",
                      .design_dir = dir_.string(), .engine = "sqlite", .design = "d"};
    try {
      generate_sql(r);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  fs::path dir_;
};

// `bytes` zero bytes as a Brotli stream of a few hundred KB, built without holding them.
std::string brotli_bomb(size_t bytes) {
  BrotliEncoderState* encoder = BrotliEncoderCreateInstance(nullptr, nullptr, nullptr);
  BrotliEncoderSetParameter(encoder, BROTLI_PARAM_QUALITY, 1);
  std::string chunk(1 << 20, '\0'), out;
  uint8_t buffer[65536];
  auto pump = [&](BrotliEncoderOperation op, const uint8_t*& in, size_t& in_left) {
    do {
      size_t out_left = sizeof buffer;
      uint8_t* next = buffer;
      BrotliEncoderCompressStream(encoder, op, &in_left, &in, &out_left, &next, nullptr);
      out.append(reinterpret_cast<char*>(buffer), sizeof buffer - out_left);
    } while (in_left > 0 || BrotliEncoderHasMoreOutput(encoder));
  };
  for (size_t done = 0; done < bytes; done += chunk.size()) {
    const uint8_t* in = reinterpret_cast<const uint8_t*>(chunk.data());
    size_t in_left = chunk.size();
    pump(BROTLI_OPERATION_PROCESS, in, in_left);
  }
  const uint8_t* in = nullptr;
  size_t in_left = 0;
  do pump(BROTLI_OPERATION_FINISH, in, in_left);
  while (!BrotliEncoderIsFinished(encoder));
  BrotliEncoderDestroyInstance(encoder);
  return out;
}

TEST_F(HeliumHostile, PcallCannotSwallowTheBudget) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_THAT(error_of("", "while true do pcall(function() while true do end end) end"),
              HasSubstr("d_1001.lua:3: instruction budget"));
  EXPECT_THAT(error_of("while true do pcall(function() while true do end end) end", "return {}"),
              HasSubstr("d_1001.lua:1: instruction budget"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::minutes(2));
}

TEST_F(HeliumHostile, ASlowPatternEndsWithTheBudget) {
  EXPECT_THAT(error_of("", "local s = string.rep('a', 3000)\n"
                           "while true do pcall(string.find, s, '.-.-.-.-.-.-b') end"),
              HasSubstr("d_1001.lua:4: instruction budget"));
}

TEST_F(HeliumHostile, MemoryIsCappedAndNamesTheFile) {
  EXPECT_THAT(error_of("", "local t = {}\nfor i = 1, 1e9 do t[i] = string.rep('x', 2^26) .. i end"),
              HasSubstr("d_1001.lua: not enough memory (the Lua memory limit of 1 GiB"));
}

TEST_F(HeliumHostile, BrotliRefusesADecompressionBomb) {
  EXPECT_THAT(brotli_decompress(brotli_compress("hello")), "hello");
  std::string bomb = brotli_bomb(4 << 20);
  EXPECT_EQ(brotli_decompress(bomb).size(), size_t{4} << 20);
  try {
    brotli_decompress(bomb, 1 << 20);
    ADD_FAILURE() << "a 4 MiB stream passed a 1 MiB limit";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("decompresses to more than 1 MiB"));
  }
}

TEST_F(HeliumHostile, ABombInAHeliumFileIsAnErrorNotAnAbort) {
  std::string bomb = base64_encode(brotli_bomb(kMaxDecompressedBytes + (1 << 20)));
  std::string message = error_of("local bomb = '" + bomb + "'",
                                 "return { require('brotli').decompress(require('crucible_base64').decode(bomb)) }");
  EXPECT_THAT(message, HasSubstr("d_1001.lua:"));
  EXPECT_THAT(message, HasSubstr("decompresses to more than 256 MiB"));
}

TEST_F(HeliumHostile, ABombInSqliteIsAStatementError) {
  register_sqlite_functions();
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  auto db = engine->create_scratch();
  std::string hex;
  for (unsigned char byte : brotli_bomb(kMaxDecompressedBytes + (1 << 20))) hex += fmt::format("{:02x}", byte);
  QueryResult result = db->query(Statement{"SELECT length(brotli_decompress(x'" + hex + "'))", {"q.sql", 1}});
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error->message, HasSubstr("decompresses to more than 256 MiB"));
}

// std::regex recursed per character here and overflowed the stack (SIGSEGV) on a long comment.
TEST_F(HeliumHostile, HugeGeneratedTextIsNoCrash) {
  std::string comment = "/* " + std::string(4 << 20, 'x') + " */";
  EXPECT_EQ(split_on_delimiter("SELECT 1;\n-- QUERY DELIMITER\n" + comment + "\n", "-- QUERY DELIMITER").size(), 1u);
  EXPECT_EQ(split_on_delimiter(comment + "\nSELECT 2;\n-- QUERY DELIMITER\n-- only\n", "-- QUERY DELIMITER").size(), 1u);
  EXPECT_EQ(split_on_delimiter("/* never closed\n-- QUERY DELIMITER\n", "-- QUERY DELIMITER").size(), 1u);
  std::string line = "INSERT INTO t VALUES ('" + std::string(4 << 20, 'y') + "');";
  EXPECT_EQ(locate_statement("local x = [[\n" + line + "\n]]\n", line, CodeKind::forward), 0);
  EXPECT_THAT(error_of("", "return {{ sql = '" + std::string(100, 'z') + "' .. string.rep('${', 2^20) .. 'NAME}' }}"),
              HasSubstr("undefined macro"));
}

}  // namespace
}  // namespace crucible::lua::helium
