#include "harness/checks/idempotence.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "harness/catalog/diff.h"
#include "harness/checks/check_names.h"
#include "harness/checks/walkable_range.h"
#include "harness/replay/apply.h"
#include "harness/replay/restore.h"

namespace crucible {
namespace {

using catalog::Catalog;

bool forward_passed(const EngineRun& linear, const Migration& m) {
  for (const Result& r : linear.results)
    if (r.migration == m.version && r.check == check::kForward) return r.status == Status::pass;
  return false;
}

std::string in_words(const std::vector<catalog::Change>& changes) {
  std::string text = changes.front().describe("after the first forward", "after the second");
  if (changes.size() > 1) text += fmt::format(" (and {} more changes)", changes.size() - 1);
  return text;
}

class IdempotenceChecker {
 public:
  IdempotenceChecker(Engine& engine, const MigrationSet& set, const EngineRun& linear)
      : engine_(engine), set_(set), linear_(linear), restorer_(engine, set),
        db_(engine.create_scratch()), left_out_(left_out_migrations(linear, set)) {
    for (size_t i : left_out_) restorer_.leave_out(i);
  }

  std::vector<Result> run() {
    for (size_t i = 0; i < set_.migrations.size(); ++i) {
      const Migration& m = set_.migrations[i];
      if (blocked_) {
        add(m, Status::skip, *blocked_);
      } else if (const EngineScripts* scripts = m.for_engine(engine_.kind())) {
        check(i, *scripts);
      } else {
        add(m, Status::skip, fmt::format("no script for {}", engine_name(engine_.kind())));
      }
    }
    return std::move(results_);
  }

 private:
  Result& add(const Migration& m, Status status, std::string message) {
    return results_.emplace_back(result_for(std::string(engine_name(engine_.kind())), m,
                                            check::kIdempotence, status, std::move(message)));
  }

  // Applies migration `index` twice and classifies the second run. Leaves db_ at version
  // index + 1 (restored when the second run changed it).
  void check(size_t index, const EngineScripts& scripts) {
    const Migration& m = set_.migrations[index];
    if (std::count(left_out_.begin(), left_out_.end(), index)) {
      add(m, Status::skip, "left out: its forward failed in the linear pass (--keep-going)");
      return;  // never applied here either: db_ stays at the last good version
    }
    if (!forward_passed(linear_, m)) {
      blocked_ = fmt::format("blocked by {}: its forward did not pass", m.version);
      add(m, Status::skip, *blocked_);
      return;
    }
    auto started = std::chrono::steady_clock::now();
    ExecResult first = apply_step(*db_, scripts, ApplyDirection::forward);
    if (!first.ok())
      throw Error(fmt::format("idempotence: {} forward failed this time although it passed in "
                              "the linear pass: {}", m.version, first.error->message));
    Catalog once = db_->snapshot();
    ExecResult second = apply_step(*db_, scripts, ApplyDirection::forward);
    auto changes = catalog::diff(once, db_->snapshot());
    Result& r = classify(m, second, changes);
    r.duration_ms = std::chrono::duration<double, std::milli>(
        std::chrono::steady_clock::now() - started).count();
    if (!changes.empty()) db_ = restorer_.restore(index + 1);
  }

  Result& classify(const Migration& m, const ExecResult& second,
                   const std::vector<catalog::Change>& changes) {
    if (changes.empty())
      return second.ok()
          ? add(m, Status::pass, "idempotent: a second forward succeeds and changes nothing")
          : add(m, Status::pass,
                fmt::format("refuses cleanly: a second forward fails ({}: {}) and changes "
                            "nothing", second.error->where.str(), second.error->message));
    std::string how = second.ok()
        ? "a second forward succeeds and changes the schema again"
        : fmt::format("a second forward fails ({}: {}) after changing the schema",
                      second.error->where.str(), second.error->message);
    Result& r = add(m, Status::fail, fmt::format("{}: {}", how, in_words(changes)));
    r.diff = catalog::to_json(changes);
    r.location = second.ok() ? SourceLocation{set_file(m), 0} : second.error->where;
    return r;
  }

  std::string set_file(const Migration& m) const {
    return m.for_engine(engine_.kind())->forward.file;
  }

  Engine& engine_;
  const MigrationSet& set_;
  const EngineRun& linear_;
  VersionRestorer restorer_;
  std::unique_ptr<Database> db_;
  std::optional<std::string> blocked_;
  std::vector<size_t> left_out_;  // left_out_migrations() of the linear pass
  std::vector<Result> results_;
};

}  // namespace

std::vector<Result> idempotence_engine(Engine& engine, const MigrationSet& set,
                                       const EngineRun& linear) {
  return IdempotenceChecker(engine, set, linear).run();
}

}  // namespace crucible
