// The canonical catalog JSON as text, written straight from the Catalog: byte for byte what
// `to_json(catalog).dump(2)` produces, without building the JSON tree first.
//
// Why a second writer: for a 1,000-table schema the tree costs ~100,000 small allocations to
// build, sort and free, more time than reading the catalog from SQLite. `crucible snapshot`
// writes text and nothing else, so it skips the tree. catalog_json.h stays the definition of
// the format (and the reader); a test holds the two writers to the same bytes for every field.
#pragma once

#include <ostream>
#include <string>

#include "harness/catalog/catalog.h"

namespace crucible::catalog {

// == to_json(catalog).dump(2). Throws nlohmann::json::type_error on invalid UTF-8, as dump does.
std::string to_json_text(const Catalog& catalog);

// The same text written to `out` in chunks as it is made, for `crucible snapshot`: a large
// schema's text is never whole in memory. On invalid UTF-8 it throws as above, with part of
// the text written; the caller checks `out` for write errors.
void write_json_text(const Catalog& catalog, std::ostream& out);

}  // namespace crucible::catalog
