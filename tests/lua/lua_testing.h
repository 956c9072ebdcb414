// Helpers the Lua sandbox tests share.
#pragma once

#include <string>

#include "harness/lua/sandbox.h"

namespace crucible::lua {

// The LuaError message of running `source` in `sandbox` as file `file`; "" when it ran.
inline std::string error_of(Sandbox& sandbox, const std::string& source,
                            const std::string& file = "m.lua") {
  try {
    sandbox.run_string(source, file);
  } catch (const LuaError& e) {
    return e.what();
  }
  return "";
}

}  // namespace crucible::lua
