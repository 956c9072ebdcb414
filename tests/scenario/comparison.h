// Compares what `crucible verify` reported for one engine with a scenario's expectations:
// every [[expect]] must match (at least one result, or exactly `count`), and every result that
// no [[expect]] matches must be a `pass`, so that true negatives are asserted too.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "harness/checks/result.h"
#include "tests/scenario/expectations.h"

namespace crucible::scenario {

// One line per problem, in words; empty when the run is exactly what the scenario expects.
std::vector<std::string> compare(const Scenario& scenario, const EngineRun& run);

// A table of every result of `run`, each marked with the [[expect]] that covers it, "pass", or
// "UNEXPECTED".
void print_results(const Scenario& scenario, const EngineRun& run, std::ostream& out);

}  // namespace crucible::scenario
