// Which runs are alive on a server: each engine holds a session-level advisory lock keyed by its
// run id on its admin session for as long as it lives (taken again when the session is
// reopened), so `crucible cleanup` can tell a live run's scratch databases and login from a
// crashed run's leftovers. The lock is shared: engines of one process (one run id) all hold it.
#pragma once

#include <set>
#include <string>

#include "harness/engines/postgres/postgres_admin.h"

namespace crucible::postgres {

// The statement that marks run `run_id` live on the session that runs it.
std::string live_run_lock_sql(const std::string& run_id);

// The run ids (8 hex digits) whose lock some session holds now.
std::set<std::string> live_runs(AdminSession& admin);

}  // namespace crucible::postgres
