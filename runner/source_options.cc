#include "runner/source_options.h"

namespace crucible {

void SourceOptions::add_to(CLI::App& command, const std::string& engine_help) {
  command.add_option("path", path, "Folder of migrations")->required()->check(CLI::ExistingDirectory);
  command.add_option("-e,--engine", engines,
                     engine_help + ", NAME or NAME=DSN (repeatable; default: sqlite)");
  command.add_option("--format", format, "Migration format: auto, sql, lua, helium")
      ->default_val("auto")
      ->check(CLI::IsMember({"auto", "sql", "lua", "helium"}));
}

}  // namespace crucible
