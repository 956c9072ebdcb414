// Under --privileged a migration runs as the DSN's login and can create databases and roles of
// its own, which would outlive the run. This remembers the names its statements create
// (CREATE DATABASE x, CREATE ROLE|USER|GROUP x, as written in the SQL) and, when the run's
// scratch databases go, drops those that exist now and did not when the engine started. Nothing
// that existed before the run, or that the run's statements did not name, is ever dropped: other
// clients of the server create databases at the same time.
//
// Not caught: names built at run time (EXECUTE format(...) in a DO block).
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "harness/engines/postgres/postgres_admin.h"

namespace crucible::postgres {

class CreatedGlobals {
 public:
  // Records the databases and roles that exist now, through `admin`.
  explicit CreatedGlobals(AdminSession& admin);

  // Notes the databases and roles `sql` creates by name.
  void note(const std::string& sql);

  // Drops what was noted, exists now and did not at the start; returns what could not be
  // dropped, in words (empty when all went).
  std::vector<std::string> drop_created(AdminSession& admin);

 private:
  std::mutex mutex_;
  std::set<std::string> databases_before_, roles_before_;
  std::set<std::string> databases_named_, roles_named_;
};

}  // namespace crucible::postgres
