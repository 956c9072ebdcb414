// The core oracles: for every migration, forward → snapshot → reverse → snapshot → forward →
// snapshot on one engine, as docs/DESIGN.md "What `verify` does on one engine" says, producing a
// Result for every migration × check (forward, reverse, roundtrip, reapply).
//
// The run always continues from a *known* state: when a step leaves the database in a state
// other than "after the first forward" (a reverse that failed half-way on an engine without
// transactional DDL, a re-apply that differs), a fresh scratch database is rebuilt by replaying
// the forward scripts and checked against the recorded catalog; only when that is impossible
// are later migrations skipped as "blocked by <id>".
//
// A failed forward blocks every later migration, unless VerifyOptions::keep_going: then the
// failed migration is left out (its forward rolled back, or the database rebuilt by replaying
// the migrations that succeeded) and the run goes on without it, every later result saying so.
#pragma once

#include <chrono>
#include <functional>
#include <string_view>

#include "harness/checks/result.h"
#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

// A step about to start, for progress display (`crucible verify` on a TTY, --verbose).
struct ProgressEvent {
  std::string_view engine;      // "postgres"
  const Migration& migration;
  std::string_view step;        // "forward", "reverse", "reapply", "replay"
  const Script* script;         // the script about to run
};

// The linear pass's scratch database as a migration begins, for a check beside it whose own
// database takes the same steps (the data check's walking database on MariaDB: it goes by the
// linear pass's snapshots while it stays in step, instead of taking its own).
struct LinearStart {
  // The pass's snapshot of that very state, or null when it took none (valid during the call).
  const catalog::Catalog* schema = nullptr;
  // Whether that state came from the one the previous migration began in by the previous
  // migration's forward, reverse and forward again, each run whole, and nothing else: no
  // rollback, no rebuild, no program nor verify script.
  bool by_forward_reverse_forward = false;
};

struct VerifyOptions {
  // Only migrations whose versions are listed are reported (empty: all). Earlier ones still run
  // forward to reach the right starting state. Used by --changed-since and sharding later.
  std::vector<std::string> only_versions;
  // Called before each step, from the thread running this engine (engines run in parallel: the
  // callee synchronises). Empty: no progress.
  std::function<void(const ProgressEvent&)> progress;
  // --migration-timeout: the forward, reverse and re-apply of one migration together may take
  // this long; a statement still running then is cancelled and reported as an error. 0: none.
  std::chrono::milliseconds migration_timeout{0};
  // --keep-going: a migration whose forward fails is left out and the next one runs from the
  // last good state, instead of every later migration being skipped as "blocked by".
  bool keep_going = false;
  // Called from the same thread after each migration's checks, with the number of migrations
  // finished, the run so far (whose results only ever grow at the end) and the scratch database
  // as the next migration begins: the data check runs beside the linear pass on what it has
  // said so far (linear_feed.h). Empty: nobody listens.
  std::function<void(size_t done, const EngineRun& run, const LinearStart& next)>
      after_migration;
};

// Never throws for anything a migration does; an infrastructure failure (server gone) ends the
// run with status "error" and the remaining results skipped with the reason.
EngineRun verify_engine(Engine& engine, const MigrationSet& set, const VerifyOptions& options = {});

}  // namespace crucible
