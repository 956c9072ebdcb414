// The snapshot's fixed catalog queries packed into one statement and one row, for transports
// that pay per row and per round trip (psqlODBC builds a result object per row and converts
// every value; the catalog of 1,000 tables is about 13,000 rows). The server aggregates each
// query's rows into one text value; unpack() splits it again into rows the readers read as usual.
//
// The text is split on two control characters no catalog text needs (record and unit
// separators). A value holding one cannot be split unambiguously; unpack() finds that out from
// the row count and each row's number of values, and the caller then runs that query on its own:
// never a wrong row, at worst a slower snapshot. Columns seen NULL are sent as "" for NULL and
// "+value" otherwise; the others as they are, with the server counting the rows where one of
// them is NULL after all (a NULL there would drop a value from its row).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/engines/text_rows.h"

namespace crucible::postgres::sql {

// One fixed query as the session's snapshots ran it on its own: its result's column names give
// the width and the names the readers ask for; `nullable` marks the columns seen NULL.
struct PackedQuery {
  std::string name;
  std::string sql;
  std::vector<std::string> columns;
  std::vector<bool> nullable;
};

// What a session's snapshots have learnt: the fixed queries in the order the readers asked for
// them. Complete once a whole snapshot has run; kept by the transport's connection (a new session
// prepares the packed statement again from it). A NULL where none was seen before makes that
// query run on its own once more, and `generation` names a new packed statement that knows it.
struct PackedCatalogMemory {
  std::vector<PackedQuery> queries;
  bool complete = false;
  int generation = 0;

  // The packed statement's name (checked against pg_prepared_statements like the others).
  std::string statement() const;
  // Learns `rows`, query `name`'s own result: a new query while incomplete, new NULL columns
  // of a known one (a new generation).
  void learn(const std::string& name, const std::string& sql, const Rows& rows);
};

// One SELECT of one row with three columns per query: its row count, how many of its rows hold
// a NULL in a column not known to be nullable, and its rows as one text (NULL when none).
std::string packed_sql(const std::vector<PackedQuery>& queries);

// Query `index`'s rows out of `packed`, the result of packed_sql(queries); nullopt when its text
// cannot be split unambiguously, a column not known to be nullable held a NULL, or `packed` is
// not shaped as packed_sql() makes it.
std::optional<Rows> unpack(const Rows& packed, size_t index,
                           const std::vector<PackedQuery>& queries);

}  // namespace crucible::postgres::sql
