// Mutation testing of the oracles: run every mutant of the reverse scripts through the core
// verify loop on one engine and see whether any check notices.
//   killed      some check's status (or its catalog diff) differs from the unmutated run
//   survived    nothing differs, yet the mutant leaves a different schema: an oracle gap
//   equivalent  nothing differs and the mutated reverse leaves exactly the schema the original
//               does (or the original migration did not pass, so there is nothing to compare)
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/checks/mutate/mutators.h"
#include "harness/engines/engine.h"

namespace crucible::mutate {

struct Outcome {
  Mutant mutant;
  std::string verdict;   // "killed", "survived", "equivalent"
  std::string evidence;  // "0003 roundtrip: pass -> fail", or why it is equivalent
};

struct MutationReport {
  std::string engine;
  std::vector<Outcome> outcomes;

  int count(const std::string& verdict) const;
  // killed / (killed + survived); 1 when there is nothing to kill.
  double score() const;
  nlohmann::json to_json() const;
};

// Throws crucible::Error for infrastructure failures. `keep_going`: the verify runs go on past a
// failed forward (VerifyOptions::keep_going), so the migrations after it are mutated too.
MutationReport run_mutants(Engine& engine, const MigrationSet& set, bool keep_going = false);

}  // namespace crucible::mutate
