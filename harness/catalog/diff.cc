#include "harness/catalog/diff.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "harness/catalog/catalog_json.h"

namespace crucible::catalog {
namespace {

using nlohmann::json;
using Flat = std::map<std::string, json>;  // object key -> the properties compared

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Inserts under `key`, numbering duplicates (two identical unnamed checks on one table).
void put(Flat& flat, std::string key, json properties) {
  std::string unique = key;
  for (int n = 2; flat.count(unique); ++n) unique = fmt::format("{} #{}", key, n);
  flat.emplace(std::move(unique), std::move(properties));
}

void flatten_table(const Table& t, Flat& flat) {
  put(flat, "table " + t.name, {{"options", t.options}, {"comment", t.comment}});
  for (size_t i = 0; i < t.columns.size(); ++i) {
    json column = t.columns[i];
    column.erase("name");
    column["position"] = i + 1;
    put(flat, fmt::format("column {}.{}", t.name, t.columns[i].name), std::move(column));
  }
  if (t.primary_key) {
    json pk = {{"columns", t.primary_key->columns}};
    if (!t.primary_key->generated_name) pk["name"] = t.primary_key->name;
    put(flat, "primary key on " + t.name, std::move(pk));
  }
  for (const Key& u : t.uniques) {
    if (u.generated_name)
      put(flat, fmt::format("unique constraint on {}({})", t.name, list(u.columns)), json::object());
    else
      put(flat, fmt::format("unique constraint {} on {}", u.name, t.name), {{"columns", u.columns}});
  }
  for (const ForeignKey& fk : t.foreign_keys) {
    json actions = {{"on_delete", fk.on_delete}, {"on_update", fk.on_update},
                    {"deferrable", fk.deferrable}};
    if (fk.generated_name) {
      put(flat, fmt::format("foreign key on {}({}) -> {}({})", t.name, list(fk.columns),
                            fk.ref_table, list(fk.ref_columns)), std::move(actions));
    } else {
      actions["columns"] = fk.columns;
      actions["references"] = fmt::format("{}({})", fk.ref_table, list(fk.ref_columns));
      put(flat, fmt::format("foreign key {} on {}", fk.name, t.name), std::move(actions));
    }
  }
  for (const Check& c : t.checks) {
    if (c.generated_name)
      put(flat, fmt::format("check on {}: {}", t.name, c.expression), json::object());
    else
      put(flat, fmt::format("check {} on {}", c.name, t.name), {{"expression", c.expression}});
  }
}

void flatten_index(const Index& index, Flat& flat) {
  json properties = {{"keys", index.keys},
                     {"unique", index.unique},
                     {"predicate", index.predicate},
                     {"method", index.method}};
  if (index.generated_name)
    put(flat, fmt::format("index on {}({})", index.table, list(index.keys)), std::move(properties));
  else
    put(flat, fmt::format("index {} on {}", index.name, index.table), std::move(properties));
}

// Objects whose whole JSON (less the name) is what is compared.
template <typename T>
void flatten_named(const std::vector<T>& items, const std::string& kind, Flat& flat) {
  for (const T& item : items) {
    json properties = item;
    properties.erase("name");
    put(flat, kind + " " + item.name, std::move(properties));
  }
}

Flat flatten(const Catalog& c) {
  Flat flat;
  flatten_named(c.schemas, "schema", flat);
  for (const Table& t : c.tables) flatten_table(t, flat);
  for (const Index& i : c.indexes) flatten_index(i, flat);
  flatten_named(c.views, "view", flat);
  flatten_named(c.sequences, "sequence", flat);
  for (const Trigger& t : c.triggers)
    put(flat, fmt::format("trigger {} on {}", t.name, t.table), {{"definition", t.definition}});
  flatten_named(c.routines, "routine", flat);
  flatten_named(c.types, "type", flat);
  flatten_named(c.extensions, "extension", flat);
  return flat;
}

std::string show(const json& value) {
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (value.is_null()) text = "none";
  if (value.is_string() && text.empty()) text = "''";
  constexpr size_t kMax = 80;
  if (text.size() > kMax) text = text.substr(0, kMax - 3) + "...";
  return text;
}

int kind_rank(const std::string& object) {
  static const char* kinds[] = {"schema ", "table ", "column ", "primary key ", "unique ", "foreign key ",
                                "check ", "index ", "view ", "sequence ", "trigger ", "routine ",
                                "type ", "extension "};
  for (size_t i = 0; i < std::size(kinds); ++i)
    if (object.rfind(kinds[i], 0) == 0) return static_cast<int>(i);
  return static_cast<int>(std::size(kinds));
}

}  // namespace

std::string Change::describe(const std::string& a_label, const std::string& b_label) const {
  if (change == "added") return fmt::format("{}: present {}, absent {}", object, b_label, a_label);
  if (change == "removed") return fmt::format("{}: absent {}, present {}", object, b_label, a_label);
  std::string fields;
  for (auto& [field, value] : after.items()) {
    json old_value = before.contains(field) ? before[field] : json();
    if (old_value == value) continue;
    fields += fmt::format("{}{} {} {}, {} {}", fields.empty() ? "" : "; ", field, show(value),
                          b_label, show(old_value), a_label);
  }
  for (auto& [field, value] : before.items())
    if (!after.contains(field))
      fields += fmt::format("{}{} absent {}, {} {}", fields.empty() ? "" : "; ", field, b_label,
                            show(value), a_label);
  return fmt::format("{}: {}", object, fields);
}

std::vector<Change> diff(const Catalog& a, const Catalog& b) {
  // The common case in verify is "nothing changed": structural equality is ~100x cheaper than
  // flattening both sides to JSON (benchmarks/catalog_benchmark.cc, BM_CatalogDiffEqual).
  if (a == b) return {};
  Flat before = flatten(a), after = flatten(b);
  std::vector<Change> changes;
  for (auto& [key, properties] : before) {
    auto it = after.find(key);
    if (it == after.end())
      changes.push_back({key, "removed", properties, nullptr});
    else if (it->second != properties)
      changes.push_back({key, "changed", properties, it->second});
  }
  for (auto& [key, properties] : after)
    if (!before.count(key)) changes.push_back({key, "added", nullptr, properties});
  // One order whichever side is which (diff(b, a) mirrors diff(a, b) line by line), with whole
  // tables first so that the first change summarises a leftover table, not its first column.
  std::sort(changes.begin(), changes.end(), [](const Change& x, const Change& y) {
    return std::make_pair(kind_rank(x.object), x.object) < std::make_pair(kind_rank(y.object), y.object);
  });
  return changes;
}

json to_json(const Change& change) {
  return json{{"object", change.object},
              {"change", change.change},
              {"before", change.before},
              {"after", change.after}};
}

json to_json(const std::vector<Change>& changes) {
  json out = json::array();
  for (const Change& change : changes) out.push_back(to_json(change));
  return out;
}

}  // namespace crucible::catalog
