// The sqitch loader: a project folder holding sqitch.plan (and usually sqitch.conf) with
// deploy/, revert/ and verify/ scripts. The plan orders the changes (sqitch_plan.h); the
// configuration says where the files are and which engine the scripts are written for
// (sqitch_config.h). Each change becomes one migration whose id is the change name:
//   deploy/<change>.sql  the forward      revert/<change>.sql  the reverse (none: no reverse)
//   verify/<change>.sql  EngineScripts::verify, run by the `verify` check
// A reworked change's earlier instances use the scripts sqitch keeps for them,
// deploy/<change>@<tag>.sql (the first of its rework tags found on disk, as sqitch chooses),
// and their id is `<change>@<tag>`; the newest instance is `<change>`.
// sqitch engines map to Crucible's: pg -> postgres, mysql -> mysql and mariadb, sqlite ->
// sqlite. On any other engine the changes are `skip`ped with the reason, unless
// `--define sqitch.engine=any` runs them on every engine given (or `=ENGINE` names another
// sqitch engine whose scripts these are). A project that names no engine runs everywhere.
// Scripts that wrap themselves in BEGIN; … COMMIT; lose the wrapper (script.h): Crucible runs
// each in its own transaction. Verify scripts lose a leading BEGIN and a trailing ROLLBACK or
// COMMIT, and always run in a transaction that is rolled back.
// Crucible markers (`-- crucible:irreversible`, `lossy`, `no-transaction`) keep working in
// deploy and revert scripts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible {

// True when `root` holds sqitch.plan, or a sqitch.conf.
bool is_sqitch_project(const std::string& root);

// Throws crucible::Error naming the file and line for an unreadable or malformed plan or
// sqitch.conf, a change without a deploy script (naming the plan line and the script expected),
// an unknown marker, or a plan without changes.
MigrationSet load_sqitch_project(const std::string& root, const std::vector<EngineKind>& engines,
                                 const std::map<std::string, std::string>& defines = {});

}  // namespace crucible
