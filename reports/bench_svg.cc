#include "reports/bench_svg.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "reports/bench_format.h"

namespace crucible::reports {
namespace {

constexpr double kWidth = 460, kHeight = 270;
constexpr double kLeft = 64, kRight = 16, kTop = 14, kBottom = 40;
constexpr int kCurveSamples = 48;

struct Series {
  const char* label;
  const char* color;
  std::optional<double> bench::SizeRun::*seconds;
  const std::optional<bench::ScalingFit>* fit;
};

// Log-log mapping from (rows, seconds) to SVG coordinates.
struct Axes {
  double x_lo, x_hi, y_lo, y_hi;  // log10 bounds

  double x(double rows) const {
    return kLeft + (std::log10(rows) - x_lo) / (x_hi - x_lo) * (kWidth - kLeft - kRight);
  }
  double y(double seconds) const {
    return kHeight - kBottom -
           (std::log10(seconds) - y_lo) / (y_hi - y_lo) * (kHeight - kTop - kBottom);
  }
};

std::vector<double> curve_rows(double from, double to) {
  std::vector<double> rows;
  for (int i = 0; i <= kCurveSamples; ++i)
    rows.push_back(std::pow(10, std::log10(from) + (std::log10(to) - std::log10(from)) * i /
                                    kCurveSamples));
  return rows;
}

Axes fit_axes(const bench::MigrationBench& m, const std::vector<Series>& series,
              double rows_lo, double rows_hi) {
  std::vector<double> times;
  for (const Series& s : series) {
    for (const bench::SizeRun& run : m.runs)
      if (run.*s.seconds && *(run.*s.seconds) > 0) times.push_back(*(run.*s.seconds));
    if (*s.fit)
      for (double rows : curve_rows(rows_lo, rows_hi))
        if (double t = (*s.fit)->predict(rows); t > 0) times.push_back(t);
  }
  if (times.empty()) times = {1e-3, 1};
  auto [lo, hi] = std::minmax_element(times.begin(), times.end());
  double y_lo = std::floor(std::log10(*lo)), y_hi = std::ceil(std::log10(*hi));
  if (y_hi <= y_lo) y_hi = y_lo + 1;
  return {std::log10(rows_lo) - 0.15, std::log10(rows_hi) + 0.15, y_lo, y_hi};
}

void draw_grid(std::string& svg, const Axes& a) {
  for (int p = static_cast<int>(std::ceil(a.x_lo)); p <= a.x_hi; ++p) {
    double x = a.x(std::pow(10, p));
    svg += fmt::format("<line x1='{0:.1f}' y1='{1}' x2='{0:.1f}' y2='{2}' class='grid'/>"
                       "<text x='{0:.1f}' y='{3}' text-anchor='middle'>{4}</text>",
                       x, kTop, kHeight - kBottom, kHeight - kBottom + 14,
                       format_rows(static_cast<int64_t>(std::pow(10, p))));
  }
  for (int p = static_cast<int>(a.y_lo); p <= a.y_hi; ++p) {
    double y = a.y(std::pow(10, p));
    svg += fmt::format("<line x1='{0}' y1='{1:.1f}' x2='{2}' y2='{1:.1f}' class='grid'/>"
                       "<text x='{3}' y='{4:.1f}' text-anchor='end'>{5}</text>",
                       kLeft, y, kWidth - kRight, kLeft - 4, y + 4,
                       format_seconds(std::pow(10, p)));
  }
  svg += fmt::format("<text x='{}' y='{}' text-anchor='middle'>rows</text>",
                     (kLeft + kWidth - kRight) / 2, kHeight - 6);
}

void draw_series(std::string& svg, const bench::MigrationBench& m, const Series& s,
                 const Axes& a, double rows_lo, double rows_hi, int64_t project_rows) {
  if (*s.fit) {
    std::string points;
    for (double rows : curve_rows(rows_lo, rows_hi))
      if (double t = (*s.fit)->predict(rows); t > 0)
        points += fmt::format("{:.1f},{:.1f} ", a.x(rows), a.y(t));
    svg += fmt::format("<polyline points='{}' fill='none' stroke='{}' stroke-width='1.5'/>",
                       points, s.color);
    double projected = project_rows > 0 ? (*s.fit)->predict(static_cast<double>(project_rows)) : 0;
    if (projected > 0)
      svg += fmt::format("<rect x='{:.1f}' y='{:.1f}' width='8' height='8' fill='none' "
                         "stroke='{}'><title>{} projected at {} rows: {}</title></rect>",
                         a.x(static_cast<double>(project_rows)) - 4, a.y(projected) - 4, s.color,
                         s.label, format_rows(project_rows), format_seconds(projected));
  }
  for (const bench::SizeRun& run : m.runs)
    if (run.*s.seconds && *(run.*s.seconds) > 0)
      svg += fmt::format("<circle cx='{:.1f}' cy='{:.1f}' r='3.5' fill='{}'><title>{} at {} "
                         "rows: {}</title></circle>",
                         a.x(static_cast<double>(run.rows)), a.y(*(run.*s.seconds)), s.color,
                         s.label, format_rows(run.rows), format_seconds(run.*s.seconds));
}

}  // namespace

std::string scaling_plot_svg(const bench::MigrationBench& m, int64_t project_rows) {
  std::vector<Series> series = {
      {"forward", "#0969da", &bench::SizeRun::forward_seconds, &m.forward_fit},
      {"reverse", "#bf3989", &bench::SizeRun::reverse_seconds, &m.reverse_fit}};
  double rows_lo = 1e300, rows_hi = 0;
  for (const bench::SizeRun& run : m.runs) {
    rows_lo = std::min(rows_lo, static_cast<double>(run.rows));
    rows_hi = std::max(rows_hi, static_cast<double>(run.rows));
  }
  if (rows_hi <= 0) return "";
  rows_hi = std::max(rows_hi, static_cast<double>(project_rows));
  Axes axes = fit_axes(m, series, rows_lo, rows_hi);
  std::string svg = fmt::format("<svg class='scaling' viewBox='0 0 {} {}' width='{}' height='{}' "
                                "role='img' xmlns='http://www.w3.org/2000/svg'>",
                                kWidth, kHeight, kWidth, kHeight);
  draw_grid(svg, axes);
  for (const Series& s : series)
    draw_series(svg, m, s, axes, rows_lo, rows_hi, project_rows);
  svg += fmt::format("<text x='{}' y='{}' style='fill:#0969da'>● forward</text>"
                     "<text x='{}' y='{}' style='fill:#bf3989'>● reverse</text></svg>",
                     kLeft + 8, kTop + 12, kLeft + 80, kTop + 12);
  return svg;
}

}  // namespace crucible::reports
