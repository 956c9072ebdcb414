#include "harness/checks/walkable_range.h"

#include <fmt/format.h>

#include "harness/checks/check_names.h"

namespace crucible {

std::optional<std::string> linear_failure(const EngineRun& run, const Migration& m) {
  for (const char* check : check::kLinear) {
    const Result* found = nullptr;
    for (const Result& r : run.results)
      if (r.migration == m.version && r.check == check) found = &r;
    if (!found) return fmt::format("its {} check did not run", check);
    if (found->status != Status::pass)
      return fmt::format("its {} check is {} in the linear pass", check,
                         status_name(found->status));
  }
  return std::nullopt;
}

namespace {

std::optional<Status> forward_status(const EngineRun& run, const Migration& m) {
  for (const Result& r : run.results)
    if (r.migration == m.version && r.check == check::kForward) return r.status;
  return std::nullopt;
}

}  // namespace

std::vector<size_t> left_out_migrations(const EngineRun& run, const MigrationSet& set) {
  std::vector<size_t> failed, left_out;
  for (size_t i = 0; i < set.migrations.size(); ++i) {
    std::optional<Status> status = forward_status(run, set.migrations[i]);
    if (status == Status::error) {
      failed.push_back(i);
    } else if (status == Status::pass) {  // the run went on past the failures before this one
      left_out.insert(left_out.end(), failed.begin(), failed.end());
      failed.clear();
    }
  }
  return left_out;
}

WalkableRange walkable_range(const MigrationSet& set, EngineKind kind, const EngineRun& run) {
  WalkableRange range;
  for (; range.top < set.migrations.size(); ++range.top) {
    const Migration& m = set.migrations[range.top];
    if (!m.for_engine(kind)) continue;
    if (m.irreversible) {
      range.stop = "it is declared irreversible: " + *m.irreversible;
      return range;
    }
    if (auto why = linear_failure(run, m)) {
      range.stop = *why;
      return range;
    }
  }
  return range;
}

}  // namespace crucible
