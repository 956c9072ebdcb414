// Merging the JSON reports of one run's shards (`crucible report a.json b.json …`) into the
// report one unsharded run would have written: the union of engines and results, each engine's
// results in migration version order.
#pragma once

#include <string>
#include <vector>

#include "harness/checks/result.h"

namespace crucible {

struct ReportFile {
  std::string path;
  Report report;
};

// Throws crucible::Error naming both files when they are not shards of one run: the same
// engine × migration × check with a different status (else the first is kept), the
// same engine on different server versions, or different migration folders.
Report merge_reports(const std::vector<ReportFile>& files);

}  // namespace crucible
