// A short Markdown summary, fit for a pull-request comment or a CI job summary:
//   ### Crucible: 26 passed, 2 failed, 1 error, 7 skipped
//   | engine | server | pass | fail | error | skip |     one row per engine (and why it could not run)
//   | migration | engine | check | reason |            every failing cell, one line each (capped)
//   the gate warnings, and a link to the HTML report when there is one.
// Text from migrations and engines is escaped so it cannot break the table or inject markup.
#pragma once

#include <string>

#include "harness/checks/result.h"
#include "reports/report_context.h"

namespace crucible {

std::string markdown_report(const Report& report, const reports::ReportContext& context = {});

// Throws crucible::Error naming the path when the file cannot be written.
void write_markdown_report(const Report& report, const std::string& path,
                           const reports::ReportContext& context = {});

}  // namespace crucible
