#include "harness/checks/walk.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/catalog/diff.h"
#include "harness/checks/check_names.h"
#include "harness/checks/walkable_range.h"
#include "harness/replay/restore.h"

namespace crucible {
namespace {

using catalog::Catalog;

struct Walk {
  size_t start = 0;
  std::vector<size_t> targets;  // never empty

  std::string str() const { return fmt::format("{}→{}", start, fmt::join(targets, "→")); }
};

struct WalkFailure {
  size_t step = 0;      // index into Walk::targets
  std::string version;  // the migration whose script ran last: the likeliest culprit
  std::string what;     // in words
  nlohmann::json diff = nlohmann::json::array();
  std::optional<StatementError> error;
};

// Walks come from the standard's mt19937_64, whose output for a seed the C++ standard fixes,
// rather than from a property-testing library: the installed library then needs none (RapidCheck
// stays a dependency of Crucible's own tests), and a seed names the same walks on every platform
// and standard library (std::uniform_int_distribution's output is implementation-defined).
class WalkSource {
 public:
  explicit WalkSource(uint64_t seed) : bits_(seed) {}

  // A start and 1..max_steps targets, every version uniform in 0..top.
  Walk next(size_t top, int max_steps) {
    Walk walk{below(top + 1), {below(top + 1)}};
    size_t further = below(static_cast<size_t>(std::max(max_steps, 1)));
    for (size_t k = 0; k < further; ++k) walk.targets.push_back(below(top + 1));
    return walk;
  }

 private:
  // Uniform in 0..n-1; n is a few hundred versions at most, so the modulo bias is negligible.
  size_t below(size_t n) { return static_cast<size_t>(bits_() % n); }

  std::mt19937_64 bits_;
};

class Walker {
 public:
  Walker(Engine& engine, const MigrationSet& set, std::vector<Catalog> linear)
      : engine_(engine), set_(set), linear_(std::move(linear)), restorer_(engine, set) {}

  std::optional<WalkFailure> run(const Walk& walk) {
    ++runs_;
    auto db = restorer_.restore(walk.start);
    size_t at = walk.start;
    for (size_t step = 0; step < walk.targets.size(); ++step) {
      size_t to = walk.targets[step];
      if (auto failure = move(*db, step, at, to)) return failure;
      at = to;
    }
    return std::nullopt;
  }

  int runs() const { return runs_; }

 private:
  std::optional<WalkFailure> move(Database& db, size_t step, size_t from, size_t to) {
    if (auto failed = move_between(db, set_, engine_.kind(), from, to))
      return WalkFailure{step, failed->version,
                         fmt::format("step {} ({}→{}): {}", step + 1, from, to, failed->describe()),
                         nlohmann::json::array(), failed->error};
    auto changes = catalog::diff(linear_[to], db.snapshot());
    if (changes.empty()) return std::nullopt;
    std::string text = changes.front().describe(
        fmt::format("at version {} in the linear pass", to), "after the walk");
    if (changes.size() > 1) text += fmt::format(" (and {} more changes)", changes.size() - 1);
    // The last script run: the forward of migration `to` going up, the reverse of `to`+1 down.
    size_t culprit = to > from ? to - 1 : to;
    return WalkFailure{step, set_.migrations[culprit].version,
                       fmt::format("step {} ({}→{}): {}", step + 1, from, to, text),
                       catalog::to_json(changes), std::nullopt};
  }

