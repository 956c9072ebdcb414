#include "runner/cleanup_command.h"

#include <iostream>

#include <fmt/format.h>

#include "harness/engines/engine.h"
#include "harness/engines/scratch.h"
#include "runner/engine_selection.h"

namespace crucible {

CLI::App* CleanupCommand::add_to(CLI::App& app) {
  auto* cmd = app.add_subcommand("cleanup", "List or drop scratch databases left by crashed runs");
  cmd->add_option("-e,--engine", engines, "Engine, NAME or NAME=DSN (repeatable; default: sqlite)");
  cmd->add_flag("--drop", drop, "Drop them (default: only list)");
  return cmd;
}

int CleanupCommand::run() const {
  for (const Dsn& dsn : resolve_engines(engines)) {
    auto engine = connect_engine(dsn);
    for (const std::string& name : engine->list_leftovers()) {
      std::string outcome = drop ? " dropped" : "";
      try {
        if (drop) engine->drop_leftover(name);
      } catch (const ScratchInUse& live) {
        outcome = fmt::format(" left alone: {}", live.what());
      }
      std::cout << engine_name(dsn.kind) << " " << name << outcome << "\n";
    }
  }
  return 0;
}

}  // namespace crucible
