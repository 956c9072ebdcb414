// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the format code-scanning UIs
// (GitHub, GitLab, Azure DevOps) read to annotate a pull request:
//   one run, tool.driver "crucible" with a rule per check (crucible/forward, crucible/roundtrip…),
//   one result per fail or error: level "error", the message with the engine and the catalog
//   diff in words, located at the migration file and line — the failing statement, or the
//   reverse script for a round-trip failure. Paths are Report.source joined with the path
//   relative to the migrations folder, so that run from the repository root they are
//   repository-relative. A result without a recorded location is placed at the migration's
//   first file found in Report.source (line 1).
// Allowed results (the allow-list) carry an external suppression with the reason.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "harness/checks/result.h"
#include "reports/report_context.h"

namespace crucible {

nlohmann::json sarif_report(const Report& report, const reports::ReportContext& context = {});

// Throws crucible::Error naming the path when the file cannot be written.
void write_sarif_report(const Report& report, const std::string& path,
                        const reports::ReportContext& context = {});

}  // namespace crucible
