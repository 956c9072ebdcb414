// `--engine NAME[=DSN]` as the user writes it, resolved to a DSN.
#pragma once

#include <string>
#include <vector>

#include "harness/common/dsn.h"

namespace crucible {

// "postgres" -> default_dsn(postgres); "postgres=postgresql://..." -> that DSN, which must be for
// the named engine. Throws crucible::Error (exit 2) for unknown engines or malformed DSNs.
Dsn resolve_engine(const std::string& spec);

// Resolves every spec; none given means embedded SQLite, the default. Duplicates are an error.
// Each --session spec is "STATEMENT" (every engine) or "NAME=STATEMENT" (that engine only) and
// is appended, in order, to the Dsn::session of the engines it is for; a NAME that is not among
// the engines is an error, so a typo never silently drops a setting.
std::vector<Dsn> resolve_engines(const std::vector<std::string>& specs,
                                 const std::vector<std::string>& session_specs = {});

}  // namespace crucible
