#include "harness/checks/mutate/mutation_run.h"

#include <map>
#include <utility>

#include <fmt/format.h>

#include "harness/catalog/diff.h"
#include "harness/checks/verify.h"
#include "harness/checks/walkable_range.h"
#include "harness/replay/apply.h"
#include "harness/replay/restore.h"

namespace crucible::mutate {
namespace {

using Key = std::pair<std::string, std::string>;  // migration, check
struct Verdict {
  Status status;
  std::string diff;
};

std::map<Key, Verdict> verdicts(const EngineRun& run) {
  if (run.status != "ok") throw Error(fmt::format("{}: {}", run.engine, run.message));
  std::map<Key, Verdict> out;
  for (const Result& r : run.results) out[{r.migration, r.check}] = {r.status, r.diff.dump()};
  return out;
}

// The first check, in run order, whose verdict differs; "" when none does.
std::string first_difference(const std::map<Key, Verdict>& base, const EngineRun& mutant_run) {
  auto mutant = verdicts(mutant_run);
  for (const Result& r : mutant_run.results) {
    const Key key{r.migration, r.check};
    const Verdict& verdict = mutant.at(key);
    auto it = base.find(key);
    if (it == base.end()) return fmt::format("{} {}: new result", key.first, key.second);
    if (it->second.status != verdict.status)
      return fmt::format("{} {}: {} -> {}", key.first, key.second, status_name(it->second.status),
                         status_name(verdict.status));
    if (it->second.diff != verdict.diff)
      return fmt::format("{} {}: a different diff", key.first, key.second);
  }
  for (const auto& [key, verdict] : base)
    if (!mutant.count(key)) return fmt::format("{} {}: result missing", key.first, key.second);
  return "";
}

// The schema a reverse script leaves when run right after its migration's forward.
std::optional<catalog::Catalog> after_reverse(VersionRestorer& restorer, size_t migration,
                                              const Script& reverse) {
  auto db = restorer.restore(migration + 1);
  if (!run_script(*db, reverse).ok()) return std::nullopt;
  return db->snapshot();
}

}  // namespace

int MutationReport::count(const std::string& verdict) const {
  int n = 0;
  for (const Outcome& o : outcomes) n += o.verdict == verdict;
  return n;
}

double MutationReport::score() const {
  int killed = count("killed"), judged = killed + count("survived");
  return judged == 0 ? 1.0 : static_cast<double>(killed) / judged;
}

nlohmann::json MutationReport::to_json() const {
  nlohmann::json mutants = nlohmann::json::array();
  for (const Outcome& o : outcomes)
    mutants.push_back({{"migration", o.mutant.description.substr(0, o.mutant.description.find(' '))},
                       {"operator", o.mutant.op},
                       {"description", o.mutant.description},
                       {"location", o.mutant.where.str()},
                       {"verdict", o.verdict},
                       {"evidence", o.evidence}});
  return {{"engine", engine},
          {"mutants", outcomes.size()},
          {"killed", count("killed")},
          {"survived", count("survived")},
          {"equivalent_or_invalid", count("equivalent")},
          {"score", score()},
          {"results", mutants}};
}

MutationReport run_mutants(Engine& engine, const MigrationSet& set, bool keep_going) {
  MutationReport report;
  report.engine = std::string(engine_name(engine.kind()));
  const VerifyOptions options{.keep_going = keep_going};
  EngineRun baseline_run = verify_engine(engine, set, options);
  auto baseline = verdicts(baseline_run);
  VersionRestorer restorer(engine, set);
  for (size_t i : left_out_migrations(baseline_run, set)) restorer.leave_out(i);
  for (Mutant& mutant : mutants_of(set, engine.kind())) {
    Outcome outcome{std::move(mutant), "", ""};
    const Migration& m = set.migrations[outcome.mutant.migration];
    if (auto why = linear_failure(baseline_run, m)) {
      outcome.verdict = "equivalent";
      outcome.evidence = fmt::format("invalid: the unmutated migration does not pass ({})", *why);
    } else {
      MigrationSet mutated = with_mutant(set, engine.kind(), outcome.mutant);
      outcome.evidence = first_difference(baseline, verify_engine(engine, mutated, options));
      outcome.verdict = outcome.evidence.empty() ? "survived" : "killed";
    }
    if (outcome.verdict == "survived") {
      auto original = after_reverse(restorer, outcome.mutant.migration,
                                    *m.for_engine(engine.kind())->reverse);
      auto changed = after_reverse(restorer, outcome.mutant.migration, outcome.mutant.reverse);
      if (original && changed && catalog::diff(*original, *changed).empty()) {
        outcome.verdict = "equivalent";
        outcome.evidence = "the mutated reverse leaves the same schema as the original";
      } else {
        outcome.evidence = "no check noticed";
      }
    }
    report.outcomes.push_back(std::move(outcome));
  }
  return report;
}

}  // namespace crucible::mutate
