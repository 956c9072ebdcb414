// The last step before any output: every text of a report loses the passwords in it
// (harness/common/secrets.h). Engines already print redacted DSNs; this catches what a migration
// or a server put into messages, statements, diffs and notes.
#pragma once

#include "harness/bench/bench_result.h"
#include "harness/checks/result.h"

namespace crucible {

void redact_secrets_in(Report& report);
void redact_secrets_in(bench::BenchReport& report);

}  // namespace crucible
