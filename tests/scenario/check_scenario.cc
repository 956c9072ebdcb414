// check_scenario: runs `crucible verify` on one scenario folder and one engine, and compares the
// JSON report with the scenario's expect.toml (see scenarios/README.md). CTest runs it once per
// scenario × engine.
//
//   check_scenario --crucible PATH --scenario DIR --engine NAME --work DIR [--expect FILE]
//
// Exit codes: 0 the report is what the scenario expects; 1 it is not (or crucible misbehaved);
// 2 usage or a broken expect.toml; 77 skipped because the engine's server is not reachable —
// except under CI=true, where an unreachable server is a failure.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "harness/common/error.h"
#include "reports/json_report.h"
#include "tests/scenario/comparison.h"
#include "tests/scenario/expectations.h"
#include "tests/support/spawn.h"

namespace fs = std::filesystem;
using namespace crucible;
using namespace crucible::scenario;

namespace {

constexpr int kMatch = 0, kMismatch = 1, kUsage = 2, kSkip = 77;

struct Options {
  std::string crucible;
  std::string scenario_dir;
  std::string engine;
  std::string work_dir;
  std::string expect_file;  // default: <scenario_dir>/expect.toml
  // Checks left out of the comparison, results and [[expect]] alike (for a transport on which a
  // check does not run).
  std::vector<std::string> without_checks;
};

bool left_out(const Options& options, const std::string& check) {
  return std::find(options.without_checks.begin(), options.without_checks.end(), check) !=
         options.without_checks.end();
}

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const EngineRun* find_engine(const Report& report, const std::string& engine) {
  for (const EngineRun& run : report.engines)
    if (run.engine == engine) return &run;
  return nullptr;
}

// The engine never answered (no server version): a missing server, not a Crucible bug. SQLite
// is embedded, so an engine error there is always a real failure.
bool server_unreachable(const EngineRun& run) {
  return run.status != "ok" && run.engine != "sqlite" && run.server_version.empty();
}

int check(const Options& options) {
  Scenario scenario = load_scenario(options.expect_file);
  std::erase_if(scenario.expectations,
                [&](const Expectation& e) { return e.check && left_out(options, *e.check); });
  if (!scenario.runs_on(options.engine))
    throw Error(fmt::format("{}: the scenario does not run on {} (engines = [{}])", scenario.file,
                            options.engine, fmt::join(scenario.engines, ", ")));

  fs::create_directories(options.work_dir);
  fs::path report_file = fs::path(options.work_dir) / "report.json";
  fs::path log_file = fs::path(options.work_dir) / "crucible.log";
  fs::remove(report_file);
  fs::remove(log_file);

  std::vector<std::string> argv = {options.crucible, "verify",  options.scenario_dir, "--engine",
                                   options.engine,   "--json", report_file.string()};
  argv.insert(argv.end(), scenario.args.begin(), scenario.args.end());
  std::cout << fmt::format("scenario {} on {}: {}\n$ {}\n", fs::path(options.scenario_dir).filename().string(),
                           options.engine, scenario.description, fmt::join(argv, " "));
  int exit_code = run_logged(argv, log_file.string());

  if (!fs::exists(report_file)) {
    std::cout << read_file(log_file);
    std::cout << fmt::format("FAILED: crucible exited {} without writing {}\n", exit_code,
                             report_file.string());
    return kMismatch;
  }
  Report report = read_json_report(report_file.string());
  const int expected_exit = report.exit_code();
  for (EngineRun& each : report.engines) {
    // An [[expect]] of any check that counts results may have counted the left-out ones. Their
    // messages differ from what the check says when it runs, so which ones cannot be told: each
    // left-out result where the [[expect]] stands lets it match one fewer.
    for (const Result& r : each.results)
      if (left_out(options, r.check) && each.engine == options.engine)
        for (Expectation& e : scenario.expectations) {
          Expectation where = e;
          where.message_contains.clear();
          where.location_contains.clear();
          if (e.count && e.applies_to(each.engine) && where.matches(r)) ++e.count_slack;
        }
    std::erase_if(each.results, [&](const Result& r) { return left_out(options, r.check); });
  }
  const EngineRun* run = find_engine(report, options.engine);
  if (!run) {
    std::cout << fmt::format("FAILED: the report has no engine \"{}\"\n", options.engine);
    return kMismatch;
  }
  if (server_unreachable(*run)) {
    std::string why = fmt::format("{} is not reachable: {}", options.engine, run->message);
    if (running_in_ci()) {
      std::cout << "FAILED: CI=true and " << why << "\n";
      return kMismatch;
    }
    std::cout << "SKIPPED: " << why << "\n";
    return kSkip;
  }

  print_results(scenario, *run, std::cout);
  std::vector<std::string> problems = compare(scenario, *run);
  if (run->status != "ok")
    problems.push_back(fmt::format("engine status is \"{}\": {}", run->status, run->message));
  if (exit_code != expected_exit)
    problems.push_back(fmt::format("crucible exited {}, but its own report says {}", exit_code,
                                   expected_exit));
  if (problems.empty()) {
    std::cout << fmt::format("OK: {} results as expected ({} [[expect]])\n", run->results.size(),
                             scenario.expectations.size());
    return kMatch;
  }
  std::cout << fmt::format("\n{} mismatch{} with {}:\n", problems.size(),
                           problems.size() == 1 ? "" : "es", scenario.file);
  for (const std::string& problem : problems) std::cout << "  " << problem << "\n";
  std::cout << fmt::format("(crucible output: {}, report: {})\n", log_file.string(),
                           report_file.string());
  return kMismatch;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Checks `crucible verify` against a scenario's expect.toml"};
  app.add_option("--crucible", options.crucible, "Path of the crucible executable")
      ->required()->check(CLI::ExistingFile);
  app.add_option("--scenario", options.scenario_dir, "Scenario folder (migrations + expect.toml)")
      ->required()->check(CLI::ExistingDirectory);
  app.add_option("--engine", options.engine, "Engine to run on")->required();
  app.add_option("--work", options.work_dir, "Folder for the report and crucible's output")
      ->required();
  app.add_option("--expect", options.expect_file, "Expectations (default: SCENARIO/expect.toml)")
      ->check(CLI::ExistingFile);
  app.add_option("--without-check", options.without_checks,
                 "Leave this check's results and [[expect]] tables out of the comparison "
                 "(repeatable)");
  CLI11_PARSE(app, argc, argv);
  if (options.expect_file.empty())
    options.expect_file = (fs::path(options.scenario_dir) / "expect.toml").string();

  try {
    return check(options);
  } catch (const Error& e) {
    std::cerr << "check_scenario: " << e.what() << "\n";
    return kUsage;
  } catch (const std::exception& e) {  // filesystem errors: the work folder is unusable
    std::cerr << "check_scenario: " << e.what() << "\n";
    return kUsage;
  }
}
