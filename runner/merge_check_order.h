// What `crucible merge-check` can tell from the three trees alone, before running anything:
// which migrations each side added since the merge base, and the checks on their versions
//   version-conflict  the branch adds a version main also added (a different migration)
//   out-of-order      the branch adds a version below one main added, or below the merge base's
//                     newest: databases that already ran those skip it or refuse to migrate
//   heads             more than one head after the merge (formats with a revision graph)
// These results belong to no engine: they are reported under the engine name "git".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/checks/result.h"
#include "harness/migration/migration.h"

namespace crucible {

inline constexpr const char* kGitEngine = "git";

// A migrations folder as loaded at one commit.
struct TreeAtCommit {
  std::string label;   // how messages name it: "main", "HEAD", "the merge base"
  std::string commit;  // full id
  MigrationSet set;
  std::map<std::string, std::string> blobs;  // file relative to the folder -> git blob id
};

// The migrations of `side` whose version the merge base does not have, in order. Versions
// compare as the tools compare them (0005 == 5, 1.1 == 1_1).
std::vector<Migration> added_since(const TreeAtCommit& base, const TreeAtCommit& side);

// True when both migrations have the same version and are made of the same files with the same
// contents (the same commit cherry-picked onto both sides): merging them is no conflict.
bool same_migration(const Migration& a, const TreeAtCommit& a_tree, const Migration& b,
                    const TreeAtCommit& b_tree);

// version-conflict and out-of-order for every migration the branch added (engine "git"), and
// heads when `heads` (merged_heads) is known.
std::vector<Result> check_merge_order(const TreeAtCommit& base, const TreeAtCommit& main,
                                      const std::vector<Migration>& main_added,
                                      const std::vector<Migration>& branch_added,
                                      const std::optional<std::vector<std::string>>& heads);

// The heads of the history after the merge, for formats whose revisions name their parents
// (Alembic's down_revision): the revisions of both trees that no revision of either names as a
// parent. nullopt for formats ordered by version alone, where `heads` does not apply.
// `main_dir` and `head_dir` are the two trees as written by write_folder_at.
std::optional<std::vector<std::string>> merged_heads(const std::string& format,
                                                     const std::string& main_dir,
                                                     const std::string& head_dir);

}  // namespace crucible
