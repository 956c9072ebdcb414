#include "tests/scenario/comparison.h"

#include <fmt/format.h>

namespace crucible::scenario {
namespace {

std::string one_line(std::string text, size_t max) {
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (text.size() > max) text = text.substr(0, max - 3) + "...";
  return text;
}

std::string describe(const Result& r) {
  std::string text = fmt::format("{} {} {} {}", r.engine, r.migration, r.check, status_name(r.status));
  if (!r.message.empty()) text += fmt::format(": \"{}\"", one_line(r.message, 160));
  if (r.location) text += fmt::format(" at {}", r.location->str());
  return text;
}

std::vector<const Expectation*> covering(const Scenario& scenario, const Result& result) {
  std::vector<const Expectation*> out;
  for (const Expectation& e : scenario.expectations)
    if (e.matches(result)) out.push_back(&e);
  return out;
}

// Results with the same migration and check: what the engine said instead.
std::string closest(const Expectation& e, const EngineRun& run) {
  std::string out;
  for (const Result& r : run.results)
    if ((!e.migration || *e.migration == r.migration) && (!e.check || *e.check == r.check))
      out += "\n      got " + describe(r);
  return out.empty() ? "\n      got no result for that migration and check" : out;
}

}  // namespace

std::vector<std::string> compare(const Scenario& scenario, const EngineRun& run) {
  std::vector<std::string> problems;
  if (run.results.empty())
    problems.push_back(fmt::format("no results at all for {}", run.engine));

  for (const Expectation& e : scenario.expectations) {
    if (!e.applies_to(run.engine)) continue;
    int matched = 0;
    for (const Result& r : run.results) matched += e.matches(r) ? 1 : 0;
    if (e.count ? matched > *e.count || matched < *e.count - e.count_slack : matched == 0)
      problems.push_back(fmt::format("MISSING     expect {}: matched {} result{}{}", e.describe(),
                                     matched, matched == 1 ? "" : "s", closest(e, run)));
  }
  for (const Result& r : run.results)
    if (r.status != Status::pass && covering(scenario, r).empty())
      problems.push_back("UNEXPECTED  " + describe(r) + "\n      (not a pass, and no [[expect]] matches it)");
  return problems;
}

void print_results(const Scenario& scenario, const EngineRun& run, std::ostream& out) {
  out << fmt::format("{:<16} {:<10} {:<6} {:<12} {}\n", "migration", "check", "status", "verdict",
                     "message");
  for (const Result& r : run.results) {
    auto by = covering(scenario, r);
    std::string verdict = !by.empty()                ? fmt::format("expect #{}", by.front()->number)
                          : r.status == Status::pass ? "pass"
                                                     : "UNEXPECTED";
    out << fmt::format("{:<16} {:<10} {:<6} {:<12} {}\n", r.migration, r.check,
                       status_name(r.status), verdict, one_line(r.message, 100));
  }
}

}  // namespace crucible::scenario
