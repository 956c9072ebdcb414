#include "reports/bench_html.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/bench_format.h"
#include "reports/bench_svg.h"
#include "reports/html_assets.h"
#include "reports/text.h"

namespace crucible::reports {
namespace {

std::string esc(std::string_view raw) { return escape_markup(clean_text(raw), Markup::html); }

constexpr const char* kBenchStyle = R"CSS(
table.bench td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.bench td.error { color: var(--error); }
.plots { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); padding: 8px; }
figcaption { font-size: 13px; color: var(--muted); max-width: 460px; }
svg.scaling text { font-size: 11px; fill: #57606a; }
svg.scaling .grid { stroke: #eaeef2; }
)CSS";

std::string impact_text(const bench::SizeRun& run) {
  if (!run.load_impact) return "";
  const bench::LoadImpact& impact = *run.load_impact;
  std::string text = format_traffic(impact);
  for (const std::string& line : format_impact_details(impact)) text += "; " + line;
  return text;
}

std::string run_row(const bench::MigrationBench& m, const bench::SizeRun& run, bool with_load) {
  std::string row = fmt::format(
      "<tr><td>{} {}</td><td class='num'>{}</td><td class='num'>{}</td><td class='num'>{}</td>"
      "<td class='num'>{}</td><td class='num'>{}</td><td class='num'>{}</td><td class='num'>{}"
      "</td><td class='{}'>{}</td>",
      esc(m.version), esc(m.name), format_rows(run.rows), format_seconds(run.load_time()),
      format_rate(run.rows_loaded, run.load_seconds), format_seconds(run.forward_seconds),
      format_rate(run.rate_rows(), run.forward_seconds), format_seconds(run.reverse_seconds),
      format_rate(run.rate_rows(), run.reverse_seconds), run.status == "ok" ? "" : "error",
      esc(run.status == "ok" ? "ok" : run.status + ": " + run.message));
  if (with_load) row += "<td>" + esc(impact_text(run)) + "</td>";
  return row + "</tr>\n";
}

std::string fit_caption(const char* direction, const std::optional<bench::ScalingFit>& fit,
                        int64_t project_rows) {
  if (!fit) return "";
  std::string text = fmt::format("{}: {}", direction, format_fit(*fit));
  if (project_rows > 0)
    text += fmt::format(" → {} at {} rows",
                        format_seconds(fit->predict(static_cast<double>(project_rows))),
                        format_rows(project_rows));
  return esc(text) + "<br>";
}

std::string engine_section(const bench::EngineBench& e, const bench::BenchReport& report) {
  std::string out = fmt::format("<h2>{} {}</h2>\n<p class='muted'>{}</p>\n", esc(e.engine),
                                esc(e.server_version), esc(e.dsn));
  for (const std::string& statement : e.session)
    out += "<p class='muted'>session: " + esc(statement) + "</p>\n";
  if (e.status != "ok") return out + "<p class='error'>" + esc(e.message) + "</p>\n";
  const bool with_load = report.load_clients > 0;
  out += "<table class='bench'><tr><th>migration</th><th>rows</th><th>load</th><th>load rate</th>"
         "<th>forward</th><th>forward rate</th><th>reverse</th><th>reverse rate</th>"
         "<th>status</th>";
  if (with_load) out += fmt::format("<th>traffic ({} clients)</th>", report.load_clients);
  out += "</tr>\n";
  for (const bench::MigrationBench& m : e.migrations) {
    if (!m.skipped.empty())
      out += fmt::format("<tr><td>{} {}</td><td colspan='8'>skip: {}</td></tr>\n", esc(m.version),
                         esc(m.name), esc(m.skipped));
    for (const bench::SizeRun& run : m.runs) out += run_row(m, run, with_load);
  }
  out += "</table>\n<div class='plots'>\n";
  for (const bench::MigrationBench& m : e.migrations) {
    std::string svg = scaling_plot_svg(m, report.project_rows);
    if (svg.empty() || !m.forward_fit) continue;
    out += fmt::format("<figure>{}<figcaption><b>{} {}</b> ({}) — tables: {}<br>{}{}"
                       "</figcaption></figure>\n",
                       svg, esc(m.version), esc(m.name), esc(e.engine),
                       esc(m.tables.empty() ? "none"
                                            : fmt::format("{}", fmt::join(m.tables, ", "))),
                       fit_caption("forward", m.forward_fit, report.project_rows),
                       fit_caption("reverse", m.reverse_fit, report.project_rows));
  }
  return out + "</div>\n";
}

}  // namespace

std::string bench_html(const bench::BenchReport& report) {
  std::string sizes;
  for (int64_t s : report.sizes) sizes += (sizes.empty() ? "" : ", ") + format_rows(s);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>crucible bench: {}"
      "</title><style>{}{}</style></head><body>\n<header><h1>crucible bench</h1><div>{} — rows "
      "per touched table: {}{}</div></header>\n<main>\n",
      esc(report.source), kHtmlStyle, kBenchStyle, esc(report.source), sizes,
      report.project_rows > 0
          ? fmt::format("; projected to {} rows", format_rows(report.project_rows))
          : "");
  for (const bench::EngineBench& e : report.engines) out += engine_section(e, report);
  return out + "</main></body></html>\n";
}

void write_bench_html(const bench::BenchReport& report, const std::string& path) {
  write_text_file(path, bench_html(report), "bench HTML report");
}

}  // namespace crucible::reports
