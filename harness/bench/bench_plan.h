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

// `before` with the CHECKs that `after` (the catalog once the migration ran) has on each of
// `tables` and `before` does not, so the generated rows keep to them too. A migration that adds
// `CHECK (quantity <= 1000)` presumes rows that pass it; rows that break it would time an error,
// not the migration. (Its price: a migration that repairs rows before adding the check is timed
// with nothing to repair.)
// Whether `forward` can add a CHECK, so that with_checks_added needs the catalog after it: a
// program (Lua, Helium) may do anything, SQL only where it says CHECK.
bool may_add_checks(const Script& forward, bool is_program, Dialect dialect);

catalog::Catalog with_checks_added(const catalog::Catalog& before, const catalog::Catalog& after,
                                   const std::vector<std::string>& tables);

}  // namespace crucible::bench
