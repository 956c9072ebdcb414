#include "runner/selection.h"

#include <filesystem>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "runner/git_revisions.h"

namespace crucible {
namespace {

std::string normal(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().generic_string();
}

// Notes beside the migrations cannot change what runs; every other file can (a Go migration that
// becomes a skip, a metadata.toml that drops the transaction, a plan or macro library that changes
// every migration), so only these are ignored.
bool is_documentation(const std::string& file) {
  std::filesystem::path path(file);
  auto ext = path.extension();
  return ext == ".md" || ext == ".txt" || ext == ".rst" ||
         path.filename().string().rfind('.', 0) == 0;
}

std::optional<std::size_t> owner_of_name(const MigrationSet& set, const std::string& name) {
  for (std::size_t i = 0; i < set.migrations.size(); ++i) {
    const std::string& v = set.migrations[i].version;
    for (const std::string& prefix : {v + "_", v + ".", "V" + v + "__", "U" + v + "__"})
      if (name.rfind(prefix, 0) == 0) return i;
  }
  return std::nullopt;
}

// The migration whose version starts the file's name ("0003_x.mysql.up.sql", "V3__x.sql",
// "0003_x.go") or the name of a folder it is in ("2024-01-01-000002_x/metadata.toml").
std::optional<std::size_t> owner_by_name(const MigrationSet& set, const std::string& file) {
  std::filesystem::path path(file);
  for (auto part = path; !part.empty() && part != part.root_path(); part = part.parent_path())
    if (auto owner = owner_of_name(set, part.filename().string())) return owner;
  return std::nullopt;
}

}  // namespace

Shard parse_shard(const std::string& spec) {
  static const std::regex kShard(R"(([0-9]{1,6})/([0-9]{1,6}))");
  std::smatch match;
  if (std::regex_match(spec, match, kShard)) {
    Shard shard{std::stoi(match[1]), std::stoi(match[2])};
    if (shard.count >= 1 && shard.index >= 1 && shard.index <= shard.count) return shard;
  }
  throw Error(fmt::format("--shard {}: expected K/N with 1 <= K <= N, e.g. 2/4", spec));
}

std::vector<std::string> shard_versions(const std::vector<std::string>& versions, Shard shard) {
  std::vector<std::string> mine;
  for (std::size_t i = static_cast<std::size_t>(shard.index - 1); i < versions.size();
       i += static_cast<std::size_t>(shard.count))
    mine.push_back(versions[i]);
  return mine;
}

std::vector<std::string> changed_files(const std::string& root, const std::string& rev) {
  if (rev.empty() || rev.front() == '-')  // never let a revision turn into a git option
    throw Error(fmt::format("--changed-since '{}': not a git revision", rev));
  std::vector<std::string> files =
      git_lines(root, {"diff", "--name-only", "--relative", rev, "--", "."});
  for (std::string& file : git_lines(root, {"ls-files", "--others", "--exclude-standard", "--", "."}))
    files.push_back(std::move(file));
  return files;
}

std::vector<std::string> versions_from_first_change(const MigrationSet& set,
                                                    const std::vector<std::string>& files) {
  std::set<std::string> changed;
  for (const std::string& file : files) changed.insert(normal(file));
  std::optional<std::size_t> first;
  std::set<std::string> known;
  for (std::size_t i = 0; i < set.migrations.size(); ++i)
    for (const auto& [kind, scripts] : set.migrations[i].scripts) {
      std::vector<std::string> names{normal(scripts.forward.file)};
      if (scripts.reverse) names.push_back(normal(scripts.reverse->file));
      if (scripts.verify) names.push_back(normal(scripts.verify->file));
      for (const std::string& name : names) {
        known.insert(name);
        if (changed.count(name) && (!first || i < *first)) first = i;
      }
    }
  // A file of an engine not being verified still names its migration; one that names none was
  // deleted or renamed, or is shared by all (a plan, a macro library): verify everything.
  for (const std::string& file : changed) {
    if (known.count(file) || is_documentation(file)) continue;
    std::optional<std::size_t> owner = owner_by_name(set, file);
    std::size_t index = owner.value_or(0);
    if (!first || index < *first) first = index;
  }
  std::vector<std::string> versions;
  if (first)
    for (std::size_t i = *first; i < set.migrations.size(); ++i)
      versions.push_back(set.migrations[i].version);
  return versions;
}

}  // namespace crucible
