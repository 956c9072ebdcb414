// The live servers the benchmarks measure, from the default DSNs (CRUCIBLE_<NAME>_URL or the
// local crucible/crucible servers), and how their client programs are given the credentials.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "harness/engines/engine.h"

namespace crucible::bench {

// The engine's default server, or nullptr after state.SkipWithError (with the reason, the DSN
// redacted) when it cannot be reached.
std::unique_ptr<Engine> connect_or_skip(benchmark::State& state, EngineKind kind);

// Connection flags for the engine's own client (pg_dump, mariadb-dump): host, port, user and
// database. Never the password: that goes through client_environment().
std::vector<std::string> client_flags(const Dsn& dsn, const std::string& database);
// PGPASSWORD or MYSQL_PWD for the engine's own client programs.
std::map<std::string, std::string> client_environment(const Dsn& dsn);

}  // namespace crucible::bench
