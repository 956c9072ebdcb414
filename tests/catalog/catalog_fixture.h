// A small hand-built catalog for tests of the engine-neutral model (diff, JSON). Engine tests
// build catalogs from live databases instead.
#pragma once

#include "harness/catalog/catalog.h"

namespace crucible::testing {

inline catalog::Catalog shop_catalog() {
  using namespace catalog;
  Catalog c;
  c.engine = "postgres";
  Table users;
  users.name = "users";
  users.columns = {Column{"id", "integer", false, std::nullopt, "always", "", "", ""},
                   Column{"email", "character varying(255)", false, std::nullopt, "", "", "", ""},
                   Column{"status", "text", true, "'active'::text", "", "", "", ""}};
  users.primary_key = Key{"users_pkey", false, {"id"}};
  users.checks = {Check{"users_status_check", false, "CHECK (status <> ''::text)"}};
  Table orders;
  orders.name = "orders";
  orders.columns = {Column{"id", "integer", false, std::nullopt, "", "", "", ""},
                    Column{"user_id", "integer", false, std::nullopt, "", "", "", ""}};
  orders.foreign_keys = {ForeignKey{"orders_user_id_fkey", false, {"user_id"}, "users", {"id"},
                                    "CASCADE", "NO ACTION", ""}};
  c.tables = {users, orders};
  c.indexes = {Index{"users_email_idx", false, "users", {"email"}, true, "", ""}};
  c.views = {View{"active_users", "SELECT id FROM users WHERE status = 'active'", false}};
  c.sequences = {Sequence{"invoice_no", "bigint", 1, 1, 1, 9223372036854775807LL, false, ""}};
  c.canonicalize();
  return c;
}

}  // namespace crucible::testing
