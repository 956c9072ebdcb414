// The report a person reads in a terminal or a CI log:
//   1. a matrix: rows = migrations (version and name), columns = engines, each cell a short
//      verdict for that engine × migration: "ok", "FAIL roundtrip", "ERROR forward", "skip";
//   2. for every fail and error: engine, migration, check, the message, and the catalog diff in
//      words or the engine's error with SQLSTATE, file:line and the statement (cut to ~200 chars);
//   3. the engines: server versions, notes, and those that could not run with the reason;
//   4. a last line "N passed, N failed, N errors, N skipped" (CI log readers parse its first two
//      counts, so it is never coloured).
// ANSI colour only when `color` is true (the runner passes isatty). Text from migrations and
// engines is cleaned of control characters, so it can never inject escape sequences.
#pragma once

#include <ostream>

#include "harness/checks/result.h"

namespace crucible {

// `quiet` prints the summary line alone (`crucible verify --quiet`).
void print_terminal_report(const Report& report, std::ostream& out, bool color,
                           bool quiet = false);

// "31 passed, 1 failed, 0 errors, 2 skipped": the summary line alone.
std::string summary_line(const Summary& summary);

}  // namespace crucible
