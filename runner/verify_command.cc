#include "runner/verify_command.h"

#include <unistd.h>

#include <future>
#include <iostream>

#include "harness/checks/verify.h"
#include "harness/engines/scratch.h"
#include "harness/loaders/loader.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "reports/terminal_report.h"
#include "runner/engine_selection.h"

namespace crucible {
namespace {

// Connects and verifies one engine. A server that cannot be reached is an engine-level error
// in the report (exit 2), not a crash, and does not stop the other engines.
EngineRun verify_on(const Dsn& dsn, const MigrationSet& set) {
  try {
    auto engine = connect_engine(dsn);
    return verify_engine(*engine, set);
  } catch (const Error& e) {
    EngineRun run;
    run.engine = std::string(engine_name(dsn.kind));
    run.dsn = dsn.redacted();
    run.status = "error";
    run.message = e.what();
    return run;
  }
}

}  // namespace

CLI::App* VerifyCommand::add_to(CLI::App& app) {
  auto* cmd = app.add_subcommand("verify", "Run every migration forward, reverse and forward "
                                           "again on each engine and compare catalogs");
  cmd->add_option("path", path, "Folder of migrations")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("-e,--engine", engines,
                  "Engine to verify on, NAME or NAME=DSN (repeatable; default: sqlite)");
  cmd->add_option("--format", format, "Migration format: auto, sql")->default_val("auto");
  cmd->add_option("--json", json_file, "Write the JSON report to FILE");
  cmd->add_option("--junit", junit_file, "Write JUnit XML to FILE");
  cmd->add_flag("-q,--quiet", quiet, "Print only the summary line");
  return cmd;
}

int VerifyCommand::run() const {
  std::vector<Dsn> dsns = resolve_engines(engines);
  std::vector<EngineKind> kinds;
  for (const Dsn& dsn : dsns) kinds.push_back(dsn.kind);
  MigrationSet set = load_migrations(path, kinds, format);

  install_scratch_cleanup_on_signals();
  std::vector<std::future<EngineRun>> runs;
  for (const Dsn& dsn : dsns)
    runs.push_back(std::async(std::launch::async, verify_on, std::cref(dsn), std::cref(set)));

  Report report;
  report.source = path;
  report.format = set.format;
  for (auto& run : runs) report.engines.push_back(run.get());

  if (!json_file.empty()) write_json_report(report, json_file);
  if (!junit_file.empty()) write_junit_report(report, junit_file);
  print_terminal_report(report, std::cout, ::isatty(STDOUT_FILENO) == 1, quiet);
  return report.exit_code();
}

}  // namespace crucible
