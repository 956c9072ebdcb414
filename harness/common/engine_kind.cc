#include "harness/common/engine_kind.h"

#include "harness/engines/registry.h"

namespace crucible {

std::string_view engine_name(EngineKind kind) { return engine_facts(kind).name; }

std::optional<EngineKind> parse_engine_name(std::string_view name) {
  if (const EngineFacts* facts = find_engine(name)) return facts->kind;
  return std::nullopt;
}

Dialect dialect_of(EngineKind kind) { return engine_facts(kind).dialect; }

const std::vector<EngineKind>& all_engine_kinds() {
  static const std::vector<EngineKind> kinds = [] {
    std::vector<EngineKind> out;
    for (const EngineFacts* facts : registered_engines()) out.push_back(facts->kind);
    return out;
  }();
  return kinds;
}

}  // namespace crucible
