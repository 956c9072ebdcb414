// Runs Crucible's embedded Alembic helper (alembic_render.py) in a child Python process.
//
// The project's Python (env.py, its revisions, whatever they import) runs there, as it would
// under Alembic itself, so the child is contained: its own process group, killed when it goes
// quiet for longer than the time allowed; an environment built from nothing (PATH, LANG, a
// scratch HOME and the variables the caller names — never Crucible's own, where DSNs and
// passwords live); standard input is the job, standard output its answers (one JSON line each),
// standard error kept only as a bounded tail for messages.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace crucible::loaders {

struct HelperRun {
  std::vector<nlohmann::json> answers;  // in the order the helper wrote them
  std::string stderr_tail;              // the last few kilobytes of standard error
  bool timed_out = false;               // killed after `quiet_limit` without an answer
  bool started = false;                 // false: the interpreter could not be run at all
  std::string failure;                  // why it did not start, or how it ended abnormally
};

// Runs `python` on the embedded helper with `job` (see alembic_render.py) in folder `cwd`.
// `environment` is the child's whole environment besides PATH, LANG and HOME.
HelperRun run_alembic_helper(const std::string& python, const nlohmann::json& job,
                             const std::string& cwd,
                             const std::map<std::string, std::string>& environment,
                             std::chrono::seconds quiet_limit);

// The helper's source, embedded at build time (alembic_render.py).
extern const char* const kAlembicHelperSource;

}  // namespace crucible::loaders
