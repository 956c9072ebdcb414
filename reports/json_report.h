// The JSON report: the contract in docs/DESIGN.md ("The JSON report contract"), read by other
// tools and by our own `crucible report` and shard merging. Field names and nesting never change;
// fields may only be added. Format 1 adds to the contract:
//   top level:  "source" (the migrations folder), "source_format" ("sql", "helium", "lua")
//   engines[]:  "message" (why status is "error"), "notes" (array of strings)
//   results[]:  "location" ("file:line" or null), "sqlstate", "statement" (for errors)
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "harness/checks/result.h"

namespace crucible {

inline constexpr int kJsonReportFormat = 1;

nlohmann::json report_to_json(const Report& report);

// The inverse of report_to_json(): report_from_json(report_to_json(r)) formats like r.
// Throws crucible::Error naming the offending member ("results[3]: missing member \"check\"")
// when `json` is not a format-1 crucible report, or when its summary disagrees with its results.
Report report_from_json(const nlohmann::json& json);

// Throw crucible::Error naming the path when the file cannot be written, read or parsed.
void write_json_report(const Report& report, const std::string& path);
Report read_json_report(const std::string& path);

}  // namespace crucible
