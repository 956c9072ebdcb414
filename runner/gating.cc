#include "runner/gating.h"

#include <ostream>

#include <fmt/format.h>

#include "runner/allow_list.h"

namespace crucible {
namespace {

bool gates(const std::string& fail_on, Status status) {
  if (status == Status::fail) return fail_on != "error";
  if (status == Status::error) return fail_on != "fail";
  return false;
}

std::string describe(const AllowEntry& entry, const std::string& file) {
  return fmt::format("{}:{}: allow entry for {} (engine {}, check {})", file, entry.line,
                     entry.migration, entry.engine, entry.check);
}

// Marks allowed results in `verdict.context` and warns about expired and unused entries.
void apply_allow_list(const Report& report, const AllowList& list, const std::string& today,
                      GateVerdict& verdict) {
  for (const AllowEntry& entry : list.entries) {
    if (entry.expired(today)) {
      verdict.context.warnings.push_back(fmt::format("{} expired on {}: not applied",
                                                     describe(entry, list.file), *entry.expires));
      continue;
    }
    bool used = false;
    for (const EngineRun& run : report.engines)
      for (const Result& result : run.results)
        if (reports::is_problem(result) && entry.matches(result)) {
          verdict.context.allowed.emplace(
              std::tuple{result.engine, result.migration, result.check}, entry.reason);
          used = true;
        }
    if (!used)
      verdict.context.warnings.push_back(
          fmt::format("{} is unused: nothing it names failed", describe(entry, list.file)));
  }
}

}  // namespace

void GateOptions::add_to(CLI::App* command) {
  command->add_option("--fail-on", fail_on, "Which results fail the run: fail, error or any")
      ->check(CLI::IsMember({"fail", "error", "any"}))
      ->default_val("any");
  command->add_option("--allow", allow_file,
                      "Allow-list (TOML) of known failures that must not fail the run")
      ->check(CLI::ExistingFile);
}

GateVerdict evaluate_gate(const Report& report, const GateOptions& options) {
  GateVerdict verdict;
  if (!options.allow_file.empty())
    apply_allow_list(report, read_allow_list(options.allow_file),
                     options.today.empty() ? today_utc() : options.today, verdict);
  for (const EngineRun& run : report.engines) {
    if (run.status != "ok") {
      verdict.exit_code = 2;
      return verdict;
    }
    for (const Result& result : run.results)
      if (gates(options.fail_on, result.status) && !verdict.context.allowed_reason(result))
        verdict.exit_code = 1;
  }
  return verdict;
}

void print_gate_notes(const GateVerdict& verdict, const GateOptions& options, std::ostream& out) {
  if (!verdict.context.allowed.empty())
    out << fmt::format("crucible: {} failing {} allowed by {} (marked in the reports)\n",
                       verdict.context.allowed.size(),
                       verdict.context.allowed.size() == 1 ? "result" : "results",
                       options.allow_file);
  for (const std::string& warning : verdict.context.warnings)
    out << "crucible: warning: " << warning << "\n";
}

}  // namespace crucible
