#include "harness/lua/dsl.h"

#include <optional>

#include <fmt/format.h>

#include "harness/engines/engine.h"
#include "harness/engines/registry.h"
#include "harness/lua/db_binding.h"
#include "harness/lua/sandbox.h"

namespace crucible::lua {
namespace {

// require("migration"): collects the declarations; the C++ side reads the returned table.
constexpr char kMigrationModule[] = R"lua(
local M = {}
local ENGINES = { sqlite = true, postgres = true, mysql = true, mariadb = true, db2 = true }

function M.define(fn)
  if type(fn) ~= "function" then error("define() expects a function", 2) end
  local defs, current, block = {}, nil, nil
  migration = function(description, body)
    if type(description) ~= "string" or type(body) ~= "function" then
      error("migration(description, function) expects a description and a function", 2)
    end
    if current then error("migration() cannot be nested", 2) end
    current = { description = description, blocks = {} }
    body()
    defs[#defs + 1] = current
    current = nil
  end
  database = function(engine, body)
    if not current then error("database() must be called inside migration()", 2) end
    if not ENGINES[engine] then
      error("unknown engine '" .. tostring(engine) .. "' (expected sqlite, postgres, mysql, mariadb or db2)", 2)
    end
    if current.blocks[engine] then error("a second database('" .. engine .. "') block in one migration", 2) end
    if type(body) ~= "function" then error("database(engine, function) expects a function", 2) end
    block = {}
    body()
    if not block.up then error("database('" .. engine .. "') has no up()", 2) end
    current.blocks[engine] = block
    block = nil
  end
  local function setter(key)
    return function(f)
      if not block then error(key .. "() must be called inside database()", 2) end
      if type(f) ~= "function" then error(key .. "() expects a function", 2) end
      if block[key] then error(key .. "() given twice", 2) end
      block[key] = f
    end
  end
  up, down, after = setter("up"), setter("down"), setter("after")
  fn()
  migration, database, up, down, after = nil, nil, nil, nil, nil
  return { crucible_dsl = true, migrations = defs }
end

return M
)lua";

// The C++ side reads the table a file returns with raw access and type checks only: a hand-built
// table's metamethods never run outside a protected call, and a wrong shape is an error naming
// the file, never a crash.

// Pushes t[key] without metamethods; nil when `t` (an absolute index) is not a table.
int push_raw(lua_State* L, int t, const char* key) {
  if (lua_type(L, t) != LUA_TTABLE) {
    lua_pushnil(L);
    return LUA_TNIL;
  }
  lua_pushstring(L, key);
  lua_rawget(L, t);
  return lua_type(L, -1);
}

// The shape define() builds: migrations = { { description = "…", blocks = { sqlite = { up =
// function, down = function?, after = function? } } } }.
class ShapeCheck {
 public:
  ShapeCheck(lua_State* L, const std::string& display) : L_(L), display_(display) {}

  void migrations(int t) {
    if (lua_type(L_, t) != LUA_TTABLE) fail("migrations", "a table", t);
    for (size_t i = 1, n = lua_objlen(L_, t); i <= n; ++i) {
      lua_rawgeti(L_, t, static_cast<int>(i));
      migration(lua_gettop(L_), fmt::format("migrations[{}]", i));
      lua_pop(L_, 1);
    }
  }

 private:
  void migration(int m, const std::string& path) {
    if (lua_type(L_, m) != LUA_TTABLE) fail(path, "a table", m);
    expect(m, path, "description", LUA_TSTRING, false);
    expect(m, path, "blocks", LUA_TTABLE, false);
    int blocks = lua_gettop(L_);
    for (EngineKind kind : all_engine_kinds()) {
      std::string name(engine_name(kind));
      if (push_raw(L_, blocks, name.c_str()) != LUA_TNIL) {
        std::string block = fmt::format("{}.blocks.{}", path, name);
        if (lua_type(L_, -1) != LUA_TTABLE) fail(block, "a table", -1);
        int b = lua_gettop(L_);
        expect(b, block, "up", LUA_TFUNCTION, false);
        lua_pop(L_, 1);
        for (const char* optional : {"down", "after"}) {
          expect(b, block, optional, LUA_TFUNCTION, true);
          lua_pop(L_, 1);
        }
      }
      lua_pop(L_, 1);
    }
    lua_settop(L_, m);
  }

