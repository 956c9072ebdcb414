// Reaching a version of a migration set, many times over, as cheaply as the engine allows.
//
// Version v of a set means "after the forward scripts of its first v migrations" (0: an empty
// scratch database). Walks and data checks need a database at some version again and again: on
// engines that can clone (PostgreSQL's CREATE DATABASE … TEMPLATE, SQLite's backup API) a
// template per version is built once and cloned; elsewhere (MariaDB, MySQL) the forward scripts
// are replayed into a fresh scratch database. benchmarks/restore_benchmark.cc measures both.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "harness/engines/engine.h"
#include "harness/migration/migration.h"

namespace crucible {

// A script that failed while moving between versions.
struct MoveError {
  std::string version;    // the migration whose script failed
  std::string direction;  // "forward" or "reverse"
  StatementError error;

  std::string describe() const;  // "0003 reverse failed at 0003_x.down.sql:2: <engine message>"
};

// Moves `db` from version `from` to version `to`: the forward scripts of migrations [from, to)
// in order, or the reverse scripts of [to, from) newest first. A migration with no script for
// this engine is a no-op both ways. Returns the first script that failed; throws crucible::Error
// for a migration that has no reverse (callers only walk over reversible ones).
std::optional<MoveError> move_between(Database& db, const MigrationSet& set, EngineKind kind,
                                      size_t from, size_t to);

class VersionRestorer {
 public:
  enum class Strategy {
    cheapest,  // clone a cached template per version where the engine can, else replay
    replay,    // always replay forward scripts into a fresh scratch database
  };

  VersionRestorer(Engine& engine, const MigrationSet& set, Strategy strategy = Strategy::cheapest);
  ~VersionRestorer();

  // A new scratch database at `version` (0 … set.migrations.size()), owned by the caller; at 0
  // a new empty one, never a clone.
  // Throws crucible::Error when a forward script fails on the way there.
  std::unique_ptr<Database> restore(size_t version);

  bool clones() const { return cloning_; }

  // Version v then means the forwards of the first v migrations without this one: the linear run
  // left it out (--keep-going, its forward failed) and went on without it. Call before restore().
  void leave_out(size_t migration) { left_out_.insert(migration); }

 private:
  Database& template_at(size_t version);
  std::unique_ptr<Database> replay(size_t version);
  void forward(Database& db, size_t from, size_t to);

  Engine& engine_;
  const MigrationSet& set_;
  bool cloning_;
  std::map<size_t, std::unique_ptr<Database>> templates_;  // version -> template database
  std::set<size_t> left_out_;  // migrations whose forward is never replayed
};

}  // namespace crucible
