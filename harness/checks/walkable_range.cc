#include "harness/checks/walkable_range.h"

#include <fmt/format.h>

namespace crucible {

std::optional<std::string> linear_failure(const EngineRun& run, const Migration& m) {
  for (const char* check : {"forward", "reverse", "roundtrip", "reapply"}) {
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
