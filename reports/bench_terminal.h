// `crucible bench` on a terminal: per engine, a table of migration × size (rows, load time and
// rate, forward and reverse times and rates), then each migration's fitted scaling curve and its
// projection, then every error with its message (engine, file:line).
#pragma once

#include <ostream>

#include "harness/bench/bench_result.h"

namespace crucible::reports {

void print_bench_terminal(const bench::BenchReport& report, std::ostream& out);

}  // namespace crucible::reports
