#include "harness/lua/helium/generate.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "harness/lua/helium/builtin_library.h"
#include "harness/lua/helium/native.h"
#include "harness/lua/sandbox.h"

namespace crucible::lua::helium {
namespace {

// What the server does with a file: its function, the engine's cfg, run_migration. A design's
// own library is held to the shape docs/HELIUM.md gives, with errors that say what is missing.
constexpr const char* kDriver = R"lua(
local migrate, engine, design, schema, shim, method_call, no_brotli_function = ...
if type(migrate) ~= "function" then
  error("the file must return function(engine, design_name, schema_name, cfg)", 0)
end
local database = require("database")
if type(database) ~= "table" or type(database.run_migration) ~= "function" then
  error("database.lua must return a table with a run_migration(queries, engine, design_name, "
        .. "schema_name) function", 0)
end
local found, cfg = pcall(require, "database_" .. engine)
if not found then error(cfg, 0) end
if type(cfg) ~= "table" then
  error("database_" .. engine .. ".lua must return the engine's macro table (got a "
        .. type(cfg) .. ")", 0)
end
if cfg.SCHEMA == nil or cfg.SCHEMA == "" then
  cfg.SCHEMA = schema ~= "" and ((engine == "db2" and schema:upper() or schema) .. ".") or ""
end
if shim then
  cfg.COMPRESS_START, cfg.COMPRESS_END = cfg.BASE64_START, cfg.BASE64_END
  -- The bootstrap's C function / UDF needs a shared library stock servers lack, and nothing
  -- calls it once the blocks travel as base64. A library without the macro keeps its error.
  if cfg.BROTLI_DECOMPRESS_FUNCTION ~= nil then
    cfg.BROTLI_DECOMPRESS_FUNCTION = no_brotli_function
  end
end
local queries = migrate(engine, design, schema, cfg)
local sql
-- cfg goes along as a fifth argument: a library that takes it finds it, others ignore it.
if method_call(database.run_migration) then
  sql = database:run_migration(queries or {}, engine, design, schema, cfg)
else
  sql = database.run_migration(queries or {}, engine, design, schema, cfg)
end
if type(sql) == "table" then sql = table.concat(sql, "\n-- QUERY DELIMITER\n") end
local brotli = package.loaded.brotli
return sql, shim and type(brotli) == "table" and brotli.shimmed_blocks or 0
)lua";

// The transport shim's `brotli`: compress and decompress leave the text as it is, and count.
constexpr const char* kIdentityBrotli = R"lua(
local brotli = { shimmed_blocks = 0 }
function brotli.compress(text)
  brotli.shimmed_blocks = brotli.shimmed_blocks + 1
  return text
end
function brotli.decompress(text) return text end
return brotli
)lua";

// method_call(f): whether run_migration expects the module as `self` — its first parameter is
// named self (`function database:run_migration(…)`), or it takes five parameters of which the
// first is not the queries.
int method_call(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  std::vector<std::string> params;
  while (const char* name = lua_getlocal(L, nullptr, static_cast<int>(params.size()) + 1))
    params.emplace_back(name);
  bool method = !params.empty() && (params[0] == "self" ||
                                    (params.size() >= 5 && params[0].rfind("q", 0) != 0));
  lua_pushboolean(L, method);
  return 1;
}

