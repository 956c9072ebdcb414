// Numbers as `crucible bench` prints them, shared by its terminal table and its HTML page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/bench/bench_result.h"

namespace crucible::reports {

std::string format_rows(int64_t rows);                   // "1,000,000"
std::string format_seconds(std::optional<double> s);     // "850 µs", "15.2 ms", "3.41 s", "—"
std::string format_rate(int64_t rows, std::optional<double> seconds);  // "1.2 M rows/s", "—"
// "linear, R² 0.998" / "constant (±3 %)": the model and its quality figure.
std::string format_fit(const bench::ScalingFit& fit);
// "120 statements, 4 waited over 100 ms, 0 errors, p99 15 ms, max 980 ms (writes 980 ms, reads
// 4.5 ms), longest stall 35 ms": the max per kind shows a wait that p99 hides when only writers
// block.
// When no traffic statement ran (every table the migration touches is created by it, or none
// can be addressed), the notes that say why, instead of a line of zeros.
std::string format_traffic(const bench::LoadImpact& impact);
// "AccessExclusiveLock on orders: held 1.2 s, up to 4 waiting". A lock seen in a single sample
// is shown as shorter than the watcher's resolution, not as held for 0 µs; a wait (the
// migration's own, or the traffic's in the process list) is "seen for", not "held".
std::string format_lock(const bench::LockObservation& lock, double sample_interval_ms);
// The lines under the traffic line: its notes ("note: …", when traffic ran; otherwise
// format_traffic already gave them), then the locks. Locks on relations the migration created
// and has not committed (a new table, a rewrite's new heap and indexes) are one line per mode:
// no other session can see those relations, so nobody waits on them, and one line each buried
// the lock that mattered.
std::vector<std::string> format_impact_details(const bench::LoadImpact& impact);

}  // namespace crucible::reports
