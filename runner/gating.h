// The merge gate: which results fail the run (`--fail-on fail|error|any`, default any) once the
// allow-list (`--allow FILE`) has excused the known ones. Shared by `verify` and `report`.
#pragma once

#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "harness/checks/result.h"
#include "reports/report_context.h"

namespace crucible {

struct GateOptions {
  std::string fail_on = "any";  // "fail": only property failures; "error": only statement errors
  std::string allow_file;
  std::string today;  // "YYYY-MM-DD" for expiry; empty: today (UTC). Tests pin it.

  void add_to(CLI::App* command);
};

struct GateVerdict {
  reports::ReportContext context;  // allowed results and warnings, for the reports
  int exit_code = 0;               // 0 pass, 1 gate failed, 2 an engine could not run
};

// Reads the allow-list (crucible::Error on a bad file), matches it against the report, and
// decides the exit code.
GateVerdict evaluate_gate(const Report& report, const GateOptions& options);

// "crucible: 3 failing results allowed by allow.toml" and each warning, for standard error.
void print_gate_notes(const GateVerdict& verdict, const GateOptions& options, std::ostream& out);

}  // namespace crucible
