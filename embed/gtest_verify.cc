#include "crucible/gtest.h"

#include <future>
#include <sstream>

#include <fmt/format.h>

#include "harness/checks/property_checks.h"
#include "harness/checks/verify.h"
#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "harness/engines/time_limit.h"
#include "harness/loaders/loader.h"
#include "reports/terminal_report.h"
#include "runner/engine_selection.h"
#include "runner/engine_verify.h"
#include "runner/source_options.h"
#include "runner/redact_report.h"

namespace crucible::gtest {
namespace {

struct Request {
  std::vector<std::string> engines;
  Options options;
};

Request split(const std::vector<Arg>& args) {
  Request request;
  for (const Arg& arg : args) {
    if (const std::string* engine = arg.engine()) request.engines.push_back(*engine);
    if (const Options* options = arg.options()) request.options = *options;
  }
  return request;
}

PropertyOptions property_options(const Options& options) {
  PropertyOptions properties{{options.walks, options.seed}, options.idempotence, {}};
  properties.data.enabled = options.data;
  properties.data.fill.rows_per_table = options.data_rows;
  if (options.seed != 0) properties.data.fill.seed = options.seed;
  return properties;
}

// As `crucible verify` runs by default: contained, with its default statement timeout.
EngineOptions default_engine_options() {
  EngineOptions options;
  options.statement_timeout = parse_duration(kDefaultStatementTimeout, "--statement-timeout");
  return options;
}

Report verify(const std::string& path, const Request& request) {
  std::vector<Dsn> dsns = resolve_engines(request.engines);
  std::vector<EngineKind> kinds;
  for (const Dsn& dsn : dsns) kinds.push_back(dsn.kind);
  MigrationSet set = load_migrations(path, kinds, request.options.format);
  PropertyOptions properties = property_options(request.options);
  Report report;
  report.source = path;
  report.format = set.format;
  std::vector<std::future<EngineRun>> runs;  // engines run side by side, as in `crucible verify`
  const EngineOptions engine_options = default_engine_options();
  const VerifyOptions verify_options;
  for (const Dsn& dsn : dsns)
    runs.push_back(std::async(std::launch::async, verify_on_engine, std::cref(dsn),
                              std::cref(engine_options), std::cref(set), std::cref(verify_options),
                              std::cref(properties)));
  for (auto& run : runs) report.engines.push_back(run.get());
  redact_secrets_in(report);
  return report;
}

bool passed(const Report& report) {
  for (const EngineRun& run : report.engines)
    if (run.status != "ok") return false;
  return report.exit_code() == 0;
}

}  // namespace

::testing::AssertionResult migrations_verify(const std::string& path, const std::vector<Arg>& args) {
  Report report;
  try {
    report = verify(path, split(args));
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "crucible: " << redact_secrets(e.what());
  }
  std::ostringstream text;
  print_terminal_report(report, text, /*color=*/false);
  if (passed(report)) return ::testing::AssertionSuccess() << text.str();
  return ::testing::AssertionFailure()
         << fmt::format("migrations in {} do not verify:\n\n", path) << text.str();
}

}  // namespace crucible::gtest
