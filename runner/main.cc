// crucible: verify database schema migrations by running them.
#include <iostream>

#include <CLI/CLI.hpp>

#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "runner/bench_command.h"
#include "runner/cleanup_command.h"
#include "runner/diff_command.h"
#include "runner/mutate_command.h"
#include "runner/report_command.h"
#include "runner/snapshot_command.h"
#include "runner/verify_command.h"

int main(int argc, char** argv) {
  CLI::App app{"crucible: verifies database migrations forward, reverse and forward again, "
               "comparing catalog snapshots between the steps"};
  app.set_version_flag("--version", CRUCIBLE_VERSION);
  app.require_subcommand(1);

  crucible::VerifyCommand verify;
  crucible::SnapshotCommand snapshot;
  crucible::DiffCommand diff;
  crucible::CleanupCommand cleanup;
  crucible::ReportCommand report;
  crucible::MutateCommand mutate;
  crucible::BenchCommand bench;
  CLI::App* verify_cmd = verify.add_to(app);
  CLI::App* snapshot_cmd = snapshot.add_to(app);
  CLI::App* diff_cmd = diff.add_to(app);
  CLI::App* cleanup_cmd = cleanup.add_to(app);
  CLI::App* report_cmd = report.add_to(app);
  CLI::App* mutate_cmd = mutate.add_to(app);
  CLI::App* bench_cmd = bench.add_to(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // DESIGN.md: usage errors exit with 2
  }
  try {
    if (verify_cmd->parsed()) return verify.run();
    if (snapshot_cmd->parsed()) return snapshot.run();
    if (diff_cmd->parsed()) return diff.run();
    if (cleanup_cmd->parsed()) return cleanup.run();
    if (report_cmd->parsed()) return report.run();
    if (mutate_cmd->parsed()) return mutate.run();
    if (bench_cmd->parsed()) return bench.run();
  } catch (const crucible::Error& e) {
    std::cerr << "crucible: " << crucible::redact_secrets(e.what()) << "\n";
    return 2;
  }
  return 2;
}
