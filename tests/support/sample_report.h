// A hand-built Report that looks like a real run: four engines (one that could not connect),
// three migrations, every status, a catalog diff, an engine error with SQLSTATE and file:line.
// Formatters are tested on it; nothing here pretends to be an engine.
#pragma once

#include <string>

#include "harness/checks/result.h"

namespace crucible::testing {

// The password that sample_report()'s DSNs were parsed from: no report may ever print it.
inline constexpr const char* kSamplePassword = "s3cret-pw";

// The mariadb forward error's statement: longer than the terminal's 200-character cut.
std::string sample_long_statement();

Report sample_report();

// Counts in sample_report(): 3 migrations × 4 checks on each of the three engines that ran.
inline constexpr int kSamplePass = 26, kSampleFail = 2, kSampleError = 1, kSampleSkip = 7;

}  // namespace crucible::testing
