#include "harness/engines/registry.h"

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible {

// One line per engine; each folder defines its facts.
const EngineFacts& sqlite_facts();
const EngineFacts& postgres_facts();
const EngineFacts& mysql_facts();
const EngineFacts& mariadb_facts();
const EngineFacts& db2_facts();

const std::vector<const EngineFacts*>& registered_engines() {
  static const std::vector<const EngineFacts*> engines = {
      &sqlite_facts(), &postgres_facts(), &mysql_facts(), &mariadb_facts(), &db2_facts(),
  };
  return engines;
}

const EngineFacts& engine_facts(EngineKind kind) {
  for (const EngineFacts* facts : registered_engines())
    if (facts->kind == kind) return *facts;
  throw Error(fmt::format("engine #{} is not registered (harness/engines/registry.cc)",
                          static_cast<int>(kind)));
}

const EngineFacts* find_engine(std::string_view name) {
  for (const EngineFacts* facts : registered_engines()) {
    if (facts->name == name) return facts;
    for (std::string_view alias : facts->aliases)
      if (alias == name) return facts;
  }
  return nullptr;
}

}  // namespace crucible
