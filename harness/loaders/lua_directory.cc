#include "harness/loaders/lua_directory.h"

#include <regex>
#include <set>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/version.h"
#include "harness/lua/dsl.h"

namespace crucible {
namespace {

const std::regex kDslName(R"(^([0-9]+)_([A-Za-z0-9_.-]+)\.lua$)");

// One migration per file keeps the file's version; several get "<version>.<n>".
std::string version_for(const std::string& version, size_t index, size_t count) {
  return count == 1 ? version : fmt::format("{}.{}", version, index + 1);
}

}  // namespace

bool is_dsl_file_name(const std::string& file) { return std::regex_match(file, kDslName); }

MigrationSet load_lua_directory(const std::string& root, const std::vector<EngineKind>& engines,
                                const std::map<std::string, std::string>& defines) {
  MigrationSet set{root, "lua", {}};
  std::vector<std::pair<std::string, std::smatch>> files;
  std::vector<std::string> names = loaders::list_files(root);
  std::set<std::string> seen;
  std::vector<std::pair<std::string, std::string>> ordered;  // version, file
  for (const std::string& file : names) {
    if (!file.ends_with(".lua")) continue;
    std::smatch match;
    if (!std::regex_match(file, match, kDslName))
      throw Error(fmt::format("{}: not a Lua DSL migration name (expected VERSION_name.lua, e.g. "
                              "0001_create_users.lua)", loaders::path_in(root, file)));
    if (!seen.insert(loaders::canonical_version(match[1].str())).second)
      throw Error(fmt::format("{}: version {} is used by another file", loaders::path_in(root, file),
                              match[1].str()));
    ordered.emplace_back(match[1].str(), file);
  }
  if (ordered.empty()) throw Error(fmt::format("{}: no Lua DSL migrations (VERSION_name.lua)", root));
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return loaders::compare_versions(a.first, b.first) < 0;
  });
  for (const auto& [version, file] : ordered) {
    std::string path = root + "/" + file;
    auto declared = lua::describe_dsl_file(path, file, defines);
    if (declared.empty()) throw Error(fmt::format("{}: declares no migration()", loaders::path_in(root, file)));
    for (size_t i = 0; i < declared.size(); ++i) {
      Migration& m = set.migrations.emplace_back();
      m.version = version_for(version, i, declared.size());
      m.name = declared[i].description;
      for (EngineKind kind : engines) {
        if (!declared[i].engines.count(kind)) {
          m.unavailable[kind] = fmt::format("no database(\"{}\") block in {}", engine_name(kind), file);
          continue;
        }
        EngineScripts& scripts = m.scripts[kind];
        scripts.forward = Script{file, {}, true};
        if (declared[i].has_down[kind]) scripts.reverse = Script{file, {}, true};
        scripts.program = lua::dsl_program(path, file, i, kind, defines);
      }
    }
  }
  return set;
}

}  // namespace crucible
