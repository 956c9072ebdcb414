#include "harness/lua/helium/generate.h"

#include <regex>

#include <fmt/format.h>

#include "harness/lua/helium/builtin_library.h"
#include "harness/lua/helium/native.h"
#include "harness/lua/sandbox.h"

namespace crucible::lua::helium {
namespace {

// What the server does with a file: its function, the engine's cfg, run_migration.
constexpr const char* kDriver = R"lua(
local migrate, engine, design, schema = ...
if type(migrate) ~= "function" then
  error("the file must return function(engine, design_name, schema_name, cfg)", 0)
end
local database = require("database")
local cfg = require("database_" .. engine)
if cfg.SCHEMA == nil or cfg.SCHEMA == "" then
  cfg.SCHEMA = schema ~= "" and ((engine == "db2" and schema:upper() or schema) .. ".") or ""
end
local queries = migrate(engine, design, schema, cfg)
return database:run_migration(queries or {}, engine, design, schema)
)lua";

// A line comment or blank line only: the server does not send such a piece.
bool only_comments(const std::string& piece) {
  static const std::regex meaningful(R"(^[ \t]*(?!--)[^ \t\r\n])", std::regex::multiline);
  std::string without_blocks = std::regex_replace(piece, std::regex(R"(/\*[\s\S]*?\*/)"), " ");
  return !std::regex_search(without_blocks, meaningful);
}

}  // namespace

std::string generate_sql(const GenerateRequest& request) {
  SandboxOptions options{.defines = request.defines};
  if (request.own_library) options.module_dirs.push_back(request.design_dir);
  Sandbox sandbox(options);
  preload_native_modules(sandbox);
  if (!request.own_library) preload_builtin_library(sandbox);
  lua_State* L = sandbox.state();
  int results = sandbox.run_file(request.path, request.display);
  lua_settop(L, lua_gettop(L) - results + 1);  // keep the first return value
  if (luaL_loadbuffer(L, kDriver, std::char_traits<char>::length(kDriver), "=helium") != 0)
    throw LuaError(lua_tostring(L, -1));
  lua_insert(L, -2);
  for (const std::string* text : {&request.engine, &request.design, &request.schema})
    lua_pushlstring(L, text->data(), text->size());
  try {
    sandbox.call(4, 1);
  } catch (const LuaError& e) {
    std::string message = e.what();
    // Errors raised without a position (the library's "undefined macro") get the file's name.
    if (message.rfind(request.display, 0) != 0) message = request.display + ": " + message;
    throw LuaError(message);
  }
  if (!lua_isstring(L, -1))
    throw LuaError(fmt::format("{}: database:run_migration returned no SQL text", request.display));
  std::string sql = lua_tostring(L, -1);
  std::smatch left;
  if (std::regex_search(sql, left, std::regex(R"(\$\{([^}]*)\})")))
    throw Error(fmt::format("{}: undefined macro ${{{}}} left in the generated SQL for {} (define "
                            "it with --define {}=VALUE or in the environment)",
                            request.display, left[1].str(), request.engine, left[1].str()));
  return sql;
}

std::vector<std::string> split_on_delimiter(const std::string& sql, const std::string& delimiter) {
  std::vector<std::string> pieces;
  std::string current;
  size_t start = 0;
  while (start <= sql.size()) {
    size_t end = sql.find('\n', start);
    if (end == std::string::npos) end = sql.size();
    std::string line = sql.substr(start, end - start);
    size_t first = line.find_first_not_of(" \t"), last = line.find_last_not_of(" \t\r");
    if (first != std::string::npos && line.compare(first, last + 1 - first, delimiter) == 0) {
      pieces.push_back(std::move(current));
      current.clear();
    } else {
      current += line;
      current += '\n';
    }
    start = end + 1;
  }
  pieces.push_back(std::move(current));
  std::erase_if(pieces, only_comments);
  return pieces;
}

}  // namespace crucible::lua::helium
