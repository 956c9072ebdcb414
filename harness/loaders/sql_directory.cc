// load_sql_directory: reads a folder of .sql migrations in one of the three layouts, checks that
// its files make sense together, and builds each migration's scripts per engine.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "harness/common/error.h"
#include "harness/loaders/annotations.h"
#include "harness/loaders/dbmate.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/file_names.h"
#include "harness/loaders/foreign_layouts.h"
#include "harness/loaders/loader.h"
#include "harness/loaders/markers.h"
#include "harness/engines/registry.h"
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

// Parses one .sql file's name and reads it; a name problem goes to `problems`.
std::optional<MigrationFile> read_migration_file(const std::string& root, const std::string& file,
                                                 std::optional<Layout> single_file_layout,
                                                 std::vector<std::string>& problems) {
  std::string path = path_in(root, file);
  std::string text = read_file(path);
  // A folder of another tool's migrations is that tool's, whatever its file names say.
  if (std::optional<std::string> tool = foreign_sql_file(text, file))
    throw Error(unsupported_layout_message(root, *tool));
  std::optional<MigrationFileName> name;
  try {
    name = parse_migration_file_name(file, path);
  } catch (const Error& e) {
    problems.push_back(e.what());
    return std::nullopt;
  }
  if (!name) {
    problems.push_back(fmt::format("{}: the file name fits no migration layout", path));
    return std::nullopt;
  }
  if (single_file(name->layout))
    name->layout = single_file_layout ? *single_file_layout
                   : has_annotations(text, kSqlMigrate) ? Layout::sql_migrate
                                                        : Layout::dbmate;
  return MigrationFile{*name, path, std::move(text)};
}

