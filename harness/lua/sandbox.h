// An embedded LuaJIT state for running migration code (Helium designs, the Lua DSL).
//
// The sandbox is what docs/HELIUM.md asks for: base, string, table, math and bit only; no io, no
// debug, no ffi/jit; `os` reduced to getenv/time/clock/date/difftime (Helium reads macros from
// the environment; --define values take precedence over it, and Crucible's own credentials,
// $CRUCIBLE_*_URL, read as nil); `load`/`loadstring` refuse binary chunks; `require` finds only
// the modules Crucible registers (preload) and `name.lua` files in the folders it is given (a
// Helium design's own database.lua). Each migration file gets a fresh Sandbox.
//
// A migration file is untrusted code, so the sandbox holds it to limits it cannot catch or
// switch off (limits.h): an instruction budget (the JIT is off so that the count hook always
// fires, in coroutines too), a wall-clock limit per call, and a memory cap. The string pattern
// functions are bounded the same way (patterns.h), `collectgarbage` can only collect and count,
// and metatables Crucible sets are locked. Every error names the file (and line when known).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <lua.hpp>

#include "harness/common/error.h"
#include "harness/lua/limits.h"

namespace crucible::lua {

// A Lua syntax or runtime error; the message starts with "file:line:".
class LuaError : public Error {
 public:
  using Error::Error;
};

struct SandboxOptions {
  std::vector<std::string> module_dirs;          // require("x") may load x.lua from these
  std::map<std::string, std::string> defines;    // os.getenv sees these before the environment
  long long instruction_budget = 500'000'000;    // VM instructions for the sandbox's lifetime
  std::chrono::milliseconds time_limit{60'000};  // wall clock for each call into Lua
  size_t memory_limit = size_t{1} << 30;         // bytes the Lua state may hold
};

class Sandbox {
 public:
  explicit Sandbox(SandboxOptions options = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* state() const { return L_; }

  // require(name) returns what `open` pushes (a C module such as `brotli` or `migration`).
  void preload(const std::string& name, lua_CFunction open);
  // require(name) runs `source` (an embedded Lua module) and returns its result.
  void preload_source(const std::string& name, const std::string& source);

  // Runs the file and leaves its return values on the stack; returns how many. `display` names
  // the file in error messages (a path relative to the migrations folder).
  int run_file(const std::string& path, const std::string& display);
  // Runs `source` as a chunk named `display`, like run_file.
  int run_string(const std::string& source, const std::string& display);
  // lua_pcall with the limits, the wall clock at options().time_limit; on error throws LuaError
  // with the Lua message, which names the file.
  void call(int nargs, int nresults);
  // call() ending at `deadline` instead; none: no wall-clock limit (a migration's up/down, whose
  // statements may take long and have limits of their own, ends at --migration-timeout if any).
  void call_until(int nargs, int nresults, const std::optional<Deadline>& deadline);

  const SandboxOptions& options() const { return options_; }
  SandboxLimits& limits() { return limits_; }

 private:
  void open_libraries();
  void install_require();
  void install_guards();

  SandboxOptions options_;
  SandboxLimits limits_;
  lua_State* L_;
  std::string display_;  // the file run_file/run_string last ran, for errors without a position
};

// "file:line: " of the innermost Lua code of the migration on the stack of `L` ("" when none):
// where a C function was called from.
std::string where_in_migration(lua_State* L);

// The Sandbox that owns `L` (set by the constructor): for C functions registered into it.
Sandbox& sandbox_of(lua_State* L);

}  // namespace crucible::lua
