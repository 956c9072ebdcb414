// The Lua DSL loader: a folder of VERSION_name.lua files, each returning
// require("migration").define(...) (harness/lua/dsl.h). Every migration the files declare becomes
// a Migration whose scripts are programs: the file is run again, in a fresh sandbox, to apply it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible {

// True for a DSL file name: digits, `_`, a name, `.lua` (0001_create_users.lua).
bool is_dsl_file_name(const std::string& file);

// Throws crucible::Error naming the file (and line, for Lua errors) for a file of another name,
// a Lua error, duplicate versions, or a folder without migrations.
MigrationSet load_lua_directory(const std::string& root, const std::vector<EngineKind>& engines,
                                const std::map<std::string, std::string>& defines);

}  // namespace crucible
