// What kind of values a column accepts, read from the canonical type text in the catalog.
//
// Data generation (the `data` check, `crucible bench`) needs to know, per engine, that
// "character varying(80)" takes at most 80 characters, that "tinyint unsigned" stops at 255 and
// that "enum('a','b')" takes only those two words. One classifier for every engine keeps those
// rules in one place; generators decide *which* value to produce, this decides what is legal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/common/engine_kind.h"

namespace crucible::data {

enum class ValueKind {
  integer,    // min/max set
  decimal,    // precision/scale set (precision 0: unbounded, as PostgreSQL's bare numeric)
  floating,   // float, double, real
  text,       // max_length set when bounded (characters)
  binary,     // bytea, blob, varbinary: max_length in bytes when bounded
  boolean,
  date,
  time,
  timestamp,  // with or without time zone
  json,
  uuid,
  enumeration,  // enum_values set
  unknown,      // anything else (geometry, arrays, user types): generators write NULL or skip
};

struct ColumnType {
  ValueKind kind = ValueKind::unknown;
  int64_t min = 0;                        // integer bounds (inclusive)
  int64_t max = 0;
  bool min_from_check = false;            // the bound is a CHECK's (check_domain.h), not the
  bool max_from_check = false;            // type's own
  std::optional<int64_t> max_length;      // text/binary; nullopt = unbounded
  bool fixed_length = false;              // char(n): shorter values are padded by the engine
  bool length_in_bytes = false;           // max_length counts bytes (MySQL TEXT family, blobs):
                                          // a value that long must be single-byte characters
  bool non_negative = false;              // decimal/floating declared unsigned (MySQL)
  int precision = 0;                      // decimal
  int scale = 0;
  std::vector<std::string> enum_values;   // enumeration

  bool operator==(const ColumnType&) const = default;
};

// Classifies a catalog column type (catalog::Column::type) as the given engine spells it.
// Never throws: a type it does not know is ValueKind::unknown.
ColumnType classify_type(const std::string& type, EngineKind engine);

// The labels of a quoted list as catalogs print enums: "'a', 'it''s'" -> {"a", "it's"}.
std::vector<std::string> quoted_labels(const std::string& list);

}  // namespace crucible::data
