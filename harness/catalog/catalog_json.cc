#include "harness/catalog/catalog_json.h"

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible::catalog {

using nlohmann::json;

// Column and Table hold optionals, which the macros above do not handle: written by hand.
void to_json(json& j, const Column& c) {
  j = json{{"name", c.name},           {"type", c.type},
           {"nullable", c.nullable},   {"default", nullptr},
           {"identity", c.identity},   {"generated", c.generated},
           {"collation", c.collation}, {"comment", c.comment}};
  if (c.default_value) j["default"] = *c.default_value;
}

void from_json(const json& j, Column& c) {
  c.name = j.at("name").get<std::string>();
  c.type = j.value("type", "");
  c.nullable = j.value("nullable", true);
  c.default_value.reset();
  if (j.contains("default") && !j["default"].is_null()) c.default_value = j["default"].get<std::string>();
  c.identity = j.value("identity", "");
  c.generated = j.value("generated", "");
  c.collation = j.value("collation", "");
  c.comment = j.value("comment", "");
}

void to_json(json& j, const Table& t) {
  j = json{{"name", t.name},       {"columns", t.columns},           {"primary_key", nullptr},
           {"uniques", t.uniques}, {"foreign_keys", t.foreign_keys}, {"checks", t.checks},
           {"options", t.options}, {"comment", t.comment}};
  if (t.primary_key) j["primary_key"] = *t.primary_key;
}

void from_json(const json& j, Table& t) {
  t.name = j.at("name").get<std::string>();
  t.columns = j.value("columns", std::vector<Column>{});
  t.primary_key.reset();
  if (j.contains("primary_key") && !j["primary_key"].is_null()) t.primary_key = j["primary_key"].get<Key>();
  t.uniques = j.value("uniques", std::vector<Key>{});
  t.foreign_keys = j.value("foreign_keys", std::vector<ForeignKey>{});
  t.checks = j.value("checks", std::vector<Check>{});
  t.options = j.value("options", "");
  t.comment = j.value("comment", "");
}

json to_json(const Catalog& c) {
  return json{{"engine", c.engine},       {"schemas", c.schemas},       {"tables", c.tables},         {"indexes", c.indexes},
              {"views", c.views},         {"sequences", c.sequences},   {"triggers", c.triggers},
              {"routines", c.routines},   {"types", c.types},           {"extensions", c.extensions}};
}

Catalog catalog_from_json(const json& j) {
  if (!j.is_object() || !j.contains("tables"))
    throw Error("not a Crucible catalog: expected an object with \"engine\" and \"tables\"");
  try {
    Catalog c;
    c.engine = j.value("engine", "");
    c.tables = j.at("tables").get<std::vector<Table>>();
    c.schemas = j.value("schemas", std::vector<Schema>{});
    c.indexes = j.value("indexes", std::vector<Index>{});
    c.views = j.value("views", std::vector<View>{});
    c.sequences = j.value("sequences", std::vector<Sequence>{});
    c.triggers = j.value("triggers", std::vector<Trigger>{});
    c.routines = j.value("routines", std::vector<Routine>{});
    c.types = j.value("types", std::vector<UserType>{});
    c.extensions = j.value("extensions", std::vector<Extension>{});
    c.canonicalize();
    return c;
  } catch (const json::exception& e) {
    throw Error(fmt::format("not a Crucible catalog: {}", e.what()));
  }
}

}  // namespace crucible::catalog
