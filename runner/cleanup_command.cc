#include "runner/cleanup_command.h"

#include <iostream>

#include <fmt/format.h>

#include "harness/common/secrets.h"
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

// A drop that fails for one name (a lost server, a refusal) is reported and the rest still go;
// the exit code then says that not everything could be cleaned up.
int CleanupCommand::run() const {
  int exit_code = 0;
  for (const Dsn& dsn : resolve_engines(engines)) {
    auto engine = connect_engine(dsn);
    for (const std::string& name : engine->list_leftovers()) {
      std::string outcome = drop ? " dropped" : "";
      try {
        if (drop) engine->drop_leftover(name);
      } catch (const ScratchInUse& live) {
        outcome = fmt::format(" left alone: {}", live.what());
      } catch (const Error& failed) {
        outcome = fmt::format(" not dropped: {}", redact_secrets(failed.what()));
        exit_code = 2;
      }
      std::cout << engine_name(dsn.kind) << " " << name << outcome << "\n";
    }
  }
  return exit_code;
}

}  // namespace crucible
