#include "runner/cleanup_command.h"

#include <iostream>

#include "harness/engines/engine.h"
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
      if (drop) engine->drop_leftover(name);
      std::cout << engine_name(dsn.kind) << " " << name << (drop ? " dropped" : "") << "\n";
    }
  }
  return 0;
}

}  // namespace crucible
