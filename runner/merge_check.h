// `crucible merge-check PATH --base REV [--head REV] --engine NAME[=DSN]… [--format F]
//  [--json F] [--junit F] [--html F] [--markdown F] [--sarif F] [--fail-on …] [--allow FILE]`
//
// The gate for a pull request: PATH's migrations at the merge base of --base and --head (default
// HEAD), at --base and at --head, read from git (not from the working tree). Reports the
// version checks of merge_check_order.h, `commute` on each engine (harness/checks/commute.h),
// and forward / reverse / forward of the branch's migrations on top of main's, as `verify` runs
// them. Exit codes as `verify`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "runner/gating.h"
#include "runner/outputs.h"
#include "runner/source_options.h"

namespace crucible {

struct MergeCheckCommand {
  SourceOptions source;
  std::vector<std::string> defines;  // --define NAME=VALUE (Lua DSL, Helium macros)
  OutputOptions outputs;
  GateOptions gate;
  std::string base;             // --base REV: the branch the pull request merges into
  std::string head = "HEAD";    // --head REV: the pull request's branch
  std::string migration_timeout;
  bool quiet = false;

  CLI::App* add_to(CLI::App& app);
  int run() const;  // exit code: 0 pass/skip, 1 fail/error (per --fail-on), 2 infrastructure
};

}  // namespace crucible
