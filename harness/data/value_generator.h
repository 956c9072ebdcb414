// Values for one column: legal for its type (column_type.h), deterministic from a random engine,
// and often at the edges where migrations lose data — empty and maximum-length strings,
// multi-byte characters, negative numbers, zero, a CHECK's bounds, and numbers past every
// narrower type's limit (half the type's own: a counter keeps room to count). Whether a value
// fits a CHECK or a charset is left to the engine: the row generator discards rows it rejects.
#pragma once

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "harness/data/column_type.h"
#include "harness/engines/engine.h"

namespace crucible::data {

class ValueGenerator {
 public:
  explicit ValueGenerator(std::mt19937_64& random) : random_(random) {}

  // A value `type` allows (an edge value about one time in three); nullopt for a type no value
  // can be written for (ValueKind::unknown). `likely` are values worth trying first, such as
  // the string literals of a CHECK (status IN ('new', 'paid')): picked half of the time.
  std::optional<SqlValue> value(const ColumnType& type,
                                const std::vector<std::string>& likely = {});

  bool chance(int one_in);  // true with probability 1/one_in
  size_t index(size_t size);  // uniform in [0, size)

 private:
  int64_t between(int64_t low, int64_t high);  // uniform in [low, high]
  SqlValue integer(const ColumnType& type);
  SqlValue decimal(const ColumnType& type);
  SqlValue floating(const ColumnType& type);
  SqlValue text(const ColumnType& type);
  SqlValue binary(const ColumnType& type);
  std::string date();
  std::string time();
  std::string uuid();
  std::string json();
  std::string digits(int count);

  std::mt19937_64& random_;
};

// True when `value` fits `type`'s length limit (characters, or bytes when the limit counts them).
bool fits_length(const std::string& value, const ColumnType& type);

}  // namespace crucible::data
