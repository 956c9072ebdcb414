// Reading a migrations folder as it was at other git revisions, for `crucible merge-check`:
// which repository holds it, what a revision names, the merge base of two revisions, and the
// folder's files at a revision written into a folder of our own.
//
// git runs without a shell, each command under a time limit; revisions that start with '-' are
// refused before they reach git, and every path read from a tree is checked to stay inside the
// folder it is written to. The user's repository is only read: no checkout, index or worktree
// of theirs changes.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace crucible {

// A folder inside a git working tree.
struct GitFolder {
  std::string path;    // as the user named it
  std::string top;     // the working tree's top folder
  std::string prefix;  // the folder relative to `top`, "" or ending in '/': "db/migrations/"
};

// A git command that runs longer is killed and reported as an error.
inline constexpr std::chrono::seconds kGitTimeLimit{120};

// Throws crucible::Error when `path` is not inside a git working tree or git cannot run.
GitFolder find_git_folder(const std::string& path);

// The full commit id that `rev` names ("main", "origin/main", "HEAD~2", an id). `option` names
// where the revision came from ("--base") for the message when it names no commit.
std::string resolve_commit(const GitFolder& folder, const std::string& rev,
                           const std::string& option);

// The best common ancestor of two commits; throws crucible::Error when they have none.
std::string merge_base(const GitFolder& folder, const std::string& a, const std::string& b);

// Runs `git -C dir ARGS…` under kGitTimeLimit and returns its output's non-empty lines; a git
// that fails is a crucible::Error with git's own first line.
std::vector<std::string> git_lines(const std::string& dir, const std::vector<std::string>& args);

// "2.39.5"; "" when git cannot tell.
std::string git_version();

// "a1b2c3d", for messages.
std::string short_commit(const std::string& commit);

// Writes the folder's files at `commit` into `dest` (an empty folder) with the same relative
// paths, and returns each file's blob id by that path (the same id means the same contents).
// Submodules are left out; a symbolic link is written only when it points inside the folder.
// Throws crucible::Error when the folder does not exist at that commit, a path or link would
// leave `dest`, or git fails.
std::map<std::string, std::string> write_folder_at(const GitFolder& folder,
                                                   const std::string& commit,
                                                   const std::string& dest);

}  // namespace crucible
