#include "runner/mutate_command.h"

#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "harness/checks/mutate/mutation_run.h"
#include "harness/common/secrets.h"
#include "harness/engines/scratch.h"
#include "harness/loaders/loader.h"
#include "runner/engine_selection.h"

namespace crucible {
namespace {

void print_summary(const mutate::MutationReport& report, std::ostream& out) {
  out << fmt::format("{}: {} mutants: {} killed, {} survived, {} equivalent or invalid "
                     "(score {:.1f}%)\n",
                     report.engine, report.outcomes.size(), report.count("killed"),
                     report.count("survived"), report.count("equivalent"), 100 * report.score());
  for (const mutate::Outcome& o : report.outcomes)
    if (o.verdict == "survived")
      out << redact_secrets(fmt::format("  survived: {} [{}]\n", o.mutant.description, o.mutant.op));
}

}  // namespace

CLI::App* MutateCommand::add_to(CLI::App& app) {
  auto* cmd = app.add_subcommand("mutate", "Mutate reverse scripts and count how many mutants "
                                           "the checks notice");
  source.add_to(*cmd, "Engine to run on", kDefaultStatementTimeout);
  cmd->add_option("--json", json_file, "Write the mutants and their verdicts as JSON");
  cmd->add_flag("--keep-going", keep_going,
                "As verify's: a failed forward is left out and later migrations still run, so "
                "their reverses are mutated too");
  return cmd;
}

int MutateCommand::run() const {
  std::vector<Dsn> dsns = resolve_engines(source.engines, source.session);
  EngineOptions engine_options = source.engine_options();
  std::vector<EngineKind> kinds;
  for (const Dsn& dsn : dsns) kinds.push_back(dsn.kind);
  MigrationSet set = load_migrations(source.path, kinds, source.format);
  install_scratch_cleanup_on_signals();

  nlohmann::json engines_json = nlohmann::json::array();
  int survivors = 0;
  for (const Dsn& dsn : dsns) {
    auto engine = connect_engine(dsn, engine_options);
    mutate::MutationReport report = mutate::run_mutants(*engine, set, keep_going);
    print_summary(report, std::cout);
    survivors += report.count("survived");
    engines_json.push_back(report.to_json());
  }
  wait_if_interrupted();  // results cut short by Ctrl-C are no report: the signal path exits
  if (!json_file.empty()) {
    std::ofstream file(json_file);
    if (!file) throw Error(fmt::format("cannot write {}", json_file));
    file << redact_secrets(
                nlohmann::json{{"tool", "crucible"}, {"source", source.path}, {"engines", engines_json}}
                    .dump(2))
         << "\n";
  }
  return survivors == 0 ? 0 : 1;
}

}  // namespace crucible
