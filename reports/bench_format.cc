#include "reports/bench_format.h"

#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "reports/text.h"

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

std::string format_traffic(const bench::LoadImpact& impact) {
  const bench::TrafficStats& t = impact.traffic;
  if (t.statements == 0 && !impact.notes.empty()) {
    std::string why;
    for (const std::string& note : impact.notes) why += (why.empty() ? "" : "; ") + one_line(note);
    return why;
  }
  return fmt::format(
      "{} statements, {} waited over {}, {} errors, p99 {}, max {} (writes {}, reads {}), "
      "longest stall {}",
      t.statements, t.waited, format_seconds(impact.blocked_after_ms / 1e3), t.errors,
      format_seconds(t.p99_ms / 1e3), format_seconds(t.max_ms / 1e3),
      format_seconds(t.write_max_ms / 1e3), format_seconds(t.read_max_ms / 1e3),
      format_seconds(t.longest_stall_ms / 1e3));
}

namespace {

// "held 1.2 s", "seen for 12.0 ms" (a wait), "seen in one sample (under 10.0 ms)".
std::string lock_duration(const bench::LockObservation& lock, double sample_interval_ms) {
  bool is_wait = lock.mode.find("(waiting)") != std::string::npos ||
                 lock.mode.rfind("Waiting for", 0) == 0;
  // held_ms runs from the first sample that saw the lock to the last: one sample means it
  // lasted less than the two intervals around it.
  if (lock.held_ms > 0 || sample_interval_ms <= 0)
    return fmt::format("{} {}", is_wait ? "seen for" : "held", format_seconds(lock.held_ms / 1e3));
  return fmt::format("seen in one sample (under {})", format_seconds(2 * sample_interval_ms / 1e3));
}

}  // namespace

std::string format_lock(const bench::LockObservation& lock, double sample_interval_ms) {
  return fmt::format("{} on {}: {}, up to {} waiting", one_line(lock.mode),
                     one_line(lock.relation), lock_duration(lock, sample_interval_ms),
                     lock.waiters);
}

std::vector<std::string> format_impact_details(const bench::LoadImpact& impact) {
  std::vector<std::string> lines;
  if (impact.traffic.statements > 0)
    for (const std::string& note : impact.notes) lines.push_back("note: " + one_line(note));
  std::map<std::string, std::pair<bench::LockObservation, int>> created;  // mode -> longest, count
  for (const bench::LockObservation& lock : impact.locks) {
    if (!lock.on_uncommitted_relation() || lock.waiters > 0) {
      lines.push_back(format_lock(lock, impact.sample_interval_ms));
      continue;
    }
    auto& [longest, count] = created.try_emplace(lock.mode, lock, 0).first->second;
    if (lock.held_ms > longest.held_ms) longest = lock;
    ++count;
  }
  for (const auto& [mode, longest] : created) {
    const auto& [lock, count] = longest;
    std::string what = count == 1 ? "a relation the migration created"
                                  : fmt::format("{} relations the migration created", count);
    lines.push_back(fmt::format("{} on {} (not yet visible to other sessions){}: {}",
                                one_line(mode), what, count == 1 ? "" : ", the longest",
                                lock_duration(lock, impact.sample_interval_ms)));
  }
  return lines;
}

}  // namespace crucible::reports
