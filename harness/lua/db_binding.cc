#include "harness/lua/db_binding.h"

#include <cmath>

#include <fmt/format.h>

namespace crucible::lua {
namespace {

constexpr char kDbMeta[] = "crucible.db";
constexpr char kStmtMeta[] = "crucible.stmt";

}  // namespace

struct DbHandle {
  Database* db;       // nullptr once closed
  BindingLog* log;
  std::string* file;  // owned by the caller of push_db, like log
};

namespace {

DbHandle& check_db(lua_State* L, int index) {
  auto& handle = *static_cast<DbHandle*>(luaL_checkudata(L, index, kDbMeta));
  if (!handle.db)
    luaL_error(L, "this db is closed: a db can be used only while the up(), down() or after() "
               "function it was given runs");
  return handle;
}

// Lua values → SqlValue. Holes up to the table's highest index are NULL.
std::vector<SqlValue> read_params(lua_State* L, int index) {
  std::vector<SqlValue> params;
  if (lua_isnoneornil(L, index)) return params;
  luaL_checktype(L, index, LUA_TTABLE);
  int count = 0;
  lua_pushnil(L);
  while (lua_next(L, index)) {
    if (lua_type(L, -2) == LUA_TNUMBER) count = std::max(count, static_cast<int>(lua_tointeger(L, -2)));
    lua_pop(L, 1);
  }
  for (int i = 1; i <= count; ++i) {
    lua_rawgeti(L, index, i);
    switch (lua_type(L, -1)) {
      case LUA_TNIL: params.emplace_back(nullptr); break;
      case LUA_TBOOLEAN: params.emplace_back(int64_t{lua_toboolean(L, -1)}); break;
      case LUA_TNUMBER: {
        double d = lua_tonumber(L, -1);
        if (std::floor(d) == d && std::fabs(d) < 9.0e15)
          params.emplace_back(static_cast<int64_t>(d));
        else
          params.emplace_back(d);
        break;
      }
      case LUA_TSTRING: {
        size_t size = 0;
        const char* text = lua_tolstring(L, -1, &size);
        params.emplace_back(std::string(text, size));
        break;
      }
      default:
        luaL_error(L, "parameter %d: a %s cannot be bound (use nil, a boolean, a number or a string)",
                   i, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
  }
  return params;
}

void push_value(lua_State* L, const SqlValue& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) lua_pushnil(L);
  else if (auto* i = std::get_if<int64_t>(&value)) lua_pushnumber(L, static_cast<lua_Number>(*i));
  else if (auto* d = std::get_if<double>(&value)) lua_pushnumber(L, *d);
  else {
    const auto& s = std::get<std::string>(value);
    lua_pushlstring(L, s.data(), s.size());
  }
}

// The caller's line in the migration file, so that an engine error points at the Lua code.
int caller_line(lua_State* L, int fallback) {
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
    return ar.currentline;
  return fallback;
}

// Runs one statement; on error pushes nil, message and returns false.
bool run(lua_State* L, DbHandle& h, const std::string& sql, const std::vector<SqlValue>& params,
         QueryResult& result) {
  try {
    result = h.db->query(Statement{sql, SourceLocation{*h.file, caller_line(L, h.log->fallback_line)}}, params);
  } catch (const Error& e) {
    h.log->infrastructure_error = e.what();
  }
  if (h.log->infrastructure_error) luaL_error(L, "%s", h.log->infrastructure_error->c_str());
  if (result.ok()) {
    ++h.log->statements_run;
    h.log->succeeded.push_back(sql);
    return true;
  }
  std::string message = result.error->sqlstate.empty()
                            ? result.error->message
                            : fmt::format("{} (SQLSTATE {})", result.error->message, result.error->sqlstate);
  h.log->last_error = result.error;
  lua_pushnil(L);
  lua_pushlstring(L, message.data(), message.size());
  return false;
}

void push_rows(lua_State* L, const QueryResult& result) {
  lua_createtable(L, static_cast<int>(result.rows.size()), 0);
  for (size_t r = 0; r < result.rows.size(); ++r) {
    lua_createtable(L, static_cast<int>(result.columns.size()), static_cast<int>(result.columns.size()));
    for (size_t c = 0; c < result.columns.size(); ++c) {
      push_value(L, result.rows[r][c]);
      lua_pushvalue(L, -1);
      lua_rawseti(L, -3, static_cast<int>(c + 1));
      lua_setfield(L, -2, result.columns[c].c_str());
    }
    lua_rawseti(L, -2, static_cast<int>(r + 1));
  }
}

void push_summary(lua_State* L, const QueryResult& result) {
  lua_newtable(L);
  lua_pushnumber(L, static_cast<lua_Number>(result.rows_affected));
  lua_setfield(L, -2, "rows_affected");
  if (result.last_insert_id) {
    lua_pushnumber(L, static_cast<lua_Number>(*result.last_insert_id));
    lua_setfield(L, -2, "last_insert_id");
  }
}

int query_with(lua_State* L, DbHandle& h, const std::string& sql, int params_index) {
  QueryResult result;
  if (!run(L, h, sql, read_params(L, params_index), result)) return 2;
  push_rows(L, result);
  return 1;
}

int execute_with(lua_State* L, DbHandle& h, const std::string& sql, int params_index) {
  QueryResult result;
  if (!run(L, h, sql, read_params(L, params_index), result)) return 2;
  push_summary(L, result);
  return 1;
}

int db_query(lua_State* L) { return query_with(L, check_db(L, 1), luaL_checkstring(L, 2), 3); }
int db_execute(lua_State* L) { return execute_with(L, check_db(L, 1), luaL_checkstring(L, 2), 3); }

// A prepared statement is its text plus the db: the engine prepares and binds on each call.
int db_prepare(lua_State* L) {
  check_db(L, 1);
  luaL_checkstring(L, 2);
  lua_newtable(L);
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "db");
  lua_pushvalue(L, 2);
  lua_setfield(L, -2, "sql");
  luaL_getmetatable(L, kStmtMeta);
  lua_setmetatable(L, -2);
  return 1;
}

template <int (*Run)(lua_State*, DbHandle&, const std::string&, int)>
int stmt_call(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_getfield(L, 1, "db");
  DbHandle& h = check_db(L, -1);
  lua_getfield(L, 1, "sql");
  std::string sql = luaL_checkstring(L, -1);
  lua_pop(L, 2);
  return Run(L, h, sql, 2);
}

void make_metatable(lua_State* L, const char* name, const luaL_Reg* methods) {
  if (!luaL_newmetatable(L, name)) {
    lua_pop(L, 1);
    return;
  }
  lua_newtable(L);
  luaL_register(L, nullptr, methods);
  lua_setfield(L, -2, "__index");
  lua_pushliteral(L, "locked");  // what getmetatable() returns; setmetatable() refuses
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 1);
}

}  // namespace

DbHandle* push_db(lua_State* L, Database& db, BindingLog& log, const std::string& file) {
  static const luaL_Reg db_methods[] = {
      {"query", db_query}, {"execute", db_execute}, {"prepare", db_prepare}, {nullptr, nullptr}};
  static const luaL_Reg stmt_methods[] = {{"execute", stmt_call<execute_with>},
                                          {"query", stmt_call<query_with>},
                                          {nullptr, nullptr}};
  make_metatable(L, kDbMeta, db_methods);
  make_metatable(L, kStmtMeta, stmt_methods);
  auto* handle = static_cast<DbHandle*>(lua_newuserdata(L, sizeof(DbHandle)));
  *handle = DbHandle{&db, &log, const_cast<std::string*>(&file)};
  luaL_getmetatable(L, kDbMeta);
  lua_setmetatable(L, -2);
  return handle;
}

void close_db(DbHandle* handle) { handle->db = nullptr; }

}  // namespace crucible::lua
