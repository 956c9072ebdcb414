#include "runner/bench_command.h"

#include <unistd.h>

#include <future>
#include <iostream>

#include <fmt/format.h>

#include "harness/bench/bench_plan.h"
#include "harness/bench/bench_run.h"
#include "harness/engines/scratch.h"
#include "harness/loaders/loader.h"
#include "reports/bench_format.h"
#include "reports/bench_html.h"
#include "reports/bench_json.h"
#include "reports/bench_terminal.h"
#include "runner/engine_selection.h"
#include "runner/progress.h"
#include "runner/redact_report.h"

namespace crucible {
namespace {

// Connects and benches one engine. A server that cannot be reached is the engine's error in the
// report (exit 2), not a crash, and does not stop the other engines.
bench::EngineBench bench_on(const Dsn& dsn, const EngineOptions& engine_options,
                            const MigrationSet& set, const bench::BenchOptions& options) {
  try {
    auto engine = connect_engine(dsn, engine_options);
    return bench::bench_engine(*engine, set, options);
  } catch (const Error& e) {
    bench::EngineBench out;
    out.engine = std::string(engine_name(dsn.kind));
    out.dsn = dsn.redacted();
    out.session = dsn.session;
    out.status = "error";
    out.message = e.what();
    return out;
  }
}

std::string step_text(const bench::BenchEvent& event) {
  std::string step = fmt::format("{} rows: {}", reports::format_rows(event.rows), event.phase);
  if (event.phase == "load") step += " " + reports::format_rows(event.loaded);
  return step;
}

}  // namespace

CLI::App* BenchCommand::add_to(CLI::App& app) {
  auto* cmd = app.add_subcommand("bench", "Time each migration forward and reverse on tables "
                                          "filled with generated rows, and fit how it scales");
  source.add_to(*cmd, "Engine to bench on");
  cmd->add_option("--rows", rows, "Rows per touched table, comma-separated")
      ->default_val(rows);
  cmd->add_option("--migration", migration, "Bench only the migration with this version");
  cmd->add_option("--project-rows", project_rows, "Extrapolate each fit to this many rows")
      ->default_val(project_rows)->check(CLI::NonNegativeNumber);
  cmd->add_option("--load", load_clients, "Run the forward while CLIENTS sessions read and write "
                                          "the touched tables; report what they waited")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--json", json_file, "Write the results as JSON");
  cmd->add_option("--html", html_file, "Write a self-contained HTML page with scaling plots");
  cmd->add_flag("--sequential", sequential, "One engine at a time, so that engines do not "
                                            "compete for the machine while being timed");
  cmd->add_flag("-q,--quiet", quiet, "No progress line and no table; only the summary line");
  return cmd;
}

int BenchCommand::run() const {
  bench::BenchOptions options;
  options.sizes = bench::parse_sizes(rows);
  options.only_migration = migration;
  options.project_rows = project_rows;
  options.load_clients = load_clients;
  std::vector<Dsn> dsns = resolve_engines(source.engines, source.session);
  EngineOptions engine_options = source.engine_options();
  engine_options.throwaway_commits = false;  // timed as a server would run them
  std::vector<EngineKind> kinds;
  for (const Dsn& dsn : dsns) kinds.push_back(dsn.kind);
  MigrationSet set = load_migrations(source.path, kinds, source.format);
  bench::migrations_to_bench(set, migration);  // an unknown --migration fails before any work

  ProgressPrinter progress(std::cerr, !quiet && ::isatty(STDERR_FILENO) == 1, false,
                           terminal_width(STDERR_FILENO));
  if (progress.active())
    options.progress = [&progress](const bench::BenchEvent& event) {
      progress.on_step({event.engine, event.migration, step_text(event), nullptr});
    };
  install_scratch_cleanup_on_signals();
  bench::BenchReport report{source.path, options.sizes, project_rows, load_clients, {}};
  std::vector<std::future<bench::EngineBench>> runs;
  for (const Dsn& dsn : dsns) {
    runs.push_back(std::async(std::launch::async, bench_on, std::cref(dsn), std::cref(engine_options),
                              std::cref(set),
                              std::cref(options)));
    if (sequential) report.engines.push_back(runs.back().get());
  }
  if (!sequential)
    for (auto& run : runs) report.engines.push_back(run.get());
  wait_if_interrupted();  // results cut short by Ctrl-C are no report: the signal path exits
  progress.finish();
  redact_secrets_in(report);

  if (!json_file.empty()) reports::write_bench_json(report, json_file);
  if (!html_file.empty()) reports::write_bench_html(report, html_file);
  if (!quiet) reports::print_bench_terminal(report, std::cout);
  bool engine_failed = false;
  for (const bench::EngineBench& e : report.engines)
    if (e.status != "ok") {
      engine_failed = true;
      std::cerr << "crucible: " << e.engine << ": " << e.message << "\n";
    }
  if (engine_failed) return 2;
  return report.any_error() ? 1 : 0;
}

}  // namespace crucible
