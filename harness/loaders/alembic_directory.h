// The Alembic loader: drives the project's own Alembic offline. For each revision of the linear
// history (alembic_graph.h) it renders `alembic upgrade <prev>:<rev> --sql` as the forward and
// `alembic downgrade <rev>:<prev> --sql` as the reverse, once per SQLAlchemy dialect the engines
// need (postgresql:// for PostgreSQL, mysql:// for MySQL and MariaDB, sqlite:// for SQLite), and
// splits the rendered SQL like any other script. The migration id is the revision id.
//
// What is verified is the project's schema change: Alembic's own bookkeeping in the rendered SQL
// (CREATE/INSERT/UPDATE/DELETE/DROP of its version table) is left out, and the BEGIN/COMMIT
// around each step is the transaction Crucible runs the script in. A step that manages its own
// transactions (autocommit_block) runs outside one, as written.
//
// The dialect URL reaches env.py as sqlalchemy.url (set on alembic.ini's [alembic] section in
// memory, script_location made absolute) and as $DATABASE_URL. An env.py that renders for another
// dialect anyway makes that revision an error saying so. A step Alembic cannot render (Python
// logic that needs a live database, an env.py that fails to import) is an `error` of that
// revision's forward or reverse carrying Alembic's message (a forward's blocks later revisions).
// Branches that merge again are verified as one step ending at the merge point (`alembic upgrade
// <branch point>:<merge>`, Alembic's own order); their revisions are `skip`s naming it. Revisions
// after a branch that does not merge are `skip` with the reason; unmerged heads, and a
// down_revision naming no revision, are errors.
//
// Markers are Python comments in the revision file: `# crucible:irreversible <reason>`,
// `# crucible:lossy <reason>`, `# crucible:no-transaction`.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/migration/migration.h"

namespace crucible {

struct AlembicOptions {
  // The longest one rendering step may take (the project's env.py runs in every step).
  std::chrono::seconds step_timeout{120};
  // The Python environment besides PATH and LANG (--define NAME=VALUE): nothing else of
  // Crucible's environment reaches the project's code.
  std::map<std::string, std::string> environment;
  // The interpreter; empty: $CRUCIBLE_PYTHON, else the first of python3 (on PATH) and
  // /usr/bin/python3 that has Alembic.
  std::string python;
};

// Throws crucible::Error when the folder is no Alembic project, a revision file cannot be read
// (naming file and line), or no Python with Alembic can be found (saying how to install it).
MigrationSet load_alembic_directory(const std::string& root, const std::vector<EngineKind>& engines,
                                    const AlembicOptions& options = {});

}  // namespace crucible
