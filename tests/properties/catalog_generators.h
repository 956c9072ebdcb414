// RapidCheck generators for catalogs and schemas, shared by the property tests.
#pragma once

#include <string>
#include <vector>

#include <rapidcheck.h>

#include "harness/catalog/catalog.h"

namespace crucible::testing {

// Any catalog: every field of every object with arbitrary text (unicode, quotes, empty),
// canonicalized. For properties of the model and its JSON, not of an engine.
rc::Gen<catalog::Catalog> arbitrary_catalog();

// A schema that every engine can create: a few tables of a few columns with portable types,
// NOT NULL, integer defaults, a primary key, UNIQUE columns and plain indexes.
struct ColumnModel {
  std::string name;
  std::string type;  // "INT", "VARCHAR(n)", "DECIMAL(p,s)"
  bool not_null = false;
  std::optional<int> default_value;  // INT columns only
};
struct TableModel {  // named t1, t2, … by position
  std::vector<ColumnModel> columns;
  size_t primary_key = 0;          // index of the PK column (always an INT NOT NULL)
  std::vector<size_t> uniques;     // single-column UNIQUE constraints
  std::vector<size_t> indexes;     // single-column plain indexes, named <table>_<column>_idx
};
using SchemaModel = std::vector<TableModel>;

rc::Gen<SchemaModel> portable_schema();

// CREATE TABLE / CREATE INDEX statements for the model (portable SQL).
std::string ddl_of(const SchemaModel& schema);

}  // namespace crucible::testing
