// Helium designs (HELIUM.md §1): a folder of <design>_NNNN.lua files, optionally with the
// design's own database.lua and database_<engine>.lua macro engine.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible {

// <design>_NNNN.lua: the number after the last `_` orders the design's files.
bool is_helium_file_name(const std::string& file);
// database.lua / database_<engine>.lua: a design's own macro engine, not a migration.
bool is_helium_support_file(const std::string& file);

MigrationSet load_helium_directory(const std::string& root, const std::vector<EngineKind>& engines,
                                   const std::map<std::string, std::string>& defines);

}  // namespace crucible
