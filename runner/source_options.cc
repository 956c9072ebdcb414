#include "runner/source_options.h"

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible {

void SourceOptions::add_to(CLI::App& command, const std::string& engine_help,
                           const std::string& default_timeout) {
  command.add_option("path", path, "Folder of migrations")->required()->check(CLI::ExistingDirectory);
  command.add_option("-e,--engine", engines,
                     engine_help + ", NAME or NAME=DSN (repeatable; default: sqlite)");
  command.add_option("--format", format,
                     "Migration format: auto, sql, sql-migrate, goose, folders, liquibase, sqitch, "
                     "alembic, lua, helium")
      ->default_val("auto")
      ->check(CLI::IsMember(
          {"auto", "sql", "sql-migrate", "goose", "folders", "liquibase", "sqitch", "alembic", "lua",
           "helium"}));
  command.add_flag("--privileged", privileged,
                   "Run migrations as the DSN's own login instead of a per-run login confined to "
                   "its scratch databases (containment off; the report says so)");
  command.add_option("--session", session,
                     "A statement every migration connection runs first, e.g. \"SET "
                     "foreign_key_checks=0\"; NAME=STATEMENT for one engine only (repeatable; "
                     "runs as the migrations' own login; recorded in the report)")
      ->allow_extra_args(false);
  command.add_option("--statement-timeout", statement_timeout,
                     "Cancel a statement that runs longer (500ms, 30s, 5m, 1h, or none)")
      ->default_val(default_timeout);
}

EngineOptions SourceOptions::engine_options() const {
  EngineOptions options;
  options.privileged = privileged;
  if (!statement_timeout.empty() && statement_timeout != "none")
    options.statement_timeout = parse_duration(statement_timeout, "--statement-timeout");
  return options;
}

std::map<std::string, std::string> parse_defines(const std::vector<std::string>& defines) {
  std::map<std::string, std::string> out;
  for (const std::string& define : defines) {
    auto eq = define.find('=');
    if (eq == 0 || eq == std::string::npos)
      throw Error(fmt::format("--define {}: expected NAME=VALUE", define));
    out[define.substr(0, eq)] = define.substr(eq + 1);
  }
  return out;
}

}  // namespace crucible