  // Leaves t[key] on the stack.
  void expect(int t, const std::string& path, const char* key, int type, bool optional) {
    int found = push_raw(L_, t, key);
    if (found == type || (optional && found == LUA_TNIL)) return;
    fail(fmt::format("{}.{}", path, key), fmt::format("a {}", lua_typename(L_, type)), -1);
  }

  [[noreturn]] void fail(const std::string& path, const std::string& expected, int index) {
    throw LuaError(fmt::format("{}: the table the file returns is not what define() builds: {} "
                               "is a {}, not {}", display_, path, luaL_typename(L_, index), expected));
  }

  lua_State* L_;
  const std::string& display_;
};

// Runs the file in `sandbox`; leaves its `migrations` array on the stack.
void load_declarations(Sandbox& sandbox, const std::string& path, const std::string& display) {
  lua_State* L = sandbox.state();
  sandbox.preload_source("migration", kMigrationModule);
  int results = sandbox.run_file(path, display);
  int returned = lua_gettop(L);
  if (results < 1 || push_raw(L, returned, "crucible_dsl") != LUA_TBOOLEAN || !lua_toboolean(L, -1))
    throw LuaError(fmt::format("{}: the file must end with `return require(\"migration\").define(…)`",
                               display));
  lua_pop(L, 1);
  push_raw(L, returned, "migrations");
  ShapeCheck(L, display).migrations(lua_gettop(L));
}

// Pushes migrations[index].blocks[engine] (or nil), on a table ShapeCheck accepted.
void push_block(lua_State* L, size_t index, EngineKind kind) {
  lua_rawgeti(L, -1, static_cast<int>(index + 1));
  push_raw(L, lua_gettop(L), "blocks");
  push_raw(L, lua_gettop(L), std::string(engine_name(kind)).c_str());
}

// The migration's own deadline (--migration-timeout), for the Lua code that runs in it.
std::optional<Deadline> migration_deadline(Database& db) {
  const TimeLimits& limits = db.time_limits();
  if (!limits.migration_deadline) return std::nullopt;
  return Deadline{*limits.migration_deadline,
                  fmt::format("the --migration-timeout of {}", describe_duration(limits.migration))};
}

// "0001_users.lua:12: message" → {file, 12}
SourceLocation location_in(const std::string& message, const std::string& display) {
  if (message.rfind(display + ":", 0) != 0) return {display, 0};
  size_t start = display.size() + 1, end = start;
  while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end]))) ++end;
  return {display, end > start ? std::stoi(message.substr(start, end - start)) : 0};
}

class DslProgram : public MigrationProgram {
 public:
  DslProgram(std::string path, std::string display, size_t index, EngineKind kind,
             std::map<std::string, std::string> defines)
      : path_(std::move(path)), display_(std::move(display)), index_(index), kind_(kind),
        defines_(std::move(defines)) {}

  ExecResult apply(Database& db, ApplyDirection direction) const override {
    Sandbox sandbox({.defines = defines_});
    lua_State* L = sandbox.state();
    ExecResult result;
    BindingLog log;
    db.begin();
    try {
      load_declarations(sandbox, path_, display_);
      push_block(L, index_, kind_);
      int block = lua_gettop(L);
      if (lua_type(L, block) != LUA_TTABLE)
        throw LuaError(fmt::format("{}: no database(\"{}\") block in migration {}", display_,
                                   engine_name(kind_), index_ + 1));
      run_step(sandbox, block, direction == ApplyDirection::forward ? "up" : "down", db, log, result);
      if (result.ok() && direction == ApplyDirection::forward)
        run_step(sandbox, block, "after", db, log, result);
    } catch (const LuaError& e) {
      if (log.infrastructure_error) {
        db.rollback();
        throw Error(*log.infrastructure_error);
      }
      result.error = StatementError{e.what(), "", location_in(e.what(), display_), ""};
    }
    finish(db, log, result);
    return result;
  }

