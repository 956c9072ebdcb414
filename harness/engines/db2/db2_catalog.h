// DB2's catalog: one query per SYSCAT view for the run's schema (db2_catalog_sql.cc), and a pure
// normalisation from those rows to catalog::Catalog (db2_catalog_normalize.cc) following
// docs/CATALOG.md's rules, section "DB2". Only the run's schema is read: on DB2 a scratch unit is
// a schema (db2_admin.h).
#pragma once

#include <string>

#include "harness/catalog/catalog.h"
#include "harness/engines/db2/db2_catalog_rows.h"

namespace crucible::db2 {

// What each SYSCAT view returned for one schema, with the columns named in db2_catalog_sql.cc.
struct Db2CatalogRows {
  CatalogRows tables;             // SYSCAT.TABLES, TYPE 'T', 'V' and 'S'
  CatalogRows columns;            // SYSCAT.COLUMNS of the tables, by TABNAME, COLNO
  CatalogRows constraints;        // SYSCAT.TABCONST
  CatalogRows key_columns;        // SYSCAT.KEYCOLUSE: the schema's keys and the parent keys its FKs use
  CatalogRows references;         // SYSCAT.REFERENCES
  CatalogRows checks;             // SYSCAT.CHECKS
  CatalogRows indexes;            // SYSCAT.INDEXES of the schema's tables
  CatalogRows index_columns;      // SYSCAT.INDEXCOLUSE of those indexes
  CatalogRows constraint_indexes; // SYSCAT.CONSTDEP, BTYPE 'I': the index a constraint uses
  CatalogRows views;              // SYSCAT.VIEWS (views and materialized query tables)
  CatalogRows sequences;          // SYSCAT.SEQUENCES, SEQTYPE 'S'
  CatalogRows triggers;           // SYSCAT.TRIGGERS
  CatalogRows routines;           // SYSCAT.ROUTINES with PARMS, their parameter types
};

// Runs the catalog queries for `schema` (as stored: upper-case for an unquoted name).
Db2CatalogRows read_catalog_rows(CatalogSource& source, const std::string& schema);

// The catalog those rows describe. Pure: no database is touched.
catalog::Catalog normalize_catalog(const Db2CatalogRows& rows, const std::string& schema);

inline catalog::Catalog read_catalog(CatalogSource& source, const std::string& schema) {
  return normalize_catalog(read_catalog_rows(source, schema), schema);
}

}  // namespace crucible::db2
