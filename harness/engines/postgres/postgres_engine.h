// PostgreSQL through libpqxx. Transactional DDL; catalog snapshots read pg_catalog directly;
// scratch databases can be cloned with CREATE DATABASE … TEMPLATE.
#pragma once

#include <memory>

#include "harness/engines/engine.h"

namespace crucible {

std::unique_ptr<Engine> make_postgres_engine(const Dsn& dsn, const EngineOptions& options = {});

// Engine::open_existing without the engine: one read-only connection to `name`.
std::unique_ptr<Database> open_existing_postgres_database(const Dsn& dsn, const std::string& name);

}  // namespace crucible
