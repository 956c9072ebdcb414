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
std::vector<Dsn> resolve_engines(const std::vector<std::string>& specs);

}  // namespace crucible
