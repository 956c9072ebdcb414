// The compatibility report as ONE self-contained HTML file (style and script inline, no network):
//   - the matrix migrations × engines, each cell pass / fail / error / skip with a tooltip
//     listing every check and its message, failing cells linking to their details;
//   - filters by engine (columns) and by status (rows), in plain JS;
//   - for every fail and error: the message, the engine's error with SQLSTATE, file:line and the
//     statement, and the catalog diff side by side (before | after, changed fields marked);
//   - per-migration timings per engine as an inline SVG bar chart;
//   - the run's metadata: engines, server versions, redacted DSNs, notes, gate warnings, and the
//     engines that were not verified in this run.
// Every text from migrations, engines and the report is HTML-escaped.
#pragma once

#include <string>

#include "harness/checks/result.h"
#include "reports/report_context.h"

namespace crucible {

std::string html_report(const Report& report, const reports::ReportContext& context = {});

// Throws crucible::Error naming the path when the file cannot be written.
void write_html_report(const Report& report, const std::string& path,
                       const reports::ReportContext& context = {});

}  // namespace crucible
