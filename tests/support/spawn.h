// Runs a program as a child process, without a shell, its output captured in a log file.
#pragma once

#include <string>
#include <vector>

namespace crucible::scenario {

// Runs argv[0] (a path; PATH is not searched) with `argv`, stdout and stderr appended to
// `log_file`, and waits for it. Returns its exit code. Throws crucible::Error when it cannot be
// started or is killed by a signal.
int run_logged(const std::vector<std::string>& argv, const std::string& log_file);

}  // namespace crucible::scenario
