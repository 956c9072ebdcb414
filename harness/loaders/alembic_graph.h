// An Alembic project as its files describe it, read without running Python: where alembic.ini,
// env.py and the revision files are, and the revision graph (revision / down_revision /
// branch_labels of each file under versions/). Used by the Alembic loader to choose what runs
// and by checks that compare histories (a merge that leaves two heads).
//
// The project folder is one of: a folder with alembic.ini (its [alembic] script_location names
// the folder of env.py; version_locations, when set, the folders of revision files), or the
// script folder itself (env.py + versions/), or its versions/ folder.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crucible::loaders {

struct AlembicProject {
  std::string root;                            // the folder the user named
  std::optional<std::string> ini;              // alembic.ini, absolute, when there is one
  std::string script_location;                 // absolute; holds env.py
  std::vector<std::string> version_locations;  // absolute folders of revision files
  bool recursive_versions = false;             // recursive_version_locations = true
  std::string cwd;  // where `alembic` is run from: the ini's folder (else script_location's parent)
};

struct AlembicRevision {
  std::string id;
  std::vector<std::string> down_revisions;  // none: a base; two or more: a merge point
  std::vector<std::string> branch_labels;
  std::string file;  // relative to the project root, for messages
  int line = 0;      // of `revision = …`
  std::string name;  // the file's slug: a1b2c3_add_users.py -> add_users
};

struct AlembicGraph {
  std::vector<AlembicRevision> revisions;  // ordered by file name
  std::vector<std::string> bases;          // revisions without a down_revision
  std::vector<std::string> heads;          // revisions nothing revises

  const AlembicRevision* find(const std::string& id) const;
};

// True when `root` looks like an Alembic project (see above).
bool is_alembic_folder(const std::string& root);

// Throws crucible::Error naming the file when the folder is no Alembic project, alembic.ini has
// no usable script_location, or env.py is missing.
AlembicProject find_alembic_project(const std::string& root);

// Throws crucible::Error naming file and line for a revision file without a literal
// `revision = '…'`, a down_revision that is not None / a string / a tuple of strings, or two
// files of one revision id.
AlembicGraph read_alembic_graph(const AlembicProject& project);

// Lists revisions, down_revisions and heads of the project in `root` (both calls above).
AlembicGraph read_alembic_graph(const std::string& root);

// What Crucible runs of a graph: the linear history from the single base, one step per revision.
// Branches that merge again (a branch point whose revisions all lead to one merge point, and
// nowhere else) are one step ending at the merge point: `alembic upgrade <branch point>:<merge>`
// runs them in Alembic's own order, so Crucible chooses nothing. The history stops at a branch
// that does not merge; every revision not run says why.
struct AlembicHistory {
  struct Left {
    const AlembicRevision* revision;
    std::string reason;
    bool error = false;  // a defect (unmerged heads, an unknown down_revision), not just a shape
  };
  std::vector<const AlembicRevision*> linear;  // the end of each step, oldest first
  // For a merge point in `linear`: the branch revisions its step runs (parents first).
  std::map<std::string, std::vector<const AlembicRevision*>> merged_through;
  std::vector<Left> left_out;                  // in dependency order
};

// The history points into `graph`, which must outlive it.
AlembicHistory plan_history(const AlembicGraph& graph);
AlembicHistory plan_history(AlembicGraph&&) = delete;

}  // namespace crucible::loaders
