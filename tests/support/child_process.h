// A child process for CLI tests: started without a shell, output captured to a file, with an
// environment of our choosing, and signals sent to it while it runs.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace crucible::testing {

class ChildProcess {
 public:
  // Starts argv[0] with `argv`; stdout and stderr go to `output_file`; `env` entries are set on
  // top of this process's environment.
  ChildProcess(const std::vector<std::string>& argv, const std::string& output_file,
               const std::map<std::string, std::string>& env = {});
  ~ChildProcess();  // kills the child if it still runs

  void signal(int signo);
  int wait();  // exit code, or 128 + signal number when killed by a signal

 private:
  pid_t pid_ = -1;
};

// Runs to completion and returns {exit code, combined output}.
struct Completed {
  int exit_code;
  std::string output;
};
Completed run_to_completion(const std::vector<std::string>& argv,
                            const std::map<std::string, std::string>& env = {});

std::string read_file(const std::string& path);

}  // namespace crucible::testing
