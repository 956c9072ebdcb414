// The schema issue #6 measures snapshots on: N tables of 7 columns, each with a primary key, a
// UNIQUE column, a CHECK and one secondary index, written in the engine's dialect.
#pragma once

#include <memory>

#include "harness/engines/engine.h"

namespace crucible::bench {

Script wide_schema(EngineKind kind, int tables);

// A scratch database holding wide_schema(tables), built once and dropped when this is destroyed.
struct WideDatabase {
  std::unique_ptr<Engine> engine;  // declared first: destroyed after the database it dropped
  std::unique_ptr<Database> db;
  WideDatabase(std::unique_ptr<Engine> connected, int tables);
};

}  // namespace crucible::bench
