#include "reports/bench_format.h"

#include <cmath>

#include <fmt/format.h>

namespace crucible::reports {

std::string format_rows(int64_t rows) {
  std::string digits = std::to_string(rows < 0 ? -rows : rows), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return rows < 0 ? "-" + out : out;
}

std::string format_seconds(std::optional<double> s) {
  if (!s) return "—";
  if (*s < 1e-3) return fmt::format("{:.0f} µs", *s * 1e6);
  if (*s < 1) return fmt::format("{:.{}f} ms", *s * 1e3, *s < 0.1 ? 1 : 0);
  if (*s < 120) return fmt::format("{:.2f} s", *s);
  return fmt::format("{:.1f} min", *s / 60);
}

std::string format_rate(int64_t rows, std::optional<double> seconds) {
  if (!seconds || *seconds <= 0 || rows <= 0) return "—";
  double rate = static_cast<double>(rows) / *seconds;
  if (rate >= 1e6) return fmt::format("{:.2f} M rows/s", rate / 1e6);
  if (rate >= 1e3) return fmt::format("{:.0f} k rows/s", rate / 1e3);
  return fmt::format("{:.0f} rows/s", rate);
}

std::string format_fit(const bench::ScalingFit& fit) {
  if (fit.model == bench::ScalingModel::constant)
    return fmt::format("constant (±{:.0f} %)", fit.relative_error * 100);
  if (fit.sizes == 2)  // any two-parameter curve passes through two points
    return fmt::format("{} through 2 sizes (a third tells linear from n log n)",
                       bench::model_name(fit.model));
  return fmt::format("{}, R² {:.3f}", bench::model_name(fit.model), fit.r_squared);
}

std::string format_traffic(const bench::TrafficStats& t) {
  return fmt::format(
      "{} statements, {} waited, {} errors, p99 {}, max {} (writes {}, reads {}), "
      "longest stall {}",
      t.statements, t.waited, t.errors, format_seconds(t.p99_ms / 1e3),
      format_seconds(t.max_ms / 1e3), format_seconds(t.write_max_ms / 1e3),
      format_seconds(t.read_max_ms / 1e3), format_seconds(t.longest_stall_ms / 1e3));
}

}  // namespace crucible::reports