 private:
  // Calls block[key](db) if present; an error it returns becomes the result's error.
  void run_step(Sandbox& sandbox, int block, const char* key, Database& db, BindingLog& log,
                ExecResult& result) const {
    lua_State* L = sandbox.state();
    if (push_raw(L, block, key) != LUA_TFUNCTION) {  // a missing down() or after()
      lua_pop(L, 1);
      return;
    }
    lua_Debug ar;
    lua_pushvalue(L, -1);
    lua_getinfo(L, ">S", &ar);
    log.fallback_line = ar.linedefined;
    DbHandle* handle = push_db(L, db, log, display_);
    try {
      sandbox.call_until(1, 2, migration_deadline(db));
    } catch (...) {
      close_db(handle);
      throw;
    }
    close_db(handle);
    if (!lua_isnil(L, -1)) {
      std::string returned = luaL_tolstring_compat(L, -1);
      StatementError error = log.last_error.value_or(StatementError{});
      error.message = fmt::format("{}() returned an error: {}", key, returned);
      if (error.where.file.empty()) error.where = {display_, 0};
      result.error = std::move(error);
    }
    lua_pop(L, 2);
  }

  static std::string luaL_tolstring_compat(lua_State* L, int index) {
    if (lua_isstring(L, index)) return lua_tostring(L, index);
    return fmt::format("(a {})", luaL_typename(L, index));
  }

  // Commits, or rolls back after an error; fills in how atomic that was.
  void finish(Database& db, const BindingLog& log, ExecResult& result) const {
    result.statements_run = log.statements_run;
    bool implicit_commit = false;
    if (auto commits = engine_facts(kind_).commits_implicitly)
      for (const std::string& sql : log.succeeded) implicit_commit |= commits(sql);
    result.atomic = !implicit_commit;
    if (result.ok()) {
      // COMMIT as a statement, so that a deferred constraint failing there is the migration's error.
      QueryResult commit = db.query(Statement{"COMMIT", {display_, 0}});
      if (commit.ok()) return;
      result.error = commit.error;
    }
    db.rollback();
    result.rolled_back = !implicit_commit;
  }

  std::string path_, display_;
  size_t index_;
  EngineKind kind_;
  std::map<std::string, std::string> defines_;
};

}  // namespace

std::vector<DslMigration> describe_dsl_file(const std::string& path, const std::string& display,
                                            const std::map<std::string, std::string>& defines) {
  Sandbox sandbox({.defines = defines});
  lua_State* L = sandbox.state();
  load_declarations(sandbox, path, display);
  std::vector<DslMigration> out;
  int migrations = lua_gettop(L);
  for (size_t i = 1, n = lua_objlen(L, migrations); i <= n; ++i) {
    DslMigration& m = out.emplace_back();
    lua_rawgeti(L, migrations, static_cast<int>(i));
    int migration = lua_gettop(L);
    push_raw(L, migration, "description");
    size_t size = 0;
    const char* text = lua_tolstring(L, -1, &size);
    m.description.assign(text, size);
    lua_pop(L, 1);
    push_raw(L, migration, "blocks");
    int blocks = lua_gettop(L);
    for (EngineKind kind : all_engine_kinds()) {
      if (push_raw(L, blocks, std::string(engine_name(kind)).c_str()) == LUA_TTABLE) {
        m.engines.insert(kind);
        m.has_down[kind] = push_raw(L, lua_gettop(L), "down") == LUA_TFUNCTION;
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    }
    lua_settop(L, migrations);
  }
  return out;
}

std::shared_ptr<const MigrationProgram> dsl_program(std::string path, std::string display,
                                                    size_t index, EngineKind kind,
                                                    std::map<std::string, std::string> defines) {
  return std::make_shared<DslProgram>(std::move(path), std::move(display), index, kind,
                                      std::move(defines));
}

}  // namespace crucible::lua
