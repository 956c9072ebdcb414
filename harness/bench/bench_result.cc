#include "harness/bench/bench_result.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace crucible::bench {

bool EngineBench::any_error() const {
  if (status != "ok") return true;
  for (const MigrationBench& m : migrations)
    for (const SizeRun& run : m.runs)
      if (run.status == "error") return true;
  return false;
}

bool BenchReport::any_error() const {
  return std::any_of(engines.begin(), engines.end(),
                     [](const EngineBench& e) { return e.any_error(); });
}

namespace {

double rounded(double ms) { return std::round(ms * 10) / 10; }

}  // namespace

nlohmann::json to_json(const LoadImpact& impact) {
  const TrafficStats& t = impact.traffic;
  nlohmann::json locks = nlohmann::json::array();
  for (const LockObservation& lock : impact.locks)
    locks.push_back({{"relation", lock.relation}, {"mode", lock.mode},
                     {"held_ms", rounded(lock.held_ms)}, {"waiters", lock.waiters},
                     {"first_seen_ms", rounded(lock.first_seen_ms)}});
  return {
      {"migration_ms", rounded(impact.migration_ms)},
      {"clients", impact.clients},
      {"blocked_after_ms", impact.blocked_after_ms},
      {"traffic",
       {{"statements", t.statements}, {"errors", t.errors}, {"waited", t.waited},
        {"p50_ms", rounded(t.p50_ms)}, {"p99_ms", rounded(t.p99_ms)}, {"max_ms", rounded(t.max_ms)},
        {"longest_stall_ms", rounded(t.longest_stall_ms)},
        {"read_max_ms", rounded(t.read_max_ms)}, {"write_max_ms", rounded(t.write_max_ms)},
        {"baseline_p50_ms", rounded(t.baseline_p50_ms)},
        {"baseline_p99_ms", rounded(t.baseline_p99_ms)},
        {"error_samples", t.error_samples}}},
      {"lock_source", impact.lock_source},
      {"lock_samples", impact.lock_samples},
      {"sample_interval_ms", impact.sample_interval_ms},
      {"locks", locks},
      {"notes", impact.notes},
  };
}

std::string to_text(const LoadImpact& impact) {
  const TrafficStats& t = impact.traffic;
  std::string out = fmt::format(
      "load: {} clients, {} statements during the migration ({:.1f} ms): p50 {:.1f} ms, "
      "p99 {:.1f} ms, max {:.1f} ms (before it: p50 {:.1f} ms, p99 {:.1f} ms)\n"
      "load: {} waited over {} ms, {} errors, longest stall {:.1f} ms; slowest read {:.1f} ms, "
      "slowest write {:.1f} ms\n",
      impact.clients, t.statements, impact.migration_ms, t.p50_ms, t.p99_ms, t.max_ms,
      t.baseline_p50_ms, t.baseline_p99_ms, t.waited, impact.blocked_after_ms, t.errors,
      t.longest_stall_ms, t.read_max_ms, t.write_max_ms);
  for (const std::string& sample : t.error_samples) out += fmt::format("  error: {}\n", sample);
  out += fmt::format("locks ({}", impact.lock_source);
  if (impact.sample_interval_ms > 0)
    out += fmt::format(", sampled every {:.0f} ms, {} samples", impact.sample_interval_ms,
                       impact.lock_samples);
  out += impact.locks.empty() ? "): none seen\n" : "):\n";
  for (const LockObservation& lock : impact.locks)
    out += fmt::format("  {} {}: held {:.1f} ms from {:.1f} ms, up to {} waiting\n", lock.relation,
                       lock.mode, lock.held_ms, lock.first_seen_ms, lock.waiters);
  for (const std::string& note : impact.notes) out += fmt::format("  note: {}\n", note);
  return out;
}

}  // namespace crucible::bench
