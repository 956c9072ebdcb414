// Which migrations a `verify` run reports: all, those changed since a git revision and everything
// after them (`--changed-since REV`), and this job's share of them (`--shard K/N`). Earlier
// migrations still run to reach each reported one's starting state, so the reported results are
// exactly the full run's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/migration/migration.h"

namespace crucible {

struct Shard {
  int index = 1;  // 1-based
  int count = 1;
};

// "2/4" -> {2, 4}. Throws crucible::Error for anything else (0/4, 5/4, "x").
Shard parse_shard(const std::string& spec);

// Shard K of N takes every N-th migration of `versions`, starting with the K-th: round-robin
// over the ordered list, so shards get similar numbers of migrations from every part of it.
std::vector<std::string> shard_versions(const std::vector<std::string>& versions, Shard shard);

// Files under `root` that differ from git revision `rev` (committed, staged, working tree, and
// untracked), relative to `root`: `git -C root diff --name-only --relative REV -- .` plus
// `git -C root ls-files --others --exclude-standard`, run without a shell. Throws crucible::Error
// when git cannot be run or fails (unknown revision, not a repository).
std::vector<std::string> changed_files(const std::string& root, const std::string& rev);

// The versions of the first migration one of `files` belongs to and of every later one. A
// changed .sql or .lua file that belongs to no migration (a deleted one) means history changed:
// every migration is returned. No changes: none.
std::vector<std::string> versions_from_first_change(const MigrationSet& set,
                                                    const std::vector<std::string>& files);

}  // namespace crucible
