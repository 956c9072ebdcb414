#include "harness/lua/sandbox.h"
#include "tests/lua/lua_testing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

namespace crucible::lua {
namespace {

using ::testing::HasSubstr;

TEST(Sandbox, RunsCodeAndReturnsValues) {
  Sandbox sandbox;
  ASSERT_EQ(sandbox.run_string("return 6 * 7, ('x'):rep(3), bit.band(6, 3)", "m.lua"), 3);
  EXPECT_EQ(lua_tointeger(sandbox.state(), -3), 42);
  EXPECT_STREQ(lua_tostring(sandbox.state(), -2), "xxx");
  EXPECT_EQ(lua_tointeger(sandbox.state(), -1), 2);
}

TEST(Sandbox, DangerousLibrariesAreAbsent) {
  Sandbox sandbox;
  for (const char* expr : {"io", "debug", "ffi", "jit", "dofile", "loadfile", "os.execute",
                           "os.remove", "os.rename", "os.exit", "os.tmpname", "string.dump"}) {
    sandbox.run_string(std::string("return ") + expr, "m.lua");
    EXPECT_TRUE(lua_isnil(sandbox.state(), -1)) << expr << " must not exist";
    lua_pop(sandbox.state(), 1);
  }
}

TEST(Sandbox, RequireOnlyFindsCrucibleModules) {
  Sandbox sandbox;
  for (const char* name : {"io", "ffi", "jit", "debug", "socket", "../etc/passwd"})
    EXPECT_THAT(error_of(sandbox, std::string("require('") + name + "')"),
                HasSubstr("not available in Crucible's sandbox")) << name;
  sandbox.preload_source("greeting", "return { hello = function() return 'hi' end }");
  sandbox.run_string("return require('greeting').hello()", "m.lua");
  EXPECT_STREQ(lua_tostring(sandbox.state(), -1), "hi");
}

TEST(Sandbox, BinaryChunksAreRefused) {
  Sandbox sandbox;
  sandbox.run_string("return load('\\27LJ\\2 garbage')", "m.lua");
  EXPECT_TRUE(lua_isnil(sandbox.state(), -2));
  EXPECT_THAT(lua_tostring(sandbox.state(), -1), HasSubstr("binary chunks are not allowed"));
  lua_settop(sandbox.state(), 0);
  sandbox.run_string("return loadstring('return 5')()", "m.lua");
  EXPECT_EQ(lua_tointeger(sandbox.state(), -1), 5);  // text chunks still load
}

TEST(Sandbox, GetenvKeptAndDefinesWin) {
  setenv("CRUCIBLE_SANDBOX_TEST", "from-env", 1);
  setenv("CRUCIBLE_SANDBOX_DEFINED", "from-env", 1);
  Sandbox sandbox({.defines = {{"CRUCIBLE_SANDBOX_DEFINED", "from-define"}}});
  sandbox.run_string("return os.getenv('CRUCIBLE_SANDBOX_TEST'), os.getenv('CRUCIBLE_SANDBOX_DEFINED')",
                     "m.lua");
  EXPECT_STREQ(lua_tostring(sandbox.state(), -2), "from-env");
  EXPECT_STREQ(lua_tostring(sandbox.state(), -1), "from-define");
}

TEST(Sandbox, EndlessLoopEndsWithFileAndLine) {
  Sandbox sandbox({.instruction_budget = 5'000'000});
  auto start = std::chrono::steady_clock::now();
  std::string message = error_of(sandbox, "local x = 0\nwhile true do\n  x = x + 1\nend\n", "loop_1001.lua");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_THAT(message, HasSubstr("loop_1001.lua:"));
  EXPECT_THAT(message, HasSubstr("instruction budget"));
}

TEST(Sandbox, SyntaxAndRuntimeErrorsCarryFileAndLine) {
  Sandbox sandbox;
  EXPECT_THAT(error_of(sandbox, "local a = 1\nlocal b = = 2\n", "bad.lua"), HasSubstr("bad.lua:2:"));
  EXPECT_THAT(error_of(sandbox, "\n\nlocal t = nil\nreturn t.x\n", "nil.lua"), HasSubstr("nil.lua:4:"));
  EXPECT_THAT(error_of(sandbox, "error('boom')", "e.lua"), HasSubstr("e.lua:1: boom"));
}

TEST(Sandbox, FreshStateHasNoLeftovers) {
  { Sandbox first; first.run_string("leaked = 1", "a.lua"); }
  Sandbox second;
  second.run_string("return leaked", "b.lua");
  EXPECT_TRUE(lua_isnil(second.state(), -1));
}

}  // namespace
}  // namespace crucible::lua
