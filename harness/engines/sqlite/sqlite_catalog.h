// SQLite catalog snapshots: PRAGMA table_xinfo / index_list / index_xinfo / foreign_key_list
// plus the CREATE text in sqlite_schema, normalised by tokens (SQLite rewrites that text on
// ALTER TABLE, so it is never compared raw). SQLite's own objects (sqlite_%) are left out.
#pragma once

#include <sqlite3.h>

#include "harness/catalog/catalog.h"

namespace crucible::sqlite {

catalog::Catalog read_catalog(sqlite3* db);

}  // namespace crucible::sqlite
