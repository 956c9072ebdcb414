// Helium designs (docs/HELIUM.md §1): a folder of <design>_NNNN.lua files, optionally with the
// design's own database.lua and database_<engine>.lua macro engine. The library is looked for in
// the design folder, then up to two folders up (designs that share one library). With an own library,
// other .lua files in the design folder are modules it may require, not migrations.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/lua/helium/options.h"
#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible {

// <design>_NNNN.lua: the number after the last `_` orders the design's files.
bool is_helium_file_name(const std::string& file);
// database.lua / database_<engine>.lua: a design's own macro engine, not a migration.
bool is_helium_support_file(const std::string& file);

// The folder holding the design's own database.lua: `root` or an ancestor; "" for none.
std::string helium_library_dir(const std::string& root);

MigrationSet load_helium_directory(const std::string& root, const std::vector<EngineKind>& engines,
                                   const std::map<std::string, std::string>& defines,
                                   const helium::DesignOptions& options = {});

}  // namespace crucible
