#include "runner/git_revisions.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/common/error.h"

extern char** environ;

namespace crucible {
namespace {

namespace fs = std::filesystem;

struct GitOutput {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// The first line of git's own complaint, for messages: "fatal: not a git repository …".
std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "no message" : line;
}

// Reads both pipes until git closes them or the deadline passes (then kills it: a git that waits
// on a lock or a credential prompt must not hang the gate).
void drain(pid_t pid, int out_fd, int err_fd, GitOutput& result, const std::string& command) {
  auto deadline = std::chrono::steady_clock::now() + kGitTimeLimit;
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buffer[65536];
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {}
      throw Error(fmt::format("{} ran longer than {}s and was stopped", command,
                              kGitTimeLimit.count()));
    }
    int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
}

// Runs `git ARGS…` (no shell) with standard input from `input_file` (or /dev/null).
GitOutput run_git(const std::vector<std::string>& args, const std::string& input_file = "") {
  std::vector<std::string> argv{"git", "--no-pager"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string command = fmt::format("git {}", fmt::join(args, " "));
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw Error(fmt::format("pipe: {}", std::strerror(errno)));
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    throw Error(fmt::format("pipe: {}", std::strerror(errno)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO,
                                   input_file.empty() ? "/dev/null" : input_file.c_str(),
                                   O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  std::vector<char*> raw;
  for (const std::string& arg : argv) raw.push_back(const_cast<char*>(arg.c_str()));
  raw.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, raw[0], &actions, nullptr, raw.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  GitOutput result;
  try {
    if (rc != 0) throw Error(fmt::format("cannot run {}: {}", command, std::strerror(rc)));
    drain(pid, out_pipe[0], err_pipe[0], result, command);
  } catch (...) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    throw;
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

// Runs git in the folder's working tree and returns its output; any failure is an Error.
std::string git_in(const GitFolder& folder, std::vector<std::string> args,
                   const std::string& input_file = "") {
  args.insert(args.begin(), {"-C", folder.top});
  GitOutput result = run_git(args, input_file);
  if (result.exit_code != 0)
    throw Error(fmt::format("git {} failed in {}: {}", args[2], folder.top, first_line(result.err)));
  return result.out;
}

void check_revision_text(const std::string& rev, const std::string& option) {
  if (rev.empty() || rev.front() == '-' || rev.find('\0') != std::string::npos)
    throw Error(fmt::format("{} '{}': not a git revision", option, rev));
}

struct TreeEntry {
  std::string mode;  // "100644", "100755", "120000" (symbolic link), "160000" (submodule)
  std::string blob;
  std::string path;  // relative to the folder
};

// `git ls-tree -r -z` of the folder at `commit`, paths made relative to the folder and checked.
std::vector<TreeEntry> list_folder(const GitFolder& folder, const std::string& commit) {
  std::vector<std::string> args{"ls-tree", "-r", "-z", "--full-tree", commit};
  if (!folder.prefix.empty()) args.insert(args.end(), {"--", folder.prefix});
  std::string listing = git_in(folder, args);
  std::vector<TreeEntry> entries;
  std::size_t start = 0;
  while (start < listing.size()) {
    std::size_t end = listing.find('\0', start);
    if (end == std::string::npos) end = listing.size();
    std::string line = listing.substr(start, end - start);
    start = end + 1;
    std::size_t tab = line.find('\t');
    std::size_t space1 = line.find(' '), space2 = line.find(' ', space1 + 1);
    if (tab == std::string::npos || space2 == std::string::npos || space2 > tab)
      throw Error(fmt::format("git ls-tree printed an unexpected line: {}", line));
    std::string type = line.substr(space1 + 1, space2 - space1 - 1);
    std::string path = line.substr(tab + 1);
    if (type != "blob" || path.compare(0, folder.prefix.size(), folder.prefix) != 0) continue;
    std::string relative = path.substr(folder.prefix.size());
    fs::path normal = fs::path(relative).lexically_normal();
    if (relative.empty() || normal.is_absolute() || normal.generic_string() != relative ||
        *normal.begin() == "..")
      throw Error(fmt::format("{} at {}: refusing the path '{}' in the tree", folder.path,
                              short_commit(commit), path));
    entries.push_back({line.substr(0, space1), line.substr(space2 + 1, tab - space2 - 1), relative});
  }
  return entries;
}

// Reads every entry's contents with one `git cat-file --batch`.
std::vector<std::string> read_blobs(const GitFolder& folder, const std::vector<TreeEntry>& entries,
                                    const std::string& scratch_file) {
  {
    std::ofstream ids(scratch_file, std::ios::binary);
    for (const TreeEntry& entry : entries) ids << entry.blob << '\n';
    if (!ids) throw Error(fmt::format("cannot write {}", scratch_file));
  }
  std::string batch = git_in(folder, {"cat-file", "--batch"}, scratch_file);
  fs::remove(scratch_file);
  std::vector<std::string> contents;
  std::size_t at = 0;
  for (const TreeEntry& entry : entries) {
    std::size_t header_end = batch.find('\n', at);
    if (header_end == std::string::npos) break;
    std::string header = batch.substr(at, header_end - at);
    std::size_t size_at = header.rfind(' ');
    if (header.rfind(entry.blob + " blob ", 0) != 0 || size_at == std::string::npos)
      throw Error(fmt::format("git cat-file: cannot read {} ({})", entry.path, header));
    std::size_t size = std::stoull(header.substr(size_at + 1));
    if (header_end + 1 + size > batch.size()) break;
    contents.push_back(batch.substr(header_end + 1, size));
    at = header_end + 1 + size + 1;
  }
  if (contents.size() != entries.size())
    throw Error(fmt::format("git cat-file --batch in {}: output ended early", folder.top));
  return contents;
}

void write_file(const fs::path& file, const std::string& contents) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << contents;
  if (!out) throw Error(fmt::format("cannot write {}", file.string()));
}

}  // namespace

GitFolder find_git_folder(const std::string& path) {
  GitOutput result = run_git({"-C", path, "rev-parse", "--show-toplevel", "--show-prefix"});
  if (result.exit_code != 0)
    throw Error(fmt::format("{} is not inside a git working tree (git: {})", path,
                            first_line(result.err)));
  std::size_t newline = result.out.find('\n');
  GitFolder folder{path, result.out.substr(0, newline), ""};
  if (newline != std::string::npos) {
    folder.prefix = result.out.substr(newline + 1);
    if (!folder.prefix.empty() && folder.prefix.back() == '\n') folder.prefix.pop_back();
  }
  if (folder.top.empty()) throw Error(fmt::format("{} is not inside a git working tree", path));
  return folder;
}

std::string resolve_commit(const GitFolder& folder, const std::string& rev,
                           const std::string& option) {
  check_revision_text(rev, option);
  GitOutput result = run_git({"-C", folder.top, "rev-parse", "--verify", "--quiet",
                              "--end-of-options", rev + "^{commit}"});
  std::string commit = result.out.substr(0, result.out.find('\n'));
  if (result.exit_code != 0 || commit.empty())
    throw Error(fmt::format("{} {}: no such revision in {}", option, rev, folder.top));
  return commit;
}

std::string merge_base(const GitFolder& folder, const std::string& a, const std::string& b) {
  GitOutput result = run_git({"-C", folder.top, "merge-base", a, b});
  std::string commit = result.out.substr(0, result.out.find('\n'));
  if (result.exit_code != 0 || commit.empty())
    throw Error(fmt::format("{} and {} have no merge base in {}{}", short_commit(a),
                            short_commit(b), folder.top,
                            result.err.empty() ? "" : " (git: " + first_line(result.err) + ")"));
  return commit;
}

std::vector<std::string> git_lines(const std::string& dir, const std::vector<std::string>& args) {
  std::string out = git_in(GitFolder{dir, dir, ""}, args);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    if (end > start) lines.push_back(out.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string git_version() {
  GitOutput result = run_git({"--version"});
  std::string line = result.out.substr(0, result.out.find('\n'));
  std::size_t last_space = line.rfind(' ');
  return result.exit_code == 0 && last_space != std::string::npos ? line.substr(last_space + 1) : "";
}

std::string short_commit(const std::string& commit) { return commit.substr(0, 10); }

std::map<std::string, std::string> write_folder_at(const GitFolder& folder,
                                                   const std::string& commit,
                                                   const std::string& dest) {
  std::vector<TreeEntry> entries = list_folder(folder, commit);
  if (entries.empty())
    throw Error(fmt::format("{} ({} in the repository) does not exist at {}", folder.path,
                            folder.prefix.empty() ? "its top folder" : folder.prefix,
                            short_commit(commit)));
  std::vector<std::string> contents = read_blobs(folder, entries, dest + ".ids");
  std::map<std::string, std::string> blobs;
  std::vector<std::size_t> links;
  for (std::size_t i = 0; i < entries.size(); ++i) {  // files first: no link is followed
    blobs[entries[i].path] = entries[i].blob;
    if (entries[i].mode == "120000")
      links.push_back(i);
    else
      write_file(fs::path(dest) / entries[i].path, contents[i]);
  }
  const fs::path root = fs::weakly_canonical(dest);
  for (std::size_t i : links) {
    fs::path link = fs::path(dest) / entries[i].path;
    fs::create_directories(link.parent_path());
    fs::create_symlink(contents[i], link);
    // Resolved as the loaders will follow it: a link out of the folder would read files of this
    // machine into the report.
    fs::path target = fs::weakly_canonical(link);
    auto [end, ignored] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
    if (end != root.end())
      throw Error(fmt::format("{} at {}: the symbolic link {} points outside the folder ({}); "
                              "merge-check reads only the folder",
                              folder.path, short_commit(commit), entries[i].path, contents[i]));
  }
  return blobs;
}

}  // namespace crucible
