// `crucible bench --json FILE`: the machine-readable bench report (format 1).
//   { "tool": "crucible", "version": …, "kind": "bench", "format": 1, "source": …,
//     "sizes": [10000, …], "project_rows": 10000000 | null, "load_clients": 0,
//     "engines": [ { "engine", "dsn" (redacted), "server_version", "session" (the statements
//       every connection ran first; added after format 1 shipped), "status", "message",
//       "migrations": [ { "migration", "name", "tables": [...], "skipped": "…" (when skipped),
//         "runs": [ { "rows", "rows_loaded", "load_ms", "load_rows_per_s", "settle_ms",
//                     "forward_ms", "forward_rows_per_s", "reverse_ms", "reverse_rows_per_s",
//                     "status", "message", "load_impact": {…} (with --load) } ],
//         "fit": { "forward": { "model", "a_ms", "b_ms", "r_squared", "relative_error",
//                               "sizes", "projected_rows", "projected_ms" } | null,
//                  "reverse": {…} | null } } ] } ],
//     "summary": { "runs": N, "errors": N } }
// Times are milliseconds; a time that was not measured (a failed step) is null, and so is a
// rate per row when no table was filled (the migration created its tables). A fit is null when
// nothing was timed, or when tables were filled at fewer than two sizes; "sizes" counts the
// distinct sizes behind it (with 2, the curve is exact through both and R² is meaningless).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "harness/bench/bench_result.h"

namespace crucible::reports {

nlohmann::json bench_to_json(const bench::BenchReport& report);
void write_bench_json(const bench::BenchReport& report, const std::string& path);

}  // namespace crucible::reports
