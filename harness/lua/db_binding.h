// The `db` object Lua migration code receives: a transaction on a Database.
//   db:query(sql [, params])   → rows (array of tables keyed by column name and position), err
//   db:execute(sql [, params]) → { rows_affected =, last_insert_id = }, err
//   db:prepare(sql)            → stmt (stmt:execute(params), stmt:query(params)), err
// Parameters are `?` placeholders bound by the engine (Database::query), never spliced. An
// engine error is returned as the second value (a string "message (SQLSTATE …)"), not raised.
#pragma once

#include <optional>
#include <string>

#include <lua.hpp>

#include "harness/engines/engine.h"

namespace crucible::lua {

// What the statements run through one binding did, for the ExecResult of the migration.
struct BindingLog {
  int statements_run = 0;
  std::optional<StatementError> last_error;  // the most recent statement the engine rejected
  std::vector<std::string> succeeded;        // statement texts that succeeded, in order
  // The connection itself failed (crucible::Error from the engine): raised in Lua to unwind,
  // rethrown by the caller after the call returns.
  std::optional<std::string> infrastructure_error;
  // Line for statements whose caller is unknown (`return db:execute(…)` is a tail call, which
  // Lua 5.1 does not keep on the stack): where the up/down/after function starts.
  int fallback_line = 0;
};

struct DbHandle;

// Pushes a new `db` object bound to `db`. `log` records every statement; `file` is used for
// statements' SourceLocation. The object stays usable until close_db(): `db`, `log` and `file`
// must live until then. Its metatable is locked (getmetatable(db) is a string), so a script can
// neither reach Crucible's methods nor give the object a __gc.
DbHandle* push_db(lua_State* L, Database& db, BindingLog& log, const std::string& file);

// Makes the object inert: Lua code that kept it (in a global, an upvalue) gets a clean error
// from every method instead of reaching a Database that may be gone.
void close_db(DbHandle* handle);

}  // namespace crucible::lua
