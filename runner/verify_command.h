// `crucible verify PATH --engine NAME[=DSN]… [--json F] [--junit F] [--html F] [--markdown F]
//  [--sarif F] [--fail-on fail|error|any] [--allow FILE] [--shard K/N] [--changed-since REV]
//  [--keep-going] [--walks N [--seed S]] [--idempotence] [--no-data | --data-rows N] [--quiet | --verbose]`
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "runner/source_options.h"

#include "runner/gating.h"
#include "runner/outputs.h"

namespace crucible {

struct VerifyCommand {
  SourceOptions source;
  std::vector<std::string> defines;  // --define NAME=VALUE (Lua DSL, Helium macros)
  OutputOptions outputs;
  GateOptions gate;
  std::string shard;          // "K/N"
  std::string changed_since;  // git revision
  bool quiet = false;
  bool verbose = false;
  int walks = 0;                // --walks N: check `walk` (harness/checks/walk.h)
  std::optional<uint64_t> seed; // --seed S: replay walks; random when not given
  bool idempotence = false;     // --idempotence: check `idempotence`
  bool data = true;             // check `data` (harness/checks/data_check.h); --no-data: off
  int data_rows = 30;           // --data-rows N: generated rows per table
  bool strict_dml = false;      // --strict-dml: Helium UPDATE/DELETE touching no row fails
  std::string migration_timeout;  // --migration-timeout DURATION; empty: none
  bool keep_going = false;        // --keep-going: a failed forward is left out, not blocking

  CLI::App* add_to(CLI::App& app);  // registers the subcommand, binding its options here
  int run() const;  // exit code: 0 pass/skip, 1 fail/error (per --fail-on), 2 infrastructure
};

}  // namespace crucible
