// `crucible verify PATH --engine NAME[=DSN]… [--json F] [--junit F] [--html F] [--markdown F]
//  [--sarif F] [--fail-on fail|error|any] [--allow FILE] [--shard K/N] [--changed-since REV]
//  [--quiet | --verbose]`
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "runner/gating.h"
#include "runner/outputs.h"

namespace crucible {

struct VerifyCommand {
  std::string path;
  std::vector<std::string> engines;
  std::string format = "auto";
  OutputOptions outputs;
  GateOptions gate;
  std::string shard;          // "K/N"
  std::string changed_since;  // git revision
  bool quiet = false;
  bool verbose = false;

  CLI::App* add_to(CLI::App& app);  // registers the subcommand, binding its options here
  int run() const;  // exit code: 0 pass/skip, 1 fail/error (per --fail-on), 2 infrastructure
};

}  // namespace crucible
