// `crucible bench` on one engine: for each chosen migration and each size, a fresh scratch
// database at the version before the migration, the tables it touches filled with that many
// generated rows, then the forward and the reverse timed; per migration a scaling fit.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/bench/bench_result.h"
#include "harness/bench/load_impact.h"
#include "harness/bench/scaling_fit.h"
#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible::bench {

// What the bench is doing right now, for a progress line.
struct BenchEvent {
  std::string_view engine;
  const Migration& migration;
  int64_t rows = 0;       // the size being measured
  std::string phase;      // "restore", "load", "forward", "reverse"
  int64_t loaded = 0;     // rows loaded so far (phase "load")
};

struct BenchOptions {
  std::vector<int64_t> sizes;     // rows per touched table, ascending
  std::string only_migration;     // "": every migration
  int64_t project_rows = 0;       // > 0: extrapolate the fits to this size
  int load_clients = 0;           // > 0: run the forward under traffic (load_impact.h)
  std::function<void(const BenchEvent&)> progress;  // may be empty; called from engine threads
};

// Benches the chosen migrations of `set` on `engine`. Statement errors become results; only
// infrastructure failures (lost server) throw crucible::Error. Scratch databases are dropped.
EngineBench bench_engine(Engine& engine, const MigrationSet& set, const BenchOptions& options);

// Parses "10000,100000,1e6" style sizes: positive integers, sorted, duplicates removed. Throws
// crucible::Error naming the bad item.
std::vector<int64_t> parse_sizes(const std::string& text);

}  // namespace crucible::bench
