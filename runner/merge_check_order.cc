#include "runner/merge_check_order.h"

#include <regex>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/checks/check_names.h"
#include "harness/loaders/alembic_graph.h"
#include "harness/loaders/version.h"

namespace crucible {
namespace {

// Versions the tools order by number ("0005", "20240101120000", "1.2", "2_1"); other formats
// (Liquibase changeset ids, Alembic revision hashes) have no such order.
bool numbered(const std::string& version) {
  static const std::regex kNumbered(R"([0-9]+([._][0-9]+)*)");
  return std::regex_match(version, kNumbered);
}

std::string version_key(const std::string& version) {
  return numbered(version) ? loaders::canonical_version(version) : version;
}

std::set<std::string> files_of(const Migration& m) {
  std::set<std::string> files;
  for (const auto& [kind, scripts] : m.scripts) {
    files.insert(scripts.forward.file);
    if (scripts.reverse) files.insert(scripts.reverse->file);
  }
  for (const auto& [kind, finding] : m.findings) files.insert(finding.where.file);
  return files;
}

std::optional<SourceLocation> location_of(const Migration& m) {
  for (const auto& [kind, scripts] : m.scripts) return SourceLocation{scripts.forward.file, 0};
  return std::nullopt;
}

Result git_result(const Migration& m, const char* check, Status status, std::string message) {
  Result result = result_for(kGitEngine, m, check, status, std::move(message));
  result.location = location_of(m);
  return result;
}

// The highest numbered version among `migrations`, or nullopt.
const Migration* newest(const std::vector<Migration>& migrations) {
  const Migration* top = nullptr;
  for (const Migration& m : migrations)
    if (numbered(m.version) && (!top || loaders::compare_versions(m.version, top->version) > 0))
      top = &m;
  return top;
}

Result check_conflict(const Migration& m, const TreeAtCommit& main,
                      const std::vector<Migration>& main_added) {
  for (const Migration& other : main_added)
    if (version_key(other.version) == version_key(m.version)) {
      std::string where = location_of(other) ? location_of(other)->file : other.name;
      return git_result(m, check::kVersionConflict, Status::fail, fmt::format(
          "{} also added version {} since the merge base, as {}: after the merge the "
          "tools see two migrations with one version (or apply only one); give the branch's "
          "a new version",
          main.label, other.version, where));
    }
  return git_result(m, check::kVersionConflict, Status::pass,
                    fmt::format("{} added no migration with version {}", main.label, m.version));
}

Result check_order(const Migration& m, const TreeAtCommit& base, const TreeAtCommit& main,
                   const std::vector<Migration>& main_added) {
  if (!numbered(m.version))
    return git_result(m, check::kOutOfOrder, Status::skip, fmt::format(
        "version {} is not a number: {} migrations are not ordered by version", m.version,
        base.set.format));
  const Migration* main_top = newest(main_added);
  if (main_top && loaders::compare_versions(m.version, main_top->version) < 0)
    return git_result(m, check::kOutOfOrder, Status::fail, fmt::format(
        "{} sorts before {}, which {} added since the merge base: databases that already ran {} "
        "skip {} or refuse to migrate (golang-migrate refuses it, Flyway needs outOfOrder); "
        "give it a version after {}",
        m.version, main_top->version, main.label, main_top->version, m.version,
        main_top->version));
  const Migration* base_top = newest(base.set.migrations);
  if (base_top && loaders::compare_versions(m.version, base_top->version) < 0)
    return git_result(m, check::kOutOfOrder, Status::fail, fmt::format(
        "{} sorts before {}, which the merge base already has: databases that ran {} skip {} or "
        "refuse to migrate; give it a version after {}",
        m.version, base_top->version, base_top->version, m.version, base_top->version));
  return git_result(m, check::kOutOfOrder, Status::pass, fmt::format(
      "{} sorts after every migration of the merge base and of {}", m.version, main.label));
}

}  // namespace

std::vector<Migration> added_since(const TreeAtCommit& base, const TreeAtCommit& side) {
  std::set<std::string> known;
  for (const Migration& m : base.set.migrations) known.insert(version_key(m.version));
  std::vector<Migration> added;
  for (const Migration& m : side.set.migrations)
    if (!known.count(version_key(m.version))) added.push_back(m);
  return added;
}

bool same_migration(const Migration& a, const TreeAtCommit& a_tree, const Migration& b,
                    const TreeAtCommit& b_tree) {
  if (version_key(a.version) != version_key(b.version)) return false;
  std::set<std::string> files = files_of(a);
  if (files != files_of(b) || files.empty()) return false;
  for (const std::string& file : files) {
    auto left = a_tree.blobs.find(file), right = b_tree.blobs.find(file);
    if (left == a_tree.blobs.end() || right == b_tree.blobs.end() || left->second != right->second)
      return false;
  }
  return true;
}

std::vector<Result> check_merge_order(const TreeAtCommit& base, const TreeAtCommit& main,
                                      const std::vector<Migration>& main_added,
                                      const std::vector<Migration>& branch_added,
                                      const std::optional<std::vector<std::string>>& heads) {
  std::vector<Result> results;
  for (const Migration& m : branch_added) {
    results.push_back(check_conflict(m, main, main_added));
    // Revision ids are hashes: a graph orders revisions by their parents, which `heads` judges.
    results.push_back(heads ? git_result(m, check::kOutOfOrder, Status::skip,
                                         "revisions are ordered by their parents, not their ids "
                                         "(see heads)")
                            : check_order(m, base, main, main_added));
  }
  if (heads && !branch_added.empty()) {
    Result result = git_result(branch_added.back(), check::kHeads,
                               heads->size() > 1 ? Status::fail : Status::pass, "");
    result.message = heads->size() > 1
        ? fmt::format("after the merge there are {} heads: {}", heads->size(),
                      fmt::join(*heads, ", "))
        : "after the merge there is one head";
    results.push_back(std::move(result));
  }
  return results;
}

std::optional<std::vector<std::string>> merged_heads(const std::string& format,
                                                     const std::string& main_dir,
                                                     const std::string& head_dir) {
  if (format != "alembic") return std::nullopt;
  std::set<std::string> revisions, parents;
  for (const std::string& dir : {main_dir, head_dir})
    for (const loaders::AlembicRevision& r : loaders::read_alembic_graph(dir).revisions) {
      revisions.insert(r.id);
      parents.insert(r.down_revisions.begin(), r.down_revisions.end());
    }
  std::vector<std::string> heads;
  for (const std::string& id : revisions)
    if (!parents.count(id)) heads.push_back(id);
  return heads;
}

}  // namespace crucible
