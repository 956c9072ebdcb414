// The scaling plot of one migration on one engine, as inline SVG: time against rows on log-log
// axes, the measured forward and reverse times as points, each fitted curve as a line drawn
// through to the projected size, and the projection marked.
#pragma once

#include <string>

#include "harness/bench/bench_result.h"

namespace crucible::reports {

std::string scaling_plot_svg(const bench::MigrationBench& migration, int64_t project_rows);

}  // namespace crucible::reports