  Engine& engine_;
  const MigrationSet& set_;
  std::vector<Catalog> linear_;
  VersionRestorer restorer_;
  int runs_ = 0;
};

// The catalog after each version 0..top, by one linear forward pass on a fresh database.
std::vector<Catalog> linear_catalogs(Engine& engine, const MigrationSet& set, size_t top) {
  auto db = engine.create_scratch();
  std::vector<Catalog> catalogs{db->snapshot()};
  for (size_t v = 1; v <= top; ++v) {
    if (auto failed = move_between(*db, set, engine.kind(), v - 1, v))
      throw Error(fmt::format("walk: the linear pass failed this time: {}", failed->describe()));
    catalogs.push_back(db->snapshot());
  }
  return catalogs;
}

struct Found {
  Walk original, shrunk;
  WalkFailure failure;
  int passed_before = 0;
  int shrink_steps = 0;
};

// Walks one step simpler than `walk`, in the order they are tried: everything after the failing
// step cut; the walk started further on (restores make any start as cheap as 0); one target
// dropped; one step made a version shorter; the start moved nearer its first target. Together
// they turn 0→0→3→1 and 4→2 into 3→2.
std::vector<Walk> simpler_walks(const Walk& walk, size_t failing_step) {
  std::vector<Walk> out;
  if (failing_step + 1 < walk.targets.size())
    out.push_back({walk.start, {walk.targets.begin(), walk.targets.begin() + failing_step + 1}});
  for (size_t k = 0; k + 1 < walk.targets.size(); ++k)
    out.push_back({walk.targets[k], {walk.targets.begin() + k + 1, walk.targets.end()}});
  for (size_t k = 0; k < walk.targets.size() && walk.targets.size() > 1; ++k) {
    Walk fewer = walk;
    fewer.targets.erase(fewer.targets.begin() + k);
    out.push_back(fewer);
  }
  for (size_t k = 0; k < walk.targets.size(); ++k) {
    size_t from = k == 0 ? walk.start : walk.targets[k - 1];
    if (walk.targets[k] == from) continue;
    Walk nearer = walk;
    nearer.targets[k] += walk.targets[k] > from ? -1 : 1;
    if (!(k == 0 && nearer.targets[0] == nearer.start && nearer.targets.size() == 1))
      out.push_back(nearer);
  }
  if (walk.start != walk.targets[0]) {  // the start one version nearer its first target
    Walk nearer = walk;
    nearer.start += walk.targets[0] > walk.start ? 1 : -1;
    if (!(nearer.start == nearer.targets[0] && nearer.targets.size() == 1)) out.push_back(nearer);
  }
  return out;
}

// Greedy shrinking: takes the first simpler walk that still fails, until none does (or the
// budget of re-runs is spent).
void tighten(Walker& walker, Found& found, int budget) {
  for (bool simpler = true; simpler && walker.runs() < budget;) {
    simpler = false;
    for (const Walk& candidate : simpler_walks(found.shrunk, found.failure.step)) {
      if (walker.runs() >= budget) break;
      if (auto failure = walker.run(candidate)) {
        found.shrunk = candidate;
        found.failure = *failure;
        ++found.shrink_steps;
        simpler = true;
        break;
      }
    }
  }
}

std::optional<Found> search(Walker& walker, size_t top, const WalkOptions& options) {
  WalkSource source(options.seed);
  for (int i = 0; i < options.walks; ++i) {
    Walk walk = source.next(top, options.max_steps);
    if (auto failure = walker.run(walk)) {
      Found found{walk, walk, *failure, i};
      tighten(walker, found, walker.runs() + options.max_shrink_runs);
      return found;
    }
  }
  return std::nullopt;
}

// The engine is filled in once the walk is done (run_walks).
Result walk_result(const Migration& m, Status status, std::string message) {
  return result_for("", m, check::kWalk, status, std::move(message));
}

Result failure_result(const MigrationSet& set, const Found& found, const WalkOptions& options) {
  const WalkFailure& failure = found.failure;
  const Migration* m = &set.migrations.front();
  for (const Migration& candidate : set.migrations)
    if (candidate.version == failure.version) m = &candidate;
  std::string origin = found.shrink_steps == 0
      ? "not shrinkable further"
      : fmt::format("shrunk from {} in {} steps", found.original.str(), found.shrink_steps);
  Result r = walk_result(*m, Status::fail,
      fmt::format("walk {} fails at {} ({}; {} walks passed before it; replay with --seed {})",
                  found.shrunk.str(), failure.what, origin, found.passed_before, options.seed));
  r.diff = failure.diff;
  if (failure.error) {
    r.location = failure.error->where;
    r.sqlstate = failure.error->sqlstate;
    r.statement = failure.error->statement;
  }
  return r;
}

}  // namespace

std::vector<Result> walk_engine(Engine& engine, const MigrationSet& set, const EngineRun& linear,
                                const WalkOptions& options) {
  std::vector<Result> results;
  if (options.walks <= 0) return results;
  auto started = std::chrono::steady_clock::now();
  WalkableRange range = walkable_range(set, engine.kind(), linear);
  if (range.top > 0) {
    Walker walker(engine, set, linear_catalogs(engine, set, range.top));
    if (auto found = search(walker, range.top, options)) {
      results.push_back(failure_result(set, *found, options));
    } else {
      results.push_back(walk_result(set.migrations[range.top - 1], Status::pass,
          fmt::format("{} random walks over versions 0..{} ({}..{}) saw the linear pass's "
                      "schema at every step (seed {})", options.walks, range.top,
                      set.migrations.front().version, set.migrations[range.top - 1].version,
                      options.seed)));
    }
    results.back().duration_ms = std::chrono::duration<double, std::milli>(
        std::chrono::steady_clock::now() - started).count();
  }
  if (range.stop)
    results.push_back(walk_result(set.migrations[range.top], Status::skip,
        fmt::format("walks stop before {}: {}", set.migrations[range.top].version, *range.stop)));
  for (Result& r : results) r.engine = std::string(engine_name(engine.kind()));
  return results;
}

}  // namespace crucible
