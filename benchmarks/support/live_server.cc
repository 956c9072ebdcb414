#include "benchmarks/support/live_server.h"

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible::bench {

std::unique_ptr<Engine> connect_or_skip(benchmark::State& state, EngineKind kind) {
  try {
    return connect_engine(default_dsn(kind));
  } catch (const Error& e) {
    state.SkipWithError(e.what());  // the message carries the redacted DSN only
    return nullptr;
  }
}

std::vector<std::string> client_flags(const Dsn& dsn, const std::string& database) {
  if (dsn.kind == EngineKind::postgres)
    return {"-h", dsn.host, "-p", std::to_string(dsn.port), "-U", dsn.user, "-d", database};
  return {"-h", dsn.host, "-P", std::to_string(dsn.port), "-u", dsn.user, database};
}

std::map<std::string, std::string> client_environment(const Dsn& dsn) {
  if (dsn.kind == EngineKind::postgres) return {{"PGPASSWORD", dsn.password}};
  return {{"MYSQL_PWD", dsn.password}};
}

}  // namespace crucible::bench
