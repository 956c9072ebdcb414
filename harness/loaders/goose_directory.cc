#include "harness/loaders/goose_directory.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>

#include "harness/common/error.h"
#include "harness/loaders/annotations.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/markers.h"
#include "harness/loaders/script.h"
#include "harness/loaders/version.h"

namespace crucible {
namespace {

using namespace loaders;

constexpr std::string_view kExpected = "VERSION_name.sql (00001_create_users.sql or "
                                       "20240101120000_create_users.sql)";

struct GooseFile {
  std::string file, version, name;
  bool go = false;
};

// goose's own rule: the digits before the first `_` are the version.
std::optional<GooseFile> parse_name(const std::string& file) {
  static const std::regex name(R"(^(\d+)_(.+)\.(sql|go)$)");
  std::smatch m;
  if (!std::regex_match(file, m, name)) return std::nullopt;
  if (m[3] == "go" && m[2].str().ends_with("_test")) return std::nullopt;
  return GooseFile{file, m[1].str(), m[2].str(), m[3] == "go"};
}

std::vector<GooseFile> goose_files(const std::string& root, const std::vector<std::string>& files) {
  std::vector<GooseFile> found;
  std::map<std::string, std::string> seen;  // canonical version -> file
  for (const std::string& file : files) {
    std::optional<GooseFile> parsed = parse_name(file);
    if (!parsed) {
      if (!file.ends_with(".sql")) continue;  // main.go, README.md, …
      throw Error(fmt::format("{}: the file name is not a goose migration's (expected {})",
                              path_in(root, file), kExpected));
    }
    auto [it, fresh] = seen.emplace(canonical_version(parsed->version), file);
    if (!fresh)
      throw Error(fmt::format("{}: two goose migrations of version {}: {} and {}", root,
                              parsed->version, it->second, file));
    found.push_back(std::move(*parsed));
  }
  if (found.empty())
    throw Error(fmt::format("{}: no goose migrations found (expected {})", root, kExpected));
  std::sort(found.begin(), found.end(), [](const GooseFile& a, const GooseFile& b) {
    return compare_versions(a.version, b.version) < 0;
  });
  return found;
}

Migration go_migration(const GooseFile& file, const std::vector<EngineKind>& engines) {
  Migration migration{file.version, file.name};
  for (EngineKind engine : engines)
    migration.unavailable[engine] =
        fmt::format("{} is a Go migration: Crucible runs SQL only", file.file);
  return migration;
}

// A crucible marker applies to the section it is in, or to both when it comes before the first.
Migration sql_migration(const std::string& root, const GooseFile& file,
                        const std::vector<EngineKind>& engines) {
  std::string path = path_in(root, file.file);
  std::string text = read_file(path);
  Sections sections = split_annotated_sections(text, path, kGoose);
  Migration migration{file.version, file.name};
  Markers preamble = read_markers(sections.preamble, path);
  migration.irreversible = preamble.irreversible;
  migration.lossy = preamble.lossy ? preamble.lossy : read_lossy_sidecar(path);
  auto section_markers = [&](const std::optional<Section>& section) {
    Markers markers;
    if (section) markers = read_markers(section->text, path, section->first_line);
    markers.no_transaction |= preamble.no_transaction || !sections.transactional;
    if (!migration.irreversible) migration.irreversible = markers.irreversible;
    if (!migration.lossy) migration.lossy = markers.lossy;
    return markers;
  };
  Markers up = section_markers(sections.up), down = section_markers(sections.down);
  for (EngineKind engine : engines) {
    EngineScripts scripts{
        make_script(sections.up->pieces, dialect_of(engine), file.file, !up.no_transaction),
        std::nullopt};
    if (sections.down)
      scripts.reverse =
          make_script(sections.down->pieces, dialect_of(engine), file.file, !down.no_transaction);
    migration.scripts[engine] = std::move(scripts);
  }
  return migration;
}

// The first few kilobytes: goose's Up comes first in every file we have seen.
std::string head_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text(4096, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

}  // namespace

bool is_goose_folder(const std::string& root, const std::vector<std::string>& files) {
  for (const std::string& file : files)
    if (file.ends_with(".sql") && has_annotations(head_of(path_in(root, file)), kGoose))
      return true;
  return false;
}

MigrationSet load_goose_directory(const std::string& root, const std::vector<EngineKind>& engines) {
  MigrationSet set{root, "goose", {}};
  for (const GooseFile& file : goose_files(root, list_files(root)))
    set.migrations.push_back(file.go ? go_migration(file, engines)
                                     : sql_migration(root, file, engines));
  return set;
}

}  // namespace crucible
