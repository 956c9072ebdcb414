#include "tests/support/check_testing.h"

#include <fmt/format.h>

#include "tests/support/catalog_testing.h"

namespace crucible::testing {

MigrationSet inline_set(EngineKind kind, const std::vector<Step>& steps) {
  MigrationSet set;
  set.root = "<inline>";
  set.format = "sql";
  for (size_t i = 0; i < steps.size(); ++i) {
    Migration m;
    m.version = fmt::format("{:04}", i + 1);
    m.name = fmt::format("m{}", i + 1);
    EngineScripts scripts;
    scripts.forward = script_for(kind, steps[i].up, m.version + "_m.up.sql");
    if (steps[i].down) scripts.reverse = script_for(kind, *steps[i].down, m.version + "_m.down.sql");
    m.scripts[kind] = std::move(scripts);
    set.migrations.push_back(std::move(m));
  }
  return set;
}

const Result* find(const EngineRun& run, const std::string& version, const std::string& check) {
  for (const Result& r : run.results)
    if (r.migration == version && r.check == check) return &r;
  return nullptr;
}

}  // namespace crucible::testing
