// SQLite, embedded (libsqlite3): the default engine. A scratch database is a file in a private
// temporary directory; DDL is transactional; clone is a file copy through the backup API.
#pragma once

#include <memory>

#include "harness/engines/engine.h"

namespace crucible {

std::unique_ptr<Engine> make_sqlite_engine(const Dsn& dsn, const EngineOptions& options = {});

}  // namespace crucible
