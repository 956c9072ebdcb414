// diff(a, b): what changed between two catalogs of the same engine, object by object, in words.
//
// Objects are matched by a key: their name, or — for engine-generated names — what they
// constrain or index (so SQLite's sqlite_autoindex_t_2 after a table rebuild still matches).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/catalog/catalog.h"

namespace crucible::catalog {

struct Change {
  std::string object;  // "table users", "column users.email", "index users_email_idx"
  std::string change;  // "added" (only in b), "removed" (only in a), "changed"
  nlohmann::json before;  // the object's properties in a, null when added
  nlohmann::json after;   // the object's properties in b, null when removed

  // In words, e.g. "index users_email_idx: present after reverse, absent before forward".
  // `a_label` / `b_label` name the two states ("before forward", "after reverse").
  std::string describe(const std::string& a_label, const std::string& b_label) const;
};

std::vector<Change> diff(const Catalog& a, const Catalog& b);

nlohmann::json to_json(const Change& change);  // {object, change, before, after}
nlohmann::json to_json(const std::vector<Change>& changes);

}  // namespace crucible::catalog
