// Hostile Lua against the sandbox's limits: none of them may be caught, outrun or switched off.
#include "harness/lua/sandbox.h"
#include "tests/lua/lua_testing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

namespace crucible::lua {
namespace {

using ::testing::HasSubstr;
using std::chrono::seconds;

// A small budget: a limit that holds must end each case in well under a second of CPU; the
// bound on wall time is generous for a loaded machine.
SandboxOptions small_budget() { return {.instruction_budget = 5'000'000}; }

class Elapsed {
 public:
  seconds::rep seconds_so_far() const {
    return std::chrono::duration_cast<seconds>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

TEST(SandboxLimits, PcallCannotSwallowTheBudget) {
  Sandbox sandbox(small_budget());
  Elapsed elapsed;
  std::string message = error_of(sandbox,
                                 "while true do\n"
                                 "  pcall(function() while true do end end)\n"
                                 "end\n", "loop_1001.lua");
  EXPECT_THAT(message, HasSubstr("loop_1001.lua:"));
  EXPECT_THAT(message, HasSubstr("instruction budget"));
  EXPECT_LT(elapsed.seconds_so_far(), 30);
}

TEST(SandboxLimits, XpcallAndCoroutinesCannotSwallowTheBudget) {
  for (const char* source :
       {"while true do xpcall(function() while true do end end, function(e) return e end) end",
        "while true do xpcall(function() error('x') end, function(e) while true do end end) end",
        "while true do coroutine.resume(coroutine.create(function() while true do end end)) end",
        "local f = coroutine.wrap(function() while true do end end)\n"
        "while true do pcall(f) end"}) {
    Sandbox sandbox(small_budget());
    Elapsed elapsed;
    EXPECT_THAT(error_of(sandbox, source), HasSubstr("instruction budget")) << source;
    EXPECT_LT(elapsed.seconds_so_far(), 30) << source;
  }
}

TEST(SandboxLimits, TheWallClockLimitEndsAPcallLoop) {
  Sandbox sandbox({.instruction_budget = 1'000'000'000'000'000,
                   .time_limit = std::chrono::milliseconds(500)});
  Elapsed elapsed;
  std::string message = error_of(sandbox, "while true do pcall(function() while true do end end) end");
  EXPECT_THAT(message, HasSubstr("m.lua:1: the Lua time limit of 500 ms passed"));
  EXPECT_LT(elapsed.seconds_so_far(), 30);
}

TEST(SandboxLimits, PatternMatchingCountsAgainstTheBudget) {
  Sandbox sandbox(small_budget());
  Elapsed elapsed;
  std::string message = error_of(sandbox,
                                 "local s = string.rep('a', 3000)\n"
                                 "while true do pcall(string.find, s, '.-.-.-.-.-.-b') end\n");
  EXPECT_THAT(message, HasSubstr("m.lua:2: instruction budget"));
  EXPECT_LT(elapsed.seconds_so_far(), 30);
}

// The bounded matcher is Lua 5.1's: the same results as LuaJIT's own on everyday patterns.
TEST(SandboxLimits, BoundedPatternsKeepLuaSemantics) {
  Sandbox sandbox;
  const char* source = R"lua(
    local r = {}
    local function add(...) for i = 1, select("#", ...) do r[#r + 1] = tostring((select(i, ...))) end end
    add(string.find("hello world", "o w"))            -- 5 7
    add(string.find("hello world", "l+"))             -- 3 4
    add(string.find("a.b", ".", 1, true))             -- 2? no: plain '.' at 2
    add(string.find("key = value", "(%w+)%s*=%s*(%w+)"))  -- 1 11 key value
    add(string.find("abc", "b", -1))                  -- nil
    add(string.find("abc", "", 10))                   -- nil
    add(string.match("  trim  ", "^%s*(.-)%s*$"))     -- trim
    add(string.match("2024-01-05", "(%d+)-(%d+)-(%d+)"))
    add(string.match("f(a(b)c)", "%b()"))             -- (a(b)c)
    add(string.match("THE (quick) fox", "%f[%a]%a+", 5))  -- quick
    add(string.match("hello", "()ll()"))              -- 3 5
    add(("x=1, y=2"):gsub("(%w+)=(%w+)", "%2=%1"))   -- 1=x, 2=y 2
    add(string.gsub("abc", "", "-"))                  -- -a-b-c- 4
    add(string.gsub("hello world", "%w+", {hello = "HI"}))  -- HI world 2
    add(string.gsub("abc", "%w", function(c) return c:upper() end, 2))  -- ABc 2
    add(string.gsub("${A} and ${B}", "%${(%w+)}", {A = "1"}))  -- 1 and ${B} 2
    for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do add(k, v) end
    for w in ("one two"):gmatch("%a+") do add(w) end
    add(select("#", string.gsub("", "x", "y")))       -- 2
    return table.concat(r, " ")
  )lua";
  ASSERT_EQ(sandbox.run_string(source, "m.lua"), 1);
  EXPECT_STREQ(lua_tostring(sandbox.state(), -1),
               "5 7 3 4 2 2 1 11 key value nil nil trim 2024 01 05 (a(b)c) quick 3 5 "
               "1=x, 2=y 2 -a-b-c- 4 HI world 2 ABc 2 1 and ${B} 2 a 1 b 2 one two 2");
}

TEST(SandboxLimits, BadPatternsAreErrors) {
  Sandbox sandbox;
  EXPECT_THAT(error_of(sandbox, "string.find('a', '[a')"), HasSubstr("malformed pattern"));
  EXPECT_THAT(error_of(sandbox, "string.find('a', '%')"), HasSubstr("malformed pattern"));
  EXPECT_THAT(error_of(sandbox, "string.find('a', '(a')"), HasSubstr("unfinished capture"));
  EXPECT_THAT(error_of(sandbox, "string.find(string.rep('a', 1000), string.rep('a?', 500) .. 'b')"),
              HasSubstr("pattern too complex"));
}

TEST(SandboxLimits, MemoryIsCappedAndNamesTheFile) {
  Sandbox sandbox({.memory_limit = 64 << 20});
  Elapsed elapsed;
  std::string message = error_of(sandbox,
                                 "local t = {}\n"
                                 "for i = 1, 1000 do t[i] = string.rep('x', 2^20) .. i end\n",
                                 "greedy_1001.lua");
  EXPECT_THAT(message, HasSubstr("greedy_1001.lua"));
  EXPECT_THAT(message, HasSubstr("not enough memory (the Lua memory limit of 64 MiB"));
  EXPECT_LT(elapsed.seconds_so_far(), 30);
}

TEST(SandboxLimits, PcallCannotSwallowTheMemoryLimit) {
  Sandbox sandbox({.memory_limit = 64 << 20});
  std::string message = error_of(sandbox,
                                 "while true do\n"
                                 "  pcall(function() local t = {}\n"
                                 "    for i = 1, 1e9 do t[i] = string.rep('x', 2^20) .. i end end)\n"
                                 "end\n");
  EXPECT_THAT(message, HasSubstr("m.lua"));
  EXPECT_THAT(message, HasSubstr("not enough memory"));
}

TEST(SandboxLimits, AHugeStringIsOutOfMemoryNotACrash) {
  Sandbox sandbox({.memory_limit = 64 << 20});
  EXPECT_THAT(error_of(sandbox, "local s = string.rep('x', 2^30)"), HasSubstr("not enough memory"));
  Sandbox separator({.memory_limit = 64 << 20});
  EXPECT_THAT(error_of(separator, "local s = string.rep('x', 2^20, string.rep('y', 2^20))"),
              HasSubstr("not enough memory"));
}

TEST(SandboxLimits, LoadCannotBuildAnUnboundedChunk) {
  Sandbox sandbox({.memory_limit = 64 << 20});
  EXPECT_THAT(error_of(sandbox, "local s = string.rep('-', 2^20)\nlocal f = load(function() return s end)"),
              HasSubstr("m.lua:2: load: the chunk is larger than the Lua memory limit"));
}

TEST(SandboxLimits, StoppingTheCollectorDoesNotDefeatIt) {
  Sandbox sandbox({.memory_limit = 64 << 20});
  EXPECT_EQ(error_of(sandbox, "collectgarbage('stop')\n"
                              "for i = 1, 2000 do local s = string.rep('x', 2^20) .. i end\n"), "");
}

TEST(SandboxLimits, StackOverflowNamesTheFile) {
  Sandbox sandbox;
  EXPECT_THAT(error_of(sandbox, "local function f() return 1 + f() end\nf()", "deep_1001.lua"),
              HasSubstr("deep_1001.lua"));
  Sandbox c_stack;
  std::string message = error_of(c_stack,
                                 "local t = setmetatable({}, {__tostring = function(s) return '<' .. tostring(s) end})\n"
                                 "return tostring(t)\n", "deep_1002.lua");
  EXPECT_THAT(message, HasSubstr("deep_1002.lua"));
  EXPECT_THAT(message, HasSubstr("overflow"));
}

TEST(SandboxLimits, PrintCannotFloodTheLog) {
  Sandbox sandbox;
  ::testing::internal::CaptureStderr();
  sandbox.run_string("print(string.rep('x', 2^24))", "m.lua");
  std::string printed = ::testing::internal::GetCapturedStderr();
  EXPECT_LT(printed.size(), size_t{70} << 10);
  EXPECT_THAT(printed, HasSubstr("(cut at 64 KiB)"));
}

// The guards are Lua functions, so a coroutine can still yield through pcall as in plain LuaJIT.
TEST(SandboxLimits, CoroutinesStillYieldThroughPcall) {
  Sandbox sandbox;
  ASSERT_EQ(sandbox.run_string("local co = coroutine.wrap(function() pcall(coroutine.yield, 1) return 2 end)\n"
                               "return co(), co(), select('#', pcall(error))",
                               "m.lua"), 3);
  EXPECT_EQ(lua_tointeger(sandbox.state(), -3), 1);
  EXPECT_EQ(lua_tointeger(sandbox.state(), -2), 2);
  EXPECT_EQ(lua_tointeger(sandbox.state(), -1), 2);  // false, nil
}

TEST(SandboxLimits, CrucibleCredentialsAreNotInTheEnvironment) {
  // An invented variable of the same shape: the real one stays as it is for the live-engine tests.
  setenv("CRUCIBLE_SANDBOXTEST_URL", "postgresql://crucible:s3cret-pw@127.0.0.1/postgres", 1);
  setenv("CRUCIBLE_SANDBOX_VISIBLE", "yes", 1);
  Sandbox sandbox({.defines = {{"CRUCIBLE_DEFINED_URL", "from-define"}}});
  sandbox.run_string("return os.getenv('CRUCIBLE_SANDBOXTEST_URL'), os.getenv('CRUCIBLE_SANDBOX_VISIBLE'), "
                     "os.getenv('CRUCIBLE_DEFINED_URL')", "m.lua");
  EXPECT_TRUE(lua_isnil(sandbox.state(), -3));
  EXPECT_STREQ(lua_tostring(sandbox.state(), -2), "yes");
  EXPECT_STREQ(lua_tostring(sandbox.state(), -1), "from-define");  // --define stays visible
}

}  // namespace
}  // namespace crucible::lua
