// The engines built into Crucible, one EngineFacts each. Adding an engine is adding a folder
// under harness/engines/ with its facts, and one line in registry.cc (README "How to add an
// engine").
#pragma once

#include <string_view>
#include <vector>

#include "harness/engines/engine_facts.h"

namespace crucible {

// Every registered engine, in the order --engine help and reports list them.
const std::vector<const EngineFacts*>& registered_engines();

// The facts of `kind`; every EngineKind is registered.
const EngineFacts& engine_facts(EngineKind kind);

// The engine called `name` (its name or one of its aliases), or nullptr.
const EngineFacts* find_engine(std::string_view name);

}  // namespace crucible
