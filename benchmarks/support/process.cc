#include "benchmarks/support/process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

extern char** environ;

namespace crucible::bench {
namespace {

// NAME=VALUE strings: this process's environment with `extra` replacing or adding variables.
std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    if (!extra.contains(entry.substr(0, entry.find('=')))) env.push_back(std::move(entry));
  }
  for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

std::string head_of_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str().substr(0, 500);
}

}  // namespace

double run_process(const std::vector<std::string>& argv,
                   const std::map<std::string, std::string>& extra_env) {
  std::vector<std::string> args = argv, env = environment_with(extra_env);
  std::vector<char*> c_args = c_strings(args), c_env = c_strings(env);
  // Standard error goes to a file so that a failure can say why; it is small and not timed apart.
  std::string stderr_path = fmt::format("/tmp/crucible-bench-{}.stderr", getpid());

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);

  auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int spawn_error = posix_spawnp(&pid, c_args[0], &actions, nullptr, c_args.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0)
    throw std::runtime_error(fmt::format("cannot start {}: {}", argv[0], std::strerror(spawn_error)));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

  bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  std::string errors = ok ? "" : head_of_file(stderr_path);
  std::remove(stderr_path.c_str());
  if (!ok)
    throw std::runtime_error(fmt::format("{} failed (status {}): {}", argv[0], status, errors));
  return elapsed.count();
}

std::string crucible_binary() { return CRUCIBLE_BINARY_PATH; }

}  // namespace crucible::bench
