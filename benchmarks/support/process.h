// Runs another program as a whole process, the way a user would run it: the anchors Crucible is
// measured against (pg_dump, mariadb-dump) and the `crucible` binary itself.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace crucible::bench {

// Runs argv[0] (looked up in PATH) with `extra_env` added to this process's environment,
// standard output to /dev/null, and returns its wall time in seconds (spawn to exit). Throws
// std::runtime_error, with the start of its standard error, when it cannot start or exits
// non-zero. Secrets go through `extra_env`, never argv: argv is visible to every user (ps).
double run_process(const std::vector<std::string>& argv,
                   const std::map<std::string, std::string>& extra_env = {});

// The `crucible` binary built beside the benchmarks.
std::string crucible_binary();

}  // namespace crucible::bench
