// What `crucible bench` fills before it times a migration: the tables the migration touches,
// with the parents their foreign keys need, parents first.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/migration/migration.h"

namespace crucible::bench {

// Indexes into set.migrations of the migrations to bench: all of them, or the one whose version
// is `only`. Throws crucible::Error listing the versions when `only` names none.
std::vector<size_t> migrations_to_bench(const MigrationSet& set, const std::string& only);

// Tables of `before` (the catalog just before the migration) that `forward` names in any of its
// statements — matched by identifier tokens, so a name in a string or a comment does not count.
// A migration that is code (Lua, Helium) has no statements to read: then every table counts.
std::vector<std::string> touched_tables(const Script& forward, bool is_program,
                                        const catalog::Catalog& before, Dialect dialect);

// `tables` plus every table their foreign keys reach, ordered so that a parent comes before its
// children (a cycle is broken where it closes; its rows then get NULL there, or an error).
std::vector<std::string> fill_order(const std::vector<std::string>& tables,
                                    const catalog::Catalog& before);

}  // namespace crucible::bench
