#include "harness/checks/commute.h"

#include <chrono>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/catalog/diff.h"
#include "harness/checks/check_names.h"
#include "harness/replay/apply.h"
#include "harness/replay/restore.h"

namespace crucible {
namespace {

struct Failure {
  const Migration* migration;
  StatementError error;
};

// The forwards of `first` then `second` on `db`; the first that fails. A migration with no
// script for this engine is left out, as `verify` skips it.
std::optional<Failure> apply_in_order(Database& db, EngineKind kind,
                                      const std::vector<Migration>& first,
                                      const std::vector<Migration>& second) {
  for (const std::vector<Migration>* side : {&first, &second})
    for (const Migration& m : *side) {
      const EngineScripts* scripts = m.for_engine(kind);
      if (!scripts) continue;
      ExecResult result = apply_step(db, *scripts, ApplyDirection::forward);
      if (!result.ok()) return Failure{&m, *result.error};
    }
  return std::nullopt;
}

std::string versions(const std::vector<Migration>& migrations) {
  std::vector<std::string> parts;
  for (const Migration& m : migrations) parts.push_back(m.version);
  return fmt::format("{}", fmt::join(parts, " "));
}

std::string outcome(const std::optional<Failure>& failure) {
  if (!failure) return "succeeds";
  return fmt::format("{} forward fails at {}: {}", failure->migration->version,
                     failure->error.where.str(), failure->error.message);
}

struct Order {
  std::optional<Failure> failure;
  catalog::Catalog catalog;
};

Order run_order(VersionRestorer& restorer, size_t base_version, EngineKind kind,
                const std::vector<Migration>& first, const std::vector<Migration>& second) {
  std::unique_ptr<Database> db = restorer.restore(base_version);
  Order order;
  order.failure = apply_in_order(*db, kind, first, second);
  if (!order.failure) order.catalog = db->snapshot();
  return order;
}

}  // namespace

Result check_commute(Engine& engine, const CommuteSides& sides) {
  auto start = std::chrono::steady_clock::now();
  Result result;
  result.engine = std::string(engine_name(engine.kind()));
  result.check = check::kCommute;
  if (!sides.branch.empty()) {
    result.migration = sides.branch.back().version;
    result.name = sides.branch.back().name;
  }
  const std::string main_versions = versions(sides.main);
  const std::string branch_versions = versions(sides.branch);
  if (sides.main.empty() || sides.branch.empty()) {
    result.status = Status::skip;
    result.message = fmt::format("{} added no migrations since the merge base: there is one order only",
                                 sides.main.empty() ? "main" : "the branch");
    return result;
  }
  try {
    VersionRestorer restorer(engine, sides.base);
    const size_t base_version = sides.base.migrations.size();
    Order main_first = run_order(restorer, base_version, engine.kind(), sides.main, sides.branch);
    Order branch_first = run_order(restorer, base_version, engine.kind(), sides.branch, sides.main);
    if (main_first.failure || branch_first.failure) {
      const Failure& failure = main_first.failure ? *main_first.failure : *branch_first.failure;
      result.status = Status::error;
      result.message = fmt::format("main's {} then the branch's {}: {}; the branch's then main's: {}",
                                   main_versions, branch_versions, outcome(main_first.failure),
                                   outcome(branch_first.failure));
      result.location = failure.error.where;
      result.sqlstate = failure.error.sqlstate;
      result.statement = failure.error.statement;
    } else if (auto changes = catalog::diff(main_first.catalog, branch_first.catalog);
               !changes.empty()) {
      result.status = Status::fail;
      result.message = fmt::format(
          "main's {} and the branch's {} give different schemas by merge order: {}{}",
          main_versions, branch_versions,
          changes.front().describe("with main's first", "with the branch's first"),
          changes.size() > 1 ? fmt::format(" (and {} more changes)", changes.size() - 1) : "");
      result.diff = catalog::to_json(changes);
    } else {
      result.status = Status::pass;
      result.message = fmt::format("main's {} and the branch's {} give the same schema in either order",
                                   main_versions, branch_versions);
    }
  } catch (const Error& e) {
    result.status = Status::error;
    result.message = fmt::format("cannot judge the merge order: {}", e.what());
  }
  result.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace crucible
