// What one Sandbox may spend: VM instructions (and pattern-matching steps), wall-clock time per
// call, and memory. A migration is hostile until proven otherwise, so every limit is sticky: once
// one is exceeded, every later check raises the same error again, and the sandbox's pcall, xpcall
// and coroutine.resume re-raise it instead of returning false — user code cannot catch its way
// past a limit. The memory cap is the lua_Alloc of the state: an allocation over it fails, which
// LuaJIT reports as "not enough memory".
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <lua.hpp>

#include "harness/engines/time_limit.h"

namespace crucible::lua {

// A point in time a call must finish by, and what to call it in the error.
struct Deadline {
  Clock::time_point at;
  std::string what;  // "the Lua time limit of 60 s", "the --migration-timeout of 5 min"
};

class SandboxLimits {
 public:
  SandboxLimits(long long instruction_budget, size_t memory_limit);

  // The lua_Alloc for lua_newstate; `ud` is the SandboxLimits.
  static void* allocate(void* ud, void* block, size_t old_size, size_t new_size);

  // Between begin_call and end_call the memory cap and `deadline` apply. Outside them Crucible's
  // own reading of Lua values may allocate freely, so that no allocation can fail unprotected.
  void begin_call(const Deadline& deadline);
  void end_call();

  // Counts `steps` VM instructions or matcher steps and checks the clock. Returns false when a
  // limit is (or was earlier) exceeded; exceeded() then says which.
  bool charge(long long steps);
  // The sticky error ("file:line: instruction budget of … exceeded (an endless loop?)"), "" while
  // within the limits.
  const std::string& exceeded() const { return exceeded_; }
  // Puts `where` ("file:line: ", where the limit was noticed) in front of the error, once.
  void locate(const std::string& where);
  bool out_of_memory() const { return out_of_memory_; }

  long long instruction_budget() const { return budget_; }
  size_t memory_limit() const { return memory_limit_; }

 private:
  long long budget_;
  long long used_ = 0;
  size_t memory_limit_;
  size_t allocated_ = 0;
  bool capped_ = false;  // inside a call
  bool out_of_memory_ = false;
  Deadline deadline_{Clock::time_point::max(), ""};  // none outside a call
  std::string exceeded_;
  bool located_ = false;

  void set_exceeded(std::string what);
};

// "1 GiB", "64 MiB", "512 KiB"
std::string describe_bytes(size_t bytes);

}  // namespace crucible::lua
