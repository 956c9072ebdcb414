#include "harness/lua/dsl.h"

#include <fmt/format.h>

#include "harness/engines/engine.h"
#include "harness/engines/mysql/mysql_implicit_commit.h"
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

// Runs the file in `sandbox`; leaves its `migrations` array on the stack.
void load_declarations(Sandbox& sandbox, const std::string& path, const std::string& display) {
  lua_State* L = sandbox.state();
  sandbox.preload_source("migration", kMigrationModule);
  int results = sandbox.run_file(path, display);
  if (results < 1 || !lua_istable(L, -1) || (lua_getfield(L, -1, "crucible_dsl"), lua_isnil(L, -1)))
    throw LuaError(fmt::format("{}: the file must end with `return require(\"migration\").define(…)`",
                               display));
  lua_pop(L, 1);
  lua_getfield(L, -1, "migrations");
}

// Pushes migrations[index].blocks[engine] (or nil).
void push_block(lua_State* L, size_t index, EngineKind kind) {
  lua_rawgeti(L, -1, static_cast<int>(index + 1));
  lua_getfield(L, -1, "blocks");
  lua_getfield(L, -1, std::string(engine_name(kind)).c_str());
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
    lua_getfield(L, block, key);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      return;
    }
    lua_Debug ar;
    lua_pushvalue(L, -1);
    lua_getinfo(L, ">S", &ar);
    log.fallback_line = ar.linedefined;
    push_db(L, db, log, display_);
    sandbox.call(1, 2);
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
    if (kind_ == EngineKind::mysql || kind_ == EngineKind::mariadb)
      for (const std::string& sql : log.succeeded) implicit_commit |= mysql::commits_implicitly(sql);
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
  for (size_t i = 1; i <= lua_objlen(L, -1); ++i) {
    DslMigration& m = out.emplace_back();
    lua_rawgeti(L, -1, static_cast<int>(i));
    lua_getfield(L, -1, "description");
    m.description = lua_tostring(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, -1, "blocks");
    for (EngineKind kind : all_engine_kinds()) {
      lua_getfield(L, -1, std::string(engine_name(kind)).c_str());
      if (!lua_isnil(L, -1)) {
        m.engines.insert(kind);
        lua_getfield(L, -1, "down");
        m.has_down[kind] = !lua_isnil(L, -1);
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 2);
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
