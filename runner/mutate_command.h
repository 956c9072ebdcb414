// `crucible mutate PATH [--engine NAME[=DSN]]… [--json FILE] [--format auto|sql|lua|helium]
//  [--keep-going]`: mutation testing of the oracles (harness/checks/mutate/). Prints killed /
// survived / equivalent counts per engine and every survivor; exit 0 when no mutant survives, 1
// when one does, 2 on infrastructure errors.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "runner/source_options.h"

namespace crucible {

struct MutateCommand {
  SourceOptions source;
  std::string json_file;
  bool keep_going = false;  // --keep-going: as verify's, so later migrations are mutated too

  CLI::App* add_to(CLI::App& app);
  int run() const;
};

}  // namespace crucible
