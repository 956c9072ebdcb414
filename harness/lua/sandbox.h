// An embedded LuaJIT state for running migration code (Helium designs, the Lua DSL).
//
// The sandbox is what HELIUM.md asks for: base, string, table, math and bit only; no io, no
// debug, no ffi/jit; `os` reduced to getenv/time/clock/date/difftime (Helium reads macros from
// the environment; --define values take precedence over it); `load`/`loadstring` refuse binary
// chunks; `require` finds only the modules Crucible registers (preload) and `name.lua` files in
// the folders it is given (a Helium design's own database.lua). Each migration file gets a
// fresh Sandbox. The JIT is off so that the instruction budget's count hook always fires: an
// endless loop ends with an error naming the file and line instead of hanging the run.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <lua.hpp>

#include "harness/common/error.h"

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
  // lua_pcall with the budget; on error throws LuaError with the Lua message.
  void call(int nargs, int nresults);

  const SandboxOptions& options() const { return options_; }

 private:
  void open_libraries();
  void install_require();

  SandboxOptions options_;
  lua_State* L_;
};

// The Sandbox that owns `L` (set by the constructor): for C functions registered into it.
Sandbox& sandbox_of(lua_State* L);

}  // namespace crucible::lua
