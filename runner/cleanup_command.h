// `crucible cleanup --engine NAME[=DSN] [--drop]`: lists (and with --drop, drops) scratch
// databases left behind by crashed runs. Only names of Crucible's scratch shape are touched, and
// never those of a run that is still alive (the engine throws ScratchInUse: "left alone: why").
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace crucible {

struct CleanupCommand {
  std::vector<std::string> engines;
  bool drop = false;

  CLI::App* add_to(CLI::App& app);
  int run() const;
};

}  // namespace crucible
