// Which tables' content provably did not change between two moments, asked of the engine instead
// of reading every table at both moments (PostgreSQL, SQLite).
//
// PostgreSQL, within one transaction, in one round trip: a table's mark is everything reading its
// columns depends on: the relation the name resolves
// to (its oid), its storage (relfilenode: a rewrite or a TRUNCATE gives a new one), the rows the
// transaction inserted, updated or deleted in it so far (pg_stat_xact counters, which count the
// work of rolled-back savepoints too; a TRUNCATE, which resets them, gives new storage unless
// the storage is already new since the earlier mark), its columns
// (names, positions, types, type modifiers, privileges), the table's privileges, and the session
// settings that change how values are written out (DateStyle, TimeZone, extra_float_digits, …).
// Equal marks at two moments of one transaction, the later one taken after work in a savepoint
// opened after the earlier one, mean equal rows. A table gets no mark — it
// must be read — where that does not hold: not a plain table (a view, a partitioned or foreign
// table), one with inheritance children or rules or row security, a column of a type not built
// in (an enum renames its labels, a composite type gains an attribute, a domain: none of it
// touches the rows) or whose text names catalog objects (regclass, aclitem), a table missing,
// or statistics not counted (track_counts off).
//
// SQLite, on the connection the migrations run on: the statements compiled on it that may have
// written the table (Database::table_writes: the authorizer sees a statement's triggers and
// foreign key actions too), and, to need no such promise for foreign key actions, those that may
// have written a table it refers to with ON DELETE / ON UPDATE actions, and so on up. A table's
// foreign keys change only through statements that write it (ALTER TABLE, DROP TABLE), so those
// of the catalog given hold between the two moments for every table whose mark is unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/engines/engine.h"

namespace crucible::data {

struct TableMarks {
  std::vector<std::string> marks;  // one per table; "" where it must be read
  std::vector<int64_t> rows;       // rows per table, when asked for
};

// The marks of the tables of `catalog` in order, and with `count_rows` their row counts, in one
// statement. nullopt where the engine has no such signal (MariaDB, MySQL; SQLite under
// --privileged or with a virtual table) or the statement failed (a table gone): then read them
// all.
std::optional<TableMarks> mark_tables(Database& db, EngineKind kind,
                                      const catalog::Catalog& catalog, bool count_rows);

// Whether the content of table `t` is the same at the moments of `a` and `b`.
bool unchanged(const TableMarks& a, const TableMarks& b, size_t t);

}  // namespace crucible::data
