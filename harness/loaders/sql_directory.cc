// load_sql_directory: reads a folder of .sql migrations in one of the three layouts, checks that
// its files make sense together, and builds each migration's scripts per engine.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "harness/common/error.h"
#include "harness/loaders/dbmate.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/file_names.h"
#include "harness/loaders/loader.h"
#include "harness/loaders/markers.h"
#include "harness/loaders/script.h"
#include "harness/loaders/version.h"

namespace crucible {
namespace {

using namespace loaders;

struct MigrationFile : MigrationFileName {
  std::string path;  // root/file, for messages
  std::string text;
};

// The files of one version, whatever their layout.
using VersionFiles = std::vector<MigrationFile>;

std::vector<MigrationFile> parse_file_names(const std::string& root,
                                            const std::vector<std::string>& files) {
  std::vector<MigrationFile> parsed;
  for (const std::string& file : files) {
    if (!file.ends_with(".sql")) continue;  // README.md, .toml sidecars, …
    std::string path = path_in(root, file);
    std::optional<MigrationFileName> name = parse_migration_file_name(file, path);
    if (!name)
      throw Error(fmt::format("{}: the file name fits no migration layout (expected {})", path,
                              expected_file_names()));
    parsed.push_back({*name, path, ""});
  }
  if (parsed.empty())
    throw Error(fmt::format("{}: no migrations found (expected {})", root, expected_file_names()));
  return parsed;
}

void require_one_layout(const std::string& root, const std::vector<MigrationFile>& files) {
  const MigrationFile& first = files.front();
  for (const MigrationFile& file : files)
    if (file.layout != first.layout)
      throw Error(fmt::format("{}: mixes migration layouts: {} is {}, {} is {}", root, first.file,
                              layout_name(first.layout), file.file, layout_name(file.layout)));
}

std::string engine_label(const std::optional<EngineKind>& engine) {
  return engine ? std::string(engine_name(*engine)) : "every engine";
}

// Two files that claim the same version must be the up and down of one migration (or variants
// of it for different engines).
void check_same_migration(const MigrationFile& a, const MigrationFile& b) {
  bool undo_pair = a.layout == Layout::flyway && a.direction != b.direction;
  if (a.version != b.version || (a.name != b.name && !undo_pair))
    throw Error(
        fmt::format("{}: duplicate version {} (also used by {})", b.path, b.version, a.file));
  if (a.engine == b.engine && a.direction == b.direction)
    throw Error(fmt::format("{}: duplicate {} script of version {} for {} (also in {})", b.path,
                            b.direction == Direction::up ? "up" : "down", b.version,
                            engine_label(b.engine), a.file));
}

std::vector<VersionFiles> group_by_version(std::vector<MigrationFile> files) {
  std::map<std::string, VersionFiles> groups;
  for (MigrationFile& file : files) {
    VersionFiles& group = groups[canonical_version(file.version)];
    for (const MigrationFile& other : group) check_same_migration(other, file);
    group.push_back(std::move(file));
  }
  std::vector<VersionFiles> ordered;
  for (auto& [version, group] : groups) ordered.push_back(std::move(group));
  std::sort(ordered.begin(), ordered.end(), [](const VersionFiles& a, const VersionFiles& b) {
    return compare_versions(a.front().version, b.front().version) < 0;
  });
  return ordered;
}

// The up file's version and name identify the migration (Flyway's undo may be named otherwise).
Migration new_migration(const VersionFiles& files) {
  const MigrationFile* up = &files.front();
  for (const MigrationFile& file : files)
    if (file.direction == Direction::up) up = &file;
  Migration migration;
  migration.version = up->version;
  migration.name = up->name;
  return migration;
}

// Reads the files and the markers they carry; the first irreversible reason wins.
std::map<std::string, Markers> read_files(VersionFiles& files, Migration& migration) {
  std::map<std::string, Markers> markers;
  for (MigrationFile& file : files) {
    file.text = read_file(file.path);
    Markers& found = markers[file.file] = read_markers(file.text, file.path);
    if (found.irreversible && !migration.irreversible) migration.irreversible = found.irreversible;
    if (!found.lossy) found.lossy = read_lossy_sidecar(file.path);
    if (found.lossy && !migration.lossy) migration.lossy = found.lossy;
  }
  return markers;
}

const MigrationFile* find_file(const VersionFiles& files, std::optional<EngineKind> engine,
                               Direction direction) {
  for (const MigrationFile& file : files)
    if (file.engine == engine && file.direction == direction) return &file;
  return nullptr;
}

// The engine's own variant, then (MariaDB) MySQL's, then the generic file.
const MigrationFile* resolve_file(const VersionFiles& files, EngineKind engine,
                                  Direction direction) {
  std::vector<std::optional<EngineKind>> chain = {engine};
  if (engine == EngineKind::mariadb) chain.push_back(EngineKind::mysql);
  chain.push_back(std::nullopt);
  for (const std::optional<EngineKind>& candidate : chain)
    if (const MigrationFile* file = find_file(files, candidate, direction)) return file;
  return nullptr;
}

void require_up_for_every_down(const VersionFiles& files) {
  bool any_up = std::any_of(files.begin(), files.end(),
                            [](const MigrationFile& f) { return f.direction == Direction::up; });
  for (const MigrationFile& file : files) {
    if (file.direction != Direction::down) continue;
    bool has_up =
        file.engine ? resolve_file(files, *file.engine, Direction::up) != nullptr : any_up;
    if (!has_up) throw Error(fmt::format("{}: down migration without an up", file.path));
  }
}

std::string no_script_reason(const VersionFiles& files, EngineKind engine) {
  std::set<EngineKind> variants;
  for (const MigrationFile& file : files)
    if (file.engine && file.direction == Direction::up) variants.insert(*file.engine);
  std::vector<std::string_view> names;
  for (EngineKind kind : variants) names.push_back(engine_name(kind));
  return fmt::format("no script for {} (variants exist for {})", engine_name(engine),
                     fmt::join(names, ", "));
}

Script file_script(const MigrationFile& file, const Markers& markers, EngineKind engine) {
  return make_script(file.text, dialect_of(engine), file.file, 1, !markers.no_transaction);
}

// golang-migrate and Flyway: one file per direction (golang-migrate: per engine, too).
Migration build_file_per_direction(VersionFiles files, const std::vector<EngineKind>& engines) {
  require_up_for_every_down(files);
  Migration migration = new_migration(files);
  std::map<std::string, Markers> markers = read_files(files, migration);
  for (EngineKind engine : engines) {
    const MigrationFile* up = resolve_file(files, engine, Direction::up);
    if (!up) {
      migration.unavailable[engine] = no_script_reason(files, engine);
      continue;
    }
    EngineScripts scripts{file_script(*up, markers[up->file], engine), std::nullopt};
    if (const MigrationFile* down = resolve_file(files, engine, Direction::down))
      scripts.reverse = file_script(*down, markers[down->file], engine);
    migration.scripts[engine] = std::move(scripts);
  }
  return migration;
}

// dbmate: one file, both directions. A crucible marker applies to the section it is in, or to
// both when it comes before the first section.
Migration build_dbmate(VersionFiles files, const std::vector<EngineKind>& engines) {
  Migration migration = new_migration(files);
  MigrationFile& file = files.front();
  file.text = read_file(file.path);
  DbmateSections sections = split_dbmate_sections(file.text, file.path);
  Markers preamble = read_markers(sections.preamble, file.path);
  auto section_markers = [&](const std::optional<DbmateSection>& section) {
    Markers markers;
    if (section) markers = read_markers(section->text, file.path, section->first_line);
    markers.no_transaction =
        markers.no_transaction || preamble.no_transaction || (section && !section->transactional);
    if (!migration.irreversible) migration.irreversible = markers.irreversible;
    if (!migration.lossy) migration.lossy = markers.lossy;
    return markers;
  };
  migration.irreversible = preamble.irreversible;
  migration.lossy = preamble.lossy ? preamble.lossy : read_lossy_sidecar(file.path);
  Markers up = section_markers(sections.up), down = section_markers(sections.down);
  auto section_script = [&](const DbmateSection& section, const Markers& markers,
                            EngineKind engine) {
    return make_script(section.text, dialect_of(engine), file.file, section.first_line,
                       !markers.no_transaction);
  };
  for (EngineKind engine : engines) {
    EngineScripts scripts{section_script(*sections.up, up, engine), std::nullopt};
    if (sections.down) scripts.reverse = section_script(*sections.down, down, engine);
    migration.scripts[engine] = std::move(scripts);
  }
  return migration;
}

}  // namespace

MigrationSet load_sql_directory(const std::string& root, const std::vector<EngineKind>& engines) {
  std::vector<MigrationFile> files = parse_file_names(root, list_files(root));
  require_one_layout(root, files);
  Layout layout = files.front().layout;
  MigrationSet set{root, "sql", {}};
  for (VersionFiles& version : group_by_version(std::move(files)))
    set.migrations.push_back(layout == Layout::dbmate
                                 ? build_dbmate(std::move(version), engines)
                                 : build_file_per_direction(std::move(version), engines));
  return set;
}

}  // namespace crucible
