#include "harness/loaders/migration_folders.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <toml++/toml.h>

#include "harness/common/error.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/markers.h"
#include "harness/loaders/script.h"
#include "harness/loaders/version.h"

namespace crucible {
namespace {

using namespace loaders;
namespace fs = std::filesystem;

constexpr std::string_view kExpected =
    "VERSION_name/up.sql and down.sql (2024-01-01-000002_create_users/ or 0002_create_users/)";

struct MigrationFolder {
  std::string folder;   // the subfolder's name
  std::string path;     // root/folder, for messages
  std::string version;  // digits only
  std::string name;
  std::string written;  // the version as the folder names it: 2024-01-01-000002
};

std::optional<MigrationFolder> parse_folder_name(const std::string& root, const std::string& name) {
  // Diesel's version is whatever precedes the first `_`: 2024-01-01-000002, or (newer
  // diesel_cli) 2024-01-01-000002-0000.
  static const std::regex pattern(R"(^(\d[\d-]*)_(.+)$)");
  std::smatch m;
  if (!std::regex_match(name, m, pattern)) return std::nullopt;
  std::string version = m[1].str();
  std::erase(version, '-');
  return MigrationFolder{name, path_in(root, name), version, m[2].str(), m[1].str()};
}

std::vector<std::string> subfolders(const std::string& root) {
  std::error_code error;
  if (!fs::is_directory(root, error))
    throw Error(fmt::format("{}: {}", root, fs::exists(root, error) ? "not a folder" : "no such folder"));
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(root, error))
    if (entry.is_directory(error) && !entry.path().filename().string().starts_with("."))
      names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool holds(const std::string& folder, const char* file) {
  std::error_code error;
  return fs::exists(fs::path(folder) / file, error);
}

std::vector<MigrationFolder> migration_folders(const std::string& root) {
  std::vector<MigrationFolder> found;
  std::map<std::string, std::string> seen;  // canonical version -> folder
  for (const std::string& name : subfolders(root)) {
    std::optional<MigrationFolder> folder = parse_folder_name(root, name);
    if (!folder) continue;  // seeds/, fixtures/, …
    if (!holds(folder->path, "up.sql"))
      throw Error(fmt::format("{}: a migration folder without up.sql (expected {})", folder->path,
                              kExpected));
    auto [it, fresh] = seen.emplace(canonical_version(folder->version), name);
    if (!fresh)
      throw Error(fmt::format("{}: two migration folders of version {}: {} and {}", root,
                              folder->version, it->second, name));
    found.push_back(std::move(*folder));
  }
  if (found.empty())
    throw Error(fmt::format("{}: no migration folders found (expected {})", root, kExpected));
  // Diesel orders its versions as strings without their dashes (2024-01-01-000002-0000 before
  // 2025-01-01-000000, and 20170102131034 before 2017-08-31-230457, which a set begun with an
  // older diesel_cli holds both of); numbered folders order as numbers (9 before 10).
  bool dated = std::any_of(found.begin(), found.end(), [](const MigrationFolder& f) {
    return f.written.find('-') != std::string::npos;
  });
  std::sort(found.begin(), found.end(), [&](const MigrationFolder& a, const MigrationFolder& b) {
    return dated ? a.version < b.version : compare_versions(a.version, b.version) < 0;
  });
  return found;
}

// Diesel's metadata.toml: `run_in_transaction = false` runs both scripts without one.
bool runs_in_transaction(const MigrationFolder& folder) {
  std::string path = path_in(folder.path, "metadata.toml");
  if (!holds(folder.path, "metadata.toml")) return true;
  try {
    toml::table metadata = toml::parse(read_file(path), path);
    return metadata["run_in_transaction"].value_or(true);
  } catch (const toml::parse_error& e) {
    throw Error(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
}

struct FolderScript {
  std::string file;  // folder/up.sql, as the report names it
  std::string text;
  Markers markers;
};

FolderScript read_script(const MigrationFolder& folder, const char* file, Migration& migration) {
  std::string path = path_in(folder.path, file);
  FolderScript script{fmt::format("{}/{}", folder.folder, file), read_file(path), {}};
  script.markers = read_markers(script.text, path);
  if (!script.markers.lossy) script.markers.lossy = read_lossy_sidecar(path);
  if (!migration.irreversible) migration.irreversible = script.markers.irreversible;
  if (!migration.lossy) migration.lossy = script.markers.lossy;
  return script;
}

Migration folder_migration(const MigrationFolder& folder, const std::vector<EngineKind>& engines) {
  Migration migration{folder.version, folder.name};
  bool transactional = runs_in_transaction(folder);
  FolderScript up = read_script(folder, "up.sql", migration);
  std::optional<FolderScript> down;
  if (holds(folder.path, "down.sql")) down = read_script(folder, "down.sql", migration);
  auto script = [&](const FolderScript& s, EngineKind engine) {
    return make_script(s.text, dialect_of(engine), s.file, 1,
                       transactional && !s.markers.no_transaction);
  };
  for (EngineKind engine : engines) {
    EngineScripts scripts{script(up, engine), std::nullopt};
    if (down) scripts.reverse = script(*down, engine);
    migration.scripts[engine] = std::move(scripts);
  }
  return migration;
}

}  // namespace

std::vector<std::string> migration_folder_names(const std::string& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) return {};
  std::vector<std::string> names;
  for (const std::string& name : subfolders(root))
    if (auto folder = parse_folder_name(root, name); folder && holds(folder->path, "up.sql"))
      names.push_back(name);
  return names;
}

MigrationSet load_migration_folders(const std::string& root,
                                    const std::vector<EngineKind>& engines) {
  MigrationSet set{root, "folders", {}};
  for (const MigrationFolder& folder : migration_folders(root))
    set.migrations.push_back(folder_migration(folder, engines));
  return set;
}

}  // namespace crucible