// Every .sql file, read. All file-name problems are reported at once.
std::vector<MigrationFile> read_migration_files(const std::string& root,
                                                const std::vector<std::string>& files,
                                                std::optional<Layout> single_file_layout) {
  std::vector<MigrationFile> parsed;
  std::vector<std::string> problems;
  for (const std::string& file : files) {
    if (!file.ends_with(".sql")) continue;  // README.md, .toml sidecars, …
    if (auto read = read_migration_file(root, file, single_file_layout, problems))
      parsed.push_back(std::move(*read));
  }
  if (problems.size() == 1)
    throw Error(problems[0].ends_with("fits no migration layout")
                    ? fmt::format("{} (expected {})", problems[0], expected_file_names())
                    : problems[0]);
  if (!problems.empty())
    throw Error(fmt::format("{}: {} migration files have names Crucible cannot read (expected "
                            "{}):\n  {}",
                            root, problems.size(), expected_file_names(),
                            fmt::join(problems, "\n  ")));
  if (parsed.empty()) {
    if (std::optional<std::string> tool = foreign_folder(root))
      throw Error(unsupported_layout_message(root, *tool));
    throw Error(fmt::format("{}: no migrations found (expected {})", root, expected_file_names()));
  }
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

// Versions pair files as the tools do: by version alone (golang-migrate pairs 30_add_x.up.sql
// with 30_drop_x.down.sql). What is wrong within a version is a finding of that version.
std::vector<VersionFiles> group_by_version(std::vector<MigrationFile> files) {
  std::map<std::string, VersionFiles> groups;
  for (MigrationFile& file : files)
    groups[canonical_version(file.version)].push_back(std::move(file));
  std::vector<VersionFiles> ordered;
  for (auto& [version, group] : groups) ordered.push_back(std::move(group));
  std::sort(ordered.begin(), ordered.end(), [](const VersionFiles& a, const VersionFiles& b) {
    return compare_versions(a.front().version, b.front().version) < 0;
  });
  return ordered;
}

// The generic up file's version and name identify the migration, else any up's (Flyway's undo
// and golang-migrate's down may be titled otherwise).
Migration new_migration(const VersionFiles& files) {
  const MigrationFile* up = &files.front();
  for (const MigrationFile& file : files)
    if (file.direction == Direction::up && (up->direction != Direction::up || !file.engine))
      up = &file;
  Migration migration;
  migration.version = up->version;
  migration.name = up->name;
  return migration;
}

// A note when the files of one version carry different titles: they are paired by version.
void note_mismatched_titles(const VersionFiles& files, Migration& migration) {
  std::vector<std::string> names;
  for (const MigrationFile& file : files) {
    if (file.name == migration.name) continue;
    names.push_back(file.file);
  }
  if (names.empty()) return;
  migration.notes.push_back(fmt::format(
      "{}: files paired by version, as the migration tool pairs them, though titled otherwise: "
      "{} (the migration is {})",
      migration.version, fmt::join(names, ", "), migration.name));
}

// Reads the markers the files carry; the first irreversible reason wins.
std::map<std::string, Markers> read_files(const VersionFiles& files, Migration& migration) {
  std::map<std::string, Markers> markers;
  for (const MigrationFile& file : files) {
    Markers& found = markers[file.file] = read_markers(file.text, file.path);
    if (found.irreversible && !migration.irreversible) migration.irreversible = found.irreversible;
    if (!found.lossy) found.lossy = read_lossy_sidecar(file.path);
    if (found.lossy && !migration.lossy) migration.lossy = found.lossy;
  }
  return markers;
}

std::vector<const MigrationFile*> find_files(const VersionFiles& files,
                                             std::optional<EngineKind> engine,
                                             Direction direction) {
  std::vector<const MigrationFile*> found;
  for (const MigrationFile& file : files)
    if (file.engine == engine && file.other_engine.empty() && file.direction == direction)
      found.push_back(&file);
  return found;
}

// The files an engine would run for `direction`: its own variant, then (MariaDB) MySQL's, then
// the generic file. More than one is a defect; none, no script.
std::vector<const MigrationFile*> resolve_files(const VersionFiles& files, EngineKind engine,
                                                Direction direction) {
  std::vector<std::optional<EngineKind>> chain = {engine};
  for (EngineKind fallback : engine_facts(engine).script_fallbacks) chain.push_back(fallback);
  chain.push_back(std::nullopt);
  for (const std::optional<EngineKind>& candidate : chain)
    if (auto found = find_files(files, candidate, direction); !found.empty()) return found;
  return {};
}

std::vector<std::string> names_of(const std::vector<const MigrationFile*>& files) {
  std::vector<std::string> names;
  for (const MigrationFile* file : files) names.push_back(file->file);
  return names;
}

// What is wrong with the files `engine` would run, as one message naming every file concerned.
std::optional<ScriptDefect> version_defect(const VersionFiles& files, EngineKind engine) {
  std::vector<std::string> problems;
  std::optional<std::string> first;
  auto problem = [&](const std::vector<const MigrationFile*>& culprits, const std::string& what) {
    if (!first) first = culprits.front()->file;
    problems.push_back(fmt::format("{}: {}", what, fmt::join(names_of(culprits), ", ")));
  };
  auto ups = resolve_files(files, engine, Direction::up);
  auto downs = resolve_files(files, engine, Direction::down);
  for (const auto* group : {&ups, &downs})
    if (group->size() > 1)
      problem(*group, fmt::format("{} {} scripts of version {} for {}", group->size(),
                                  group == &ups ? "up" : "down", group->front()->version,
                                  engine_label(group->front()->engine)));
  bool any_up = std::any_of(files.begin(), files.end(),
                            [](const MigrationFile& f) { return f.direction == Direction::up; });
  if (!downs.empty() && ups.empty() && (downs.front()->engine || !any_up))
    problem(downs, fmt::format("down migration without an up for {}", engine_name(engine)));
  if (problems.empty()) return std::nullopt;
  return ScriptDefect{fmt::format("{}", fmt::join(problems, "; ")), SourceLocation{*first, 0}};
}

std::string no_script_reason(const VersionFiles& files, EngineKind engine) {
  std::set<EngineKind> engines;
  std::set<std::string> others;
  for (const MigrationFile& file : files) {
    if (file.direction != Direction::up) continue;
    if (file.engine) engines.insert(*file.engine);
    if (!file.other_engine.empty()) others.insert(file.other_engine);
  }
  std::vector<std::string> names;
  for (EngineKind kind : engines) names.emplace_back(engine_name(kind));
  names.insert(names.end(), others.begin(), others.end());
  return fmt::format("no script for {} (variants exist for {})", engine_name(engine),
                     fmt::join(names, ", "));
}

Script file_script(const MigrationFile& file, const Markers& markers, EngineKind engine) {
  return make_script(file.text, dialect_of(engine), file.file, 1,
                     !markers.no_transaction && !file.autocommit);
}

// golang-migrate, ory/popx and Flyway: one file per direction (and per engine).
Migration build_file_per_direction(const VersionFiles& files,
                                   const std::vector<EngineKind>& engines) {
  Migration migration = new_migration(files);
  note_mismatched_titles(files, migration);
  std::map<std::string, Markers> markers = read_files(files, migration);
  for (EngineKind engine : engines) {
    if (std::optional<ScriptDefect> defect = version_defect(files, engine)) {
      migration.findings[engine] = std::move(*defect);
      continue;
    }
    auto ups = resolve_files(files, engine, Direction::up);
    if (ups.empty()) {
      migration.unavailable[engine] = no_script_reason(files, engine);
      continue;
    }
    EngineScripts scripts{file_script(*ups[0], markers[ups[0]->file], engine), std::nullopt};
    if (auto downs = resolve_files(files, engine, Direction::down); !downs.empty())
      scripts.reverse = file_script(*downs[0], markers[downs[0]->file], engine);
    migration.scripts[engine] = std::move(scripts);
  }
  return migration;
}

Sections dbmate_sections(std::string_view text, const std::string& path) {
  DbmateSections dbmate = split_dbmate_sections(text, path);
  auto convert = [](const std::optional<DbmateSection>& section) -> std::optional<Section> {
    if (!section) return std::nullopt;
    return Section{section->text, section->first_line, section->transactional,
                   {ScriptPiece{section->text, section->first_line}}};
  };
  return Sections{dbmate.preamble, convert(dbmate.up), convert(dbmate.down)};
}

// dbmate and sql-migrate: one file, both directions. A crucible marker applies to the section it
// is in, or to both when it comes before the first section.
Migration build_single_file(const VersionFiles& files, const std::vector<EngineKind>& engines) {
  Migration migration = new_migration(files);
  if (files.size() > 1) {
    std::vector<std::string> names;
    for (const MigrationFile& file : files) names.push_back(file.file);
    for (EngineKind engine : engines)
      migration.findings[engine] = ScriptDefect{
          fmt::format("{} files for version {}: {}", files.size(), migration.version,
                      fmt::join(names, ", ")),
          SourceLocation{files.front().file, 0}};
    return migration;
  }
  const MigrationFile& file = files.front();
  Sections sections = file.layout == Layout::dbmate
                          ? dbmate_sections(file.text, file.path)
                          : split_annotated_sections(file.text, file.path, kSqlMigrate);
  Markers preamble = read_markers(sections.preamble, file.path);
  auto section_markers = [&](const std::optional<Section>& section) {
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
  auto section_script = [&](const Section& section, const Markers& markers, EngineKind engine) {
    return make_script(section.pieces, dialect_of(engine), file.file, !markers.no_transaction);
  };
  for (EngineKind engine : engines) {
    EngineScripts scripts{section_script(*sections.up, up, engine), std::nullopt};
    if (sections.down) scripts.reverse = section_script(*sections.down, down, engine);
    migration.scripts[engine] = std::move(scripts);
  }
  return migration;
}

}  // namespace

MigrationSet load_sql_directory(const std::string& root, const std::vector<EngineKind>& engines,
                                std::optional<loaders::Layout> single_file_layout) {
  std::vector<MigrationFile> files =
      read_migration_files(root, list_files(root), single_file_layout);
  require_one_layout(root, files);
  Layout layout = files.front().layout;
  MigrationSet set{root, "sql", {}};
  for (VersionFiles& version : group_by_version(std::move(files)))
    set.migrations.push_back(single_file(layout) ? build_single_file(version, engines)
                                                 : build_file_per_direction(version, engines));
  return set;
}

}  // namespace crucible
