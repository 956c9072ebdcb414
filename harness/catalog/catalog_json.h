// Canonical JSON for catalogs: what `crucible snapshot` writes and `crucible diff` reads.
// to_json(from_json(j)) == j for every j that to_json produced.
#pragma once

#include <nlohmann/json.hpp>

#include "harness/catalog/catalog.h"

namespace crucible::catalog {

// The member lists below are the single definition of the canonical JSON: to_json and from_json
// both come from them, so the two directions cannot drift apart.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Key, name, generated_name, columns)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ForeignKey, name, generated_name, columns,
                                                ref_table, ref_columns, on_delete, on_update,
                                                deferrable)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Check, name, generated_name, expression)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Index, name, generated_name, table, keys, unique,
                                                predicate, method)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(View, name, definition, materialized)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Sequence, name, type, start, increment, min_value,
                                                max_value, cycle, owned_by)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Trigger, name, table, definition)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Routine, name, kind, definition)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(UserType, name, kind, definition)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Extension, name)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Schema, name)

void to_json(nlohmann::json& j, const Column& c);
void from_json(const nlohmann::json& j, Column& c);
void to_json(nlohmann::json& j, const Table& t);
void from_json(const nlohmann::json& j, Table& t);

nlohmann::json to_json(const Catalog& catalog);
// Throws crucible::Error naming the offending member when `json` is not a catalog.
Catalog catalog_from_json(const nlohmann::json& json);

}  // namespace crucible::catalog
