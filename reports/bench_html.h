// `crucible bench --html FILE`: one self-contained page (no network): per engine, the table of
// migration × size with load, forward and reverse times and rates, the traffic seen under
// --load, and per migration the scaling plot (reports/bench_svg.h) with its fitted models.
#pragma once

#include <string>

#include "harness/bench/bench_result.h"

namespace crucible::reports {

std::string bench_html(const bench::BenchReport& report);
void write_bench_html(const bench::BenchReport& report, const std::string& path);

}  // namespace crucible::reports