bool file_exists(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

// A design's own library may require `base64`: an alias of crucible_base64 unless the design
// ships its own base64.lua.
void preload_base64_alias(Sandbox& sandbox) {
  for (const std::string& dir : sandbox.options().module_dirs)
    if (file_exists(dir + "/base64.lua")) return;
  sandbox.preload_source("base64", "return require('crucible_base64')");
}

// Blank lines, `--` line comments and closed /* */ comments only: the server does not send such
// a piece. Scanned by hand: std::regex recurses per character and overflows the stack on a
// generated comment of a few megabytes.
bool only_comments(const std::string& piece) {
  for (size_t i = 0; i < piece.size();) {
    if (std::isspace(static_cast<unsigned char>(piece[i]))) {
      ++i;
    } else if (piece.compare(i, 2, "--") == 0) {
      i = piece.find('\n', i);
      if (i == std::string::npos) return true;
    } else if (piece.compare(i, 2, "/*") == 0) {
      size_t end = piece.find("*/", i + 2);
      if (end == std::string::npos) return false;  // an unclosed comment is the server's error
      i = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

// The name of the first ${…} macro left in `sql`, if any.
std::optional<std::string> macro_left(const std::string& sql) {
  size_t start = sql.find("${");
  if (start == std::string::npos) return std::nullopt;
  size_t end = sql.find('}', start + 2);
  if (end == std::string::npos) return std::nullopt;
  return sql.substr(start + 2, end - start - 2);
}

bool base64_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=';
}

bool macro_name(const std::string& name) {
  return !name.empty() && std::isupper(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isupper(static_cast<unsigned char>(c)) ||
                  std::isdigit(static_cast<unsigned char>(c)) || c == '_';
         });
}

// The first macro-like ${NAME} (upper case, as the libraries spell them) inside the encoded
// literals of `sql`, decoding nested blocks too. The library expands before it encodes, so a
// name left there is stored as the literal text `${NAME}`: in code the server runs it fails late,
// in a stored query (a [==[ … ]==] inside the code) it never fails during the migration at all.
std::optional<std::string> macro_left_encoded(const std::string& sql, int depth = 0) {
  if (depth > 5) return std::nullopt;
  for (size_t open = sql.find('\''); open != std::string::npos; open = sql.find('\'', open + 1)) {
    size_t close = open + 1;
    while (close < sql.size() && base64_char(sql[close])) ++close;
    if (close >= sql.size() || sql[close] != '\'') continue;
    size_t length = close - open - 1;
    if (length < 8 || length % 4 != 0) {
      open = close;
      continue;
    }
    std::string text;
    try {
      text = base64_decode(std::string_view(sql).substr(open + 1, length));
    } catch (const Error&) {
      open = close;
      continue;
    }
    if (text.find("${") == std::string::npos) {  // perhaps a Brotli block (SQLite, no shim)
      try {
        text = brotli_decompress(text);
      } catch (const Error&) {
      }
    }
    for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
      size_t end = text.find('}', at + 2);
      if (end == std::string::npos) break;
      std::string name = text.substr(at + 2, end - at - 2);
      if (macro_name(name)) return name;
    }
    if (std::optional<std::string> inner = macro_left_encoded(text, depth + 1)) return inner;
    open = close;
  }
  return std::nullopt;
}

}  // namespace

GeneratedSql generate(const GenerateRequest& request) {
  SandboxOptions options;
  options.defines = request.defines;
  if (request.own_library) {
    options.module_dirs.push_back(request.design_dir);
    if (request.library_dir != request.design_dir) options.module_dirs.push_back(request.library_dir);
  }
  Sandbox sandbox(options);
  preload_native_modules(sandbox);
  if (request.transport_shim) sandbox.preload_source("brotli", kIdentityBrotli);
  if (request.own_library) preload_base64_alias(sandbox);
  else preload_builtin_library(sandbox);
  lua_State* L = sandbox.state();
  int results = sandbox.run_file(request.path, request.display);
  if (results == 0) lua_pushnil(L), results = 1;
  lua_settop(L, lua_gettop(L) - results + 1);  // keep the first return value
  if (luaL_loadbuffer(L, kDriver, std::char_traits<char>::length(kDriver), "=helium") != 0)
    throw LuaError(lua_tostring(L, -1));
  lua_insert(L, -2);
  for (const std::string* text : {&request.engine, &request.design, &request.schema})
    lua_pushlstring(L, text->data(), text->size());
  lua_pushboolean(L, request.transport_shim);
  lua_pushcfunction(L, method_call);
  lua_pushstring(L, kNoBrotliFunction);
  try {
    sandbox.call(7, 2);
  } catch (const LuaError& e) {
    std::string message = e.what();
    // Errors raised without a position (the library's "undefined macro") get the file's name.
    if (message.rfind(request.display, 0) != 0) message = request.display + ": " + message;
    throw LuaError(message);
  }
  if (!lua_isstring(L, -2))
    throw LuaError(fmt::format("{}: database:run_migration returned no SQL text (got a {})",
                               request.display, luaL_typename(L, -2)));
  GeneratedSql out{lua_tostring(L, -2), static_cast<int>(lua_tointeger(L, -1))};
  out.brotli_function_skipped =
      request.transport_shim && out.sql.find(kNoBrotliFunction) != std::string::npos;
  if (std::optional<std::string> left = macro_left(out.sql))
    throw Error(fmt::format("{}: undefined macro ${{{}}} left in the generated SQL for {} (define "
                            "it with --define {}=VALUE or in the environment)",
                            request.display, *left, request.engine, *left));
  if (std::optional<std::string> left = macro_left_encoded(out.sql))
    throw Error(fmt::format("{}: undefined macro ${{{}}} left inside an encoded [=[ … ]=] block "
                            "for {}: the library expands macros before it encodes, so the stored "
                            "code keeps the literal ${{{}}} (define it with --define {}=VALUE or "
                            "in the environment)",
                            request.display, *left, request.engine, *left, *left));
  return out;
}

std::string generate_sql(const GenerateRequest& request) { return generate(request).sql; }

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
