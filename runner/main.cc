// crucible: verify database schema migrations by running them.
#include <iostream>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>

#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "harness/engines/scratch.h"
#include "runner/bench_command.h"
#include "runner/cleanup_command.h"
#include "runner/diff_command.h"
#include "runner/merge_check.h"
#include "runner/mutate_command.h"
#include "runner/report_command.h"
#include "runner/snapshot_command.h"
#include "runner/verify_command.h"

namespace {

// CLI11 reads an unknown command as a stray argument and says only "A subcommand is required".
// Returns the message for argv's command when it is not one of `app`'s, else "".
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
  if (argc < 2) return fmt::format("a command is required; commands: {}", fmt::join(names, ", "));
  std::string_view first = argv[1];
  if (first.starts_with("-")) return "";
  for (const std::string& name : names)
    if (first == name) return "";
  return fmt::format("unknown command '{}'; commands: {}", first, fmt::join(names, ", "));
}

int run(int argc, char** argv) {
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
  crucible::MergeCheckCommand merge_check;
  CLI::App* verify_cmd = verify.add_to(app);
  CLI::App* snapshot_cmd = snapshot.add_to(app);
  CLI::App* diff_cmd = diff.add_to(app);
  CLI::App* cleanup_cmd = cleanup.add_to(app);
  CLI::App* report_cmd = report.add_to(app);
  CLI::App* mutate_cmd = mutate.add_to(app);
  CLI::App* bench_cmd = bench.add_to(app);
  CLI::App* merge_check_cmd = merge_check.add_to(app);

  if (std::string message = unknown_command(app, argc, argv); !message.empty()) {
    std::cerr << "crucible: " << message << "\nRun with --help for more information.\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // docs/DESIGN.md: usage errors exit with 2
  }
  try {
    if (verify_cmd->parsed()) return verify.run();
    if (snapshot_cmd->parsed()) return snapshot.run();
    if (diff_cmd->parsed()) return diff.run();
    if (cleanup_cmd->parsed()) return cleanup.run();
    if (report_cmd->parsed()) return report.run();
    if (mutate_cmd->parsed()) return mutate.run();
    if (bench_cmd->parsed()) return bench.run();
    if (merge_check_cmd->parsed()) return merge_check.run();
  } catch (const crucible::Error& e) {
    crucible::wait_if_interrupted();  // an error caused by the cleanup is no report
    std::cerr << "crucible: " << crucible::redact_secrets(e.what()) << "\n";
    return 2;
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // First, before any thread starts: every thread then leaves SIGINT/SIGTERM/SIGHUP to the one
  // that drops the scratch databases, and the process ends only through it once one arrived.
  crucible::install_scratch_cleanup_on_signals();
  int code = run(argc, argv);
  crucible::wait_if_interrupted();
  return code;
}
