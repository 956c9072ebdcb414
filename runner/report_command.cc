#include "runner/report_command.h"

#include <unistd.h>

#include <iostream>

#include "reports/json_report.h"
#include "reports/terminal_report.h"
#include "runner/report_merge.h"
#include "runner/redact_report.h"

namespace crucible {

CLI::App* ReportCommand::add_to(CLI::App& app) {
  auto* cmd = app.add_subcommand("report", "Read JSON reports (merging the shards of one run) "
                                           "and write HTML, Markdown, SARIF, JUnit or JSON");
  cmd->add_option("inputs", inputs, "JSON reports written by `crucible verify --json`")
      ->required()
      ->check(CLI::ExistingFile);
  outputs.add_to(cmd);
  gate.add_to(cmd);
  cmd->add_flag("-q,--quiet", quiet, "Print only the summary line");
  return cmd;
}

int ReportCommand::run() const {
  std::vector<ReportFile> files;
  for (const std::string& path : inputs) files.push_back({path, read_json_report(path)});
  Report report = merge_reports(files);
  redact_secrets_in(report);  // a report written by an older Crucible, or edited by hand
  GateVerdict verdict = evaluate_gate(report, gate);
  outputs.write(report, verdict.context);
  print_terminal_report(report, std::cout, ::isatty(STDOUT_FILENO) == 1, quiet);
  print_gate_notes(verdict, gate, std::cerr);
  return verdict.exit_code;
}

}  // namespace crucible
