// `crucible report INPUT.json… [--json F] [--html F] [--markdown F] [--sarif F] [--junit F]
//  [--fail-on …] [--allow FILE]`: reads JSON reports (several shards of one run merge into one),
// writes any report format, prints the terminal summary, and exits like `verify` would have.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "runner/gating.h"
#include "runner/outputs.h"

namespace crucible {

struct ReportCommand {
  std::vector<std::string> inputs;
  OutputOptions outputs;
  GateOptions gate;
  bool quiet = false;

  CLI::App* add_to(CLI::App& app);
  int run() const;  // the gate's exit code: 0 pass, 1 fail, 2 bad input or an engine that did not run
};

}  // namespace crucible
