// Where the generated rows of a table start when it already holds rows.
//
// A migration set often seeds tables (reference data, Helium's `queries` rows), and `crucible
// bench` fills the tables a later migration touches on top of those rows. Dense rows count their
// keys from index 0, so filled naively they collide with the seeded keys ("duplicate key
// (query_id)=(1)"). Reading the keys already there and starting past the highest index any of
// them corresponds to keeps every PRIMARY KEY and UNIQUE key distinct; the rows that were there
// stay untouched, because later migrations may depend on them.
#pragma once

#include <cstdint>

#include "harness/catalog/catalog.h"
#include "harness/engines/engine.h"

namespace crucible::bench {

// The first dense index whose key values no row of `table` already holds: 0 for an empty table
// or one without keys. Reads the key columns (primary key, UNIQUE constraints, columns named in
// unique indexes) of every existing row. Throws crucible::Error naming the table if the engine
// rejects the read.
int64_t first_free_index(Database& db, const catalog::Table& table,
                         const catalog::Catalog& catalog, EngineKind engine);

}  // namespace crucible::bench
