// The Lua migration DSL (docs/HELIUM.md §2):
//
//   return require("migration").define(function()
//     migration("Create users table", function()
//       database("sqlite", function()
//         up(function(db) ... end)  down(function(db) ... end)  after(function(db) ... end)
//       end)
//     end)
//   end)
//
// A file may declare several migrations. Each database(...) block names one engine: sqlite,
// postgres, mysql, mariadb or db2 (no fallback between engines: a missing block is a skip).
// The file is run in a fresh Sandbox each time: once to describe it, then once per apply.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible::lua {

struct DslMigration {
  std::string description;            // migration("…")
  std::set<EngineKind> engines;       // engines with a database(...) block
  std::map<EngineKind, bool> has_down;
};

// Runs the file and returns what it declares. Throws LuaError ("file:line: …") for a Lua error,
// an unknown engine name, a block without up(), or a file that does not return define(...)'s value.
std::vector<DslMigration> describe_dsl_file(const std::string& path, const std::string& display,
                                            const std::map<std::string, std::string>& defines);

// The program that applies migration `index` of the file on `kind`: up (then after) for forward,
// down for reverse, inside one transaction; any Lua error or returned error rolls it back.
std::shared_ptr<const MigrationProgram> dsl_program(std::string path, std::string display,
                                                    size_t index, EngineKind kind,
                                                    std::map<std::string, std::string> defines);

}  // namespace crucible::lua
