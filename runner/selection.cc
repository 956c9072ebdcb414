#include "runner/selection.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/common/error.h"

extern char** environ;

namespace crucible {
namespace {

// Runs `argv` (found on PATH, no shell) and returns its standard output, one line per entry.
std::vector<std::string> run_lines(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw Error(fmt::format("pipe: {}", std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  std::string command = fmt::format("{}", fmt::join(argv, " "));
  if (rc != 0) {
    ::close(pipe_fds[0]);
    throw Error(fmt::format("cannot run {}: {}", command, std::strerror(rc)));
  }
  std::string output;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) output.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error(fmt::format("{} failed (exit status {})", command,
                            WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    if (end > start) lines.push_back(output.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string normal(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().generic_string();
}

bool is_migration_source(const std::string& file) {
  auto ext = std::filesystem::path(file).extension();
  return ext == ".sql" || ext == ".lua" || ext == ".py";  // .py: Alembic revisions and env.py
}

// The migration whose version starts the file's name: "0003_x.mysql.up.sql", "V3__x.sql".
std::optional<std::size_t> owner_by_name(const MigrationSet& set, const std::string& file) {
  std::string name = std::filesystem::path(file).filename().string();
  for (std::size_t i = 0; i < set.migrations.size(); ++i) {
    const std::string& v = set.migrations[i].version;
    for (const std::string& prefix : {v + "_", v + ".", "V" + v + "__", "U" + v + "__"})
      if (name.rfind(prefix, 0) == 0) return i;
  }
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
      run_lines({"git", "-C", root, "diff", "--name-only", "--relative", rev, "--", "."});
  for (std::string& file : run_lines({"git", "-C", root, "ls-files", "--others",
                                      "--exclude-standard", "--", "."}))
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
      for (const std::string& name : names) {
        known.insert(name);
        if (changed.count(name) && (!first || i < *first)) first = i;
      }
    }
  // A file of an engine not being verified still names its migration; one that names none was
  // deleted or renamed, which changes history: verify everything.
  for (const std::string& file : changed) {
    if (known.count(file) || !is_migration_source(file)) continue;
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
