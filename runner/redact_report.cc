#include "runner/redact_report.h"

#include "harness/common/secrets.h"

namespace crucible {
namespace {

void redact(std::string& text) {
  if (!text.empty()) text = redact_secrets(text);
}

// Every string in a JSON value (a catalog diff: defaults, CHECK and view texts a migration wrote).
void redact(nlohmann::json& value) {
  if (value.is_string()) {
    value = redact_secrets(value.get<std::string>());
  } else if (value.is_structured()) {
    for (auto& child : value) redact(child);
  }
}

}  // namespace

void redact_secrets_in(Report& report) {
  redact(report.source);
  for (EngineRun& run : report.engines) {
    for (std::string* text : {&run.dsn, &run.message, &run.server_version, &run.containment})
      redact(*text);
    for (std::string& note : run.notes) redact(note);
    for (std::string& statement : run.session) redact(statement);
    for (Result& result : run.results) {
      for (std::string* text : {&result.message, &result.statement, &result.name}) redact(*text);
      redact(result.diff);
    }
  }
}

void redact_secrets_in(bench::BenchReport& report) {
  for (bench::EngineBench& engine : report.engines) {
    for (std::string* text : {&engine.dsn, &engine.message}) redact(*text);
    for (bench::MigrationBench& migration : engine.migrations) {
      redact(migration.skipped);
      for (bench::SizeRun& run : migration.runs) redact(run.message);
    }
  }
}

}  // namespace crucible
