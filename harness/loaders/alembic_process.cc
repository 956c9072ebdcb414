#include "harness/loaders/alembic_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace crucible::loaders {
namespace {

constexpr size_t kStderrKept = 8 * 1024;
constexpr size_t kStdoutLimit = 512u * 1024 * 1024;  // rendered SQL of a very large project

std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
  const char* path = std::getenv("PATH");
  std::map<std::string, std::string> env = {
      {"PATH", path ? path : "/usr/local/bin:/usr/bin:/bin"},
      {"LANG", "C.UTF-8"},
      {"HOME", "/nonexistent"},
      // Revision files are imported: no __pycache__ folders left in the user's project.
      {"PYTHONDONTWRITEBYTECODE", "1"},
      // libpq reads these when a project's code connects by itself: point it nowhere.
      {"PGHOST", "/nonexistent"},
      {"PGCONNECT_TIMEOUT", "1"},
  };
  for (const auto& [name, value] : extra) env[name] = value;
  std::vector<std::string> out;
  for (const auto& [name, value] : env) out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// The job as an unnamed file for the child's standard input: no pipe to keep fed while reading.
int job_file(const nlohmann::json& job) {
  FILE* file = std::tmpfile();
  if (file == nullptr) return -1;
  std::string text = job.dump();
  std::fwrite(text.data(), 1, text.size(), file);
  std::fflush(file);
  int fd = dup(fileno(file));
  std::fclose(file);
  if (fd >= 0) lseek(fd, 0, SEEK_SET);
  return fd;
}

class Child {
 public:
  ~Child() {
    for (int fd : {out_, err_})
      if (fd >= 0) close(fd);
    if (pid_ > 0) {
      kill(-pid_, SIGKILL);
      int status = 0;
      while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
    }
  }

  // Starts the child; returns an error text, empty on success.
  std::string start(const std::string& python, const nlohmann::json& job, const std::string& cwd,
                    const std::map<std::string, std::string>& environment) {
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0) return std::strerror(errno);
    if (pipe2(err, O_CLOEXEC) != 0) {
      close(out[0]), close(out[1]);
      return std::strerror(errno);
    }
    int input = job_file(job);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (input >= 0) posix_spawn_file_actions_adddup2(&actions, input, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    // A group of its own, so that a timeout also ends whatever the project's code started.
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attributes, 0);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    posix_spawnattr_setsigdefault(&attributes, &defaults);

    std::string source = kAlembicHelperSource;
    std::vector<std::string> args = {python, "-c", source};
    std::vector<std::string> env = child_environment(environment);
    std::vector<char*> c_args = c_strings(args), c_env = c_strings(env);
    int error = input < 0 ? EIO
                          : posix_spawnp(&pid_, python.c_str(), &actions, &attributes,
                                         c_args.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (input >= 0) close(input);
    close(out[1]), close(err[1]);
    out_ = out[0], err_ = err[0];
    if (error != 0) pid_ = 0;
    return error == 0 ? "" : std::strerror(error);
  }

  // Reads answers until both streams end, or until `quiet_limit` passes without an answer.
  void collect(HelperRun& run, std::chrono::seconds quiet_limit) {
    using Clock = std::chrono::steady_clock;
    Clock::time_point deadline = Clock::now() + quiet_limit;
    std::string pending, errors;
    size_t total = 0;
    while (out_ >= 0 || err_ >= 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        run.timed_out = true;
        break;
      }
      pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
      int ready = poll(fds, 2, static_cast<int>(std::min<long>(left.count(), 1000)));
      if (ready < 0 && errno != EINTR) break;
      char buffer[65536];
      if (fds[0].revents != 0) {
        ssize_t n = read(out_, buffer, sizeof buffer);
        if (n <= 0) {
          close(out_), out_ = -1;
        } else {
          total += static_cast<size_t>(n);
          pending.append(buffer, static_cast<size_t>(n));
          if (take_answers(pending, run)) deadline = Clock::now() + quiet_limit;
          if (total > kStdoutLimit) {
            run.failure = "the Alembic helper wrote more than 512 MiB";
            break;
          }
        }
      }
      if (fds[1].revents != 0) {
        ssize_t n = read(err_, buffer, sizeof buffer);
        if (n <= 0) {
          close(err_), err_ = -1;
        } else {
          errors.append(buffer, static_cast<size_t>(n));
          if (errors.size() > 2 * kStderrKept) errors.erase(0, errors.size() - kStderrKept);
        }
      }
    }
    if (errors.size() > kStderrKept) errors.erase(0, errors.size() - kStderrKept);
    run.stderr_tail = errors;
    finish(run);
  }

 private:
  // Moves the complete lines of `pending` into run.answers; true when there was one.
  static bool take_answers(std::string& pending, HelperRun& run) {
    bool any = false;
    for (size_t end; (end = pending.find('\n')) != std::string::npos;) {
      std::string line = pending.substr(0, end);
      pending.erase(0, end + 1);
      nlohmann::json answer = nlohmann::json::parse(line, nullptr, false);
      if (answer.is_object()) run.answers.push_back(std::move(answer)), any = true;
    }
    return any;
  }

  void finish(HelperRun& run) {
    if (pid_ <= 0) return;
    if (run.timed_out || !run.failure.empty()) kill(-pid_, SIGKILL);
    // Wait without reaping, so that the group id cannot be reused before the group is ended.
    siginfo_t info{};
    while (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {}
    kill(-pid_, SIGKILL);  // anything the project's code left running in the group
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
    pid_ = 0;
    if (run.failure.empty() && !run.timed_out) {
      if (WIFSIGNALED(status))
        run.failure = fmt::format("the Python process was killed by signal {}", WTERMSIG(status));
      else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        run.failure = fmt::format("the Python process exited with status {}", WEXITSTATUS(status));
    }
  }

  pid_t pid_ = 0;
  int out_ = -1, err_ = -1;
};

}  // namespace

HelperRun run_alembic_helper(const std::string& python, const nlohmann::json& job,
                             const std::string& cwd,
                             const std::map<std::string, std::string>& environment,
                             std::chrono::seconds quiet_limit) {
  HelperRun run;
  Child child;
  std::string error = child.start(python, job, cwd, environment);
  if (!error.empty()) {
    run.failure = fmt::format("cannot run {}: {}", python, error);
    return run;
  }
  run.started = true;
  child.collect(run, quiet_limit);
  return run;
}

}  // namespace crucible::loaders
