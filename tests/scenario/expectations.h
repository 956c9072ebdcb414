// A scenario's expect.toml: what `crucible verify` must report for one folder of migrations.
// scenarios/README.md documents the format; load_scenario() enforces it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/checks/result.h"

namespace crucible::scenario {

// The engines a scenario runs on when expect.toml does not say.
const std::vector<std::string>& default_engines();

// One [[expect]] table: a pattern over results. Fields left out match anything.
struct Expectation {
  int number = 0;  // 1-based position among the [[expect]] tables
  int line = 0;    // line of the table in expect.toml
  std::string engine = "*";              // an engine name, or "*" for every engine
  std::optional<std::string> migration;  // version id as in the file name, e.g. "0002"
  std::optional<std::string> check;      // "forward", "reverse", "roundtrip", "reapply", ...
  Status status = Status::pass;
  std::vector<std::string> message_contains;  // substrings the result's message must all contain
  std::string location_contains;  // substring of the result's "file:line"
  std::optional<int> count;       // exactly this many results must match; default: at least one
  // With `count`: up to this many fewer may match, for results of checks a run leaves out of the
  // comparison (check_scenario --without-check), which `count` may have included.
  int count_slack = 0;

  bool applies_to(std::string_view engine_name) const;
  bool matches(const Result& result) const;
  // "#2 (line 14): * 0002 reapply error, message contains \"users_email_idx\""
  std::string describe() const;
};

struct Scenario {
  std::string file;  // the expect.toml it came from
  std::string description;
  std::vector<std::string> engines;
  std::vector<std::string> args;  // extra `crucible verify` arguments, e.g. ["--strict-dml"]
  std::vector<Expectation> expectations;

  bool runs_on(std::string_view engine) const;
};

// Parses and validates expect.toml. Throws crucible::Error naming the file and line for a TOML
// syntax error, an unknown key, a wrong type, an unknown engine or status.
Scenario load_scenario(const std::string& expect_file);

}  // namespace crucible::scenario
