// Which tables' content provably did not change between two moments of one transaction, asked
// of the server in one round trip instead of reading every table at both moments (PostgreSQL).
//
// A table's mark is everything reading its columns depends on: the relation the name resolves
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
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/engines/engine.h"

namespace crucible::data {

struct TableMarks {
  std::vector<std::string> marks;  // one per table; "" where it must be read
  std::vector<int64_t> rows;       // rows per table, when asked for
};

// The marks of `tables` (as the catalog names them) in order, and with `count_rows` their row
// counts, in one statement.
// nullopt where the engine has no such signal (anything but PostgreSQL) or the statement
// failed (a table gone): then read them all.
std::optional<TableMarks> mark_tables(Database& db, EngineKind kind,
                                      const std::vector<std::string>& tables, bool count_rows);

// Whether the content of table `t` is the same at the moments of `a` and `b`.
bool unchanged(const TableMarks& a, const TableMarks& b, size_t t);

}  // namespace crucible::data
