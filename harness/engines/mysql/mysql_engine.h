// MySQL and MariaDB through mysql-connector-c++: one implementation, the differences between
// the two servers spelled out in a Dialect table (mysql_dialect.h), never scattered `if`s.
// DDL commits implicitly on both, so a failed script may leave part of itself applied.
#pragma once

#include <memory>

#include "harness/engines/engine.h"

namespace crucible {

// dsn.kind is EngineKind::mysql or EngineKind::mariadb.
std::unique_ptr<Engine> make_mysql_engine(const Dsn& dsn, const EngineOptions& options = {});

}  // namespace crucible
