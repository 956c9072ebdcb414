#include "reports/bench_terminal.h"

#include <algorithm>

#include <fmt/format.h>

#include "reports/bench_format.h"
#include "reports/text.h"

namespace crucible::reports {
namespace {

constexpr std::size_t kNameWidth = 28;

void print_header(std::ostream& out) {
  out << fmt::format("  {:<28} {:>12} {:>10} {:>16} {:>10} {:>16} {:>10}  {}\n", "migration",
                     "rows", "load", "load rate", "forward", "forward rate", "reverse", "status");
}

void print_run(const bench::MigrationBench& m, const bench::SizeRun& run, std::ostream& out) {
  std::string label = truncate(one_line(m.version + " " + m.name), kNameWidth);
  out << fmt::format("  {} {:>12} {:>10} {:>16} {:>10} {:>16} {:>10}  {}\n",
                     pad_right(label, kNameWidth), format_rows(run.rows),
                     format_seconds(run.load_time()),
                     format_rate(run.rows_loaded, run.load_seconds),
                     format_seconds(run.forward_seconds),
                     format_rate(run.rate_rows(), run.forward_seconds),
                     format_seconds(run.reverse_seconds), run.status);
}

void print_impact(const bench::SizeRun& run, std::ostream& out) {
  if (!run.load_impact) return;
  const bench::LoadImpact& impact = *run.load_impact;
  out << fmt::format("      under load at {} rows: {}\n", format_rows(run.rows),
                     format_traffic(impact));
  for (const std::string& line : format_impact_details(impact)) out << "        " << line << "\n";
}

void print_fit(const char* direction, const std::optional<bench::ScalingFit>& fit,
               int64_t project_rows, std::ostream& out) {
  if (!fit) return;
  out << fmt::format("    {}: {}", direction, format_fit(*fit));
  if (project_rows > 0)
    out << fmt::format(" → {} at {} rows",
                       format_seconds(fit->predict(static_cast<double>(project_rows))),
                       format_rows(project_rows));
  out << "\n";
}

void print_engine(const bench::EngineBench& e, int64_t project_rows, std::ostream& out) {
  out << fmt::format("{} {} ({})\n", e.engine, e.server_version, e.dsn);
  for (const std::string& statement : e.session) out << "  session: " << one_line(statement) << "\n";
  if (e.status != "ok") {
    out << "  error: " << one_line(e.message) << "\n\n";
    return;
  }
  print_header(out);
  for (const bench::MigrationBench& m : e.migrations) {
    if (!m.skipped.empty())
      out << fmt::format("  {} skip: {}\n", pad_right(truncate(one_line(m.version + " " + m.name),
                                                               kNameWidth), kNameWidth),
                         one_line(m.skipped));
    for (const bench::SizeRun& run : m.runs) {
      print_run(m, run, out);
      print_impact(run, out);
    }
  }
  out << "  scaling (time = a + b·f(rows)):\n";
  for (const bench::MigrationBench& m : e.migrations) {
    if (!m.forward_fit) {
      bool timed = std::any_of(m.runs.begin(), m.runs.end(), [](const bench::SizeRun& r) {
        return r.forward_seconds.has_value();
      });
      if (timed)
        out << fmt::format(
            "  {}: one size timed; a curve needs two or more (--rows 10000,100000)\n",
            one_line(m.version + " " + m.name));
      continue;
    }
    out << "  " << one_line(m.version + " " + m.name) << "\n";
    print_fit("forward", m.forward_fit, project_rows, out);
    print_fit("reverse", m.reverse_fit, project_rows, out);
  }
  for (const bench::MigrationBench& m : e.migrations)
    for (const bench::SizeRun& run : m.runs)
      if (run.status == "error")
        out << fmt::format("  ERROR {} at {} rows: {}\n", m.version, format_rows(run.rows),
                           one_line(run.message));
  out << "\n";
}

}  // namespace

void print_bench_terminal(const bench::BenchReport& report, std::ostream& out) {
  for (const bench::EngineBench& e : report.engines) print_engine(e, report.project_rows, out);
  int runs = 0, errors = 0;
  for (const bench::EngineBench& e : report.engines)
    for (const bench::MigrationBench& m : e.migrations)
      for (const bench::SizeRun& run : m.runs) {
        ++runs;
        errors += run.status == "error";
      }
  out << fmt::format("{} runs, {} errors\n", runs, errors);
}

}  // namespace crucible::reports
