// string.find, string.match, string.gmatch and string.gsub with Lua 5.1 pattern semantics, whose
// matcher counts its steps against the sandbox's instruction budget and checks its deadline.
// LuaJIT's own matcher runs in C where no hook reaches it, and backtracking patterns such as
// ".-.-.-.-.-.-b" take exponential time: with these, a hostile pattern ends with the budget error.
// The matcher follows lstrlib.c of Lua 5.1.5 (MIT licence, Copyright (C) 1994-2012 Lua.org,
// PUC-Rio).
#pragma once

#include <lua.hpp>

#include "harness/lua/limits.h"

namespace crucible::lua {

// Replaces the four functions in the `string` table of `L`; they charge `limits`.
void install_bounded_patterns(lua_State* L, SandboxLimits& limits);

}  // namespace crucible::lua
