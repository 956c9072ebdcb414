// The Helium macro expander (the built-in library's database.expand, docs/HELIUM.md §1) on
// arbitrary SQL text with each engine's macro table. It expands or raises a Lua error
// ("undefined macro"); it never crashes, and any text without "${" comes back unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <lua.hpp>

#include "harness/lua/helium/builtin_library.h"
#include "harness/lua/helium/native.h"
#include "harness/lua/sandbox.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char* engines[] = {"postgresql", "mysql", "mariadb", "sqlite", "db2"};
  std::string engine = engines[data[0] % 5];
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  crucible::lua::Sandbox sandbox;
  crucible::lua::helium::preload_native_modules(sandbox);
  crucible::lua::helium::preload_builtin_library(sandbox);
  sandbox.run_string("local database = require('database')\n"
                     "local cfg = require('database_" + engine + "')\n"
                     "return function(text) return database.expand(text, cfg) end",
                     "fuzz_expand");
  lua_State* L = sandbox.state();
  lua_pushlstring(L, text.data(), text.size());
  try {
    sandbox.call(1, 1);
  } catch (const crucible::lua::LuaError&) {
    return 0;
  }
  size_t length = 0;
  const char* out = lua_tolstring(L, -1, &length);
  if (out == nullptr) std::abort();
  if (text.find("${") == std::string::npos && std::string(out, length) != text) std::abort();
  return 0;
}
