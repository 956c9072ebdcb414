#include "runner/snapshot_command.h"

#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "harness/catalog/catalog_json_text.h"
#include "harness/common/error.h"
#include "harness/engines/engine.h"
#include "runner/engine_selection.h"

namespace crucible {

CLI::App* SnapshotCommand::add_to(CLI::App& app) {
  auto* cmd = app.add_subcommand("snapshot", "Print the catalog of an existing database "
                                             "(read-only) as canonical JSON");
  cmd->add_option("-e,--engine", engine, "Engine, NAME or NAME=DSN")->default_val("sqlite");
  cmd->add_option("-d,--database", database, "Database to read (a file for sqlite)")->required();
  cmd->add_option("--json", json_file, "Write the JSON to FILE instead of standard output");
  return cmd;
}

int SnapshotCommand::run() const {
  auto db = open_existing_database(resolve_engine(engine), database);
  catalog::Catalog snapshot = db->snapshot();
  if (json_file.empty()) {
    catalog::write_json_text(snapshot, std::cout);
    std::cout << '\n';
    return 0;
  }
  std::ofstream out(json_file);
  catalog::write_json_text(snapshot, out);
  if (!(out << '\n')) throw Error(fmt::format("cannot write {}", json_file));
  return 0;
}

}  // namespace crucible
