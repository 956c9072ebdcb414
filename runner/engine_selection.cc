#include "runner/engine_selection.h"

#include <optional>
#include <set>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "harness/engines/registry.h"

namespace crucible {

namespace {

// "sqlite, postgres, mysql, mariadb or db2": the registered engines, for messages.
std::string engine_names() {
  std::string out;
  const auto& engines = registered_engines();
  for (size_t i = 0; i < engines.size(); ++i)
    out += (i == 0 ? "" : i + 1 == engines.size() ? " or " : ", ") + std::string(engines[i]->name);
  return out;
}

// --engine odbc=odbc:<connection string>: the engine is the DBMS behind the data source.
Dsn resolve_odbc(const std::string& spec, size_t eq) {
  if (eq == std::string::npos || spec.compare(eq + 1, 5, "odbc:") != 0)
    throw Error("--engine odbc needs a connection string: --engine odbc=odbc:DSN=name or "
                "--engine odbc='odbc:Driver={PostgreSQL Unicode};Server=…;Database=…;Uid=…;Pwd=…'");
  return parse_dsn(spec.substr(eq + 1));
}

}  // namespace

Dsn resolve_engine(const std::string& spec) {
  auto eq = spec.find('=');
  std::string name = spec.substr(0, eq);
  if (name == "odbc") return resolve_odbc(spec, eq);
  auto kind = parse_engine_name(name);
  if (!kind)
    throw Error(fmt::format("unknown engine '{}': expected {} (or odbc=odbc:…)", name, engine_names()));
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

namespace {

// "mariadb=SET foreign_key_checks=0" names an engine; "SET foreign_key_checks=0" does not (the
// text before its first '=' is not an engine name).
void add_session(std::vector<Dsn>& dsns, const std::string& spec) {
  auto eq = spec.find('=');
  std::optional<EngineKind> kind;
  if (eq != std::string::npos) kind = parse_engine_name(spec.substr(0, eq));
  std::string statement = kind ? spec.substr(eq + 1) : spec;
  if (statement.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Error(fmt::format("--session '{}': no statement to run", spec));
  bool used = false;
  for (Dsn& dsn : dsns) {
    if (kind && dsn.kind != *kind) continue;
    dsn.session.push_back(statement);
    used = true;
  }
  if (!used)
    throw Error(fmt::format("--session {}=…: {} is not among the engines of this run (--engine)",
                            spec.substr(0, eq), spec.substr(0, eq)));
}

}  // namespace

std::vector<Dsn> resolve_engines(const std::vector<std::string>& specs,
                                 const std::vector<std::string>& session_specs) {
  register_environment_secrets();
  std::vector<Dsn> dsns;
  std::set<EngineKind> seen;
  for (const std::string& spec : specs) {
    Dsn dsn = resolve_engine(spec);
    if (!seen.insert(dsn.kind).second)
      throw Error(fmt::format("--engine {} given twice", engine_name(dsn.kind)));
    dsns.push_back(std::move(dsn));
  }
  if (specs.empty()) dsns.push_back(default_dsn(EngineKind::sqlite));
  for (const std::string& spec : session_specs) add_session(dsns, spec);
  return dsns;
}

}  // namespace crucible
