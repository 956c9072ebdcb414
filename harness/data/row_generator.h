// Filling every table of a database with generated rows, the engine as the oracle.
//
// Tables are filled parents first (foreign keys in topological order); a foreign key takes its
// values from rows the parent really holds (a self-reference from rows inserted so far, or NULL).
// Values honour types, lengths, NOT NULL, enums and PRIMARY KEY / UNIQUE (used values are
// tracked per key); CHECK string literals are tried as values. Identity, auto-increment, serial
// and generated columns are left to the engine. Rows are inserted with bound parameters, many
// to an INSERT, all tables in one transaction (a savepoint inside the caller's transaction, if one
// is open): a batch the engine rejects goes again row by row, and a row it rejects (a CHECK, a
// collision, a charset) is discarded and counted, never an error.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/engines/engine.h"

namespace crucible::data {

struct FillOptions {
  uint64_t seed = 20250101;  // same seed, same catalog: same rows
  int rows_per_table = 30;   // rows inserted per table, at most
};

struct TableFill {
  std::string table;
  int inserted = 0;
  int rejected = 0;              // rows the engine refused
  std::string first_rejection;   // the engine's message for the first of them
  std::string not_generable;     // why no row can be written at all ("" when rows can be)
};

// The rows each table took last time, by everything that decides which rows are generated (the
// table's definition, its unique indexes, the types, the parent keys it chose from). Each table
// draws from a random stream of its own, so an unchanged table gets the same rows again: the
// data check fills the same tables at every version, and with this each of them costs one
// INSERT instead of a generation that may have the engine reject row after row.
struct FillMemory {
  std::map<std::string, std::vector<std::vector<SqlValue>>> accepted;
};

// Fills the tables of `catalog` (a snapshot of `db`). `memory` (may be null) is read and
// updated; on PostgreSQL the tables that take their remembered rows are inserted together, in
// one round trip, with the same rows as one by one. Throws crucible::Error only when the
// connection fails.
std::vector<TableFill> fill_tables(Database& db, EngineKind kind, const catalog::Catalog& catalog,
                                   const FillOptions& options = {}, FillMemory* memory = nullptr);

// The tables of `catalog` ordered so that each comes after the tables its foreign keys name
// (self-references and cycles do not hold the order up).
std::vector<const catalog::Table*> parents_first(const catalog::Catalog& catalog);

}  // namespace crucible::data
