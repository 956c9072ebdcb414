// A table's content, compared without caring about row order: every row read, each value
// normalised to text, each row hashed (64-bit FNV-1a) and the hashes sorted. Equal contents give
// equal sorted hashes; a difference names the first row that is missing (present before, gone
// after), shown as column=value pairs — written out only then: most reads are never shown.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/engines/engine.h"

namespace crucible::data {

struct TableContent {
  std::string table;
  std::vector<std::string> columns;   // the columns read, in this order
  std::string error;                  // the SELECT failed (a table or column gone): the message
  std::vector<uint64_t> hashes;       // one per row, sorted
  std::vector<std::vector<SqlValue>> read;  // the rows as read
  std::vector<uint64_t> read_hashes;         // the hash of each of them

  size_t rows() const { return hashes.size(); }
  uint64_t digest() const;  // one number for the whole content, order-independent
  std::string shown(uint64_t hash) const;  // the row with that hash: "id=3, note='x'"
};

// A table and the columns to read of it (catalog names).
struct TableColumns {
  std::string table;
  std::vector<std::string> columns;
};

// Reads `columns` of `table` (catalog names) from `db`.
TableContent read_table(Database& db, Dialect dialect, const std::string& table,
                        const std::vector<std::string>& columns);

// Reads each of `tables`, in order: the same as read_table on each, in fewer round trips (all in
// one where Database::read_committed can).
std::vector<TableContent> read_tables(Database& db, Dialect dialect,
                                      const std::vector<TableColumns>& tables);

// How `after` differs from `before`, in words ("" when equal): row counts, and the first
// missing row — in sorted order of its shown text, so the message is the same on every run —
// with the row that replaced it when one has the same first column (a changed row).
std::string describe_difference(const TableContent& before, const TableContent& after,
                                const std::string& before_label, const std::string& after_label);

// A value as text for messages: NULL, 42, 1.5, 'it''s' (long strings are cut).
std::string show_value(const SqlValue& value);

}  // namespace crucible::data
