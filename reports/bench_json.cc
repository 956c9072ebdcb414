#include "reports/bench_json.h"

#include "reports/text.h"

namespace crucible::reports {
namespace {

using nlohmann::json;

json milliseconds(std::optional<double> seconds) {
  return seconds ? json(*seconds * 1e3) : json(nullptr);
}

json rate(int64_t rows, std::optional<double> seconds) {
  return seconds && *seconds > 0 ? json(static_cast<double>(rows) / *seconds) : json(nullptr);
}

json run_json(const bench::SizeRun& run) {
  json j = {{"rows", run.rows},
            {"rows_loaded", run.rows_loaded},
            {"load_ms", run.load_seconds * 1e3},
            {"load_rows_per_s", rate(run.rows_loaded, run.load_seconds)},
            {"settle_ms", run.settle_seconds * 1e3},
            {"forward_ms", milliseconds(run.forward_seconds)},
            {"forward_rows_per_s", rate(run.rate_rows(), run.forward_seconds)},
            {"reverse_ms", milliseconds(run.reverse_seconds)},
            {"reverse_rows_per_s", rate(run.rate_rows(), run.reverse_seconds)},
            {"status", run.status},
            {"message", clean_text(run.message)}};
  if (run.load_impact) j["load_impact"] = bench::to_json(*run.load_impact);
  return j;
}

json fit_json(const std::optional<bench::ScalingFit>& fit, int64_t project_rows) {
  if (!fit) return nullptr;
  json j = {{"model", bench::model_name(fit->model)},
            {"a_ms", fit->a * 1e3},
            {"b_ms", fit->b * 1e3},
            {"r_squared", fit->r_squared},
            {"relative_error", fit->relative_error},
            {"sizes", fit->sizes}};
  if (project_rows > 0) {
    j["projected_rows"] = project_rows;
    j["projected_ms"] = fit->predict(static_cast<double>(project_rows)) * 1e3;
  }
  return j;
}

json migration_json(const bench::MigrationBench& m, int64_t project_rows, json& summary) {
  json j = {{"migration", m.version}, {"name", clean_text(m.name)}, {"tables", m.tables}};
  if (!m.skipped.empty()) j["skipped"] = clean_text(m.skipped);
  j["runs"] = json::array();
  for (const bench::SizeRun& run : m.runs) {
    j["runs"].push_back(run_json(run));
    summary["runs"] = summary["runs"].get<int>() + 1;
    if (run.status == "error") summary["errors"] = summary["errors"].get<int>() + 1;
  }
  j["fit"] = {{"forward", fit_json(m.forward_fit, project_rows)},
              {"reverse", fit_json(m.reverse_fit, project_rows)}};
  return j;
}

}  // namespace

json bench_to_json(const bench::BenchReport& report) {
  json summary = {{"runs", 0}, {"errors", 0}};
  json engines = json::array();
  for (const bench::EngineBench& e : report.engines) {
    json migrations = json::array();
    for (const bench::MigrationBench& m : e.migrations)
      migrations.push_back(migration_json(m, report.project_rows, summary));
    engines.push_back({{"engine", e.engine},
                       {"dsn", e.dsn},
                       {"server_version", e.server_version},
                       {"session", e.session},
                       {"status", e.status},
                       {"message", clean_text(e.message)},
                       {"migrations", migrations}});
  }
  return {{"tool", "crucible"},
          {"version", CRUCIBLE_VERSION},
          {"kind", "bench"},
          {"format", 1},
          {"source", report.source},
          {"sizes", report.sizes},
          {"project_rows", report.project_rows > 0 ? json(report.project_rows) : json(nullptr)},
          {"load_clients", report.load_clients},
          {"engines", engines},
          {"summary", summary}};
}

void write_bench_json(const bench::BenchReport& report, const std::string& path) {
  write_text_file(path, bench_to_json(report).dump(2) + "\n", "bench JSON report");
}

}  // namespace crucible::reports
