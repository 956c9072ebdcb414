#include "harness/replay/restore.h"

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/replay/apply.h"

namespace crucible {

std::string MoveError::describe() const {
  return fmt::format("{} {} failed at {}: {}", version, direction, error.where.str(),
                     error.message);
}

std::optional<MoveError> move_between(Database& db, const MigrationSet& set, EngineKind kind,
                                      size_t from, size_t to) {
  const bool up = to > from;
  for (size_t step = 0, steps = up ? to - from : from - to; step < steps; ++step) {
    const Migration& m = set.migrations[up ? from + step : from - 1 - step];
    const EngineScripts* scripts = m.for_engine(kind);
    if (!scripts) continue;
    if (!up && !scripts->reverse)
      throw Error(fmt::format("migration {} has no reverse for {}", m.version, engine_name(kind)));
    ExecResult result =
        apply_step(db, *scripts, up ? ApplyDirection::forward : ApplyDirection::reverse);
    if (!result.ok()) return MoveError{m.version, up ? "forward" : "reverse", *result.error};
  }
  return std::nullopt;
}

VersionRestorer::VersionRestorer(Engine& engine, const MigrationSet& set, Strategy strategy)
    : engine_(engine),
      set_(set),
      cloning_(strategy == Strategy::cheapest && engine.server_info().can_clone) {}

VersionRestorer::~VersionRestorer() = default;

std::unique_ptr<Database> VersionRestorer::restore(size_t version) {
  if (version > set_.migrations.size())
    throw Error(fmt::format("cannot restore version {}: the set has {} migrations", version,
                            set_.migrations.size()));
  // Version 0 is an empty database: creating one costs what a clone of an empty template does.
  if (!cloning_ || version == 0) return replay(version);
  return template_at(version).clone();
}

void VersionRestorer::forward(Database& db, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (left_out_.count(i)) continue;
    if (auto failed = move_between(db, set_, engine_.kind(), i, i + 1))
      throw Error(fmt::format("{}: cannot reach version {}: {}", engine_name(engine_.kind()), to,
                              failed->describe()));
  }
}

std::unique_ptr<Database> VersionRestorer::replay(size_t version) {
  auto db = engine_.create_scratch();
  forward(*db, 0, version);
  return db;
}

// The template for `version`: cached, or the nearest cached one below cloned and moved forward.
Database& VersionRestorer::template_at(size_t version) {
  if (auto it = templates_.find(version); it != templates_.end()) return *it->second;
  auto below = templates_.upper_bound(version);
  std::unique_ptr<Database> db;
  size_t from = 0;
  if (below == templates_.begin()) {
    db = engine_.create_scratch();
  } else {
    --below;
    from = below->first;
    db = below->second->clone();
  }
  forward(*db, from, version);
  return *(templates_[version] = std::move(db));
}

}  // namespace crucible
