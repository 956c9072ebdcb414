#include "runner/engine_selection.h"

#include <set>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"

namespace crucible {

Dsn resolve_engine(const std::string& spec) {
  auto eq = spec.find('=');
  std::string name = spec.substr(0, eq);
  auto kind = parse_engine_name(name);
  if (!kind)
    throw Error(fmt::format("unknown engine '{}': expected sqlite, postgres, mysql, mariadb or db2",
                            name));
  if (eq == std::string::npos) return default_dsn(*kind);
  Dsn dsn = parse_dsn(spec.substr(eq + 1));
  // A mariadb:// DSN for --engine mysql (or the reverse) is the same protocol: keep the name.
  bool same_protocol = dialect_of(dsn.kind) == dialect_of(*kind) && dsn.kind != EngineKind::sqlite;
  if (dsn.kind != *kind && !same_protocol)
    throw Error(fmt::format("--engine {}: the DSN {} is for {}", name, dsn.redacted(),
                            engine_name(dsn.kind)));
  dsn.kind = *kind;
  return dsn;
}

std::vector<Dsn> resolve_engines(const std::vector<std::string>& specs) {
  register_environment_secrets();
  if (specs.empty()) return {default_dsn(EngineKind::sqlite)};
  std::vector<Dsn> dsns;
  std::set<EngineKind> seen;
  for (const std::string& spec : specs) {
    Dsn dsn = resolve_engine(spec);
    if (!seen.insert(dsn.kind).second)
      throw Error(fmt::format("--engine {} given twice", engine_name(dsn.kind)));
    dsns.push_back(std::move(dsn));
  }
  return dsns;
}

}  // namespace crucible
