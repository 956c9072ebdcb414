#include "runner/verify_command.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <future>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/checks/property_checks.h"
#include "harness/checks/verify.h"
#include "harness/engines/scratch.h"
#include "harness/loaders/loader.h"
#include "reports/terminal_report.h"
#include "runner/engine_selection.h"
#include "runner/engine_verify.h"
#include "runner/progress.h"
#include "runner/redact_report.h"
#include "runner/selection.h"

namespace crucible {
namespace {

std::vector<std::string> all_versions(const MigrationSet& set) {
  std::vector<std::string> versions;
  for (const Migration& m : set.migrations) versions.push_back(m.version);
  return versions;
}

// Narrows the run to --changed-since and --shard: the reported versions go to only_versions, and
// migrations after the last reported one are dropped (nothing after it needs to run).
void select_migrations(MigrationSet& set, const std::string& changed_since,
                       const std::string& shard_spec, bool quiet, VerifyOptions& options) {
  if (changed_since.empty() && shard_spec.empty()) return;
  std::vector<std::string> versions = all_versions(set);
  std::string why;
  if (!changed_since.empty()) {
    versions = versions_from_first_change(set, changed_files(set.root, changed_since));
    why = fmt::format("changed since {}", changed_since);
  }
  if (!shard_spec.empty()) {
    versions = shard_versions(versions, parse_shard(shard_spec));
    why += fmt::format("{}shard {}", why.empty() ? "" : ", ", shard_spec);
  }
  if (!quiet)
    std::cerr << fmt::format("crucible: {}: verifying {} of {} migrations{}{}\n", why,
                             versions.size(), set.migrations.size(), versions.empty() ? "" : ": ",
                             fmt::join(versions, " "));
  std::size_t end = 0;
  for (std::size_t i = 0; i < set.migrations.size(); ++i)
    if (std::count(versions.begin(), versions.end(), set.migrations[i].version)) end = i + 1;
  set.migrations.resize(end);  // with nothing selected, nothing runs
  options.only_versions = versions;
}

}  // namespace

CLI::App* VerifyCommand::add_to(CLI::App& app) {
  auto* cmd = app.add_subcommand("verify", "Run every migration forward, reverse and forward "
                                           "again on each engine and compare catalogs");
  source.add_to(*cmd, "Engine to verify on", kDefaultStatementTimeout);
  cmd->add_option("--migration-timeout", migration_timeout,
                  "Cancel a migration whose forward, reverse and re-apply together run longer "
                  "(500ms, 30s, 5m, 1h)");
  cmd->add_flag("--keep-going", keep_going,
                "After a migration's forward fails, leave it out and go on with the next one "
                "from the last good state (default: later migrations are skipped as blocked)");
  cmd->add_option("--define", defines, "NAME=VALUE for Lua code (os.getenv) and Helium ${NAME} "
                                       "macros; overrides the environment (repeatable)");
  outputs.add_to(cmd);
  gate.add_to(cmd);
  cmd->add_option("--shard", shard, "Verify only shard K of N (K/N); merge with `crucible report`");
  cmd->add_option("--changed-since", changed_since,
                  "Verify only migrations changed since this git revision, and all after them");
  cmd->add_option("--walks", walks, "Also walk N random sequences of versions up and down "
                                    "(check walk)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", seed, "Seed for --walks and --data: replays an earlier run")
      ->check(CLI::Validator(
          [](std::string& text) {
            uint64_t value = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (error == std::errc() && end == text.data() + text.size()) return std::string();
            return std::string("must be a whole number from 0 to 18446744073709551615");
          },
          "SEED"));
  cmd->add_flag("--idempotence", idempotence, "Also apply each forward twice (check idempotence)");
  // --data: the check is on by default; the flag stays accepted so that existing CI lines work.
  cmd->add_flag("--data,!--no-data", data,
                "Fill every table with generated rows before each migration and compare them "
                "after forward + reverse (check data; on by default, --no-data turns it off)");
  cmd->add_option("--data-rows", data_rows, "Rows generated per table for the data check (default 30)")
      ->check(CLI::Validator(
          [](std::string& text) {
            int value = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (error == std::errc() && end == text.data() + text.size() && value >= 1) return std::string();
            return std::string("must be at least 1 (a whole number of rows per table)");
          },
          "N"));
  cmd->add_flag("--strict-dml", strict_dml, "An UPDATE or DELETE that touches no row fails, as on "
                                            "DB2: in Helium designs, and in any script over ODBC "
                                            "(SQLSTATE 02000)");
  auto* quiet_flag = cmd->add_flag("-q,--quiet", quiet, "Print only the summary line");
  cmd->add_flag("-v,--verbose", verbose, "Echo each statement before it runs (on stderr)")
      ->excludes(quiet_flag);
  return cmd;
}

int VerifyCommand::run() const {
  std::vector<Dsn> dsns = resolve_engines(source.engines, source.session);
  EngineOptions engine_options = source.engine_options();
  engine_options.strict_dml = strict_dml;
  VerifyOptions options;
  if (!migration_timeout.empty())
    options.migration_timeout = parse_duration(migration_timeout, "--migration-timeout");
  options.keep_going = keep_going;
  std::vector<EngineKind> kinds;
  for (const Dsn& dsn : dsns) kinds.push_back(dsn.kind);
  MigrationSet set = load_migrations(source.path, kinds, source.format, parse_defines(defines),
                                     helium::DesignOptions{.strict_dml = strict_dml});

  select_migrations(set, changed_since, shard, quiet, options);
  ProgressPrinter progress(std::cerr, !quiet && ::isatty(STDERR_FILENO) == 1, verbose,
                           terminal_width(STDERR_FILENO));
  if (progress.active())
    options.progress = [&progress](const ProgressEvent& event) { progress.on_step(event); };

  PropertyOptions properties{{walks, seed ? *seed : random_seed()}, idempotence, {}};
  properties.data.enabled = data;
  properties.data.fill.rows_per_table = data_rows;
  if (seed) properties.data.fill.seed = *seed;  // else the fixed default: the same rows each run
  install_scratch_cleanup_on_signals();
  std::vector<std::future<EngineRun>> runs;
  for (const Dsn& dsn : dsns)
    runs.push_back(std::async(std::launch::async, verify_on_engine, std::cref(dsn), std::cref(engine_options),
                              std::cref(set),
                              std::cref(options), std::cref(properties)));

  Report report;
  report.source = source.path;
  report.format = set.format;
  for (auto& run : runs) report.engines.push_back(run.get());
  wait_if_interrupted();  // results cut short by Ctrl-C are no report: the signal path exits
  progress.finish();
  redact_secrets_in(report);

  GateVerdict verdict = evaluate_gate(report, gate);
  outputs.write(report, verdict.context);
  print_terminal_report(report, std::cout, ::isatty(STDOUT_FILENO) == 1, quiet);
  if (quiet)  // the summary alone would hide why the exit code is 2
    for (const EngineRun& run : report.engines)
      if (run.status != "ok") std::cerr << "crucible: " << run.engine << ": " << run.message << "\n";
  print_gate_notes(verdict, gate, std::cerr);
  return verdict.exit_code;
}

}  // namespace crucible
